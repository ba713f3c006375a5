#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include <antlr4-runtime.h>

#include "ShellParser.h"
#include "shell/Diagnostic.h"
#include "syntax/ByteCharStream.h"
#include "shell/ShellTokenSource.h"

namespace restage::shell {

/// One reusable lexer + parser pipeline. Parsing is two-stage: SLL prediction
/// with bail-out first (fast, enough for valid input), then full LL with error
/// recovery and diagnostics only when the first stage fails.
class ParserSession {
public:
    ParserSession();
    ParserSession(const ParserSession&) = delete;
    ParserSession& operator=(const ParserSession&) = delete;

    /// Parses `text`, which must stay alive until release(). The tree is owned
    /// by the session and valid until the next parse() or release().
    gen::ShellParser::ScriptContext* parse(std::string_view text, std::vector<Diagnostic>& errors);

    /// Frees the tree and tokens of the last parse.
    void release();

    /// The session for the current thread at a nesting level (backquote bodies
    /// are parsed while the enclosing tree is still being walked).
    static ParserSession& for_level(size_t level);

private:
    class Listener;

    syntax::ByteCharStream input_;
    ShellTokenSource lexer_;
    antlr4::CommonTokenStream tokens_;
    gen::ShellParser parser_;
    std::unique_ptr<Listener> listener_;
    std::shared_ptr<antlr4::ANTLRErrorStrategy> bail_;
    std::shared_ptr<antlr4::ANTLRErrorStrategy> recover_;
};

}  // namespace restage::shell
