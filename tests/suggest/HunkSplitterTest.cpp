// HunkSplitter: minimal line hunks, anchoring of insertions and deletions,
// first/last lines, missing final newline, CRLF; and a randomised check that
// the hunks always rebuild the output.
#include <catch2/catch.hpp>

#include <random>

#include "suggest/HunkSplitter.h"

using restage::suggest::applyHunks;
using restage::suggest::Hunk;
using restage::suggest::linewiseReplacement;
using restage::suggest::splitHunks;

namespace {

struct Expect {
  std::size_t startLine, lineCount;
  std::string replaced, replacement;
};

void check(const std::string& original, const std::string& output, const std::vector<Expect>& expected) {
  std::vector<Hunk> hunks = splitHunks(original, output);
  INFO("original: " << original << "\noutput: " << output);
  REQUIRE(hunks.size() == expected.size());
  for (std::size_t k = 0; k < hunks.size(); ++k) {
    CHECK(hunks[k].startLine == expected[k].startLine);
    CHECK(hunks[k].lineCount == expected[k].lineCount);
    CHECK(hunks[k].replaced == expected[k].replaced);
    CHECK(hunks[k].replacement == expected[k].replacement);
    CHECK(original.substr(hunks[k].offset, hunks[k].length) == hunks[k].replaced);
  }
  CHECK(applyHunks(original, hunks) == output);
}

}  // namespace

TEST_CASE("equal texts give no hunks", "[splitter]") {
  CHECK(splitHunks("FROM a\nRUN b\n", "FROM a\nRUN b\n").empty());
  CHECK(splitHunks("", "").empty());
}

TEST_CASE("a changed line is its own hunk", "[splitter]") {
  check("FROM a\nRUN b\nCMD c\n", "FROM a\nRUN x\nCMD c\n", {{2, 1, "RUN b\n", "RUN x\n"}});
}

TEST_CASE("changes at the first and the last line are separate hunks", "[splitter]") {
  check("FROM a\nRUN b\nRUN c\nCMD d\n", "FROM a AS build\nRUN b\nRUN c\nCMD e\n",
        {{1, 1, "FROM a\n", "FROM a AS build\n"}, {4, 1, "CMD d\n", "CMD e\n"}});
}

TEST_CASE("an insertion is anchored on the line before it", "[splitter]") {
  check("FROM a\nRUN b\nCMD c\n", "FROM a\nRUN b\nRUN new\nCMD c\n", {{2, 1, "RUN b\n", "RUN b\nRUN new\n"}});
}

TEST_CASE("an insertion at the top is anchored on the first line", "[splitter]") {
  check("FROM a\nCMD c\n", "# syntax=docker/dockerfile:1\nFROM a\nCMD c\n",
        {{1, 1, "FROM a\n", "# syntax=docker/dockerfile:1\nFROM a\n"}});
}

TEST_CASE("an insertion at the end is anchored on the last line", "[splitter]") {
  check("FROM a\nCMD c\n", "FROM a\nCMD c\nFROM b\nCOPY --from=0 /x /x\n",
        {{2, 1, "CMD c\n", "CMD c\nFROM b\nCOPY --from=0 /x /x\n"}});
}

TEST_CASE("a deletion is anchored so its text is not empty", "[splitter]") {
  check("FROM a\nRUN b\nRUN c\nCMD d\n", "FROM a\nRUN b\nCMD d\n", {{2, 2, "RUN b\nRUN c\n", "RUN b\n"}});
  // The first line: anchored on the next one.
  check("RUN x\nFROM a\nCMD d\n", "FROM a\nCMD d\n", {{1, 2, "RUN x\nFROM a\n", "FROM a\n"}});
}

TEST_CASE("a replacement that is one empty line takes in a neighbour", "[splitter]") {
  // "" in a suggestion block means "delete", so one blank line is widened.
  check("FROM a\nRUN b\nCMD c\n", "FROM a\n\nCMD c\n", {{1, 2, "FROM a\nRUN b\n", "FROM a\n\n"}});
  for (const Hunk& h : splitHunks("FROM a\nRUN b\nCMD c\n", "FROM a\n\nCMD c\n")) {
    CHECK_FALSE(linewiseReplacement(h).empty());
  }
}

TEST_CASE("anchors that meet are joined", "[splitter]") {
  // Inserted before and after the only line: both would anchor on it.
  check("FROM a\n", "# top\nFROM a\nCMD b\n", {{1, 1, "FROM a\n", "# top\nFROM a\nCMD b\n"}});
  // Deletions either side of one blank line, where each anchor would be blank.
  std::string original = "FROM a\nRUN x\n\nRUN y\nCMD c\n";
  std::string output = "FROM a\n\nCMD c\n";
  std::vector<Hunk> hunks = splitHunks(original, output);
  CHECK(applyHunks(original, hunks) == output);
  for (const auto& h : hunks) CHECK_FALSE(linewiseReplacement(h).empty());
}

TEST_CASE("a file without a final newline", "[splitter]") {
  // Appending after the last line changes that line (it gains a newline).
  check("FROM a\nCMD c", "FROM a\nCMD c\nFROM b\n", {{2, 1, "CMD c", "CMD c\nFROM b\n"}});
  // Changing the last line keeps it without a newline.
  check("FROM a\nCMD c", "FROM a\nCMD d", {{2, 1, "CMD c", "CMD d"}});
  // Only the final newline added.
  check("FROM a\nCMD c", "FROM a\nCMD c\n", {{2, 1, "CMD c", "CMD c\n"}});
}

TEST_CASE("CRLF files keep CRLF in replacements", "[splitter]") {
  check("FROM a\r\nRUN b\r\nCMD c\r\n", "FROM a AS build\r\nRUN b\r\nCMD c\r\nFROM d\r\n",
        {{1, 1, "FROM a\r\n", "FROM a AS build\r\n"}, {3, 1, "CMD c\r\n", "CMD c\r\nFROM d\r\n"}});
  std::vector<Hunk> hunks = splitHunks("FROM a\r\nCMD c\r\n", "FROM a\r\nCMD d\r\n");
  REQUIRE(hunks.size() == 1);
  CHECK(linewiseReplacement(hunks[0]) == "CMD d");
}

TEST_CASE("output line numbers follow the earlier hunks", "[splitter]") {
  std::vector<Hunk> hunks = splitHunks("a\nb\nc\nd\ne\n", "a\nX\nY\nc\nd\nZ\n");
  REQUIRE(hunks.size() == 2);
  CHECK(hunks[0].startLine == 2);
  CHECK(hunks[0].outputStartLine == 2);
  CHECK(hunks[0].outputLineCount == 2);
  CHECK(hunks[1].startLine == 5);
  CHECK(hunks[1].outputStartLine == 6);
}

TEST_CASE("an empty original gives one hunk with no lines", "[splitter]") {
  std::vector<Hunk> hunks = splitHunks("", "FROM a\n");
  REQUIRE(hunks.size() == 1);
  CHECK(hunks[0].lineCount == 0);
  CHECK(applyHunks("", hunks) == "FROM a\n");
}

TEST_CASE("join spans two hunks and the lines between", "[splitter]") {
  restage::suggest::HunkSplitter splitter("a\nb\nc\nd\n", "A\nb\nc\nD\n");
  std::vector<Hunk> hunks = splitter.split();
  REQUIRE(hunks.size() == 2);
  Hunk joined = splitter.join(hunks[0], hunks[1]);
  CHECK(joined.startLine == 1);
  CHECK(joined.lineCount == 4);
  CHECK(joined.replacement == "A\nb\nc\nD\n");
}

TEST_CASE("random rewrites: hunks rebuild the output and are well formed", "[splitter]") {
  std::mt19937 rng(20261128);
  const std::vector<std::string> vocabulary = {"FROM a\n", "RUN b\n", "\n", "CMD c\n", "COPY . .\n",
                                               "# note\n", "RUN b\r\n", "ENV X=1\n"};
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::string> lines;
    std::size_t count = pick(9);
    for (std::size_t k = 0; k < count; ++k) lines.push_back(vocabulary[pick(vocabulary.size())]);
    std::vector<std::string> changed = lines;
    std::size_t edits = 1 + pick(4);
    for (std::size_t e = 0; e < edits; ++e) {
      std::size_t kind = pick(3);
      if (kind == 0 || changed.empty()) {
        changed.insert(changed.begin() + static_cast<long>(pick(changed.size() + 1)), vocabulary[pick(vocabulary.size())]);
      } else if (kind == 1) {
        changed.erase(changed.begin() + static_cast<long>(pick(changed.size())));
      } else {
        changed[pick(changed.size())] = vocabulary[pick(vocabulary.size())];
      }
    }
    std::string original, output;
    for (const auto& l : lines) original += l;
    for (const auto& l : changed) output += l;
    if (pick(4) == 0 && !original.empty()) original.pop_back();  // no final newline
    if (pick(4) == 0 && !output.empty()) output.pop_back();

    std::vector<Hunk> hunks = splitHunks(original, output);
    INFO("original: " << original << "\noutput: " << output);
    REQUIRE(applyHunks(original, hunks) == output);
    for (std::size_t k = 0; k < hunks.size(); ++k) {
      const Hunk& h = hunks[k];
      REQUIRE(original.substr(h.offset, h.length) == h.replaced);
      REQUIRE(h.replaced != h.replacement);
      if (k > 0) REQUIRE(hunks[k - 1].startLine + hunks[k - 1].lineCount <= h.startLine);
      bool wholeFile = h.startLine == 1 && h.length == original.size();
      if (!original.empty()) REQUIRE(h.lineCount >= 1);
      if (!wholeFile) REQUIRE_FALSE(linewiseReplacement(h).empty());
      // Alone, each hunk is a valid partial application too.
      std::string alone = applyHunks(original, {h});
      REQUIRE(alone.size() == original.size() - h.length + h.replacement.size());
    }
  }
}
