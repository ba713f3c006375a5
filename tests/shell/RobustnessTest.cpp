// Bad input: errors with offsets, recovery, no crash, no hang.
#include <catch2/catch.hpp>

#include <random>
#include <thread>

#include "ShellTestSupport.h"

using namespace restage::shell;
using namespace restage::shell::test;

namespace {

void check_offsets_within(const Script& script, size_t size) {
    for (const auto& error : script.errors) CHECK(error.offset <= size);
    for (const auto& command : script.commands) {
        CHECK(command.begin <= command.end);
        CHECK(command.end <= size);
        for (const auto& word : command.words) CHECK(word.end <= size);
    }
}

}  // namespace

TEST_CASE("unterminated quotes are errors at a useful offset", "[shell][errors]") {
    SECTION("double quote") {
        const std::string text = "echo \"abc && make";
        const Script script = parse_shell(text);
        REQUIRE(script.errors.size() == 1);
        CHECK(script.errors[0].offset == text.size());
        CHECK(script.errors[0].message == "unexpected end of text, expected closing '\"'");
        REQUIRE(names(script) == Argv{"echo"});
    }
    SECTION("single quote") {
        const Script script = parse_shell("echo 'abc; make");
        REQUIRE(script.errors.size() == 1);
        CHECK(script.errors[0].offset == 5);
        CHECK(script.errors[0].message == "unterminated single quote");
    }
    SECTION("backquote") {
        const Script script = parse_shell("echo `date");
        REQUIRE_FALSE(script.ok());
        CHECK(script.errors[0].message == "unterminated backquote");
    }
    SECTION("parameter expansion") {
        const Script script = parse_shell("echo ${HOME");
        REQUIRE_FALSE(script.ok());
        CHECK(script.errors[0].message == "unexpected end of text, expected '}' closing '${'");
    }
}

TEST_CASE("missing closers keep the commands already read", "[shell][errors]") {
    const Script missing_fi = parse_shell("if true; then make");
    REQUIRE(missing_fi.errors.size() == 1);
    CHECK(missing_fi.errors[0].message == "unexpected end of text, expected 'fi'");
    CHECK(names(missing_fi) == Argv{"true", "make"});

    const Script missing_paren = parse_shell("(cd x && make");
    REQUIRE(missing_paren.errors.size() == 1);
    CHECK(missing_paren.errors[0].message == "unexpected end of text, expected ')'");
    CHECK(names(missing_paren) == Argv{"cd", "make"});

    const Script missing_done = parse_shell("for x in a b; echo $x; done");
    REQUIRE_FALSE(missing_done.ok());
    CHECK(missing_done.errors[0].offset == 14);
    CHECK(missing_done.errors[0].message == "unexpected 'echo', expected 'do'");
}

TEST_CASE("stray tokens are reported and the rest is still read", "[shell][errors]") {
    const Script stray_fi = parse_shell("fi; apt-get update");
    REQUIRE(stray_fi.errors.size() == 1);
    CHECK(stray_fi.errors[0].offset == 0);
    CHECK(names(stray_fi) == Argv{"apt-get"});

    const Script stray_paren = parse_shell("make ) && make install");
    REQUIRE(stray_paren.errors.size() == 1);
    CHECK(stray_paren.errors[0].offset == 5);
    CHECK(stray_paren.errors[0].message == "unexpected ')' (nothing to close)");
    CHECK(names(stray_paren) == Argv{"make", "make"});

    const Script doubled = parse_shell("a && && b; c | | d");
    REQUIRE(doubled.errors.size() == 2);
    CHECK(doubled.errors[0].offset == 5);
    CHECK(doubled.errors[0].message == "unexpected '&&', expected a word");
    CHECK(doubled.errors[1].offset == 15);
    CHECK(names(doubled) == Argv{"a", "b", "c", "d"});

    const Script dangling = parse_shell("echo >");
    REQUIRE(dangling.errors.size() == 1);
    CHECK(dangling.errors[0].message == "unexpected end of text, expected a word");
}

TEST_CASE("binary input never crashes and offsets stay in range", "[shell][robustness]") {
    std::mt19937 random(42);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int round = 0; round < 50; ++round) {
        std::string text(2000, '\0');
        for (auto& c : text) c = static_cast<char>(byte(random));
        const Script script = parse_shell(text);
        check_offsets_within(script, text.size());
    }
    const std::string invalid_utf8 = "echo \xff\xfe \xc0\xaf \"\x80\" && ls";
    const Script script = parse_shell(invalid_utf8);
    CHECK(script.ok());
    CHECK(names(script) == Argv{"echo", "ls"});
    CHECK(script.commands[0].words[1].literal == "\xff\xfe");
}

TEST_CASE("shell-ish fuzz never crashes", "[shell][robustness]") {
    static const char* const kPieces[] = {"a", " ", "\n", "'", "\"", "`", "$", "${", "}", "$(", "(", ")", "$((",
                                          "))", "&&", "||", "|", ";", ";;", "&", "<<", ">", "2>&1", "\\", "#",
                                          "if", "then", "fi", "for", "in", "do", "done", "case", "esac", "{",
                                          "=", "x=", "*"};
    std::mt19937 random(7);
    std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
    for (int round = 0; round < 300; ++round) {
        std::string text;
        for (int i = 0; i < 60; ++i) text += kPieces[pick(random)];
        const Script script = parse_shell(text);
        check_offsets_within(script, text.size());
    }
}

TEST_CASE("megabyte inputs and deep nesting are handled", "[shell][robustness]") {
    SECTION("one huge word") {
        const std::string text = "echo " + std::string(1 << 20, 'a');
        const Script script = parse_shell(text);
        REQUIRE(script.ok());
        REQUIRE(script.commands.size() == 1);
        CHECK(script.commands[0].words[1].literal.size() == (1u << 20));
    }
    SECTION("unterminated quote over a megabyte") {
        const Script script = parse_shell("echo '" + std::string(1 << 20, 'x'));
        CHECK(script.errors.size() == 1);
    }
    SECTION("nesting is capped with a diagnostic") {
        const std::string text = "echo " + std::string(200000, '(');
        const Script script = parse_shell(text);
        REQUIRE_FALSE(script.ok());
        bool capped = false;
        for (const auto& error : script.errors) capped = capped || error.message.find("nesting") != std::string::npos;
        CHECK(capped);
    }
    SECTION("deep command substitutions") {
        std::string text = "echo ";
        for (int i = 0; i < 100000; ++i) text += "\"$(";
        const Script script = parse_shell(text);
        CHECK_FALSE(script.ok());
        check_offsets_within(script, text.size());
    }
    SECTION("many commands") {
        std::string text;
        for (int i = 0; i < 5000; ++i) text += "cmd" + std::to_string(i) + " --flag=$V && ";
        text += "done_";
        const Script script = parse_shell(text);
        REQUIRE(script.ok());
        CHECK(script.commands.size() == 5001);
        CHECK(script.commands.back().name() == "done_");
    }
}

TEST_CASE("parsing is repeatable and thread-safe", "[shell][robustness]") {
    const std::string text = "cd /a && make -j$(nproc) || { echo failed; exit 1; }";
    const Script reference = parse_shell(text);
    REQUIRE(reference.ok());
    REQUIRE(names(reference) == Argv{"cd", "make", "nproc", "echo", "exit"});

    std::vector<std::thread> threads;
    std::vector<int> matches(4, 0);
    for (size_t t = 0; t < matches.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const Script again = parse_shell(i % 2 == 0 ? text : "if x; then y; fi");
                if (i % 2 == 0 && names(again) == names(reference)) ++matches[t];
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (int count : matches) CHECK(count == 100);
}

TEST_CASE("empty and whitespace-only input", "[shell][robustness]") {
    for (const char* text : {"", " ", "\n\n", "  # only a comment", "\\\n"}) {
        const Script script = parse_shell(text);
        CHECK(script.ok());
        CHECK(script.commands.empty());
        REQUIRE(script.scopes.size() == 1);
        CHECK(script.scopes[0].kind == ScopeKind::Script);
    }
}
