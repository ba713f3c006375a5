#pragma once
// The typed instruction model. Every value keeps the byte range of the source
// it was read from; a value read across a line continuation spans it.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "ast/SourceRange.h"

namespace restage::ast {

enum class InstructionKind {
  From, Run, Cmd, Label, Maintainer, Expose, Env, Add, Copy, Entrypoint,
  Volume, User, Workdir, Arg, Onbuild, StopSignal, Healthcheck, Shell, Unknown
};

InstructionKind instructionKindFromCmd(std::string_view lowerCmd);
std::string_view instructionKeyword(InstructionKind kind);  // upper case, "" for Unknown

// One of BuildKit's argument values, decoded as BuildKit decodes it.
struct Value {
  std::string text;
  SourceRange range;
};

// $NAME, ${NAME}, ${NAME:-word}, ${NAME:+word}, ${NAME-word}, ${NAME?word}...
struct VariableRef {
  std::string name;
  std::string op;    // "" when there is no modifier
  // The text after the operator, unexpanded, as offsets into the
  // instruction's logicalLine (Instruction::variableWord gives the text):
  // nested references share their outer word's bytes instead of copying them.
  std::size_t wordBegin = 0;
  std::size_t wordEnd = 0;
  bool braced = false;
  SourceRange range;
};

struct Flag {
  std::string raw;                   // as BuildKit reports it: --from=build
  std::string name;                  // from
  std::optional<std::string> value;  // absent for a bare --link
  SourceRange range;
};

// A --mount=type=cache,target=/root/.cache value, as key/value options.
struct MountSpec {
  std::vector<std::pair<std::string, std::string>> options;
  std::optional<std::string> get(std::string_view key) const;
  std::string type() const { return get("type").value_or("bind"); }
};

struct Heredoc {
  std::string name;
  std::string content;  // raw body, terminator excluded, before chomping
  bool expand = true;
  bool chomp = false;
  unsigned fd = 0;
  SourceRange word;        // <<EOF in the instruction line
  SourceRange body;        // the body lines
  SourceRange terminator;  // the terminator line (empty if unterminated)
};

// Exec (JSON array) or shell form of RUN, CMD, ENTRYPOINT, SHELL and the
// command of HEALTHCHECK CMD.
struct CommandLine {
  bool exec = false;
  std::vector<Value> argv;  // exec form
  Value script;             // shell form: the text as BuildKit keeps it
};

struct FromArgs {
  Value image;
  std::optional<Value> stageName;     // FROM image AS name
  std::optional<std::string> platform;
};
struct RunArgs {
  CommandLine command;
  std::vector<MountSpec> mounts;
  std::optional<std::string> network;
  std::optional<std::string> security;
};
struct CommandArgs {  // CMD, ENTRYPOINT, SHELL
  CommandLine command;
};
struct CopyArgs {  // COPY and ADD
  std::vector<Value> sources;         // heredoc sources included, as written
  std::optional<Value> destination;
  bool json = false;
  std::optional<std::string> from, chown, chmod, checksum;
  bool link = false, parents = false, keepGitDir = false;
  std::vector<std::string> excludes;
};
struct KeyValue {
  Value key;
  Value value;  // raw, quotes kept (BuildKit unquotes when it expands)
};
struct KeyValueArgs {  // ENV and LABEL
  std::vector<KeyValue> pairs;
  bool legacyForm = false;  // ENV key value
};
struct ArgDecl {
  Value name;
  std::optional<Value> defaultValue;
};
struct ArgArgs {
  std::vector<ArgDecl> decls;
};
struct StringArgs {  // USER, WORKDIR, STOPSIGNAL, MAINTAINER
  std::optional<Value> value;
};
struct ListArgs {  // EXPOSE, VOLUME
  std::vector<Value> items;
  bool json = false;
};
struct HealthcheckArgs {
  std::optional<Value> type;  // CMD or NONE
  CommandLine command;
  std::optional<std::string> interval, timeout, startPeriod, startInterval, retries;
};
struct Instruction;
struct OnbuildArgs {
  std::shared_ptr<Instruction> trigger;
};
struct UnknownArgs {};

using Payload = std::variant<UnknownArgs, FromArgs, RunArgs, CommandArgs, CopyArgs,
                             KeyValueArgs, ArgArgs, StringArgs, ListArgs, HealthcheckArgs,
                             OnbuildArgs>;

struct Instruction {
  InstructionKind kind = InstructionKind::Unknown;
  std::string cmd;            // lower-cased keyword, BuildKit's node value
  SourceRange keyword;        // the keyword as written
  SourceRange range;          // keyword .. end of the last line (heredocs included), newline excluded
  SourceRange lines;          // whole physical lines, leading blanks and final newline included
  std::size_t startLine = 0;  // 1-based, as BuildKit reports them
  std::size_t endLine = 0;
  std::string logicalLine;    // the joined line BuildKit reads
  std::vector<Flag> flags;
  bool json = false;
  std::vector<Value> nodes;   // BuildKit's argument nodes, in order
  std::vector<Heredoc> heredocs;
  std::vector<VariableRef> variables;
  std::vector<std::string> comments;  // the comment lines right above it
  Payload payload;

  const Flag* flag(std::string_view name) const;
  std::string_view variableWord(const VariableRef& v) const {
    return std::string_view(logicalLine).substr(v.wordBegin, v.wordEnd - v.wordBegin);
  }
  template <class T>
  const T* as() const { return std::get_if<T>(&payload); }
};

}  // namespace restage::ast
