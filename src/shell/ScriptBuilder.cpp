#include "shell/ScriptBuilder.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "ShellLexer.h"
#include "shell/Unquote.h"

namespace restage::shell {

using gen::ShellLexer;
using P = gen::ShellParser;

namespace {

void add_variable(Word& word, std::string_view name) {
    if (!is_name(name)) return;
    if (std::find(word.variables.begin(), word.variables.end(), name) != word.variables.end()) return;
    word.variables.emplace_back(name);
}

void merge_expansion_facts(Word& into, const Word& from) {
    into.has_expansion = into.has_expansion || from.has_expansion;
    for (const auto& name : from.variables) add_variable(into, name);
}

bool is_terminal(antlr4::tree::ParseTree* node, size_t type) {
    auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(node);
    return terminal != nullptr && terminal->getSymbol() != nullptr && terminal->getSymbol()->getType() == type;
}

Assignment make_assignment(Word word) {
    Assignment assignment;
    assignment.begin = word.begin;
    assignment.end = word.end;
    const size_t equals = word.text.find('=');  // present: the word starts with an ASSIGN token
    const size_t prefix = equals == std::string::npos ? word.text.size() : equals + 1;
    assignment.append = equals != std::string::npos && equals > 0 && word.text[equals - 1] == '+';
    assignment.name = word.text.substr(0, assignment.append ? equals - 1 : equals);

    Word& value = assignment.value;
    value.text = word.text.substr(std::min(prefix, word.text.size()));
    value.literal = word.literal.substr(std::min(prefix, word.literal.size()));
    value.has_expansion = word.has_expansion;
    value.has_glob = false;  // assignment values are not glob-expanded
    value.variables = std::move(word.variables);
    value.begin = std::min(word.begin + prefix, word.end);
    value.end = word.end;
    return assignment;
}

void shift(Word& word, size_t offset) {
    word.begin += offset;
    word.end += offset;
}

}  // namespace

ScriptBuilder::ScriptBuilder(std::string_view text, size_t level, Script& script)
    : text_(text), level_(level), script_(script) {}

void ScriptBuilder::build(P::ScriptContext* tree) {
    script_.scopes.push_back({ScopeKind::Script, 0, 0, text_.size()});
    if (tree == nullptr) return;
    Connector connector = Connector::First;
    for (auto* child : tree->children) {
        if (auto* list = dynamic_cast<P::CommandListContext*>(child)) {
            command_list(list, Env{}, connector);
        } else if (auto* stray = dynamic_cast<P::UnexpectedContext*>(child)) {
            const antlr4::Token* token = stray->getStart();
            script_.errors.push_back({begin_of(stray), "unexpected '" + token->getText() + "' (nothing to close)"});
            connector = Connector::Sequence;
        }
    }
}

// ------------------------------------------------------------------ structure

void ScriptBuilder::command_list(P::CommandListContext* list, Env env, Connector incoming) {
    if (list == nullptr) return;
    Connector connector = incoming;
    const auto& children = list->children;
    for (size_t i = 0; i < children.size(); ++i) {
        if (auto* separator = dynamic_cast<P::SeparatorContext*>(children[i])) {
            connector = separator->AMP() != nullptr ? Connector::Background : Connector::Sequence;
            continue;
        }
        auto* list_item = dynamic_cast<P::AndOrContext*>(children[i]);
        if (list_item == nullptr) continue;
        Env item_env = env;
        if (i + 1 < children.size()) {
            auto* next = dynamic_cast<P::SeparatorContext*>(children[i + 1]);
            if (next != nullptr && next->AMP() != nullptr) {
                item_env.scope = new_scope(ScopeKind::Background, env.scope, list_item);
            }
        }
        and_or(list_item, item_env, connector);
        connector = Connector::Sequence;
    }
}

void ScriptBuilder::and_or(P::AndOrContext* and_or, Env env, Connector incoming) {
    Connector connector = incoming;
    for (auto* child : and_or->children) {
        if (auto* op = dynamic_cast<P::AndOrOperatorContext*>(child)) {
            connector = op->AND_IF() != nullptr ? Connector::And : Connector::Or;
        } else if (auto* stage = dynamic_cast<P::PipelineContext*>(child)) {
            pipeline(stage, env, connector);
        }
    }
}

void ScriptBuilder::pipeline(P::PipelineContext* pipeline, Env env, Connector incoming) {
    const auto commands = pipeline->command();
    Connector connector = incoming;
    for (auto* stage : commands) {
        Env stage_env = env;
        if (commands.size() > 1) stage_env.scope = new_scope(ScopeKind::PipelineStage, env.scope, stage);
        command(stage, stage_env, connector);
        connector = Connector::Pipe;
    }
}

void ScriptBuilder::command(P::CommandContext* command, Env env, Connector incoming) {
    if (auto* simple = command->simpleCommand()) {
        simple_command(simple, env, incoming);
        return;
    }
    if (auto* function = command->functionDefinition()) {
        if (auto* body = function->compoundCommand()) compound(body, Env{env.scope, Block::FunctionBody}, Connector::First);
        for (auto* r : function->redirect()) redirect(r, env);
        return;
    }
    if (auto* body = command->compoundCommand()) compound(body, env, incoming);
    for (auto* r : command->redirect()) redirect(r, env);  // applies to the whole compound
}

void ScriptBuilder::simple_command(P::SimpleCommandContext* command, Env env, Connector incoming) {
    const size_t index = script_.commands.size();
    {
        SimpleCommand& created = script_.commands.emplace_back();
        created.begin = begin_of(command);
        created.end = end_of(command);
        created.connector = incoming;
        created.scope = env.scope;
        created.block = env.block;
    }
    // Nested substitutions append commands while we go: refer by index.
    bool in_prefix = true;
    for (auto* child : command->children) {
        if (auto* r = dynamic_cast<P::RedirectContext*>(child)) {
            Redirect built = redirect(r, env);
            script_.commands[index].redirects.push_back(std::move(built));
            continue;
        }
        antlr4::ParserRuleContext* word_context = dynamic_cast<P::HeadWordContext*>(child);
        if (word_context == nullptr) word_context = dynamic_cast<P::WordContext*>(child);
        if (word_context == nullptr) continue;

        const bool assignment = in_prefix && word_context->getStart()->getType() == ShellLexer::ASSIGN;
        Word built = word(word_context, env);
        SimpleCommand& target = script_.commands[index];
        if (assignment) {
            target.assignments.push_back(make_assignment(std::move(built)));
        } else {
            in_prefix = false;
            target.words.push_back(std::move(built));
        }
    }
}

void ScriptBuilder::compound(P::CompoundCommandContext* compound, Env env, Connector incoming) {
    if (auto* group = compound->braceGroup()) {
        command_list(group->commandList(), env, incoming);
    } else if (auto* subshell = compound->subshell()) {
        const Env inner{new_scope(ScopeKind::Subshell, env.scope, subshell), env.block};
        command_list(subshell->commandList(), inner, incoming);
    } else if (auto* clause = compound->ifClause()) {
        if_clause(clause, env, incoming);
    } else if (auto* loop = compound->whileClause()) {
        while_clause(loop, env, incoming);
    } else if (auto* loop = compound->forClause()) {
        for_clause(loop, env);
    } else if (auto* clause = compound->caseClause()) {
        case_clause(clause, env);
    }
}

// Handles both `if` and `elif` clauses: a list after IF/ELIF is a condition,
// after THEN/ELSE a branch.
void ScriptBuilder::if_clause(antlr4::ParserRuleContext* clause, Env env, Connector incoming) {
    Block block = Block::IfCondition;
    Connector connector = incoming;
    for (auto* child : clause->children) {
        if (is_terminal(child, ShellLexer::THEN) || is_terminal(child, ShellLexer::ELSE)) {
            block = Block::IfBranch;
            connector = Connector::First;
        } else if (is_terminal(child, ShellLexer::IF)) {
            block = Block::IfCondition;
        } else if (auto* list = dynamic_cast<P::CommandListContext*>(child)) {
            command_list(list, Env{env.scope, block}, connector);
        } else if (auto* elif = dynamic_cast<P::ElifClauseContext*>(child)) {
            if_clause(elif, env, Connector::First);
        }
    }
}

void ScriptBuilder::while_clause(P::WhileClauseContext* clause, Env env, Connector incoming) {
    Block block = Block::LoopCondition;
    Connector connector = incoming;
    for (auto* child : clause->children) {
        if (is_terminal(child, ShellLexer::DO)) {
            block = Block::LoopBody;
            connector = Connector::First;
        } else if (auto* list = dynamic_cast<P::CommandListContext*>(child)) {
            command_list(list, Env{env.scope, block}, connector);
        }
    }
}

void ScriptBuilder::for_clause(P::ForClauseContext* clause, Env env) {
    for (auto* item : clause->word()) word(item, env);  // substitutions in the list run
    command_list(clause->commandList(), Env{env.scope, Block::LoopBody}, Connector::First);
}

void ScriptBuilder::case_clause(P::CaseClauseContext* clause, Env env) {
    if (auto* subject = clause->word()) word(subject, env);
    for (auto* item : clause->caseItem()) {
        for (auto* pattern : item->headWord()) word(pattern, env);
        command_list(item->commandList(), Env{env.scope, Block::CaseBranch}, Connector::First);
    }
}

// ---------------------------------------------------------------------- words

Word ScriptBuilder::word(antlr4::ParserRuleContext* word_context, Env env) {
    Word result;
    result.begin = begin_of(word_context);
    result.end = end_of(word_context);
    result.text = std::string(slice(result.begin, result.end));
    for (auto* child : word_context->children) {
        if (auto* head = dynamic_cast<P::HeadPartContext*>(child)) {
            head_part(head, result, env);
        } else if (auto* part = dynamic_cast<P::WordPartContext*>(child)) {
            if (auto* inner = part->headPart()) {
                head_part(inner, result, env);
            } else if (auto* reserved = part->reservedWord()) {
                result.literal += reserved->getText();
            }
        }
    }
    return result;
}

// Dispatches on the part's first token, so a plain literal costs no
// context lookups (each accessor scans the children with dynamic_cast).
void ScriptBuilder::head_part(P::HeadPartContext* part, Word& word, Env env) {
    const antlr4::Token* token = part->getStart();
    switch (token->getType()) {
        case ShellLexer::DQ_START:
            if (auto* quoted = part->doubleQuoted()) double_quoted(quoted, word, env);
            return;
        case ShellLexer::DOLLAR_LBRACE:
            if (auto* expansion = part->paramExpansion()) {
                word.literal += slice(begin_of(expansion), end_of(expansion));
                param_expansion(expansion, word, env);
            }
            return;
        case ShellLexer::DOLLAR_LPAREN:
            if (auto* substituted = part->commandSubstitution()) {
                word.has_expansion = true;
                word.literal += slice(begin_of(substituted), end_of(substituted));
                substitution(substituted->commandList(), ScopeKind::CommandSubstitution, substituted, env);
            }
            return;
        case ShellLexer::DOLLAR_DLPAREN:
            if (auto* expansion = part->arithmeticExpansion()) {
                word.literal += slice(begin_of(expansion), end_of(expansion));
                arithmetic(expansion, word, env);
            }
            return;
        case ShellLexer::PROC_SUBST:
            if (auto* substituted = part->processSubstitution()) {
                word.has_expansion = true;
                word.literal += slice(begin_of(substituted), end_of(substituted));
                substitution(substituted->commandList(), ScopeKind::ProcessSubstitution, substituted, env);
            }
            return;
        default:
            break;
    }

    const std::string text = token->getText();
    switch (token->getType()) {
        case ShellLexer::LITERAL:
        case ShellLexer::ASSIGN:
            word.literal += text;
            if (has_glob_char(text)) word.has_glob = true;
            break;
        case ShellLexer::ESCAPED:
            word.literal += text.substr(1);
            break;
        case ShellLexer::SQ:
            word.literal += text.substr(1, text.size() - 2);
            break;
        case ShellLexer::DOLLAR_SQ:
            word.literal += decode_ansi_c(std::string_view(text).substr(2, text.size() - 3));
            break;
        case ShellLexer::VAR:
            word.has_expansion = true;
            word.literal += text;
            add_variable(word, std::string_view(text).substr(1));
            break;
        case ShellLexer::BACKTICK:
            word.has_expansion = true;
            word.literal += text;
            backquote(*token, env);
            break;
        default:
            break;
    }
}

void ScriptBuilder::double_quoted(P::DoubleQuotedContext* quoted, Word& word, Env env) {
    for (auto* part : quoted->dqPart()) {
        if (auto* expansion = part->paramExpansion()) {
            word.literal += slice(begin_of(expansion), end_of(expansion));
            param_expansion(expansion, word, env);
        } else if (auto* substituted = part->commandSubstitution()) {
            word.has_expansion = true;
            word.literal += slice(begin_of(substituted), end_of(substituted));
            substitution(substituted->commandList(), ScopeKind::CommandSubstitution, substituted, env);
        } else if (auto* arithmetic_part = part->arithmeticExpansion()) {
            word.literal += slice(begin_of(arithmetic_part), end_of(arithmetic_part));
            arithmetic(arithmetic_part, word, env);
        } else {
            const antlr4::Token* token = part->getStart();
            const std::string text = token->getText();
            if (token->getType() == ShellLexer::DQ_TEXT) {
                word.literal += unescape_double_quoted(text);
            } else if (token->getType() == ShellLexer::VAR) {
                word.has_expansion = true;
                word.literal += text;
                add_variable(word, std::string_view(text).substr(1));
            } else if (token->getType() == ShellLexer::BACKTICK) {
                word.has_expansion = true;
                word.literal += text;
                backquote(*token, env);
            }
        }
    }
}

// Adds the parameter and everything its operand expands; the literal text of
// the expansion was already copied by the caller.
void ScriptBuilder::param_expansion(P::ParamExpansionContext* expansion, Word& word, Env env) {
    word.has_expansion = true;
    if (auto* name = expansion->PARAM_NAME()) {
        const std::string owned = name->getSymbol()->getText();
        std::string_view view = owned;
        if (view.size() > 1 && (view.front() == '#' || view.front() == '!')) view.remove_prefix(1);
        add_variable(word, view);
    }
    for (auto* part : expansion->paramPart()) {
        if (auto* nested = part->paramExpansion()) {
            param_expansion(nested, word, env);
        } else if (auto* substituted = part->commandSubstitution()) {
            substitution(substituted->commandList(), ScopeKind::CommandSubstitution, substituted, env);
        } else if (auto* arithmetic_part = part->arithmeticExpansion()) {
            arithmetic(arithmetic_part, word, env);
        } else if (auto* quoted = part->doubleQuoted()) {
            Word scratch;
            double_quoted(quoted, scratch, env);
            merge_expansion_facts(word, scratch);
        } else {
            const antlr4::Token* token = part->getStart();
            if (token->getType() == ShellLexer::VAR) {
                add_variable(word, std::string_view(token->getText()).substr(1));
            } else if (token->getType() == ShellLexer::BACKTICK) {
                backquote(*token, env);
            }
        }
    }
}

void ScriptBuilder::arithmetic(P::ArithmeticExpansionContext* expansion, Word& word, Env env) {
    word.has_expansion = true;
    for (auto* part : expansion->arithPart()) {
        if (auto* nested = part->paramExpansion()) {
            param_expansion(nested, word, env);
        } else if (auto* substituted = part->commandSubstitution()) {
            substitution(substituted->commandList(), ScopeKind::CommandSubstitution, substituted, env);
        } else if (auto* nested_arithmetic = part->arithmeticExpansion()) {
            arithmetic(nested_arithmetic, word, env);
        } else {
            const antlr4::Token* token = part->getStart();
            const std::string text = token->getText();
            if (token->getType() == ShellLexer::ARITH_TEXT) {
                std::vector<std::string> names;
                arithmetic_names(text, names);
                for (const auto& name : names) add_variable(word, name);
            } else if (token->getType() == ShellLexer::VAR) {
                add_variable(word, std::string_view(text).substr(1));
            } else if (token->getType() == ShellLexer::BACKTICK) {
                backquote(*token, env);
            }
        }
    }
}

void ScriptBuilder::substitution(P::CommandListContext* list, ScopeKind kind, antlr4::ParserRuleContext* range,
                                 Env env) {
    const Env inner{new_scope(kind, env.scope, range), env.block};
    command_list(list, inner, Connector::First);
}

void ScriptBuilder::backquote(const antlr4::Token& token, Env env) {
    const size_t start = token.getStartIndex();
    const size_t stop = token.getStopIndex();  // the closing backquote
    if (start >= text_.size() || stop >= text_.size() || stop <= start) return;
    if (level_ + 1 > kMaxBackquoteLevel) return;
    const size_t body_begin = start + 1;
    merge(parse_shell_at(text_.substr(body_begin, stop - body_begin), level_ + 1), body_begin, env);
}

// Appends a backquote body's script: its scope 0 becomes a Backquote scope.
void ScriptBuilder::merge(Script inner, size_t offset, Env env) {
    const size_t base = script_.scopes.size();
    auto remap = [&](size_t scope) { return base + scope; };
    for (size_t i = 0; i < inner.scopes.size(); ++i) {
        Scope scope = inner.scopes[i];
        scope.begin += offset;
        scope.end += offset;
        if (i == 0) {
            scope.kind = ScopeKind::Backquote;
            scope.parent = env.scope;
        } else {
            scope.parent = remap(scope.parent);
        }
        script_.scopes.push_back(scope);
    }
    for (auto& command : inner.commands) {
        command.begin += offset;
        command.end += offset;
        command.scope = remap(command.scope);
        if (command.block == Block::None) command.block = env.block;
        for (auto& assignment : command.assignments) {
            assignment.begin += offset;
            assignment.end += offset;
            shift(assignment.value, offset);
        }
        for (auto& w : command.words) shift(w, offset);
        for (auto& r : command.redirects) {
            r.begin += offset;
            r.end += offset;
            shift(r.target, offset);
        }
        script_.commands.push_back(std::move(command));
    }
    for (auto& error : inner.errors) {
        error.offset += offset;
        script_.errors.push_back(std::move(error));
    }
}

Redirect ScriptBuilder::redirect(P::RedirectContext* redirect, Env env) {
    Redirect result;
    result.begin = begin_of(redirect);
    result.end = end_of(redirect);
    if (auto* op = redirect->REDIR()) {
        const std::string text = op->getSymbol()->getText();
        const size_t digits = text.find_first_not_of("0123456789");
        result.op = digits == std::string::npos ? text : text.substr(digits);
        if (digits != std::string::npos && digits > 0) {
            int fd = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + digits, fd);
            if (error == std::errc{} && end == text.data() + digits) result.fd = fd;
        }
    }
    if (auto* target = redirect->word()) {
        result.target = word(target, env);
    } else {
        result.target.begin = result.target.end = result.end;
    }
    return result;
}

// ------------------------------------------------------------------- offsets

size_t ScriptBuilder::new_scope(ScopeKind kind, size_t parent, antlr4::ParserRuleContext* range) {
    script_.scopes.push_back({kind, parent, begin_of(range), end_of(range)});
    return script_.scopes.size() - 1;
}

size_t ScriptBuilder::begin_of(antlr4::ParserRuleContext* context) const {
    const antlr4::Token* start = context->getStart();
    if (start == nullptr || start->getType() == antlr4::Token::EOF) return text_.size();
    return std::min(start->getStartIndex(), text_.size());
}

size_t ScriptBuilder::end_of(antlr4::ParserRuleContext* context) const {
    const size_t begin = begin_of(context);
    const antlr4::Token* stop = context->getStop();
    if (stop == nullptr || stop->getType() == antlr4::Token::EOF || stop->getStopIndex() >= text_.size()) {
        return begin;
    }
    return std::max(begin, stop->getStopIndex() + 1);
}

std::string_view ScriptBuilder::slice(size_t begin, size_t end) const {
    begin = std::min(begin, text_.size());
    end = std::clamp(end, begin, text_.size());
    return text_.substr(begin, end - begin);
}

}  // namespace restage::shell
