#include "templates/TemplateFiles.h"

#include <string>

#include "Error.h"

namespace restage::templates {

std::string_view file(std::string_view name) {
  for (const auto& f : allFiles()) {
    if (f.name == name) return f.content;
  }
  throw Error("no template named '" + std::string(name) + "'");
}

}  // namespace restage::templates
