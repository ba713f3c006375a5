#include "glob/Wildcard.h"

namespace restage::glob {

Wildcard::Wildcard(std::string_view pattern, Syntax syntax) : slashSpecial_(syntax != Syntax::Name) {
  auto add = [&](Kind kind, unsigned char byte = 0) {
    // `**` in the Name and Path syntaxes is one star: the same language, one
    // state fewer.
    if (kind == Kind::Star && !steps_.empty() && steps_.back().kind == Kind::Star) return;
    steps_.push_back({kind, byte, 0, 0});
  };
  std::size_t i = 0;
  while (i < pattern.size()) {
    unsigned char c = static_cast<unsigned char>(pattern[i]);
    if (syntax == Syntax::Name) {
      add(c == '*' ? Kind::Star : c == '?' ? Kind::AnyOne : Kind::Byte, c);
      ++i;
      continue;
    }
    if (c == '*') {
      if (syntax == Syntax::DockerIgnore && i + 1 < pattern.size() && pattern[i + 1] == '*') {
        i += 2;
        if (i < pattern.size() && pattern[i] == '/') ++i;
        if (i == pattern.size()) {
          add(Kind::AnyRun);
        } else {
          steps_.push_back({Kind::Optional, 0, 2, 0});
          add(Kind::AnyRun);
          add(Kind::Byte, '/');
        }
        continue;
      }
      add(Kind::Star);
      ++i;
    } else if (c == '?') {
      add(Kind::AnyOne);
      ++i;
    } else if (c == '\\') {
      // `\x` is x; a lone backslash at the end is itself.
      add(Kind::Byte, i + 1 < pattern.size() ? static_cast<unsigned char>(pattern[i + 1]) : c);
      i += 2;
    } else if (c == '[') {
      // A class: `[abc]`, `[a-z]`, `[^a]` (and `[!a]` in Path syntax); a `]`
      // first is a member. Without its `]` the `[` is an ordinary byte.
      std::size_t j = i + 1;
      bool negated = false;
      if (j < pattern.size() && (pattern[j] == '^' || (syntax == Syntax::Path && pattern[j] == '!'))) {
        negated = true;
        ++j;
      }
      std::bitset<256> members;
      bool closed = false;
      bool first = true;
      while (j < pattern.size()) {
        unsigned char lo = static_cast<unsigned char>(pattern[j]);
        if (lo == ']' && !first) {
          closed = true;
          ++j;
          break;
        }
        first = false;
        if (lo == '\\' && j + 1 < pattern.size()) lo = static_cast<unsigned char>(pattern[++j]);
        ++j;
        unsigned char hi = lo;
        if (j + 1 < pattern.size() && pattern[j] == '-' && pattern[j + 1] != ']') {
          hi = static_cast<unsigned char>(pattern[j + 1]);
          j += 2;
          if (hi == '\\' && j < pattern.size()) hi = static_cast<unsigned char>(pattern[j++]);
        }
        for (unsigned v = lo; v <= hi; ++v) members.set(v);
      }
      if (!closed) {
        add(Kind::Byte, c);
        ++i;
        continue;
      }
      if (negated) members.flip();
      members.reset('/');
      classes_.push_back(members);
      steps_.push_back({Kind::Class, 0, 0, classes_.size() - 1});
      i = j;
    } else {
      add(Kind::Byte, c);
      ++i;
    }
  }
}

// Adds the states reachable without reading a byte. Every such edge leads
// forward, so one pass in order reaches them all.
void Wildcard::close(std::vector<char>& set) const {
  for (std::size_t k = 0; k < steps_.size(); ++k) {
    if (!set[k]) continue;
    const Step& s = steps_[k];
    if (s.kind == Kind::Star || s.kind == Kind::AnyRun) {
      set[k + 1] = 1;
    } else if (s.kind == Kind::Optional) {
      set[k + 1] = 1;
      set[k + 1 + s.skip] = 1;
    }
  }
}

bool Wildcard::run(std::string_view text, bool orFolder, std::size_t* cost) const {
  const std::size_t n = steps_.size();
  std::vector<char> now(n + 1, 0), next(n + 1, 0);
  now[0] = 1;
  close(now);
  for (std::size_t at = 0; at < text.size(); ++at) {
    unsigned char c = static_cast<unsigned char>(text[at]);
    // The part before this '/' is a folder on the path's way.
    if (orFolder && c == '/' && at > 0 && now[n]) return true;
    if (cost) *cost += n + 1;
    std::fill(next.begin(), next.end(), 0);
    bool alive = false;
    bool slash = slashSpecial_ && c == '/';
    for (std::size_t k = 0; k < n; ++k) {
      if (!now[k]) continue;
      const Step& s = steps_[k];
      switch (s.kind) {
        case Kind::Byte:
          if (c == s.byte) next[k + 1] = alive = true;
          break;
        case Kind::AnyOne:
          if (!slash) next[k + 1] = alive = true;
          break;
        case Kind::Class:
          if (classes_[s.index].test(c)) next[k + 1] = alive = true;
          break;
        case Kind::Star:
          if (!slash) next[k] = alive = true;
          break;
        case Kind::AnyRun:
          next[k] = alive = true;
          break;
        case Kind::Optional:
          break;
      }
    }
    if (!alive) return false;
    close(next);
    now.swap(next);
  }
  return now[n] != 0;
}

bool Wildcard::matches(std::string_view text, std::size_t* cost) const { return run(text, false, cost); }

bool Wildcard::matchesPathOrFolder(std::string_view path, std::size_t* cost) const { return run(path, true, cost); }

bool nameMatches(std::string_view pattern, std::string_view name) {
  return Wildcard(pattern, Syntax::Name).matches(name);
}

bool pathMatches(std::string_view pattern, std::string_view path) {
  return Wildcard(pattern, Syntax::Path).matches(path);
}

}  // namespace restage::glob
