#include "shell/ShellScript.h"

#include <algorithm>
#include <exception>
#include <new>

#include "shell/ParserSession.h"
#include "shell/ScriptBuilder.h"

namespace restage::shell {

namespace {

void collect(const Word& word, std::vector<std::string>& names) {
    for (const auto& name : word.variables) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
}

// Releases the session's tree even when the walk throws (std::bad_alloc).
class SessionLease {
public:
    explicit SessionLease(ParserSession& session) : session_(session) {}
    SessionLease(const SessionLease&) = delete;
    SessionLease& operator=(const SessionLease&) = delete;
    ~SessionLease() { session_.release(); }

private:
    ParserSession& session_;
};

}  // namespace

std::vector<std::string> Script::variables() const {
    std::vector<std::string> names;
    for (const auto& command : commands) {
        for (const auto& assignment : command.assignments) collect(assignment.value, names);
        for (const auto& word : command.words) collect(word, names);
        for (const auto& redirect : command.redirects) collect(redirect.target, names);
    }
    return names;
}

bool Script::within(std::size_t scope, std::size_t ancestor) const {
    while (scope < scopes.size()) {
        if (scope == ancestor) return true;
        if (scope == 0) return false;
        scope = scopes[scope].parent;
    }
    return false;
}

Script parse_shell_at(std::string_view text, size_t level) {
    Script script;
    ParserSession& session = ParserSession::for_level(level);
    SessionLease lease(session);
    try {
        auto* tree = session.parse(text, script.errors);
        ScriptBuilder(text, level, script).build(tree);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& error) {
        // The ANTLR runtime reports its own invariant failures by throwing;
        // keep what was built and report the rest as unparsed.
        script.errors.push_back({text.size(), std::string("shell parser failure: ") + error.what()});
    }
    std::stable_sort(script.errors.begin(), script.errors.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.offset < b.offset; });
    return script;
}

Script parse_shell(std::string_view text) {
    return parse_shell_at(text, 0);
}

}  // namespace restage::shell
