#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>

#include "ShellLexer.h"

namespace restage::shell {

/// The generated lexer plus the two decisions a context-free grammar cannot
/// make well:
///  - a BLANK stays visible to the parser only between two word parts (where
///    it separates words); everywhere else it moves to the hidden channel;
///  - nesting (parentheses, quotes, expansions, compound commands) deeper than
///    kMaxDepth ends the token stream, so the recursive-descent parser and the
///    tree walk have bounded stack use on hostile input.
class ShellTokenSource final : public gen::ShellLexer {
public:
    static constexpr int kMaxDepth = 200;

    explicit ShellTokenSource(antlr4::CharStream* input);

    std::unique_ptr<antlr4::Token> nextToken() override;
    void reset() override;

    /// Offset where the nesting limit cut the input, if it did.
    [[nodiscard]] std::optional<size_t> truncated_at() const { return truncated_at_; }

private:
    std::unique_ptr<antlr4::Token> take();
    const antlr4::Token& first_visible_pending();
    void track(const antlr4::Token& token);

    std::deque<std::unique_ptr<antlr4::Token>> pending_;
    bool after_word_part_ = false;    // last visible token ends a word part
    bool command_position_ = true;    // last non-blank visible token is not a word part
    int depth_ = 0;
    std::optional<size_t> truncated_at_;
};

}  // namespace restage::shell
