#pragma once
// The language planners: one per language, each in its own file with a short
// header saying what it does and why. The registry below is the explicit
// list the migrator consults.
#include <string_view>
#include <vector>

#include "migrate/Plan.h"

namespace restage::transforms {

struct Planner {
  std::string_view language;  // node, go, cpp
  migrate::RuntimePlan (*plan)(const migrate::PlanInput&);
};

migrate::RuntimePlan planNode(const migrate::PlanInput& in);
migrate::RuntimePlan planGo(const migrate::PlanInput& in);
migrate::RuntimePlan planCpp(const migrate::PlanInput& in);

const std::vector<Planner>& planners();

}  // namespace restage::transforms
