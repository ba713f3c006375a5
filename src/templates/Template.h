#pragma once
// A small logic-less template language (a subset of Mustache) for the
// Dockerfile snippets in templates/:
//   {{name}}             the value (strings as they are, numbers printed)
//   {{#name}}..{{/name}} a section: once for true or an object, once per list
//                        element, never for false/null/empty
//   {{^name}}..{{/name}} an inverted section: only when the value is falsy
//   {{.}}                the current list element
//   {{&name}}, {{&.}}    the value as it is: text restage composed itself
//                        (a rendered snippet, whole original instructions)
// A line holding only a section tag leaves no blank line behind. Names are
// looked up in the innermost context first.
//
// Values are checked, not escaped (issue 21): {{name}} is where a value from
// the input becomes Dockerfile text, so it goes through migrate/DockerfileText's
// rule for the template's context, and a value that breaks it throws
// migrate::UnsafeValue (the refusal `unsafe-value`) instead of being written:
//   Context::Dockerfile  no control character (no newline, no CR, no ESC,
//                        no bidi control): it cannot start another line
//   Context::Shell       a plain shell word (migrate::shellWord's plain
//                        characters): a RUN step's paths cannot end the word,
//                        the command or the line
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace restage::templates {

enum class Context { Dockerfile, Shell };

// Throws restage::Error on an unbalanced or malformed template, and
// migrate::UnsafeValue on a value its context cannot hold.
std::string render(std::string_view tmpl, const nlohmann::json& data, Context context = Context::Dockerfile);

}  // namespace restage::templates
