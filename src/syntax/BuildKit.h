#pragma once
// BuildKit's reading of one logical Dockerfile line: the instruction keyword,
// its flags, and its argument nodes, following the per-instruction rules of
// moby/buildkit frontend/dockerfile/parser (v0.11): JSON or shell form with
// the JSON fallback, words, key=value pairs, HEALTHCHECK and ONBUILD. Also
// parser directives and heredoc detection.
//
// Unlike BuildKit, every value keeps the span of the logical line it was read
// from, so callers can map it back to the source.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace restage::syntax {

// Half-open offsets into a logical line.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct LineValue {
  std::string value;
  Span span;
};

struct LineNode {
  std::string cmd;                  // lower-cased keyword (BuildKit's node value)
  Span cmdSpan;
  std::vector<LineValue> flags;     // as BuildKit reports them: "--from=build"
  std::vector<LineValue> values;    // BuildKit's argument nodes, in order
  Span argsSpan;                    // the arguments after the flags, trimmed
  bool json = false;                // exec (JSON array) form
  std::unique_ptr<LineNode> child;  // ONBUILD's instruction
};

struct LineError {
  std::string message;
  Span span;
};

// newNodeFromLine. Returns false and sets `error` when BuildKit rejects the
// line (for example `ENV PATH`, or a JSON array with a non-string element).
bool parseLine(std::string_view line, char escape, LineNode& node, LineError& error);

// parseWords: BuildKit's word splitter for ARG, ENV and LABEL.
std::vector<LineValue> parseWords(std::string_view rest, char escape);

// extractBuilderFlags: the leading --flags of an instruction. `restOffset`
// receives where the remaining arguments start.
std::vector<LineValue> extractBuilderFlags(std::string_view line, std::size_t& restOffset);

// The JSON-array form. Returns Valid with the decoded strings, NotJson when
// the text is not a valid JSON array (BuildKit then falls back to the shell
// form), NotStringArray when it is valid JSON with a non-string element (an
// error in BuildKit).
enum class JsonArrayResult { Valid, NotJson, NotStringArray };
JsonArrayResult parseJsonArray(std::string_view text, std::vector<LineValue>& out);

struct HeredocSpec {
  std::string name;
  bool expand = true;
  bool chomp = false;
  unsigned fd = 0;
  Span span;  // the heredoc word in the logical line
};

// The heredocs an instruction line opens (RUN, COPY, ADD, also inside
// ONBUILD; never in JSON form), in the order their bodies follow.
std::vector<HeredocSpec> heredocsForLine(std::string_view line);
// Whether a raw physical line (newline included) ends the heredoc.
bool isHeredocTerminator(std::string_view rawLine, const HeredocSpec& heredoc);

struct ParsedDirective {
  std::string name;  // lower-cased
  std::string value;
};
// `# key=value`, before knowing whether the key is a known directive.
std::optional<ParsedDirective> parseDirectiveLine(std::string_view line);
bool isKnownDirective(std::string_view name);

}  // namespace restage::syntax
