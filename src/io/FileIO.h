#pragma once
// Reading and atomically replacing files. Errors throw restage::Error with the
// path and the system's reason.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace restage::io {

// The largest Dockerfile restage reads (the CLI's --max-file-size). Files
// over it are refused before a byte is parsed. Process-wide: the CLI sets it
// once, before any work starts.
inline constexpr std::size_t kDefaultMaxFileBytes = 4u << 20;  // 4 MiB
std::size_t maxFileBytes();
void setMaxFileBytes(std::size_t bytes);
// The most lines a Dockerfile may have (the CLI's --max-lines). Each line
// costs a few hundred bytes of syntax tree at most, so with the size limit
// this bounds memory for any input; real Dockerfiles have a few hundred.
inline constexpr std::size_t kDefaultMaxLines = 20000;
std::size_t maxLines();
void setMaxLines(std::size_t lines);
// The most words a Dockerfile may have (the CLI's --max-words; the reader
// says what counts as a word). Real Dockerfiles have a few thousand.
inline constexpr std::size_t kDefaultMaxWords = 25000;
std::size_t maxWords();
void setMaxWords(std::size_t words);
// "4 MiB", "512 KiB", "1000 bytes": a limit as people read it.
std::string describeBytes(std::size_t bytes);
// Reads "4MiB", "512k", "2M", "1000": the argument of --max-file-size.
// Throws restage::UsageError for anything else.
std::size_t parseByteSize(const std::string& text);

// Reads a regular file of at most `maxBytes`. Never blocks on a FIFO or a
// device: anything but a regular file is an error ("not a regular file").
std::string readFile(const std::filesystem::path& path, std::size_t maxBytes);
// The same with maxFileBytes().
std::string readFile(const std::filesystem::path& path);

// Writes `content` next to `path` and renames it into place, keeping the
// original's permissions: readers see the old or the new file, never a mix,
// and a failure leaves the original untouched. The new file and its folder
// are fsync'ed, so the rename survives a crash. A symlink at `path` is
// replaced by the new file, never written through (its target may be
// anywhere the repository's author chose); the temporary file is created
// with O_EXCL|O_NOFOLLOW in the same folder.
//
// With `expectedOriginal`, `path` must still hold exactly those bytes just
// before the rename (someone may have edited it since restage read it);
// otherwise nothing is replaced and Error says the file changed.
void writeFileAtomic(const std::filesystem::path& path, const std::string& content,
                     const std::string* expectedOriginal = nullptr);

// Whether `path` is absolute and already what lexically_normal() makes of it,
// without a trailing slash: no empty, `.` or `..` element. Paths that
// discovery made real pass, so callers can skip std::filesystem's parsing.
bool isNormalAbsolute(std::string_view path);

// A file written as a stream and put in place at the end as writeFileAtomic
// puts one: a temporary file next to `path` (O_EXCL|O_NOFOLLOW), renamed over
// `path` by commit(). A symlink at `path` is replaced, never written
// through. Without commit() (an error on the way) the temporary file is
// removed and `path` is left as it was. Throws restage::Error.
class ReplacingFile {
 public:
  explicit ReplacingFile(const std::filesystem::path& path);
  ~ReplacingFile();
  ReplacingFile(const ReplacingFile&) = delete;
  ReplacingFile& operator=(const ReplacingFile&) = delete;

  std::ostream& stream();
  void commit();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace restage::io
