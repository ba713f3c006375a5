#pragma once
// The rules restage reports under, as an explicit list. A rule has a stable
// code and name, a default severity and the applicability of its fixes
// (graded as ruff does: a safe fix keeps what the code does, an unsafe one
// may change it and needs a person to check). What each rule means, an
// example and its fix are data, in templates/rules.json: the one text that
// `restage rule CODE`, the SARIF rules' help and docs/rules.md show.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace restage::suggest {

enum class Severity { Error, Warning, Info };
enum class Applicability { Safe, Unsafe };

std::string_view severityName(Severity s);            // "error", "warning", "info"
std::string_view applicabilityName(Applicability a);  // "safe", "unsafe"

struct Rule {
  std::string_view code;
  std::string_view name;
  Severity severity;
  Applicability applicability;
  bool offersFix;  // restage can offer a fix (where the repair is clear); false: by hand
};

// "unsafe", "safe", or "none (by hand)" for a rule that offers no fix.
std::string_view fixName(const Rule& rule);

// RS001: a single-stage Dockerfile that builds its program (the rewrite).
inline constexpr Rule kPreferMultiStageBuild{"RS001", "prefer-multi-stage-build", Severity::Warning,
                                             Applicability::Unsafe, true};
// RS002: a " # ..." after the arguments of an instruction a shell does not
// read; BuildKit passes the words as arguments. Fix: the comment above.
inline constexpr Rule kTrailingComment{"RS002", "trailing-comment", Severity::Error, Applicability::Unsafe, true};
// RS003: the last stage of a file restage leaves unchanged cannot start its
// command. Fix, for a Node.js start: transforms/RepairRuntimeStage.h.
inline constexpr Rule kRuntimeCannotStart{"RS003", "runtime-cannot-start", Severity::Error, Applicability::Unsafe,
                                           true};
// RS004: a `# restage: ignore` comment (or one code of it) that silences nothing.
inline constexpr Rule kUnusedIgnore{"RS004", "unused-ignore", Severity::Warning, Applicability::Safe, false};
// RS005: a `# restage:` comment restage cannot read.
inline constexpr Rule kMalformedIgnore{"RS005", "malformed-ignore", Severity::Error, Applicability::Safe, false};

inline constexpr std::array<const Rule*, 5> kRules{&kPreferMultiStageBuild, &kTrailingComment,
                                                   &kRuntimeCannotStart, &kUnusedIgnore, &kMalformedIgnore};

// The rule with this code or name, in any letter case; null when none.
const Rule* findRule(std::string_view codeOrName);

// A rule's words, from templates/rules.json.
struct RuleText {
  std::string summary;               // one line
  std::string meaning;               // what it finds and why it matters
  std::vector<std::string> example;  // a Dockerfile it reports, line by line
  std::string fix;                   // what to do, and what restage's fix does
  std::vector<std::string> fixed;    // the example after restage's fix (empty: none shown)
  std::string suppress;              // where a `# restage: ignore=CODE` goes for it
};
// Throws restage::Error when the data has no entry for the rule.
const RuleText& ruleText(const Rule& rule);

// A rule as `restage rule CODE` prints it (plain text) and as docs/rules.md
// and the SARIF rule's help.markdown hold it (markdown).
std::string ruleHelpText(const Rule& rule);
std::string ruleHelpMarkdown(const Rule& rule);

}  // namespace restage::suggest
