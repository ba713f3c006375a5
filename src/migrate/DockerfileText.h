#pragma once
// The one rule for values restage writes into generated Dockerfile lines
// (issue 21, H1/H2). Every value that comes from the input (an image from
// build arguments, a package name or path decoded from a shell word, a user,
// a file name) goes through one of these functions at the place it becomes
// Dockerfile text. A value that cannot stay the one token (or the one line)
// it is meant to be is refused, never written half-escaped: a newline or
// another control character would start a new instruction, a blank or a
// quote would end or open a token, a backslash would continue the line.
//
// The checks throw UnsafeValue; migrate::Migrator turns it into the refusal
// `unsafe-value` (docs/migrate.md), which leaves the file as it was.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace restage::migrate {

struct UnsafeValue : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What makes `value` unsafe in any generated line, or "" when nothing does:
// C0/C1 control characters, DEL, Unicode line/paragraph separators and the
// bidirectional overrides and isolates (U+202A-202E, U+2066-2069), which make
// a line read differently from what it does.
std::string controlProblem(std::string_view value);

// A value shown in messages about unsafe values: control characters as \xNN
// (\n, \r, \t by name), cut to 80 bytes.
std::string showValue(std::string_view value);

// One Dockerfile token (an image, a COPY path, a --chown value, a USER):
// not empty, no control character, blank, quote (" ' `), backslash, and not
// starting with `-` (it would read as a flag). `what` names the value for
// the refusal ("the package name", "the COPY source").
const std::string& dockerToken(std::string_view what, const std::string& value);

// Blank-separated tokens (a COPY with several sources): each word is checked
// on its own, as a token.
const std::string& dockerTokens(std::string_view what, const std::string& value);

// The rest of a line (a comment, a WORKDIR, an ENV value restage writes
// itself such as PATH="/opt/x/bin:$PATH"): no control character, and no
// backslash at its end (it would continue the line).
const std::string& dockerLine(std::string_view what, const std::string& value);

// An ENV assignment restage writes (KEY=value): KEY a variable name, value
// as for dockerLine, with blanks only inside double quotes and the quotes
// balanced, so PATH="/opt/x/bin:$PATH" stays one expandable value.
const std::string& envAssignment(std::string_view what, const std::string& assignment);

// The shape of a step restage composed (a RUN with its comment lines):
// comment lines, then one instruction whose lines all but the last end in a
// backslash; no control character but the line breaks, no empty line. A
// value that slipped a line break in fails here even when its own check was
// missed.
void generatedInstruction(const std::string& text);

// A word of a shell command restage writes into a RUN step (a user's name,
// a useradd option). Control characters are refused. A word of plain
// characters (letters, digits, _@%+=:,./- and the $ { } of an expansion
// written in the original) is written as it is; one with other characters
// the shell treats specially is single-quoted, so it stays one argument as
// it was in the original, unless it also holds a `$`: restage cannot tell
// whether that `$` was literal or an expansion, so it is refused.
std::string shellWord(std::string_view what, const std::string& value);
// A value put into a shell template (a path in a RUN step restage writes,
// possibly inside double quotes): only shellWord's plain characters (and
// the $ { } of an expansion), or nothing; anything else is refused, since no
// one quoting is right both inside and outside double quotes.
const std::string& shellPlainWord(std::string_view what, const std::string& value);

// The words joined with blanks, each through shellWord.
std::string shellCommand(std::string_view what, const std::vector<std::string>& words);

// A package name restage installs (apt, apk): the plain characters of
// shellWord plus ~ and *, nothing the shell would read as syntax; anything
// else is refused (no package has such a name).
const std::string& packageName(const std::string& value);

// An image reference as docker reads it: [host[:port]/]path[:tag][@digest],
// path components lowercase [a-z0-9] joined by `.`, `_`, `__` or `-`s, a
// tag of [A-Za-z0-9_.-] (at most 128, not starting with `.` or `-`), a
// digest `algorithm:hex`, at most 255 bytes in the name.
bool validImageReference(std::string_view ref);

}  // namespace restage::migrate
