// if/for/while/case, groups, subshells and functions: inner commands are found.
#include <catch2/catch.hpp>

#include "ShellTestSupport.h"

using namespace restage::shell;
using namespace restage::shell::test;

TEST_CASE("if with test command and a branch", "[shell][compound]") {
    const Script script = parse_shell("if [ -f x ]; then make; fi");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"[", "make"});
    CHECK(argv_literals(script.commands[0]) == Argv{"[", "-f", "x", "]"});
    CHECK(script.commands[0].block == Block::IfCondition);
    CHECK(script.commands[1].block == Block::IfBranch);
    CHECK(script.commands[1].connector == Connector::First);
}

TEST_CASE("if, elif, else across lines", "[shell][compound]") {
    const Script script = parse_shell(
        "if [ \"$TARGETARCH\" = amd64 ]; then\n"
        "  ARCH=x86_64\n"
        "elif [ \"$TARGETARCH\" = arm64 ]; then ARCH=aarch64\n"
        "else\n"
        "  echo unsupported; exit 1\n"
        "fi && curl -fsSL \"https://x/${ARCH}.tar.gz\" | tar -xz");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"[", "", "[", "", "echo", "exit", "curl", "tar"});
    CHECK(script.commands[0].block == Block::IfCondition);
    CHECK(script.commands[1].block == Block::IfBranch);
    CHECK(script.commands[1].assignments.at(0).value.literal == "x86_64");
    CHECK(script.commands[2].block == Block::IfCondition);
    CHECK(script.commands[4].block == Block::IfBranch);
    CHECK(script.commands[5].connector == Connector::Sequence);
    CHECK(script.commands[6].block == Block::None);
    CHECK(script.commands[6].words[2].variables == Argv{"ARCH"});
    CHECK(script.commands[7].connector == Connector::Pipe);
    CHECK(script.variables() == Argv{"TARGETARCH", "ARCH"});
}

TEST_CASE("for loop over a glob", "[shell][compound]") {
    const Script script = parse_shell("for f in *.c; do gcc -c $f; done");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"gcc"});
    const SimpleCommand& gcc = script.commands[0];
    CHECK(gcc.block == Block::LoopBody);
    CHECK(argv_literals(gcc) == Argv{"gcc", "-c", "$f"});
    CHECK(gcc.words[2].has_expansion);
    CHECK(gcc.words[2].variables == Argv{"f"});
}

TEST_CASE("for loop list runs its command substitutions", "[shell][compound]") {
    const Script script = parse_shell("for p in $(cat packages.txt); do\n  pip install \"$p\"\ndone");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"cat", "pip"});
    CHECK(script.scopes[script.commands[0].scope].kind == ScopeKind::CommandSubstitution);
    CHECK(script.commands[1].block == Block::LoopBody);
}

TEST_CASE("while and until loops with redirected input", "[shell][compound]") {
    const Script script =
        parse_shell("while read -r pkg; do apk add \"$pkg\"; done < list.txt; until curl -f localhost; do sleep 1; done");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"read", "apk", "curl", "sleep"});
    CHECK(script.commands[0].block == Block::LoopCondition);
    CHECK(script.commands[1].block == Block::LoopBody);
    CHECK(script.commands[2].block == Block::LoopCondition);
    CHECK(script.commands[2].connector == Connector::Sequence);
    CHECK(script.commands[3].block == Block::LoopBody);
}

TEST_CASE("case with alternatives and a default branch", "[shell][compound]") {
    const Script script = parse_shell(
        "case \"$(uname -m)\" in\n"
        "  x86_64|amd64) arch=amd64 ;;\n"
        "  (aarch64) arch=arm64;;\n"
        "  *) echo \"unknown\" >&2; exit 1\n"
        "esac; echo $arch");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"uname", "", "", "echo", "exit", "echo"});
    CHECK(script.commands[1].block == Block::CaseBranch);
    CHECK(script.commands[1].assignments.at(0).value.literal == "amd64");
    CHECK(script.commands[3].redirects.at(0).fd == std::nullopt);
    CHECK(script.commands[3].redirects.at(0).target.literal == "2");
    CHECK(script.commands[5].block == Block::None);
    CHECK(script.commands[5].connector == Connector::Sequence);
}

TEST_CASE("brace group and subshell", "[shell][compound]") {
    const Script script = parse_shell("{ cd /tmp; make; } > log 2>&1 && (cd sub; make) || true");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"cd", "make", "cd", "make", "true"});
    CHECK(connectors(script) == std::vector{Connector::First, Connector::Sequence, Connector::And,
                                            Connector::Sequence, Connector::Or});
    CHECK(script.commands[0].scope == 0);  // a group shares the shell
    CHECK(script.commands[0].redirects.empty());  // the group's redirection is not the command's
    const size_t sub = script.commands[2].scope;
    CHECK(script.scopes[sub].kind == ScopeKind::Subshell);
    CHECK(script.commands[3].scope == sub);
    CHECK(script.commands[4].scope == 0);
}

TEST_CASE("function definition and call", "[shell][compound]") {
    const Script script = parse_shell("retry() { for i in 1 2 3; do \"$@\" && return 0; sleep $i; done; }\nretry make");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"", "return", "sleep", "retry"});
    CHECK(script.commands[0].block == Block::LoopBody);  // innermost construct
    CHECK(script.commands[0].words.at(0).literal == "$@");
    CHECK(script.commands[3].block == Block::None);
    CHECK(argv_literals(script.commands[3]) == Argv{"retry", "make"});
}

TEST_CASE("negated pipelines and background lists", "[shell][compound]") {
    const Script script = parse_shell("! grep -q x f && sleep 10 & wait");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"grep", "sleep", "wait"});
    const size_t background = script.commands[0].scope;
    CHECK(script.scopes[background].kind == ScopeKind::Background);
    CHECK(script.commands[1].scope == background);
    CHECK(script.commands[2].scope == 0);
    CHECK(script.commands[2].connector == Connector::Background);
}
