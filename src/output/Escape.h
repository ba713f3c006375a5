#pragma once
// Escaping for the output contexts restage writes text into, in one place:
// a value from the input (a file name, a message quoting a Dockerfile line)
// goes through the function of the context it lands in, never through
// ad-hoc replacements at the call site.
//
// (The security work, issue 21, grows this module with the terminal and
// markdown contexts; the workflow-command functions below keep its names.)
#include <string>
#include <string_view>

namespace restage::output {

// GitHub Actions workflow commands (`::warning file=F,line=L::MESSAGE`):
// the message (`%`, CR, LF as %25, %0D, %0A; other control characters
// %XX, which the runner leaves as they are), and a property value (the same
// plus `:` and `,`, which end a property).
std::string workflowData(std::string_view text);
std::string workflowProperty(std::string_view text);

}  // namespace restage::output
