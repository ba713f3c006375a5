#pragma once
// Escaping for the output contexts restage writes text into, in one place:
// a value from the input (a file name, a message quoting a Dockerfile line)
// goes through the function of the context it lands in, never through
// ad-hoc replacements at the call site.
//
// Contexts: GitHub workflow commands, terminal/log text, markdown prose,
// markdown code spans and fences, HTML text (issue 21: M1, L2).
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/core.h>

namespace restage::output {

// GitHub Actions workflow commands (`::warning file=F,line=L::MESSAGE`):
// the message (`%`, CR, LF as %25, %0D, %0A; other control characters
// %XX, which the runner leaves as they are), and a property value (the same
// plus `:` and `,`, which end a property).
std::string workflowData(std::string_view text);
std::string workflowProperty(std::string_view text);

// Terminal and log text (text output, error messages): C0 and C1 control
// characters, DEL and the Unicode line separators and bidirectional
// controls (U+202A-202E, U+2066-2069) are C-quoted as git quotes paths:
// \n, \r, \t, \033 (ESC), other bytes as octal \NNN, U+202E as \u202e.
// What remains can neither move the cursor, recolour, clear the screen, start
// a new line nor reorder the line's characters. A backslash stays as it is.
std::string terminalText(std::string_view text);

// One line of text output or of an error message: formatted, then
// terminalText over the whole line (restage's own words have no control
// characters), then a newline. Every line restage prints that holds a
// file name, a message or a value from the input goes through this.
template <typename... Args>
void printLine(std::FILE* stream, fmt::format_string<Args...> format, Args&&... args) {
  std::string line = terminalText(fmt::format(format, std::forward<Args>(args)...));
  line += '\n';
  std::fputs(line.c_str(), stream);
}

// Markdown prose on one line (a message, an explanation, a file name in a
// sentence), as GitHub renders it in reviews and reviewdog posts it: control
// characters and line breaks as for terminalText (no new line can start, so
// no heading, list, fence or HTML block), the characters markdown or HTML
// act on backslash-escaped (\ * _ [ ] < > # | ~ ! and the backtick), `&` as
// &amp; and `@` followed by a zero-width space entity, so no @mention, team
// ping, link, image, emphasis, HTML or code span comes from the text.
std::string markdownText(std::string_view text);

// A markdown code span holding `text` literally on one line: a backtick
// fence longer than any run of backticks inside (padded with a blank when
// the text starts or ends with one), control characters as terminalText.
std::string markdownCode(std::string_view text);

// The fence for a code block holding `text`: backticks, longer than any run
// of backticks in it, at least three.
std::string markdownFence(std::string_view text);

// HTML text (inside <summary><code>...</code>): & < > " ' as entities,
// control characters as terminalText, `@` as in markdownText.
std::string htmlText(std::string_view text);

}  // namespace restage::output
