#pragma once
// The one wildcard matcher of restage: .dockerignore lines, `.restage.yaml`
// globs (config::Glob, per path segment), COPY source patterns and the
// effect model's file name patterns all match through it.
//
// A pattern is compiled once into a small automaton (one state per pattern
// token) and a text is matched by keeping the set of states it can be in
// after each byte, as Thompson's construction does: no backtracking, so a
// match costs at most (tokens + 1) x (bytes of the text) steps whatever the
// pattern holds. `*a*a*a*a*a*a*a*a*b` against sixty `a`s takes about a
// thousand steps (the recursive matcher it replaces took 75 s).
#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace restage::glob {

enum class Syntax {
  // `*` any run of bytes, `?` any one byte; '/' is an ordinary byte and
  // every other byte stands for itself (a file name pattern: `*.go`).
  Name,
  // A path pattern as the shell's fnmatch(FNM_PATHNAME) and Go's
  // filepath.Match read it: `*`, `?` and `[...]` never match '/';
  // `[a-z]`, `[^a-z]` (also `[!a-z]`) are classes; `\x` is a literal x.
  Path,
  // Docker's .dockerignore (moby/patternmatcher): Path, plus `**`: at the end
  // of the pattern any run of bytes, '/' included; elsewhere (with the '/'
  // after it, if any) any number of leading folders, none too, so `**/*.log`
  // matches `a.log` and `x/y/a.log`.
  DockerIgnore,
};

class Wildcard {
 public:
  Wildcard() = default;
  explicit Wildcard(std::string_view pattern, Syntax syntax);

  // The whole text matches. `cost`, when given, grows by the steps walked:
  // states() per byte read, at most states() x text.size().
  bool matches(std::string_view text, std::size_t* cost = nullptr) const;
  // The whole path or a folder on its way matches (the pattern names the
  // folder, so the path is inside what it names): one pass over the path.
  bool matchesPathOrFolder(std::string_view path, std::size_t* cost = nullptr) const;

  // The states of the automaton: what one byte of text costs.
  std::size_t states() const { return steps_.size() + 1; }

 private:
  enum class Kind : unsigned char {
    Byte,     // one given byte
    AnyOne,   // one byte ('/' excepted in Path syntaxes)
    Class,    // one byte of classes_[index] ('/' excepted in Path syntaxes)
    Star,     // any run of bytes, '/' excepted in Path syntaxes
    AnyRun,   // any run of bytes, '/' included
    Optional  // may skip the next `skip` states (the `(.*/)?` of `**/`)
  };
  struct Step {
    Kind kind;
    unsigned char byte = 0;
    unsigned short skip = 0;
    std::size_t index = 0;
  };

  bool run(std::string_view text, bool orFolder, std::size_t* cost) const;
  void close(std::vector<char>& set) const;

  std::vector<Step> steps_;
  std::vector<std::bitset<256>> classes_;
  bool slashSpecial_ = false;
};

// One-off matches (compile, then match).
bool nameMatches(std::string_view pattern, std::string_view name);
bool pathMatches(std::string_view pattern, std::string_view path);

}  // namespace restage::glob
