#include "ast/Instruction.h"

#include <array>

namespace restage::ast {

namespace {
struct KindName {
  InstructionKind kind;
  std::string_view lower;
  std::string_view upper;
};
constexpr std::array<KindName, 18> kKinds{{
    {InstructionKind::From, "from", "FROM"},
    {InstructionKind::Run, "run", "RUN"},
    {InstructionKind::Cmd, "cmd", "CMD"},
    {InstructionKind::Label, "label", "LABEL"},
    {InstructionKind::Maintainer, "maintainer", "MAINTAINER"},
    {InstructionKind::Expose, "expose", "EXPOSE"},
    {InstructionKind::Env, "env", "ENV"},
    {InstructionKind::Add, "add", "ADD"},
    {InstructionKind::Copy, "copy", "COPY"},
    {InstructionKind::Entrypoint, "entrypoint", "ENTRYPOINT"},
    {InstructionKind::Volume, "volume", "VOLUME"},
    {InstructionKind::User, "user", "USER"},
    {InstructionKind::Workdir, "workdir", "WORKDIR"},
    {InstructionKind::Arg, "arg", "ARG"},
    {InstructionKind::Onbuild, "onbuild", "ONBUILD"},
    {InstructionKind::StopSignal, "stopsignal", "STOPSIGNAL"},
    {InstructionKind::Healthcheck, "healthcheck", "HEALTHCHECK"},
    {InstructionKind::Shell, "shell", "SHELL"},
}};
}  // namespace

InstructionKind instructionKindFromCmd(std::string_view lowerCmd) {
  for (const auto& k : kKinds) {
    if (k.lower == lowerCmd) return k.kind;
  }
  return InstructionKind::Unknown;
}

std::string_view instructionKeyword(InstructionKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.upper;
  }
  return {};
}

std::optional<std::string> MountSpec::get(std::string_view key) const {
  for (const auto& [k, v] : options) {
    if (k == key) return v;
  }
  return std::nullopt;
}

const Flag* Instruction::flag(std::string_view name) const {
  for (const auto& f : flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace restage::ast
