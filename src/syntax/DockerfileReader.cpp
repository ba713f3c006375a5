#include "syntax/DockerfileReader.h"

#include <algorithm>
#include <optional>
#include <span>

#include "DockerfileLexer.h"
#include "antlr4-runtime.h"
#include "io/FileIO.h"
#include "syntax/BuildKit.h"
#include "syntax/ByteCharStream.h"
#include "syntax/CachingLexerSimulator.h"
#include "syntax/GoText.h"
#include "syntax/InstructionBuilder.h"

namespace restage::syntax {

namespace {

using gen::DockerfileLexer;

// Errors from the generated lexer. It has a rule for every byte, so this only
// fires on a grammar bug; it is still reported like any other error rather
// than ignored.
class CollectingErrorListener : public antlr4::BaseErrorListener {
 public:
  void syntaxError(antlr4::Recognizer*, antlr4::Token* offending, size_t, size_t,
                   const std::string& msg, std::exception_ptr) override {
    if (!first) {
      first = Error{offending ? offending->getStartIndex() : 0, msg};
    }
  }
  struct Error {
    size_t offset;
    std::string message;
  };
  std::optional<Error> first;
};

ast::TokenKind tokenKind(size_t type) {
  switch (type) {
    case DockerfileLexer::BOM: return ast::TokenKind::Bom;
    case DockerfileLexer::NEWLINE: return ast::TokenKind::Newline;
    case DockerfileLexer::WS: return ast::TokenKind::Whitespace;
    case DockerfileLexer::COMMENT: return ast::TokenKind::Comment;
    case DockerfileLexer::DIRECTIVE: return ast::TokenKind::Directive;
    case DockerfileLexer::KEYWORD: return ast::TokenKind::Keyword;
    case DockerfileLexer::CR: return ast::TokenKind::CarriageReturn;
    case DockerfileLexer::LINE_CONT: return ast::TokenKind::LineContinuation;
    case DockerfileLexer::CONT_COMMENT: return ast::TokenKind::ContinuationComment;
    case DockerfileLexer::EMPTY_CONT: return ast::TokenKind::EmptyContinuation;
    case DockerfileLexer::EOL: return ast::TokenKind::EndOfInstruction;
    case DockerfileLexer::HEREDOC_LINE: return ast::TokenKind::HeredocLine;
    case DockerfileLexer::HEREDOC_END: return ast::TokenKind::HeredocEnd;
    default: return ast::TokenKind::Text;
  }
}

// The generated lexer with the caching simulator in place of the runtime's.
class FastDockerfileLexer : public DockerfileLexer {
 public:
  explicit FastDockerfileLexer(antlr4::CharStream* input) : DockerfileLexer(input) {
    auto* generated = getInterpreter<antlr4::atn::LexerATNSimulator>();
    fast_ = new CachingLexerSimulator(this, getATN(), generated->_decisionToDFA, contextCache());
    delete _interpreter;
    _interpreter = fast_;
  }

  // antlr4::Lexer::nextToken, calling the simulator it knows directly: the
  // runtime finds it with a dynamic_cast three times a token, 7% of the time
  // of `restage parse`. Same steps otherwise: skip/more, errors reported
  // to the listeners and recovered from, EOF.
  std::unique_ptr<antlr4::Token> nextToken() override {
    for (;;) {
      if (_input->LA(1) == antlr4::Token::EOF) {
        hitEOF = true;
        emitEOF();
        return std::move(token);
      }
      token.reset();
      channel = antlr4::Token::DEFAULT_CHANNEL;
      tokenStartCharIndex = _input->index();
      tokenStartCharPositionInLine = fast_->getCharPositionInLine();
      tokenStartLine = fast_->getLine();
      setText("");
      bool skipped = false;
      do {
        type = antlr4::Token::INVALID_TYPE;
        size_t matched;
        try {
          matched = fast_->match(_input, mode);
        } catch (antlr4::LexerNoViableAltException& e) {
          notifyListeners(e);
          recover(e);
          matched = SKIP;
        }
        if (_input->LA(1) == antlr4::Token::EOF) hitEOF = true;
        if (type == antlr4::Token::INVALID_TYPE) type = matched;
        if (type == SKIP) {
          skipped = true;
          break;
        }
      } while (type == MORE);
      if (skipped) continue;
      if (token == nullptr) emit();
      return std::move(token);
    }
  }

 private:
  CachingLexerSimulator* fast_ = nullptr;  // owned by the Lexer, as _interpreter

  static antlr4::atn::PredictionContextCache& contextCache() {
    static antlr4::atn::PredictionContextCache cache;
    return cache;
  }
};

// One lexer per thread, reused across files: the ANTLR runtime's DFA caches
// are shared, but building recognizers per file is needless work.
//
// There is no ANTLR parser at run time: grammar/DockerfileParser.g4 is LL(1)
// over the lexer's tokens, and groupLines() below applies it directly as the
// tokens arrive. Building a parse tree and keeping every ANTLR token object
// for it cost more time and memory than the lexing itself.
struct Recognizers {
  ByteCharStream chars;
  FastDockerfileLexer lexer{&chars};
  CollectingErrorListener errors;
  Recognizers() {
    lexer.removeErrorListeners();
    lexer.addErrorListener(&errors);
  }
};

Recognizers& recognizers() {
  thread_local Recognizers r;
  return r;
}

std::size_t firstOverlongLine(std::string_view s) {
  std::size_t start = 0;
  std::size_t line = 1;
  while (start <= s.size()) {
    auto nl = s.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? s.size() : nl;
    if (end - start > kMaxLineBytes) return line;
    if (nl == std::string_view::npos) break;
    start = nl + 1;
    ++line;
  }
  return 0;
}

void setError(ast::Document& doc, std::string message, std::size_t offset, std::size_t endLine = 0) {
  if (doc.error && doc.error->range.begin <= offset) return;
  ast::Diagnostic d;
  d.message = std::move(message);
  d.range = {offset, offset};
  d.position = doc.lines.position(offset);
  d.endLine = endLine ? endLine : d.position.line;
  doc.error = std::move(d);
}

// The line and word limits, checked in one pass before anything is built.
// Each line and each word costs at most a few hundred bytes of syntax tree
// and analysis (a word inside a shell command about a kilobyte); with the
// size limit they bound the memory any input can take. A word here is a run
// of non-blank bytes, and each '$', ';', '|', '&', '=' or ',' inside one
// counts again, since each can start a value of its own.
std::optional<ast::Diagnostic> overLimits(std::string_view source) {
  const std::size_t maxLines = io::maxLines();
  const std::size_t maxWords = io::maxWords();
  std::size_t line = 1;
  std::size_t lineStart = 0;
  std::size_t words = 0;
  bool inWord = false;
  for (std::size_t i = 0; i < source.size(); ++i) {
    char c = source[i];
    switch (c) {
      case '\n':
        if (line == maxLines && i + 1 < source.size()) {
          ast::Diagnostic d;
          d.message = "more than " + std::to_string(maxLines) + " lines, restage's limit (change it with --max-lines)";
          d.range = {i + 1, i + 1};
          d.position = {maxLines + 1, 1};
          d.endLine = maxLines + 1;
          return d;
        }
        ++line;
        lineStart = i + 1;
        inWord = false;
        continue;
      case ' ': case '\t': case '\r': case '\v': case '\f':
        inWord = false;
        continue;
      case '$': case ';': case '|': case '&': case '=': case ',':
        ++words;
        break;
      default:
        if (!inWord) ++words;
        break;
    }
    inWord = true;
    if (words > maxWords) {
      ast::Diagnostic d;
      d.message = "more than " + std::to_string(maxWords) + " words, restage's limit (change it with --max-words)";
      d.range = {i, i};
      d.position = {line, i - lineStart + 1};
      d.endLine = line;
      return d;
    }
  }
  return std::nullopt;
}

// grammar/DockerfileParser.g4, applied to the token kinds:
//   dockerfile  : BOM? ( directive | commentLine | blankLine | instruction )* EOF
//   instruction : ( KEYWORD | TEXT | LINE_CONT )
//                 ( TEXT | CR | LINE_CONT | CONT_COMMENT | EMPTY_CONT )* EOL? heredoc*
//   heredoc     : HEREDOC_LINE+ HEREDOC_END? | HEREDOC_END
// Comment lines are kept, and attached to the instruction that follows.
void groupLines(ast::Document& doc, InstructionBuilder& builder) {
  using TK = ast::TokenKind;
  const auto& tokens = doc.tokens;
  std::vector<std::string> pendingComments;
  std::size_t i = 0;
  const std::size_t n = tokens.size();
  if (n > 0 && tokens[0].kind == TK::Bom) ++i;
  while (i < n) {
    const ast::Token& tok = tokens[i];
    switch (tok.kind) {
      case TK::Directive:
      case TK::Newline:
      case TK::Whitespace:
        // Blank lines do not reset the comments BuildKit attaches to the
        // next instruction; directives come before any of them.
        ++i;
        break;
      case TK::Comment: {
        std::string_view text = trimNewline(doc.text(tok.range));
        // BuildKit drops the line's first byte, not the '#': "  # a" gives "# a".
        std::string body(trimSpace(text.substr(1)));
        doc.comments.push_back({body, tok.range});
        if (body.empty()) pendingComments.clear();
        else pendingComments.push_back(std::move(body));
        ++i;
        break;
      }
      case TK::Keyword:
      case TK::Text:
      case TK::LineContinuation: {
        std::size_t first = i++;
        while (i < n && (tokens[i].kind == TK::Text || tokens[i].kind == TK::CarriageReturn ||
                         tokens[i].kind == TK::LineContinuation || tokens[i].kind == TK::ContinuationComment ||
                         tokens[i].kind == TK::EmptyContinuation)) {
          ++i;
        }
        if (i < n && tokens[i].kind == TK::EndOfInstruction) ++i;
        while (i < n && (tokens[i].kind == TK::HeredocLine || tokens[i].kind == TK::HeredocEnd)) ++i;
        builder.add(std::span<const ast::Token>(tokens.data() + first, i - first), std::move(pendingComments));
        pendingComments.clear();
        break;
      }
      default:
        // The lexer never starts a line with these; if it did, stop here
        // as the grammar would.
        setError(doc, "syntax error: unexpected " + std::string(ast::tokenKindName(tok.kind)) + " token",
                 tok.range.begin);
        return;
    }
  }
}

}  // namespace

ast::Document readDockerfile(std::string source, std::string path) {
  ast::Document doc;
  doc.path = std::move(path);
  doc.source = std::move(source);
  // The line limit, checked before anything is built: memory is a few
  // hundred bytes a line at most, so this and the size limit bound it.
  if (auto refused = overLimits(doc.source)) {
    doc.error = std::move(refused);
    return doc;
  }
  doc.lines = ast::LineIndex(doc.source);

  Recognizers& r = recognizers();
  r.errors.first.reset();
  r.chars.load(doc.source, doc.path);
  r.lexer.setInputStream(&r.chars);
  r.lexer.state.reset(doc.source);
  if (doc.source.starts_with("\xEF\xBB\xBF")) r.lexer.setMode(DockerfileLexer::AT_BOM);

  // Each ANTLR token is dropped as soon as it is copied: only the small
  // lossless ast::Token stays.
  doc.tokens.reserve(doc.source.size() / 16 + 16);
  for (;;) {
    std::unique_ptr<antlr4::Token> t = r.lexer.nextToken();
    if (t->getType() == antlr4::Token::EOF) break;
    doc.tokens.push_back({tokenKind(t->getType()), {t->getStartIndex(), t->getStopIndex() + 1}});
  }
  doc.escape = r.lexer.state.escape();
  for (const auto& d : r.lexer.state.directives()) {
    doc.directives.push_back({d.name, d.value, {d.begin, d.end}});
  }
  for (const auto& e : r.lexer.state.errors()) setError(doc, e.message, e.offset);

  InstructionBuilder builder(doc);
  groupLines(doc, builder);
  if (!doc.tokens.empty() && doc.tokens.front().kind == ast::TokenKind::Bom) doc.hasBom = true;
  if (r.errors.first) setError(doc, "syntax error: " + r.errors.first->message, r.errors.first->offset);

  if (std::size_t longLine = firstOverlongLine(doc.source)) {
    std::size_t offset = doc.lines.lineStart(longLine);
    bool instructionBefore = !doc.instructions.empty() && doc.instructions.front().startLine < longLine;
    if (!doc.error || doc.error->position.line >= longLine) {
      doc.error.reset();
      if (instructionBefore) {
        setError(doc, "dockerfile line greater than max allowed size of " + std::to_string(kMaxLineBytes), offset);
      } else {
        setError(doc, "file with no instructions", offset);
      }
    }
  } else if (doc.instructions.empty()) {
    setError(doc, "file with no instructions", doc.source.size());
  }
  builder.finishStages();
  return doc;
}

}  // namespace restage::syntax
