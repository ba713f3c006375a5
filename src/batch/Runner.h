#pragma once
// Runs `migrate` over the files of a batch on a pool of threads and hands
// each file's outcome to the caller in file order, whatever the job count:
// outcomes that finish early wait (briefly, and only a few) for the ones
// before them. A file's texts are dropped as soon as it is done, so memory
// does not grow with the batch.
//
// With `write`, a migrated file is replaced atomically right after its
// migration (after the original is copied to FILE.restage-bak with
// `backup`); a failed write leaves the original as it was and makes the
// outcome an error "write-failed" (so does a file edited since it was read).
// An exception from migrate, of any type, is an error "internal-error" for
// that file. Neither stops the batch.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "batch/BuildContexts.h"
#include "batch/Discovery.h"
#include "batch/FileOutcome.h"
#include "migrate/Migration.h"

namespace restage::batch {

using MigrateFunction = std::function<migrate::Result(const std::filesystem::path&, const migrate::Options&)>;
// (path, new content, the bytes the file must still hold just before it is
// replaced, or null for a new file)
using WriteFunction =
    std::function<void(const std::filesystem::path&, const std::string&, const std::string*)>;

struct RunnerOptions {
  unsigned jobs = 0;  // 0: one per core
  bool write = false;
  bool backup = false;
  bool diff = false;  // keep each rewrite as a unified diff (FileOutcome::diff)
  bool reports = false;  // keep each file as restage suggest reports it (FileOutcome::report)
  // Prepared for every file (BuildContexts::prepare); none: each file's
  // own folder.
  const BuildContexts* contexts = nullptr;
  migrate::Options migrate{};  // passed to every file (context and build args are set per file)
};

class Runner {
 public:
  static constexpr const char* kBackupSuffix = ".restage-bak";

  // `migrate` is migrate::migrateFile in the tool; `write` is
  // io::writeFileAtomic. Both must be safe to call from several threads.
  Runner(MigrateFunction migrate, WriteFunction write);

  // Called once per file, in file order, never from two threads at once.
  using Sink = std::function<void(std::size_t index, FileOutcome&& outcome)>;
  // Called from the worker threads as each file finishes, in any order.
  using Tick = std::function<void()>;

  // Rethrows the first exception a sink threw, after stopping the workers.
  void run(const std::vector<DiscoveredFile>& files, const RunnerOptions& options, const Sink& sink,
           const Tick& tick = {}) const;

  FileOutcome process(const DiscoveredFile& file, const RunnerOptions& options) const;

  static unsigned defaultJobs();

  // A path (a context, a compose file) as the report shows it: relative to
  // where `file.path` is, the way `file.path` is shown.
  static std::string displayPath(const DiscoveredFile& file, const std::filesystem::path& absolute);

 private:
  MigrateFunction migrate_;
  WriteFunction write_;
};

}  // namespace restage::batch
