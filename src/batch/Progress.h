#pragma once
// Progress of a batch on stderr: a bar redrawn in place on a terminal (at
// most ten times a second), plain lines at every tenth of the way otherwise
// (CI logs) once the batch has run a second, nothing when disabled. Safe to advance from several threads.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <mutex>

namespace restage::batch {

class Progress {
 public:
  enum class Style { Off, Bar, Lines };
  // The style for a stream: a bar on a terminal, lines otherwise.
  static Style styleFor(std::FILE* stream);

  Progress(std::size_t total, Style style, std::FILE* stream = stderr);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance();
  // Erases the bar so a line can be printed to the same terminal; the next
  // advance draws it again.
  void clear();
  // Clears the bar; called by the destructor too.
  void finish();

 private:
  void draw(std::size_t done, bool force);

  std::size_t total_;
  Style style_;
  std::FILE* stream_;
  std::atomic<std::size_t> done_{0};
  std::mutex drawing_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point lastDraw_;
  std::size_t lastTenth_ = 0;
  bool printedLine_ = false;
  static constexpr std::chrono::seconds kQuietStart{1};
  bool finished_ = false;
};

}  // namespace restage::batch
