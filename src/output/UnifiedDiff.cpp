#include "output/UnifiedDiff.h"

#include <fmt/core.h>

#include <filesystem>

#include "suggest/LineDiff.h"

namespace restage::output {

namespace {

using suggest::DiffStep;
using suggest::LineOp;

void appendLine(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (suggest::lineTerminator(line).empty()) out += "\n\\ No newline at end of file\n";
}

// A file name on a ---/+++ line, as git writes it: C-quoted when it has a
// quote, a backslash or a control character; followed by a tab when it has a
// space, so that GNU patch takes the whole name.
std::string headerName(std::string_view prefix, std::string_view path) {
  std::string name = std::string(prefix) + std::string(path);
  bool quote = false;
  for (unsigned char c : name) quote = quote || c == '"' || c == '\\' || c < 0x20 || c == 0x7f;
  if (quote) {
    std::string q = "\"";
    for (unsigned char c : name) {
      switch (c) {
        case '"': q += "\\\""; break;
        case '\\': q += "\\\\"; break;
        case '\n': q += "\\n"; break;
        case '\t': q += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7f) {
            q += fmt::format("\\{:03o}", c);
          } else {
            q += static_cast<char>(c);
          }
      }
    }
    return q + "\"";
  }
  return name.find(' ') != std::string::npos ? name + "\t" : name;
}

}  // namespace

std::string diffPath(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path given(path);
  fs::path normal = given.lexically_normal();
  auto inside = [](const fs::path& p) { return !p.empty() && p.is_relative() && *p.begin() != ".."; };
  std::string name;
  if (inside(normal)) {
    name = normal.generic_string();
  } else {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    fs::path absolute = (given.is_absolute() || ec ? given : cwd / given).lexically_normal();
    fs::path relative = ec ? fs::path() : absolute.lexically_relative(cwd);
    // Outside the current folder: the path from the root, without its "/".
    name = inside(relative) ? relative.generic_string() : absolute.relative_path().generic_string();
  }
  while (name.starts_with("./")) name.erase(0, 2);
  return name;
}

namespace {

// "start,count" as unified diffs write it: an empty range names the line
// before it.
std::string range(std::size_t start, std::size_t count) {
  return fmt::format("{},{}", count == 0 ? start : start + 1, count);
}

}  // namespace

std::string unifiedDiff(std::string_view original, std::string_view output, const std::string& path,
                        int contextLines) {
  if (original == output) return {};
  std::size_t context = contextLines > 0 ? static_cast<std::size_t>(contextLines) : 0;
  std::vector<suggest::Line> a = suggest::splitLines(original);
  std::vector<suggest::Line> b = suggest::splitLines(output);
  std::vector<DiffStep> steps = suggest::diffLines(a, b);

  // Groups of steps: each run of changes with `context` unchanged lines on
  // either side; groups whose context meets become one.
  std::vector<std::pair<std::size_t, std::size_t>> groups;
  for (std::size_t k = 0; k < steps.size();) {
    if (steps[k].op == LineOp::Common) {
      ++k;
      continue;
    }
    std::size_t end = k;
    while (end < steps.size() && steps[end].op != LineOp::Common) ++end;
    std::size_t from = k > context ? k - context : 0;
    std::size_t to = std::min(steps.size(), end + context);
    if (!groups.empty() && groups.back().second >= from) {
      groups.back().second = to;
    } else {
      groups.emplace_back(from, to);
    }
    k = end;
  }

  std::string name = diffPath(path);
  std::string out = fmt::format("--- {}\n+++ {}\n", headerName("a/", name), headerName("b/", name));
  for (const auto& [from, to] : groups) {
    std::size_t oldCount = 0, newCount = 0;
    for (std::size_t k = from; k < to; ++k) {
      if (steps[k].op != LineOp::Insert) ++oldCount;
      if (steps[k].op != LineOp::Delete) ++newCount;
    }
    out += fmt::format("@@ -{} +{} @@\n", range(steps[from].before, oldCount), range(steps[from].after, newCount));
    // Within a run of changes, removed lines come before added ones.
    for (std::size_t k = from; k < to;) {
      if (steps[k].op == LineOp::Common) {
        appendLine(out, ' ', a[steps[k++].before].text);
        continue;
      }
      std::size_t end = k;
      while (end < to && steps[end].op != LineOp::Common) ++end;
      for (std::size_t j = k; j < end; ++j) {
        if (steps[j].op == LineOp::Delete) appendLine(out, '-', a[steps[j].before].text);
      }
      for (std::size_t j = k; j < end; ++j) {
        if (steps[j].op == LineOp::Insert) appendLine(out, '+', b[steps[j].after].text);
      }
      k = end;
    }
  }
  return out;
}

std::string unifiedDiff(const std::vector<suggest::FileReport>& reports) {
  std::string out;
  for (const auto& r : reports) {
    if (r.suggestions.empty()) continue;
    out += unifiedDiff(r.result.original, r.result.output, r.path);
  }
  return out;
}

}  // namespace restage::output
