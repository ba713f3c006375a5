// Simple commands as they appear in Dockerfile RUN lines.
#include <catch2/catch.hpp>

#include "ShellTestSupport.h"

using namespace restage::shell;
using namespace restage::shell::test;

TEST_CASE("apt-get update, install and cleanup chain", "[shell][command]") {
    const std::string text =
        "apt-get update && apt-get install -y --no-install-recommends libssl-dev gcc && rm -rf /var/lib/apt/lists/*";
    const Script script = parse_shell(text);

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"apt-get", "apt-get", "rm"});
    CHECK(argv_literals(script.commands[0]) == Argv{"apt-get", "update"});
    CHECK(argv_literals(script.commands[1]) ==
          Argv{"apt-get", "install", "-y", "--no-install-recommends", "libssl-dev", "gcc"});
    CHECK(argv_literals(script.commands[2]) == Argv{"rm", "-rf", "/var/lib/apt/lists/*"});
    CHECK(connectors(script) == std::vector{Connector::First, Connector::And, Connector::And});

    const Word& lists = script.commands[2].words[2];
    CHECK(lists.has_glob);
    CHECK_FALSE(lists.has_expansion);
    CHECK_FALSE(lists.is_literal());
    CHECK(slice(text, lists.begin, lists.end) == "/var/lib/apt/lists/*");
    CHECK(slice(text, script.commands[1].begin, script.commands[1].end) ==
          "apt-get install -y --no-install-recommends libssl-dev gcc");
    for (const auto& command : script.commands) {
        CHECK(command.scope == 0);
        CHECK(command.block == Block::None);
    }
}

TEST_CASE("cd build && cmake && make with a command substitution", "[shell][command]") {
    const std::string text = "cd build && cmake .. && make -j$(nproc) && make install";
    const Script script = parse_shell(text);

    REQUIRE(script.ok());
    // The substitution's command follows the command that contains it.
    REQUIRE(names(script) == Argv{"cd", "cmake", "make", "nproc", "make"});
    CHECK(connectors(script) ==
          std::vector{Connector::First, Connector::And, Connector::And, Connector::First, Connector::And});

    const Word* dir = cd_target(script.commands[0]);
    REQUIRE(dir != nullptr);
    CHECK(dir->literal == "build");

    const Word& jobs = script.commands[2].words[1];
    CHECK(jobs.text == "-j$(nproc)");
    CHECK(jobs.literal == "-j$(nproc)");
    CHECK(jobs.has_expansion);
    CHECK(jobs.variables.empty());

    const SimpleCommand& nproc = script.commands[3];
    REQUIRE(nproc.scope != 0);
    CHECK(script.scopes[nproc.scope].kind == ScopeKind::CommandSubstitution);
    CHECK(script.scopes[nproc.scope].parent == 0);
    CHECK(slice(text, script.scopes[nproc.scope].begin, script.scopes[nproc.scope].end) == "$(nproc)");
    CHECK(script.commands[4].scope == 0);
    CHECK(argv_literals(script.commands[4]) == Argv{"make", "install"});
}

TEST_CASE("go build with output path and package", "[shell][command]") {
    const Script script = parse_shell("go build -o /out/app ./cmd/app");

    REQUIRE(script.ok());
    REQUIRE(script.commands.size() == 1);
    CHECK(script.commands[0].name() == "go");
    CHECK(argv_literals(script.commands[0]) == Argv{"go", "build", "-o", "/out/app", "./cmd/app"});
    CHECK(script.commands[0].assignments.empty());
    CHECK(script.commands[0].redirects.empty());
}

TEST_CASE("environment assignments before go build, quoted ldflags", "[shell][command]") {
    const std::string text = "CGO_ENABLED=0 GOOS=linux go build -ldflags=\"-s -w\" -o app .";
    const Script script = parse_shell(text);

    REQUIRE(script.ok());
    REQUIRE(script.commands.size() == 1);
    const SimpleCommand& go = script.commands[0];
    REQUIRE(go.assignments.size() == 2);
    CHECK(go.assignments[0].name == "CGO_ENABLED");
    CHECK(go.assignments[0].value.literal == "0");
    CHECK(go.assignments[1].name == "GOOS");
    CHECK(go.assignments[1].value.literal == "linux");
    CHECK(slice(text, go.assignments[1].value.begin, go.assignments[1].value.end) == "linux");
    CHECK_FALSE(go.assignments[1].append);

    CHECK(go.name() == "go");
    CHECK(argv_literals(go) == Argv{"go", "build", "-ldflags=-s -w", "-o", "app", "."});
    CHECK(go.words[2].text == "-ldflags=\"-s -w\"");
    CHECK(slice(text, go.words[2].begin, go.words[2].end) == go.words[2].text);
    CHECK(go.words[2].is_literal());
}

TEST_CASE("npm ci && npm run build", "[shell][command]") {
    const Script script = parse_shell("npm ci && npm run build");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"npm", "npm"});
    CHECK(argv_literals(script.commands[0]) == Argv{"npm", "ci"});
    CHECK(argv_literals(script.commands[1]) == Argv{"npm", "run", "build"});
    CHECK(script.commands[1].connector == Connector::And);
}

TEST_CASE("assignment-looking arguments and bare assignments", "[shell][command]") {
    const Script script = parse_shell("make CC=gcc PREFIX+=/usr; A=1 B+=2; X=\"$HOME/bin\":$PATH env");

    REQUIRE(script.ok());
    REQUIRE(script.commands.size() == 3);

    const SimpleCommand& make = script.commands[0];
    CHECK(make.assignments.empty());
    CHECK(argv_literals(make) == Argv{"make", "CC=gcc", "PREFIX+=/usr"});

    const SimpleCommand& bare = script.commands[1];
    CHECK(bare.words.empty());
    CHECK(bare.name().empty());
    REQUIRE(bare.assignments.size() == 2);
    CHECK(bare.assignments[1].name == "B");
    CHECK(bare.assignments[1].append);
    CHECK(bare.assignments[1].value.literal == "2");

    const SimpleCommand& env = script.commands[2];
    REQUIRE(env.assignments.size() == 1);
    CHECK(env.assignments[0].name == "X");
    CHECK(env.assignments[0].value.text == "\"$HOME/bin\":$PATH");
    CHECK(env.assignments[0].value.has_expansion);
    CHECK(env.assignments[0].value.variables == Argv{"HOME", "PATH"});
    CHECK(env.name() == "env");
}

TEST_CASE("redirections with fd prefixes, heredocs and here-strings", "[shell][command]") {
    const Script script =
        parse_shell("cat <<EOF > /etc/conf; cat <<-'END' 2>>err.log; tr a b <<< \"$x\" &>/dev/null 3>&- >|f");

    REQUIRE(script.ok());
    REQUIRE(script.commands.size() == 3);

    const auto& first = script.commands[0].redirects;
    REQUIRE(first.size() == 2);
    CHECK(first[0].op == "<<");
    CHECK(first[0].is_heredoc());
    CHECK(first[0].target.literal == "EOF");
    CHECK(first[1].op == ">");
    CHECK_FALSE(first[1].fd.has_value());
    CHECK(first[1].target.literal == "/etc/conf");

    const auto& second = script.commands[1].redirects;
    REQUIRE(second.size() == 2);
    CHECK(second[0].op == "<<-");
    CHECK(second[0].target.literal == "END");
    CHECK(second[0].target.text == "'END'");
    CHECK(second[1].op == ">>");
    CHECK(second[1].fd == 2);

    const SimpleCommand& tr = script.commands[2];
    CHECK(argv_literals(tr) == Argv{"tr", "a", "b"});
    REQUIRE(tr.redirects.size() == 4);
    CHECK(tr.redirects[0].op == "<<<");
    CHECK(tr.redirects[0].target.variables == Argv{"x"});
    CHECK(tr.redirects[1].op == "&>");
    CHECK(tr.redirects[1].target.literal == "/dev/null");
    CHECK(tr.redirects[2].op == ">&");
    CHECK(tr.redirects[2].fd == 3);
    CHECK(tr.redirects[2].target.literal == "-");
    CHECK(tr.redirects[3].op == ">|");
}

TEST_CASE("cd_target skips options and handles cd without a directory", "[shell][command]") {
    const Script script = parse_shell("cd -P -- /srv/app; cd; cd \"$WORKDIR\"; echo cd");

    REQUIRE(script.commands.size() == 4);
    REQUIRE(cd_target(script.commands[0]) != nullptr);
    CHECK(cd_target(script.commands[0])->literal == "/srv/app");
    CHECK(cd_target(script.commands[1]) == nullptr);
    REQUIRE(cd_target(script.commands[2]) != nullptr);
    CHECK(cd_target(script.commands[2])->has_expansion);
    CHECK(cd_target(script.commands[2])->variables == Argv{"WORKDIR"});
    CHECK(cd_target(script.commands[3]) == nullptr);
}
