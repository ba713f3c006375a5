#include "transforms/Planners.h"

namespace restage::transforms {

const std::vector<Planner>& planners() {
  static const std::vector<Planner> list{
      {"node", &planNode},
      {"go", &planGo},
      {"cpp", &planCpp},
  };
  return list;
}

}  // namespace restage::transforms
