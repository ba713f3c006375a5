// Unit tests of syntax/BuildKit.h: BuildKit's reading of one logical line
// (parseWords, extractBuilderFlags, the JSON form, heredoc detection, parser
// directives), each value checked with the span it was read from.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "syntax/BuildKit.h"

using namespace restage::syntax;

namespace {

std::vector<std::string> values(const std::vector<LineValue>& vs) {
  std::vector<std::string> out;
  for (const auto& v : vs) out.push_back(v.value);
  return out;
}

std::string_view spanText(std::string_view line, Span s) { return line.substr(s.begin, s.end - s.begin); }

using Strings = std::vector<std::string>;

}  // namespace

// ------------------------------------------------------------ parseWords

TEST_CASE("parseWords: splits on blanks, keeps quotes and escapes", "[unit][buildkit]") {
  std::string_view line = "a=b  c=\"d e\" f='g h' i=j\\ k";
  auto words = parseWords(line, '\\');
  CHECK(values(words) == Strings{"a=b", "c=\"d e\"", "f='g h'", "i=j\\ k"});
  REQUIRE(words.size() == 4);
  CHECK(spanText(line, words[0].span) == "a=b");
  CHECK(spanText(line, words[1].span) == "c=\"d e\"");
  CHECK(spanText(line, words[3].span) == "i=j\\ k");
}

TEST_CASE("parseWords: empty quotes make a word, a trailing escape is dropped", "[unit][buildkit]") {
  CHECK(values(parseWords("a \"\" ''", '\\')) == Strings{"a", "\"\"", "''"});
  CHECK(values(parseWords("ab\\", '\\')) == Strings{"ab"});
  CHECK(values(parseWords("   ", '\\')).empty());
  CHECK(values(parseWords("", '\\')).empty());
  // Unicode blanks split too (unicode.IsSpace).
  CHECK(values(parseWords("a\xC2\xA0" "b", '\\')) == Strings{"a", "b"});
}

TEST_CASE("parseWords: escape inside quotes", "[unit][buildkit]") {
  // In double quotes the escape and the next character are both kept.
  CHECK(values(parseWords("a=\"x\\\" y\"", '\\')) == Strings{"a=\"x\\\" y\""});
  // Single quotes do not escape: the quote after the backslash closes them.
  CHECK(values(parseWords("a='x\\' y", '\\')) == Strings{"a='x\\'", "y"});
  // The backtick escape.
  CHECK(values(parseWords("a=x` y b\\ c", '`')) == Strings{"a=x` y", "b\\", "c"});
}

// ---------------------------------------------------- extractBuilderFlags

TEST_CASE("extractBuilderFlags: leading --flags only", "[unit][buildkit][flags]") {
  std::string_view line = "--from=build --link  src dst";
  std::size_t rest = 0;
  auto flags = extractBuilderFlags(line, rest);
  CHECK(values(flags) == Strings{"--from=build", "--link"});
  CHECK(line.substr(rest) == "src dst");
  REQUIRE(flags.size() == 2);
  CHECK(spanText(line, flags[1].span) == "--link");

  rest = 99;
  CHECK(extractBuilderFlags("-x y", rest).empty());
  CHECK(rest == 0);

  rest = 99;
  CHECK(values(extractBuilderFlags("--only", rest)) == Strings{"--only"});
  CHECK(rest == 6);

  rest = 99;
  CHECK(extractBuilderFlags("", rest).empty());
}

TEST_CASE("extractBuilderFlags: quotes, escapes and --", "[unit][buildkit][flags]") {
  std::string_view line = "--chown=\"a b\" --x='c d' --y=e\\ f -- --z g";
  std::size_t rest = 0;
  auto flags = extractBuilderFlags(line, rest);
  CHECK(values(flags) == Strings{"--chown=a b", "--x=c d", "--y=e f"});
  REQUIRE(flags.size() == 3);
  CHECK(spanText(line, flags[0].span) == "--chown=\"a b\"");
  CHECK(spanText(line, flags[2].span) == "--y=e\\ f");
  CHECK(line.substr(rest) == " --z g");

  // A trailing -- is not a flag.
  std::size_t r2 = 0;
  CHECK(values(extractBuilderFlags("--a --", r2)) == Strings{"--a"});
  // An empty quoted value is kept.
  std::size_t r3 = 0;
  CHECK(values(extractBuilderFlags("--a=\"\" b", r3)) == Strings{"--a="});
}

// ------------------------------------------------------------ parseJsonArray

TEST_CASE("parseJsonArray: Go encoding/json acceptance", "[unit][buildkit][json]") {
  std::vector<LineValue> out;
  CHECK(parseJsonArray("[\"a\", \"b\"]", out) == JsonArrayResult::Valid);
  CHECK(values(out) == Strings{"a", "b"});
  REQUIRE(out.size() == 2);
  CHECK(out[1].span.begin == 6);
  CHECK(out[1].span.end == 9);

  out.clear();
  CHECK(parseJsonArray("[]", out) == JsonArrayResult::Valid);
  CHECK(out.empty());
  CHECK(parseJsonArray(" [ \"x\" ] \n", out) == JsonArrayResult::Valid);
  CHECK(values(out) == Strings{"x"});

  for (std::string_view bad : {"['a']", "[\"a\",]", "[\"a\"] x", "[\"a\"", "[", "[\"\\x\"]",
                               "[\"a\tb\"]", "[01]", "[1,", "[\"a\" \"b\"]", "", "\"a\""}) {
    INFO(bad);
    std::vector<LineValue> v;
    CHECK(parseJsonArray(bad, v) == JsonArrayResult::NotJson);
  }
  for (std::string_view notStrings : {"[1]", "[[\"a\"]]", "[null]", "[true, \"a\"]", "[{\"a\":1}]",
                                      "[\"a\", -1.5e3]", "[[]]"}) {
    INFO(notStrings);
    std::vector<LineValue> v;
    CHECK(parseJsonArray(notStrings, v) == JsonArrayResult::NotStringArray);
  }
}

TEST_CASE("parseJsonArray: string escapes and invalid UTF-8", "[unit][buildkit][json]") {
  std::vector<LineValue> out;
  REQUIRE(parseJsonArray(R"(["\u0041\/\\\"\b\f\n\r\t", "\ud83d\ude00", "\ud800", "\udc00x"])", out) ==
          JsonArrayResult::Valid);
  REQUIRE(out.size() == 4);
  CHECK(out[0].value == "A/\\\"\b\f\n\r\t");
  CHECK(out[1].value == "\xF0\x9F\x98\x80");
  CHECK(out[2].value == "\xEF\xBF\xBD");   // a lone surrogate decodes as U+FFFD
  CHECK(out[3].value == "\xEF\xBF\xBDx");
  out.clear();
  // Go replaces invalid UTF-8 in strings with U+FFFD.
  REQUIRE(parseJsonArray("[\"a\xff" "b\"]", out) == JsonArrayResult::Valid);
  CHECK(out[0].value == "a\xEF\xBF\xBD" "b");
}

// ----------------------------------------------------------------- parseLine

TEST_CASE("parseLine: command, flags and argument spans", "[unit][buildkit]") {
  std::string_view line = "  COPY --from=a  x y  ";
  LineNode node;
  LineError error;
  REQUIRE(parseLine(line, '\\', node, error));
  CHECK(node.cmd == "copy");
  CHECK(spanText(line, node.cmdSpan) == "COPY");
  CHECK(values(node.flags) == Strings{"--from=a"});
  CHECK(spanText(line, node.argsSpan) == "x y");
  CHECK(values(node.values) == Strings{"x", "y"});
  CHECK(spanText(line, node.values[1].span) == "y");
  CHECK_FALSE(node.json);
}

TEST_CASE("parseLine: errors and their spans", "[unit][buildkit][errors]") {
  LineNode node;
  LineError error;
  std::string_view env = "ENV a=b c";
  REQUIRE_FALSE(parseLine(env, '\\', node, error));
  CHECK(error.message == "Syntax error - can't find = in \"c\". Must be of the form: name=value");
  CHECK(spanText(env, error.span) == "c");

  LineNode n2;
  std::string_view cmd = "CMD  [1, 2]";
  REQUIRE_FALSE(parseLine(cmd, '\\', n2, error));
  CHECK(error.message == "JSON array must contain only strings");
  CHECK(error.span.begin == 5);
}

TEST_CASE("parseLine: ONBUILD child and HEALTHCHECK", "[unit][buildkit]") {
  std::string_view line = "ONBUILD ADD --chown=1 a b";
  LineNode node;
  LineError error;
  REQUIRE(parseLine(line, '\\', node, error));
  CHECK(node.cmd == "onbuild");
  CHECK(node.flags.empty());
  REQUIRE(node.child);
  CHECK(node.child->cmd == "add");
  CHECK(spanText(line, node.child->cmdSpan) == "ADD");
  CHECK(values(node.child->flags) == Strings{"--chown=1"});
  CHECK(spanText(line, node.child->flags[0].span) == "--chown=1");
  CHECK(values(node.child->values) == Strings{"a", "b"});
  CHECK(spanText(line, node.child->values[1].span) == "b");

  LineNode h;
  std::string_view hc = "HEALTHCHECK --retries=2 CMD   [\"a\"]";
  REQUIRE(parseLine(hc, '\\', h, error));
  CHECK(values(h.flags) == Strings{"--retries=2"});
  CHECK(values(h.values) == Strings{"CMD", "a"});
  CHECK(h.json);
  CHECK(spanText(hc, h.values[1].span) == "\"a\"");
}

// ------------------------------------------------------------ heredocsForLine

TEST_CASE("heredocsForLine: detection", "[unit][buildkit][heredoc]") {
  auto docs = heredocsForLine("RUN <<EOF 3<<-'B' <<\"C\" << D");
  REQUIRE(docs.size() == 4);
  CHECK(docs[0].name == "EOF");
  CHECK(docs[0].expand);
  CHECK_FALSE(docs[0].chomp);
  CHECK(docs[0].fd == 0);
  CHECK(docs[1].name == "B");
  CHECK(docs[1].fd == 3);
  CHECK(docs[1].chomp);
  CHECK_FALSE(docs[1].expand);
  CHECK(docs[2].name == "C");
  CHECK_FALSE(docs[2].expand);
  CHECK(docs[3].name == "D");
  std::string_view line = "RUN <<EOF 3<<-'B' <<\"C\" << D";
  CHECK(spanText(line, docs[1].span) == "3<<-'B'");
  CHECK(spanText(line, docs[3].span) == "<< D");

  CHECK(heredocsForLine("COPY <<a <<b /d/").size() == 2);
  CHECK(heredocsForLine("ADD <<x /x").size() == 1);
  CHECK(heredocsForLine("onbuild run <<x").size() == 1);
  CHECK(heredocsForLine("run <<x'y'z").at(0).name == "xyz");
  CHECK_FALSE(heredocsForLine("run <<x'y'z").at(0).expand);
  CHECK(heredocsForLine("RUN <<\\EOF").at(0).name == "EOF");
  CHECK(heredocsForLine("RUN <<$EOF").at(0).name == "$EOF");
}

TEST_CASE("heredocsForLine: not heredocs", "[unit][buildkit][heredoc]") {
  CHECK(heredocsForLine("RUN [\"<<EOF\"]").empty());
  CHECK(heredocsForLine("RUN echo \"<<EOF\"").empty());
  CHECK(heredocsForLine("RUN echo '<<EOF'").empty());
  CHECK(heredocsForLine("RUN echo \\<<EOF").empty());
  CHECK(heredocsForLine("USER <<EOF").empty());
  CHECK(heredocsForLine("CMD <<EOF").empty());
  CHECK(heredocsForLine("ONBUILD CMD <<EOF").empty());
  CHECK(heredocsForLine("RUN a<<EOF").empty());
  CHECK(heredocsForLine("RUN <<<EOF").empty());
  CHECK(heredocsForLine("RUN <<").empty());
  CHECK(heredocsForLine("RUN echo hi").empty());
  CHECK(heredocsForLine("ENV a=<<EOF").empty());
}

TEST_CASE("isHeredocTerminator", "[unit][buildkit][heredoc]") {
  HeredocSpec plain{"EOF", true, false, 0, {}};
  HeredocSpec chomp{"EOF", true, true, 0, {}};
  CHECK(isHeredocTerminator("EOF\n", plain));
  CHECK(isHeredocTerminator("EOF", plain));
  CHECK(isHeredocTerminator("EOF\r\n", plain));
  CHECK_FALSE(isHeredocTerminator("\tEOF\n", plain));
  CHECK_FALSE(isHeredocTerminator("EOF \n", plain));
  CHECK_FALSE(isHeredocTerminator(" EOF\n", chomp));
  CHECK(isHeredocTerminator("\t\tEOF\n", chomp));
  CHECK_FALSE(isHeredocTerminator("eof\n", plain));
}

// ------------------------------------------------------------ directives

TEST_CASE("parseDirectiveLine: the directive regex", "[unit][buildkit][directives]") {
  auto d = parseDirectiveLine("# syntax = docker/dockerfile:1  ");
  REQUIRE(d);
  CHECK(d->name == "syntax");
  CHECK(d->value == "docker/dockerfile:1");

  auto e = parseDirectiveLine("#ESCAPE=`");
  REQUIRE(e);
  CHECK(e->name == "escape");
  CHECK(e->value == "`");

  auto c = parseDirectiveLine("# check=skip=JSONArgsRecommended;error=true");
  REQUIRE(c);
  CHECK(c->name == "check");
  CHECK(c->value == "skip=JSONArgsRecommended;error=true");

  auto inner = parseDirectiveLine("# key=a b");
  REQUIRE(inner);
  CHECK(inner->value == "a b");

  auto digits = parseDirectiveLine("# k2=v");
  REQUIRE(digits);
  CHECK(digits->name == "k2");

  CHECK_FALSE(parseDirectiveLine("# 1abc=x"));
  CHECK_FALSE(parseDirectiveLine("# key="));
  CHECK_FALSE(parseDirectiveLine("# key"));
  CHECK_FALSE(parseDirectiveLine("# a-b=c"));
  CHECK_FALSE(parseDirectiveLine("FROM a"));
  CHECK_FALSE(parseDirectiveLine(""));

  CHECK(isKnownDirective("syntax"));
  CHECK(isKnownDirective("escape"));
  CHECK(isKnownDirective("check"));
  CHECK_FALSE(isKnownDirective("platform"));
}
