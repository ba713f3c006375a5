#pragma once
// A small logic-less template language (a subset of Mustache) for the
// Dockerfile snippets in templates/:
//   {{name}}             the value (strings as they are, numbers printed)
//   {{#name}}..{{/name}} a section: once for true or an object, once per list
//                        element, never for false/null/empty
//   {{^name}}..{{/name}} an inverted section: only when the value is falsy
//   {{.}}                the current list element
// A line holding only a section tag leaves no blank line behind. Names are
// looked up in the innermost context first. No escaping: the output is a
// Dockerfile, not HTML.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace restage::templates {

// Throws restage::Error on an unbalanced or malformed template.
std::string render(std::string_view tmpl, const nlohmann::json& data);

}  // namespace restage::templates
