#include "shell/ShellTokenSource.h"

namespace restage::shell {

using gen::ShellLexer;

namespace {

bool is_reserved_word(size_t type) {
    switch (type) {
        case ShellLexer::IF: case ShellLexer::THEN: case ShellLexer::ELSE: case ShellLexer::ELIF:
        case ShellLexer::FI: case ShellLexer::DO: case ShellLexer::DONE: case ShellLexer::WHILE:
        case ShellLexer::UNTIL: case ShellLexer::FOR: case ShellLexer::IN: case ShellLexer::CASE:
        case ShellLexer::ESAC: case ShellLexer::LBRACE: case ShellLexer::RBRACE: case ShellLexer::BANG:
            return true;
        default:
            return false;
    }
}

// Tokens that can begin a word part (a blank before them may separate words).
bool starts_word_part(size_t type) {
    switch (type) {
        case ShellLexer::LITERAL: case ShellLexer::ESCAPED: case ShellLexer::ASSIGN:
        case ShellLexer::SQ: case ShellLexer::SQ_OPEN: case ShellLexer::DOLLAR_SQ:
        case ShellLexer::BACKTICK: case ShellLexer::BACKTICK_OPEN: case ShellLexer::VAR:
        case ShellLexer::DQ_START: case ShellLexer::DOLLAR_LBRACE: case ShellLexer::DOLLAR_LPAREN:
        case ShellLexer::DOLLAR_DLPAREN: case ShellLexer::PROC_SUBST:
            return true;
        default:
            return is_reserved_word(type);
    }
}

// Tokens that can end a word part (a blank after them may separate words).
// RPAREN ends `$(...)`, and also a case pattern, where the blank is harmless.
bool ends_word_part(size_t type) {
    switch (type) {
        case ShellLexer::LITERAL: case ShellLexer::ESCAPED: case ShellLexer::ASSIGN:
        case ShellLexer::SQ: case ShellLexer::SQ_OPEN: case ShellLexer::DOLLAR_SQ:
        case ShellLexer::BACKTICK: case ShellLexer::BACKTICK_OPEN: case ShellLexer::VAR:
        case ShellLexer::DQ_END: case ShellLexer::PARAM_END: case ShellLexer::ARITH_END:
        case ShellLexer::RPAREN:
            return true;
        default:
            return is_reserved_word(type);
    }
}

bool opens(size_t type) {
    switch (type) {
        case ShellLexer::LPAREN: case ShellLexer::PROC_SUBST: case ShellLexer::DOLLAR_LPAREN:
        case ShellLexer::DOLLAR_DLPAREN: case ShellLexer::DOLLAR_LBRACE: case ShellLexer::DQ_START:
            return true;
        default:
            return false;
    }
}

bool closes(size_t type) {
    switch (type) {
        case ShellLexer::RPAREN: case ShellLexer::ARITH_END: case ShellLexer::PARAM_END:
        case ShellLexer::DQ_END:
            return true;
        default:
            return false;
    }
}

bool opens_compound(size_t type) {
    switch (type) {
        case ShellLexer::IF: case ShellLexer::WHILE: case ShellLexer::UNTIL: case ShellLexer::FOR:
        case ShellLexer::CASE: case ShellLexer::LBRACE:
            return true;
        default:
            return false;
    }
}

bool closes_compound(size_t type) {
    switch (type) {
        case ShellLexer::FI: case ShellLexer::DONE: case ShellLexer::ESAC: case ShellLexer::RBRACE:
            return true;
        default:
            return false;
    }
}

bool visible(const antlr4::Token& token) {
    return token.getChannel() == antlr4::Token::DEFAULT_CHANNEL;
}

}  // namespace

ShellTokenSource::ShellTokenSource(antlr4::CharStream* input) : ShellLexer(input) {}

void ShellTokenSource::reset() {
    ShellLexer::reset();
    pending_.clear();
    after_word_part_ = false;
    command_position_ = true;
    depth_ = 0;
    truncated_at_.reset();
}

std::unique_ptr<antlr4::Token> ShellTokenSource::take() {
    if (pending_.empty()) return ShellLexer::nextToken();
    auto token = std::move(pending_.front());
    pending_.pop_front();
    return token;
}

const antlr4::Token& ShellTokenSource::first_visible_pending() {
    for (const auto& token : pending_) {
        if (visible(*token)) return *token;
    }
    while (true) {  // EOF is visible, so this ends
        pending_.push_back(ShellLexer::nextToken());
        if (visible(*pending_.back())) return *pending_.back();
    }
}

std::unique_ptr<antlr4::Token> ShellTokenSource::nextToken() {
    auto token = take();
    if (token->getType() == BLANK && visible(*token)) {
        const bool separates = after_word_part_ && starts_word_part(first_visible_pending().getType());
        if (!separates) static_cast<antlr4::CommonToken&>(*token).setChannel(antlr4::Token::HIDDEN_CHANNEL);
    }
    if (!visible(*token) || token->getType() == antlr4::Token::EOF) return token;

    track(*token);
    if (depth_ > kMaxDepth) {
        truncated_at_ = token->getStartIndex();
        pending_.clear();
        _input->seek(_input->size());
        return ShellLexer::nextToken();  // EOF
    }
    return token;
}

void ShellTokenSource::track(const antlr4::Token& token) {
    const size_t type = token.getType();
    after_word_part_ = ends_word_part(type);
    if (type == BLANK) return;

    if (opens(type) || (command_position_ && opens_compound(type))) {
        ++depth_;
    } else if ((closes(type) || (command_position_ && closes_compound(type))) && depth_ > 0) {
        --depth_;
    }
    command_position_ = !ends_word_part(type) || is_reserved_word(type);
}

}  // namespace restage::shell
