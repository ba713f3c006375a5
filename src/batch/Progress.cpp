#include "batch/Progress.h"

#include <unistd.h>

#include <fmt/core.h>

#include <string>

namespace restage::batch {

using Clock = std::chrono::steady_clock;

Progress::Style Progress::styleFor(std::FILE* stream) {
  return ::isatty(::fileno(stream)) ? Style::Bar : Style::Lines;
}

Progress::Progress(std::size_t total, Style style, std::FILE* stream)
    : total_(total), style_(total == 0 ? Style::Off : style), stream_(stream), start_(Clock::now()) {}

Progress::~Progress() { finish(); }

void Progress::advance() {
  std::size_t done = ++done_;
  if (style_ == Style::Off) return;
  // Whoever holds the lock draws; the others just count.
  std::unique_lock lock(drawing_, std::try_to_lock);
  if (lock.owns_lock()) draw(done, false);
}

void Progress::draw(std::size_t done, bool force) {
  if (finished_) return;
  auto now = Clock::now();
  double seconds = std::chrono::duration<double>(now - start_).count();
  double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  if (style_ == Style::Bar) {
    if (!force && now - lastDraw_ < std::chrono::milliseconds(100)) return;
    lastDraw_ = now;
    constexpr std::size_t kWidth = 30;
    std::size_t filled = total_ ? done * kWidth / total_ : kWidth;
    std::string bar(filled, '#');
    bar.append(kWidth - filled, '.');
    fmt::print(stream_, "\r[{}] {}/{} files  {:.0f} files/s", bar, done, total_, rate);
    std::fflush(stream_);
  } else if (style_ == Style::Lines) {
    // A batch over within a second gets no progress lines: they would only
    // crowd the report in a CI log.
    if (!printedLine_ && now - start_ < kQuietStart) return;
    std::size_t tenth = done * 10 / total_;
    if (tenth <= lastTenth_ && !(force && done == total_ && lastTenth_ < 10)) return;
    printedLine_ = true;
    lastTenth_ = tenth;
    fmt::print(stream_, "restage batch: {}/{} files ({}%)\n", done, total_, done * 100 / total_);
    std::fflush(stream_);
  }
}

void Progress::clear() {
  if (style_ != Style::Bar) return;
  std::lock_guard lock(drawing_);
  if (finished_) return;
  fmt::print(stream_, "\r\033[K");
  std::fflush(stream_);
  lastDraw_ = {};
}

void Progress::finish() {
  std::lock_guard lock(drawing_);
  if (finished_ || style_ == Style::Off) {
    finished_ = true;
    return;
  }
  if (style_ == Style::Bar) {
    fmt::print(stream_, "\r\033[K");
    std::fflush(stream_);
  } else {
    draw(done_, true);  // the last line, if a busy drawer missed it
  }
  finished_ = true;
}

}  // namespace restage::batch
