#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shell/Word.h"

namespace restage::shell {

/// `NAME=value` or `NAME+=value` before the command name.
struct Assignment {
    std::string name;
    Word value;
    bool append = false;  ///< `+=`
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// A redirection such as `>out`, `2>&1`, `&>log`, `<<EOF`, `<<<"$x"`.
struct Redirect {
    std::string op;          ///< operator without fd: ">", ">>", "<", ">&", "<&", "<>", ">|", "<<", "<<-", "<<<", "&>", "&>>"
    std::optional<int> fd;   ///< explicit fd prefix (`2` in `2>&1`)
    Word target;             ///< file, fd or heredoc delimiter word
    std::size_t begin = 0;
    std::size_t end = 0;

    [[nodiscard]] bool is_heredoc() const { return op == "<<" || op == "<<-"; }
};

/// What links a command to what ran just before it in the same list. Opening
/// `(`, `{` and `if`/`while` conditions are transparent: in `a && (b; c)` b is
/// linked by And, c by Sequence. The first command of a script, of a command
/// substitution, or of a `then`/`else`/`do`/case/function body is First.
enum class Connector : std::uint8_t {
    First,
    Sequence,    ///< after `;` or a newline
    Background,  ///< after `&` (the previous list runs asynchronously)
    And,         ///< after `&&`
    Or,          ///< after `||`
    Pipe,        ///< after `|` or `|&`
};

/// The innermost control construct a command sits in. Brace groups and
/// subshells are not blocks (subshells are scopes, see Script::scopes).
enum class Block : std::uint8_t {
    None,
    IfCondition,    ///< between `if`/`elif` and `then`
    IfBranch,       ///< `then` or `else` body
    LoopCondition,  ///< between `while`/`until` and `do`
    LoopBody,       ///< `do ... done` of while/until/for
    CaseBranch,
    FunctionBody,
};

/// A simple command: assignments, argv words and redirections.
struct SimpleCommand {
    std::vector<Assignment> assignments;
    std::vector<Word> words;  ///< argv; words[0] is the command name
    std::vector<Redirect> redirects;
    std::size_t begin = 0;
    std::size_t end = 0;
    Connector connector = Connector::First;
    /// Index into Script::scopes of the shell environment it runs in; a `cd`
    /// or assignment only affects later commands of the same scope and of
    /// scopes nested in it.
    std::size_t scope = 0;
    Block block = Block::None;

    /// words[0].literal when the command name has no expansion, else "".
    [[nodiscard]] std::string name() const;
};

/// The `literal` of every word (expansions kept verbatim).
std::vector<std::string> argv_literals(const SimpleCommand& command);

/// For `cd [-L|-P|-e|-@] [--] DIR`, the DIR word; nullptr when the command is
/// not `cd` or names no directory (`cd` alone goes home).
const Word* cd_target(const SimpleCommand& command);

}  // namespace restage::shell
