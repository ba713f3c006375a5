// Connectors and scopes: enough to follow `cd DIR && ...` the way a caller would.
#include <catch2/catch.hpp>

#include <map>
#include <optional>

#include "ShellTestSupport.h"

using namespace restage::shell;
using namespace restage::shell::test;

namespace {

// The working directory each command runs in, as an analysis would compute
// it: a cd changes the directory of its own scope; a new scope starts from its
// parent's directory at that point; unknown (expanded) targets give nullopt.
std::vector<std::optional<std::string>> working_directories(const Script& script, const std::string& start) {
    std::map<size_t, std::optional<std::string>> cwd{{0, start}};
    std::vector<std::optional<std::string>> result;
    auto directory_of = [&](size_t scope, auto&& self) -> std::optional<std::string>& {
        auto found = cwd.find(scope);
        if (found != cwd.end()) return found->second;
        return cwd[scope] = self(script.scopes[scope].parent, self);
    };
    for (const auto& command : script.commands) {
        auto& here = directory_of(command.scope, directory_of);
        result.push_back(here);
        if (const Word* target = cd_target(command)) {
            if (target->has_expansion || !here) {
                here.reset();
            } else if (!target->literal.empty() && target->literal.front() == '/') {
                here = target->literal;
            } else {
                here = *here + "/" + target->literal;
            }
        }
    }
    return result;
}

}  // namespace

TEST_CASE("cd effects follow scopes: subshells and pipeline stages are isolated", "[shell][structure]") {
    const Script script = parse_shell(
        "cd /src && make; (cd sub && make test); make install | tee log; cd \"$OUT\"; ls");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"cd", "make", "cd", "make", "make", "tee", "cd", "ls"});
    const auto dirs = working_directories(script, "/");
    CHECK(dirs[1] == "/src");
    CHECK(dirs[3] == "/src/sub");
    CHECK(dirs[4] == "/src");  // the subshell's cd did not leak
    CHECK(dirs[5] == "/src");
    CHECK(dirs[7] == std::nullopt);  // cd to an expansion: unknown

    CHECK(script.within(script.commands[3].scope, 0));
    CHECK_FALSE(script.within(0, script.commands[3].scope));
    CHECK(script.scopes[script.commands[4].scope].kind == ScopeKind::PipelineStage);
    CHECK(script.commands[4].scope != script.commands[5].scope);
}

TEST_CASE("set -eux; (cd sub && make) | tee log 2>&1", "[shell][structure]") {
    const std::string text = "set -eux; (cd sub && make) | tee log 2>&1";
    const Script script = parse_shell(text);

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"set", "cd", "make", "tee"});
    CHECK(argv_literals(script.commands[0]) == Argv{"set", "-eux"});
    CHECK(connectors(script) ==
          std::vector{Connector::First, Connector::Sequence, Connector::And, Connector::Pipe});

    const Scope& subshell = script.scopes[script.commands[1].scope];
    CHECK(subshell.kind == ScopeKind::Subshell);
    CHECK(slice(text, subshell.begin, subshell.end) == "(cd sub && make)");
    CHECK(script.scopes[subshell.parent].kind == ScopeKind::PipelineStage);
    CHECK(script.commands[2].scope == script.commands[1].scope);

    const SimpleCommand& tee = script.commands[3];
    CHECK(argv_literals(tee) == Argv{"tee", "log"});
    REQUIRE(tee.redirects.size() == 1);
    CHECK(tee.redirects[0].fd == 2);
    CHECK(tee.redirects[0].op == ">&");
    CHECK(tee.redirects[0].target.literal == "1");
    CHECK(slice(text, tee.redirects[0].begin, tee.redirects[0].end) == "2>&1");

    const auto dirs = working_directories(script, "/app");
    CHECK(dirs[2] == "/app/sub");
    CHECK(dirs[3] == "/app");
}

TEST_CASE("connectors across newlines and operators at line ends", "[shell][structure]") {
    const Script script = parse_shell("a &&\n  b ||\n  c |\n  d\ne\n\n\nf &\ng");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"a", "b", "c", "d", "e", "f", "g"});
    CHECK(connectors(script) == std::vector{Connector::First, Connector::And, Connector::Or, Connector::Pipe,
                                            Connector::Sequence, Connector::Sequence, Connector::Background});
}

TEST_CASE("commands are reported in source order with nested ones after their parent", "[shell][structure]") {
    const std::string text = "echo $(a $(b) `c`) <(d) && e";
    const Script script = parse_shell(text);

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"echo", "a", "b", "c", "d", "e"});
    for (size_t i = 1; i < script.commands.size(); ++i) {
        CHECK(script.commands[i - 1].begin < script.commands[i].begin);
    }
    const Scope& b = script.scopes[script.commands[2].scope];
    CHECK(b.kind == ScopeKind::CommandSubstitution);
    CHECK(b.parent == script.commands[1].scope);
    CHECK(script.scopes[script.commands[3].scope].kind == ScopeKind::Backquote);
    CHECK(script.scopes[script.commands[4].scope].kind == ScopeKind::ProcessSubstitution);
    CHECK(script.commands[5].connector == Connector::And);
}
