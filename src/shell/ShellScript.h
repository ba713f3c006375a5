#pragma once

// Typed view of a POSIX-shell fragment (RUN/CMD/ENTRYPOINT shell form).
// ANTLR stays behind this header: include it freely.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shell/Diagnostic.h"
#include "shell/SimpleCommand.h"
#include "shell/Word.h"

namespace restage::shell {

/// Kinds of shell environment a command can run in.
enum class ScopeKind : std::uint8_t {
    Script,                ///< the shell running the text (scope 0)
    Subshell,              ///< `( ... )`
    CommandSubstitution,   ///< `$( ... )`
    Backquote,             ///< `` `...` ``
    ProcessSubstitution,   ///< `<( ... )`, `>( ... )`
    PipelineStage,         ///< one command of a pipeline with several commands
    Background,            ///< an and-or list ended by `&`
};

/// A shell environment; changes made in it (cd, variables) do not reach its parent.
struct Scope {
    ScopeKind kind = ScopeKind::Script;
    std::size_t parent = 0;  ///< index into Script::scopes; scope 0 is its own parent
    std::size_t begin = 0;
    std::size_t end = 0;
};

struct Script {
    /// Every simple command in source order (by `begin`), including those
    /// nested in groups, subshells, if/for/while/case bodies, functions and
    /// command/process substitutions.
    std::vector<SimpleCommand> commands;
    /// scopes[0] is the script itself; SimpleCommand::scope indexes this.
    std::vector<Scope> scopes;
    /// Syntax errors, in input order. The parser recovers, so `commands` still
    /// holds what could be understood.
    std::vector<Diagnostic> errors;

    [[nodiscard]] bool ok() const { return errors.empty(); }
    /// Variables referenced anywhere (words, assignment values, redirection
    /// targets), unique, in order of first use.
    [[nodiscard]] std::vector<std::string> variables() const;
    /// True when `scope` is `ancestor` or nested inside it.
    [[nodiscard]] bool within(std::size_t scope, std::size_t ancestor) const;
};

/// Parses shell text. Never throws on bad input and never crashes or hangs:
/// syntax errors become Script::errors. Offsets are byte offsets into `text`,
/// which is read byte for byte (invalid UTF-8 and NUL bytes are fine).
/// Thread-safe; parser instances are reused per thread.
Script parse_shell(std::string_view text);

}  // namespace restage::shell
