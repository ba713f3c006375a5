#pragma once

#include <cstddef>
#include <string_view>

#include "ShellParser.h"
#include "shell/ShellScript.h"

namespace restage::shell {

/// Backquote bodies are parsed recursively; deeper levels stay unparsed.
inline constexpr size_t kMaxBackquoteLevel = 4;

/// Parses `text` with the session of `level` (see ParserSession::for_level).
Script parse_shell_at(std::string_view text, size_t level);

/// Walks a parse tree into the typed Script view.
class ScriptBuilder {
public:
    ScriptBuilder(std::string_view text, size_t level, Script& script);

    void build(gen::ShellParser::ScriptContext* tree);

private:
    using P = gen::ShellParser;

    struct Env {
        size_t scope = 0;
        Block block = Block::None;
    };

    void command_list(P::CommandListContext* list, Env env, Connector incoming);
    void and_or(P::AndOrContext* and_or, Env env, Connector incoming);
    void pipeline(P::PipelineContext* pipeline, Env env, Connector incoming);
    void command(P::CommandContext* command, Env env, Connector incoming);
    void simple_command(P::SimpleCommandContext* command, Env env, Connector incoming);
    void compound(P::CompoundCommandContext* compound, Env env, Connector incoming);
    void if_clause(antlr4::ParserRuleContext* clause, Env env, Connector incoming);
    void while_clause(P::WhileClauseContext* clause, Env env, Connector incoming);
    void for_clause(P::ForClauseContext* clause, Env env);
    void case_clause(P::CaseClauseContext* clause, Env env);

    Word word(antlr4::ParserRuleContext* word, Env env);
    void head_part(P::HeadPartContext* part, Word& word, Env env);
    void double_quoted(P::DoubleQuotedContext* quoted, Word& word, Env env);
    void param_expansion(P::ParamExpansionContext* expansion, Word& word, Env env);
    void arithmetic(P::ArithmeticExpansionContext* expansion, Word& word, Env env);
    void substitution(P::CommandListContext* list, ScopeKind kind, antlr4::ParserRuleContext* range, Env env);
    void backquote(const antlr4::Token& token, Env env);
    Redirect redirect(P::RedirectContext* redirect, Env env);
    void merge(Script inner, size_t offset, Env env);

    size_t new_scope(ScopeKind kind, size_t parent, antlr4::ParserRuleContext* range);
    size_t begin_of(antlr4::ParserRuleContext* context) const;
    size_t end_of(antlr4::ParserRuleContext* context) const;
    std::string_view slice(size_t begin, size_t end) const;

    std::string_view text_;
    size_t level_;
    Script& script_;
};

}  // namespace restage::shell
