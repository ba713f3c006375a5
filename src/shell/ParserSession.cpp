#include "shell/ParserSession.h"

#include <string>
#include <utility>

#include "ShellLexer.h"

namespace restage::shell {

using gen::ShellLexer;
using gen::ShellParser;

namespace {

size_t offset_of(const antlr4::Token* token, size_t fallback) {
    if (token == nullptr) return fallback;
    const size_t start = token->getStartIndex();
    return start <= fallback ? start : fallback;
}

// What the parser wanted, in Dockerfile-author terms: the innermost closer
// when one is expected, else "a word" when a word would do.
std::string expected_summary(antlr4::Recognizer* recognizer) {
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (parser == nullptr) return {};
    const antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
    static constexpr std::pair<size_t, const char*> kClosers[] = {
        {ShellLexer::DQ_END, "closing '\"'"}, {ShellLexer::PARAM_END, "'}' closing '${'"},
        {ShellLexer::ARITH_END, "'))'"},       {ShellLexer::RPAREN, "')'"},
        {ShellLexer::RBRACE, "'}'"},           {ShellLexer::THEN, "'then'"},
        {ShellLexer::DO, "'do'"},              {ShellLexer::FI, "'fi'"},
        {ShellLexer::DONE, "'done'"},          {ShellLexer::ESAC, "'esac'"},
        {ShellLexer::IN, "'in'"},
    };
    // Where a word may appear every reserved word is allowed as a word part;
    // a real closer is expected alone (or with one or two alternatives).
    const char* closer = nullptr;
    int closers = 0;
    for (const auto& [type, name] : kClosers) {
        if (!expected.contains(static_cast<size_t>(type))) continue;
        if (closer == nullptr) closer = name;
        ++closers;
    }
    if (closer != nullptr && closers <= 2) return closer;
    if (expected.contains(size_t{ShellLexer::LITERAL}) || expected.contains(size_t{ShellLexer::BLANK})) return "a word";
    return {};
}

// Token text for a message: short, printable, control and non-ASCII bytes escaped.
std::string quoted(const std::string& text) {
    static constexpr size_t kMaxShown = 30;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "'";
    for (size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte < 0x7f) {
            out += static_cast<char>(byte);
        } else {
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        }
    }
    if (text.size() > kMaxShown) out += "...";
    return out + "'";
}

std::string describe(antlr4::Recognizer* recognizer, const antlr4::Token* token, const std::string& antlr_message) {
    if (token == nullptr) return antlr_message;
    switch (token->getType()) {
        case ShellLexer::SQ_OPEN: return "unterminated single quote";
        case ShellLexer::BACKTICK_OPEN: return "unterminated backquote";
        default: break;
    }
    std::string message = token->getType() == antlr4::Token::EOF ? "unexpected end of text"
                                                                 : "unexpected " + quoted(token->getText());
    std::string expected;
    try {
        expected = expected_summary(recognizer);
    } catch (const std::exception&) {
        // no better message than the plain one
    }
    if (!expected.empty()) message += ", expected " + expected;
    return message;
}

}  // namespace

class ParserSession::Listener final : public antlr4::BaseErrorListener {
public:
    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t /*line*/,
                     size_t /*column*/, const std::string& message, std::exception_ptr /*e*/) override {
        if (errors == nullptr) return;
        errors->push_back({offset_of(offending, text_size), describe(recognizer, offending, message)});
    }

    std::vector<Diagnostic>* errors = nullptr;
    size_t text_size = 0;
};

ParserSession::ParserSession()
    : lexer_(&input_),
      tokens_(&lexer_),
      parser_(&tokens_),
      listener_(std::make_unique<Listener>()),
      bail_(std::make_shared<antlr4::BailErrorStrategy>()),
      recover_(std::make_shared<antlr4::DefaultErrorStrategy>()) {
    lexer_.removeErrorListeners();
    lexer_.addErrorListener(listener_.get());
    parser_.removeErrorListeners();
}

ShellParser::ScriptContext* ParserSession::parse(std::string_view text, std::vector<Diagnostic>& errors) {
    listener_->errors = &errors;
    listener_->text_size = text.size();

    input_.load(text, "<shell>");
    lexer_.setInputStream(&input_);
    tokens_.setTokenSource(&lexer_);
    parser_.setTokenStream(&tokens_);

    auto* simulator = parser_.getInterpreter<antlr4::atn::ParserATNSimulator>();
    ShellParser::ScriptContext* tree = nullptr;
    try {
        simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
        parser_.setErrorHandler(bail_);
        parser_.removeErrorListeners();
        tree = parser_.script();
    } catch (const antlr4::ParseCancellationException&) {
        tokens_.seek(0);
        parser_.reset();
        simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
        parser_.setErrorHandler(recover_);
        parser_.addErrorListener(listener_.get());
        tree = parser_.script();
    }

    if (const auto cut = lexer_.truncated_at()) {
        errors.push_back({*cut, "nesting deeper than " + std::to_string(ShellTokenSource::kMaxDepth) +
                                    " levels; the rest of the text is ignored"});
    }
    listener_->errors = nullptr;
    return tree;
}

void ParserSession::release() {
    parser_.reset();
    parser_.getTreeTracker().reset();
    tokens_.setTokenSource(&lexer_);
    input_.load({}, "<shell>");
    lexer_.setInputStream(&input_);
}

ParserSession& ParserSession::for_level(size_t level) {
    thread_local std::vector<std::unique_ptr<ParserSession>> sessions;
    while (sessions.size() <= level) sessions.push_back(std::make_unique<ParserSession>());
    return *sessions[level];
}

}  // namespace restage::shell
