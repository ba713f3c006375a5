#pragma once
// The files of the project's templates/ folder, built into the binary
// (see cmake/EmbedTemplates.cmake).
#include <optional>
#include <string_view>
#include <vector>

namespace restage::templates {

struct TemplateFile {
  std::string_view name;
  std::string_view content;
};

const std::vector<TemplateFile>& allFiles();
// Throws restage::Error when there is no such file.
std::string_view file(std::string_view name);

}  // namespace restage::templates
