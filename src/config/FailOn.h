#pragma once
// fail-on (.restage.yaml): which outcomes of a file make `batch --check` exit
// 1. Errors always make it exit 2, whatever fail-on says.
//
//   would-migrate   a file would be rewritten (with --write: was rewritten)
//   refused         restage refused to rewrite a file
//   finding         any finding (suggest/Rule.h)
//   RULE            findings of one rule, by name or code (trailing-comment,
//                   RS003, unused-ignore, ...)
//
// The default, [would-migrate, finding], is batch's behaviour without a
// configuration file.
#include <set>
#include <string>
#include <string_view>

namespace restage::config {

struct FailOn {
  bool wouldMigrate = true;
  bool refused = false;
  bool anyFinding = true;
  std::set<std::string> rules;  // rule names, when not anyFinding

  bool onFinding(std::string_view ruleName) const { return anyFinding || rules.count(std::string(ruleName)) > 0; }
};

}  // namespace restage::config
