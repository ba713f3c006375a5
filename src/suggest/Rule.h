#pragma once
// The rules `restage suggest` reports under, as an explicit list. A rule has
// a stable code and name, a default severity and the applicability of its
// fixes (graded as ruff does: a safe fix keeps what the code does, an unsafe
// one may change it and needs a person to check).
#include <array>
#include <string_view>

namespace restage::suggest {

enum class Severity { Error, Warning, Info };
enum class Applicability { Safe, Unsafe };

std::string_view severityName(Severity s);            // "error", "warning", "info"
std::string_view applicabilityName(Applicability a);  // "safe", "unsafe"

struct Rule {
  std::string_view code;
  std::string_view name;
  std::string_view summary;      // one line
  std::string_view description;  // what it finds, why it matters, what the fix does
  Severity severity;
  Applicability applicability;
};

// RS001 prefer-multi-stage-build
//   What: a single-stage Dockerfile that builds its program ships its build
//   toolchain, sources and caches in the image it runs from.
//   Why: a runtime stage with only the build's outputs is smaller and has
//   fewer packages to patch.
//   Fix: restage migrate's rewrite: the stage becomes a named builder and a
//   runtime stage copies the artifacts over.
//   Unsafe: the final image no longer has the builder's tools and files, so
//   whatever the program needs at run time must be checked by a person.
inline constexpr Rule kPreferMultiStageBuild{
    "RS001",
    "prefer-multi-stage-build",
    "Split the build from the runtime image with a multi-stage build.",
    "The image this Dockerfile produces carries its build toolchain, sources and caches. "
    "restage rewrites it into a builder stage and a small runtime stage that copies only "
    "the build's outputs. The fix is unsafe: the runtime image lacks the builder's tools, so "
    "check that the program finds everything it needs at run time.",
    Severity::Warning,
    Applicability::Unsafe};

// RS002 trailing-comment
//   What: a " # ..." after the arguments of an instruction other than RUN,
//   CMD, ENTRYPOINT or HEALTHCHECK (whose arguments a shell reads).
//   Why: BuildKit takes '#' as a comment only at the start of a line; the
//   words become arguments (`COPY --from=builder /app/build .  # Copy only the
//   build artifacts` copies into a folder named `artifacts`).
//   Fix (unsafe): the comment on its own line above the instruction. It
//   changes what the instruction does (the words are no longer arguments:
//   the COPY above then copies into `.`), so a person checks it.
inline constexpr Rule kTrailingComment{
    "RS002",
    "trailing-comment",
    "A '#' after an instruction's arguments is not a comment.",
    "BuildKit treats '#' as a comment only at the start of a line. After the arguments of an "
    "instruction other than RUN, CMD, ENTRYPOINT or HEALTHCHECK, the words that follow are passed "
    "as more arguments: `COPY --from=builder /app/build .  # Copy only the build artifacts` copies "
    "into a folder named `artifacts`. Move the comment to its own line above the instruction. The "
    "fix does that; it is unsafe because the instruction then does something else (the COPY above "
    "copies into `.`), so review it.",
    Severity::Error,
    Applicability::Unsafe};

// RS003 runtime-cannot-start
//   What: the last stage of a Dockerfile restage leaves unchanged (already
//   multi-stage) cannot start its command: e.g. FROM scratch with
//   CMD ["npm", "start"], or a shell-form command on an image without a shell.
//   Why: the image builds but its container fails at start.
//   Fix (unsafe), only for a Node.js start (node, npm, npx, yarn) whose stage
//   copies from a builder on a node image: the stage on the builder's small
//   node image (the Node planner's choice), in the builder's WORKDIR, with
//   package.json, its lockfile, node_modules and the build output it copied
//   (transforms/RepairRuntimeStage.h). Elsewhere by hand; the message names
//   what is missing and why no fix is offered.
inline constexpr Rule kRuntimeCannotStart{
    "RS003",
    "runtime-cannot-start",
    "The final stage cannot start its command.",
    "The last stage's base image lacks what its CMD or ENTRYPOINT needs: the program itself, "
    "a shell for a shell-form command, or any command at all. The image builds, but a container "
    "from it fails at start. Give the stage a base that has the program, or copy it in. For a "
    "Node.js start whose stage copies from a builder on a node image, the fix puts the stage on "
    "the builder's small node image with what the start needs (package.json, its lockfile, "
    "node_modules, the build output); it is unsafe: review it, then build and run the image.",
    Severity::Error,
    Applicability::Unsafe};

// RS004 unused-ignore
//   What: a `# restage: ignore` comment in a file restage would leave
//   unchanged anyway and report nothing in, or a second one in a file.
//   Why: it silences nothing today and would hide a problem later.
//   Fix: remove the comment (by hand).
inline constexpr Rule kUnusedIgnore{
    "RS004",
    "unused-ignore",
    "A '# restage: ignore' comment that ignores nothing.",
    "restage would leave this file unchanged and report nothing in it even without the comment "
    "(or another ignore comment already covers the file), so the comment silences nothing today "
    "and would hide a rewrite or a problem later. Remove it. See docs/config.md.",
    Severity::Warning,
    Applicability::Safe};

// RS005 malformed-ignore
//   What: a comment starting with `restage:` that is not a well-formed
//   `# restage: ignore [reason=...]` (`# restage: ignroe`, an unknown key, an
//   empty reason), or an ignore comment right above a parser directive,
//   which it turns into a plain comment.
//   Why: the file is not ignored as its author meant, or BuildKit no longer
//   reads the directive.
//   Fix: by hand; the message says what is wrong.
inline constexpr Rule kMalformedIgnore{
    "RS005",
    "malformed-ignore",
    "A '# restage:' comment restage cannot read.",
    "restage reads '# restage: ignore' with an optional reason=... (the rest of the line, or in "
    "quotes); anything else after '# restage:' is a mistake, and the file is not ignored. Like any "
    "comment, an ignore comment ends the parser directives, so it belongs below '# syntax=' and "
    "'# escape='. See docs/config.md.",
    Severity::Error,
    Applicability::Safe};

inline constexpr std::array<const Rule*, 5> kRules{&kPreferMultiStageBuild, &kTrailingComment,
                                                   &kRuntimeCannotStart, &kUnusedIgnore, &kMalformedIgnore};

}  // namespace restage::suggest
