#include "output/GithubReviewFormat.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "output/Escape.h"
#include "output/UnifiedDiff.h"

namespace restage::output {

using json = nlohmann::ordered_json;

std::string suggestionBlock(std::string_view text) {
  std::string fence = markdownFence(text);
  std::string block = fence + "suggestion\n";
  if (!text.empty()) {
    block += text;
    block += "\n";
  }
  return block + fence;
}

namespace {

// Every text from the input (paths, messages naming files, explanations,
// build output) goes through output/Escape.h's markdown functions: prose
// through markdownText, names through markdownCode, the <summary> through
// htmlText. restage's own markup (bold rule names, the fences) is added
// around them.
std::string commentBody(const suggest::Suggestion& s) {
  return fmt::format("**{} {}** ({}, {} fix)\n\n{}\n\n{}", s.rule->code, s.rule->name,
                     suggest::severityName(s.severity), suggest::applicabilityName(s.applicability), markdownText(s.message),
                     suggestionBlock(suggest::linewiseReplacement(s.hunk)));
}

// A finding's fix: the finding, then the fix as a suggestion block.
std::string commentBody(const suggest::Finding& f) {
  return fmt::format("**{} {}** ({}, unsafe fix: review before applying)\n\n{}\n\n{}\n\n{}", f.rule->code,
                     f.rule->name, suggest::severityName(f.rule->severity), markdownText(f.message),
                     markdownText(f.fix->description),
                     suggestionBlock(suggest::linewiseReplacement(f.fix->hunk)));
}

// Whether GitHub takes a comment on the hunk's lines: all of them added by
// the pull request, when that is known.
bool commentable(const suggest::FileReport& r, const suggest::Hunk& h) {
  if (!r.commentable) return true;
  for (const auto& span : *r.commentable) {
    if (span.first <= h.startLine && h.endLine() <= span.last) return true;
  }
  return false;
}
bool commentable(const suggest::FileReport& r, const suggest::Suggestion& s) { return commentable(r, s.hunk); }

// A comment on the lines of hunk `h`.
json lineComment(const std::string& path, std::string body, const suggest::Hunk& h) {
  json c = {{"path", path}, {"body", std::move(body)}, {"line", h.endLine()}, {"side", "RIGHT"}};
  // GitHub: start_line only for multi-line comments, and it must precede line.
  if (h.startLine < h.endLine()) {
    c["start_line"] = h.startLine;
    c["start_side"] = "RIGHT";
  }
  return c;
}

// A fence longer than any run of backticks in `text`.
std::string fenceFor(std::string_view text) { return markdownFence(text); }

// The suggestions GitHub would reject (outside the pull request's added
// lines): each such file's full rewrite as a collapsed diff.
std::string outsideDiffs(const std::vector<suggest::FileReport>& reports) {
  std::string out;
  for (const auto& r : reports) {
    std::size_t outside = 0;
    for (const auto& s : r.suggestions) outside += commentable(r, s) ? 0 : 1;
    if (outside == 0) continue;
    std::string diff = unifiedDiff(r.result.original, r.result.output, r.path);
    std::string fence = fenceFor(diff);
    out += fmt::format("\n<details><summary><code>{}</code>: {} suggestion{} outside this pull request's "
                       "changes; the full rewrite</summary>\n\n{}diff\n{}{}\n\n</details>\n",
                       htmlText(r.path), outside, outside == 1 ? "" : "s", fence, diff, fence);
  }
  return out;
}

// Findings' fixes GitHub would reject (outside the pull request's added
// lines): each as a collapsed diff.
std::string outsideFixes(const std::vector<suggest::FileReport>& reports) {
  std::string out;
  for (const auto& r : reports) {
    for (const auto& f : r.findings) {
      if (!f.fix || commentable(r, f.fix->hunk)) continue;
      std::string diff = unifiedDiff(r.result.original, edit::applyEdits(r.result.original, f.fix->edits), r.path);
      std::string fence = fenceFor(diff);
      out += fmt::format("\n<details><summary><code>{}</code> line {}: {} {}, unsafe fix outside this pull "
                         "request's changes</summary>\n\n{}\n\n{}diff\n{}{}\n\n</details>\n",
                         htmlText(r.path), f.line, f.rule->code, f.rule->name, markdownText(f.fix->description), fence,
                         diff, fence);
    }
  }
  return out;
}

std::string reviewBody(const std::vector<suggest::FileReport>& reports) {
  std::size_t files = 0;
  long long saving = 0;
  std::string details;
  for (const auto& r : reports) {
    if (r.suggestions.empty()) continue;
    ++files;
    saving += std::max(0LL, r.result.estimatedSavingBytes);
    details += fmt::format("- {}: {} suggestion{}", markdownCode(r.path), r.suggestions.size(),
                           r.suggestions.size() == 1 ? "" : "s");
    if (!r.result.builderBase.empty() && !r.result.runtimeBase.empty()) {
      details += fmt::format(", build in {}, run from {}", markdownCode(r.result.builderBase), markdownCode(r.result.runtimeBase));
    }
    if (r.result.estimatedSavingBytes > 0) {
      details += fmt::format(", about {} smaller", suggest::humanSize(r.result.estimatedSavingBytes));
    }
    details += "\n";
    if (!r.verification.empty()) details += "  - verified: " + markdownText(r.verification) + "\n";
    for (const auto& line : r.result.explanation) details += "  - " + markdownText(line) + "\n";
  }
  std::size_t fixes = 0;
  for (const auto& r : reports) {
    for (const auto& f : r.findings) fixes += f.fix ? 1 : 0;
  }
  std::string fixNote = fixes == 0 ? ""
                                   : fmt::format("\n\n{} problem{} in the Dockerfiles as they are come with an unsafe fix "
                                                 "(review before applying).",
                                                 fixes, fixes == 1 ? "" : "s");
  fixNote += outsideFixes(reports);
  if (files == 0 && fixes == 0) return "restage has no suggestions for the Dockerfiles in this pull request.";
  if (files == 0) return "restage suggests no multi-stage build for the Dockerfiles in this pull request." + fixNote;
  std::string body = fmt::format("restage suggests multi-stage builds for {} Dockerfile{}", files, files == 1 ? "" : "s");
  if (saving > 0) body += fmt::format(" (estimated saving: about {})", suggest::humanSize(saving));
  body += ". Accept every suggestion of a file for its full rewrite (`restage migrate`'s output).\n\n";
  return body + details + outsideDiffs(reports) + fixNote;
}

}  // namespace

std::string githubReview(const std::vector<suggest::FileReport>& reports, const std::optional<std::string>& commitId) {
  json comments = json::array();
  for (const auto& report : reports) {
    for (const auto& s : report.suggestions) {
      if (!commentable(report, s)) continue;  // in the review body instead
      comments.push_back(lineComment(report.path, commentBody(s), s.hunk));
    }
    // Findings with a fix; those outside the pull request's lines go into
    // the review body (outsideFixes).
    for (const auto& f : report.findings) {
      if (f.fix && commentable(report, f.fix->hunk)) comments.push_back(lineComment(report.path, commentBody(f), f.fix->hunk));
    }
  }
  json review;
  if (commitId) review["commit_id"] = *commitId;
  review["body"] = reviewBody(reports);
  review["event"] = "COMMENT";
  review["comments"] = std::move(comments);
  return review.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace restage::output
