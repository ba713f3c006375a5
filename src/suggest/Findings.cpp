#include "suggest/Findings.h"

#include "ast/Document.h"
#include "syntax/DockerfileReader.h"

namespace restage::suggest {

namespace {

// Instructions whose arguments a shell reads, where " # ..." is a shell
// comment and harmless.
bool shellReadsArguments(ast::InstructionKind kind) {
  using K = ast::InstructionKind;
  return kind == K::Run || kind == K::Cmd || kind == K::Entrypoint || kind == K::Healthcheck ||
         kind == K::Onbuild || kind == K::Unknown;
}

// The first '#' after blank space and outside quotes in an instruction's
// text past its keyword; continuation lines that are whole comments (which
// BuildKit drops) are skipped. Returns the offset in `text`, or npos.
std::size_t trailingCommentAt(std::string_view text, std::size_t argsBegin, char escape) {
  char quote = 0;
  bool lineStart = false;
  for (std::size_t i = argsBegin; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      lineStart = true;
      continue;
    }
    if (lineStart) {
      if (c == ' ' || c == '\t') continue;
      lineStart = false;
      if (c == '#') {  // a comment line inside the continuation
        std::size_t end = text.find('\n', i);
        if (end == std::string_view::npos) return std::string_view::npos;
        i = end - 1;
        continue;
      }
    }
    if (c == escape) {
      // A line continuation starts a new physical line; else the next
      // character is taken as it is.
      std::size_t next = i + 1;
      if (next < text.size() && text[next] == '\r') ++next;
      if (next < text.size() && text[next] == '\n') {
        lineStart = true;
        i = next;
      } else {
        ++i;
      }
      continue;
    }
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && i > argsBegin && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<Finding> findings(const migrate::Result& result) {
  std::vector<Finding> out;
  if (result.status == migrate::Status::Error) return out;
  std::vector<Finding> ignores;
  for (const auto& note : result.ignoreNotes) {
    if (note.use == migrate::IgnoreNote::Use::Unused) ignores.push_back({&kUnusedIgnore, note.line, note.column, note.message});
    if (note.use == migrate::IgnoreNote::Use::Malformed) {
      ignores.push_back({&kMalformedIgnore, note.line, note.column, note.message});
    }
  }
  // An ignored file reports nothing else.
  if (result.code == "ignored") return ignores;
  ast::Document doc = syntax::readDockerfile(result.original, result.path);
  if (!doc.ok()) return ignores;
  ast::LineIndex lines(doc.source);
  for (const auto& ins : doc.instructions) {
    if (shellReadsArguments(ins.kind) || !ins.heredocs.empty()) continue;
    std::string_view text = doc.text(ins.range);
    std::size_t at = trailingCommentAt(text, ins.keyword.end - ins.range.begin, doc.escape);
    if (at == std::string_view::npos) continue;
    ast::Position p = lines.position(ins.range.begin + at);
    std::string keyword(ast::instructionKeyword(ins.kind));
    out.push_back({&kTrailingComment, p.line, p.column,
                   "'#' here is not a comment: BuildKit passes the words after it to " + keyword +
                       " as arguments; move the comment to its own line above"});
  }
  // Only a file left as it is (already multi-stage) has the problems itself;
  // a migrated or refused file's problems are about restage's rewrite.
  if (result.status == migrate::Status::Unchanged && !doc.stages.empty()) {
    const auto& last = doc.instructions[doc.stages.back().from];
    for (const auto& problem : result.problems) {
      out.push_back({&kRuntimeCannotStart, last.startLine, 1, problem});
    }
  }
  out.insert(out.end(), ignores.begin(), ignores.end());
  return out;
}

}  // namespace restage::suggest
