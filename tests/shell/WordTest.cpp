// Quoting, escapes, expansions, comments and line breaks inside words.
#include <catch2/catch.hpp>

#include "ShellTestSupport.h"

using namespace restage::shell;
using namespace restage::shell::test;

TEST_CASE("double quotes, single quotes and backslash escapes", "[shell][word]") {
    const std::string text = "echo \"a $B ${C:-d}\" 'e $f' g\\ h";
    const Script script = parse_shell(text);

    REQUIRE(script.ok());
    REQUIRE(script.commands.size() == 1);
    const auto& words = script.commands[0].words;
    REQUIRE(words.size() == 4);

    CHECK(words[1].text == "\"a $B ${C:-d}\"");
    CHECK(words[1].literal == "a $B ${C:-d}");
    CHECK(words[1].has_expansion);
    CHECK(words[1].variables == Argv{"B", "C"});

    CHECK(words[2].text == "'e $f'");
    CHECK(words[2].literal == "e $f");
    CHECK_FALSE(words[2].has_expansion);
    CHECK(words[2].variables.empty());

    CHECK(words[3].text == "g\\ h");
    CHECK(words[3].literal == "g h");
    CHECK(words[3].is_literal());

    for (const auto& word : words) CHECK(slice(text, word.begin, word.end) == word.text);
}

TEST_CASE("adjacent quoted parts form one word, blanks separate words", "[shell][word]") {
    const Script script = parse_shell("echo a\"b c\"'d'e \"x\" 'y'");

    REQUIRE(script.ok());
    CHECK(argv_literals(script.commands[0]) == Argv{"echo", "ab cde", "x", "y"});
}

TEST_CASE("escapes inside double quotes and ANSI-C quotes", "[shell][word]") {
    const Script script = parse_shell(R"(printf "x\"y" "\$HOME" "a\nb" $'t\tab\x41\'' \*)");

    REQUIRE(script.ok());
    const auto& words = script.commands[0].words;
    REQUIRE(words.size() == 6);
    CHECK(words[1].literal == "x\"y");
    CHECK(words[2].literal == "$HOME");
    CHECK_FALSE(words[2].has_expansion);  // escaped dollar
    CHECK(words[3].literal == "a\\nb");   // only $ ` " \ newline are escapable in "..."
    CHECK(words[4].literal == "t\tabA'");
    CHECK(words[5].literal == "*");
    CHECK_FALSE(words[5].has_glob);
}

TEST_CASE("parameter expansion forms and the variables they reference", "[shell][word]") {
    const Script script =
        parse_shell("echo ${A:-$B} ${#LEN} ${!REF} ${PATH//:/ } $1 \"$@\" ${10} $((X + $Y * 2)) ${V:-\"$W\"}");

    REQUIRE(script.ok());
    const auto& words = script.commands[0].words;
    REQUIRE(words.size() == 10);
    CHECK(words[1].variables == Argv{"A", "B"});
    CHECK(words[2].variables == Argv{"LEN"});
    CHECK(words[3].variables == Argv{"REF"});
    CHECK(words[4].variables == Argv{"PATH"});
    CHECK(words[4].literal == "${PATH//:/ }");
    for (size_t i : {5, 6, 7}) {
        CHECK(words[i].has_expansion);
        CHECK(words[i].variables.empty());  // positional and special parameters
    }
    CHECK(words[8].variables == Argv{"X", "Y"});
    CHECK(words[9].variables == Argv{"V", "W"});
    CHECK(script.variables() == Argv{"A", "B", "LEN", "REF", "PATH", "X", "Y", "V", "W"});
}

TEST_CASE("globs only when unquoted", "[shell][word]") {
    const Script script = parse_shell("ls *.c '*.h' \"?\" file[0-9] [ x ]");

    REQUIRE(script.ok());
    const auto& words = script.commands[0].words;
    REQUIRE(words.size() == 8);
    CHECK(words[1].has_glob);
    CHECK_FALSE(words[2].has_glob);
    CHECK_FALSE(words[3].has_glob);
    CHECK(words[4].has_glob);
    CHECK_FALSE(words[5].has_glob);  // a lone `[` is not a bracket expression
    CHECK(words[5].is_literal());
}

TEST_CASE("backquotes are parsed as nested commands with source offsets", "[shell][word]") {
    const std::string text = "echo `date +%s` \"v=`uname -m`\"";
    const Script script = parse_shell(text);

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"echo", "date", "uname"});
    CHECK(script.commands[0].words[1].has_expansion);
    CHECK(script.commands[0].words[1].literal == "`date +%s`");

    const SimpleCommand& date = script.commands[1];
    CHECK(argv_literals(date) == Argv{"date", "+%s"});
    CHECK(slice(text, date.begin, date.end) == "date +%s");
    CHECK(slice(text, date.words[1].begin, date.words[1].end) == "+%s");
    CHECK(script.scopes[date.scope].kind == ScopeKind::Backquote);
    CHECK(script.scopes[date.scope].parent == 0);

    const SimpleCommand& uname = script.commands[2];
    CHECK(slice(text, uname.begin, uname.end) == "uname -m");
}

TEST_CASE("command substitution inside double quotes keeps its commands", "[shell][word]") {
    const Script script = parse_shell("VERSION=\"$(git describe --tags 2>/dev/null || echo dev)\" make");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"make", "git", "echo"});
    const SimpleCommand& make = script.commands[0];
    REQUIRE(make.assignments.size() == 1);
    CHECK(make.assignments[0].name == "VERSION");
    CHECK(make.assignments[0].value.has_expansion);
    CHECK(script.commands[1].redirects.size() == 1);
    CHECK(script.commands[2].connector == Connector::Or);
    CHECK(script.commands[1].scope == script.commands[2].scope);
    CHECK(script.scopes[script.commands[1].scope].kind == ScopeKind::CommandSubstitution);
}

TEST_CASE("comments start only at a word start", "[shell][word]") {
    const Script script = parse_shell("echo a#b # a comment && rm -rf /\n# whole line\nurl=http://x/#frag ls");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"echo", "ls"});
    CHECK(argv_literals(script.commands[0]) == Argv{"echo", "a#b"});
    CHECK(script.commands[1].assignments.at(0).value.literal == "http://x/#frag");
    CHECK(script.commands[1].connector == Connector::Sequence);
}

TEST_CASE("line continuations and newlines", "[shell][word]") {
    const std::string text = "apt-get install -y \\\n    curl \\\n    git\nmake \\\n  all\nec\\\nho joined";
    const Script script = parse_shell(text);

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"apt-get", "make", "echo"});
    CHECK(argv_literals(script.commands[0]) == Argv{"apt-get", "install", "-y", "curl", "git"});
    CHECK(argv_literals(script.commands[1]) == Argv{"make", "all"});
    CHECK(script.commands[1].connector == Connector::Sequence);
    CHECK(script.commands[2].words[0].text == "ec\\\nho");
    CHECK(argv_literals(script.commands[2]) == Argv{"echo", "joined"});
}

TEST_CASE("CRLF line endings", "[shell][word]") {
    const Script script = parse_shell("apt-get update \\\r\n && apt-get install -y curl\r\necho done\r\n");

    REQUIRE(script.ok());
    REQUIRE(names(script) == Argv{"apt-get", "apt-get", "echo"});
    CHECK(argv_literals(script.commands[2]) == Argv{"echo", "done"});
}

TEST_CASE("reserved words are plain arguments after the command name", "[shell][word]") {
    const Script script = parse_shell("echo if then fi do done { } ! in case esac");

    REQUIRE(script.ok());
    REQUIRE(script.commands.size() == 1);
    CHECK(argv_literals(script.commands[0]) ==
          Argv{"echo", "if", "then", "fi", "do", "done", "{", "}", "!", "in", "case", "esac"});
}
