#include "batch/Runner.h"

#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "output/UnifiedDiff.h"

namespace restage::batch {

namespace fs = std::filesystem;

namespace {

// Hands outcomes to the sink in index order as they come in out of order.
class OrderedSink {
 public:
  explicit OrderedSink(const Runner::Sink& sink) : sink_(sink) {}

  void push(std::size_t index, FileOutcome&& outcome) {
    std::lock_guard lock(mutex_);
    if (failed_) return;
    try {
      if (index != next_) {
        pending_.emplace(index, std::move(outcome));
        return;
      }
      sink_(index, std::move(outcome));
      ++next_;
      for (auto it = pending_.begin(); it != pending_.end() && it->first == next_; it = pending_.erase(it)) {
        sink_(it->first, std::move(it->second));
        ++next_;
      }
    } catch (...) {
      failed_ = std::current_exception();
      pending_.clear();
    }
  }

  bool failed() {
    std::lock_guard lock(mutex_);
    return failed_ != nullptr;
  }
  void rethrow() {
    if (failed_) std::rethrow_exception(failed_);
  }

 private:
  const Runner::Sink& sink_;
  std::mutex mutex_;
  std::size_t next_ = 0;
  std::map<std::size_t, FileOutcome> pending_;
  std::exception_ptr failed_;
};

}  // namespace

Runner::Runner(MigrateFunction migrate, WriteFunction write)
    : migrate_(std::move(migrate)), write_(std::move(write)) {}

unsigned Runner::defaultJobs() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

std::string Runner::displayPath(const DiscoveredFile& file, const fs::path& absolute) {
  fs::path rel = absolute.lexically_relative(fs::path(file.realPath).parent_path());
  if (rel.empty()) return absolute.string();
  std::string shown = (fs::path(file.path).parent_path() / rel).lexically_normal().string();
  while (shown.size() > 1 && shown.back() == '/') shown.pop_back();
  return shown.empty() ? "." : shown;
}

FileOutcome Runner::process(const DiscoveredFile& file, const RunnerOptions& options) const {
  migrate::Options perFile = options.migrate;
  ResolvedContext resolved;
  if (options.contexts) {
    resolved = options.contexts->resolve(file.realPath);
    // The file's own folder stays migrate's default (a symlink's folder).
    applyContext(resolved, perFile, [&](const fs::path& p) { return displayPath(file, p); });
  }
  auto describeContext = [&](FileOutcome& o) {
    if (perFile.context) {
      o.context = displayPath(file, *perFile.context);
    } else {
      std::string folder = fs::path(file.path).parent_path().string();
      o.context = folder.empty() ? "." : folder;
    }
    o.contextSource = std::string(contextSourceName(resolved.source));
    if (!resolved.from.empty()) o.contextFrom = displayPath(file, resolved.from);
    o.composeService = resolved.service;
    o.composeOtherServices = resolved.otherServices;
    o.buildArgs = resolved.buildArgs;
    o.contextNote = resolved.contextNote;
  };
  migrate::Result result;
  try {
    result = migrate_(file.path, perFile);
  } catch (const std::exception& e) {
    FileOutcome o;
    o.path = file.path;
    o.status = FileStatus::Error;
    o.code = "internal-error";
    o.reason = std::string("migrate failed: ") + e.what();
    describeContext(o);
    return o;
  } catch (...) {
    FileOutcome o;
    o.path = file.path;
    o.status = FileStatus::Error;
    o.code = "internal-error";
    o.reason = "migrate failed with an unknown exception";
    describeContext(o);
    return o;
  }
  FileOutcome outcome = FileOutcome::from(result, file.path);
  describeContext(outcome);
  if (options.write && result.status == migrate::Status::Migrated && result.output != result.original) {
    try {
      if (options.backup) {
        write_(file.realPath + kBackupSuffix, result.original, nullptr);
        outcome.backup = file.path + kBackupSuffix;
      }
      // Through a symlink to its target, so the link stays a link.
      write_(file.realPath, result.output, &result.original);
      outcome.written = true;
    } catch (const std::exception& e) {
      outcome.status = FileStatus::Error;
      outcome.code = "write-failed";
      outcome.reason = e.what();
      outcome.estimatedSavingBytes = 0;
    } catch (...) {
      outcome.status = FileStatus::Error;
      outcome.code = "write-failed";
      outcome.reason = "the write failed with an unknown exception";
      outcome.estimatedSavingBytes = 0;
    }
  }
  if (options.diff && outcome.status == FileStatus::Migrated) {
    outcome.diff = output::unifiedDiff(result.original, result.output, file.path);
  }
  if (options.reports) {
    suggest::FileReport report = suggest::makeReport(std::move(result), suggest::reportPath(file.path));
    // The formats read the original only for the lines findings are on.
    report.result.output.clear();
    report.result.edits.clear();
    if (report.findings.empty()) report.result.original.clear();
    outcome.report = std::move(report);
  }
  return outcome;
}

void Runner::run(const std::vector<DiscoveredFile>& files, const RunnerOptions& options, const Sink& sink,
                 const Tick& tick) const {
  OrderedSink ordered(sink);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      FileOutcome outcome = process(files[i], options);
      if (tick) tick();
      ordered.push(i, std::move(outcome));
      if (ordered.failed()) return;
    }
  };
  unsigned jobs = options.jobs == 0 ? defaultJobs() : options.jobs;
  if (jobs > files.size()) jobs = static_cast<unsigned>(std::max<std::size_t>(files.size(), 1));
  if (jobs <= 1) {
    work();
  } else {
    std::vector<std::jthread> workers;
    workers.reserve(jobs);
    for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(work);
  }
  ordered.rethrow();
}

}  // namespace restage::batch
