#pragma once
// Compares the original's observation with the rewrite's, field by field,
// and picks the verdict. Each difference is one line a person can act on:
// "rewrite exited 1 after 0.4 s (original still running after 10 s): open
// /etc/app/config.yaml: no such file", "GET :8080/ → 500, original 200".
#include <string>
#include <vector>

#include "verify/Report.h"

namespace restage::verify {

struct CompareOptions {
  bool normalizeTimestamps = false;  // replace dates and times in output before comparing
  bool explicitHttp = false;         // the HTTP probes were asked for (--probe http://...)
};

std::vector<Difference> compareSides(const SideObservation& original, const SideObservation& rewrite,
                                     const CompareOptions& options);

// Fills verdict, reason, differences and notes of a report whose sides are
// observed (or whose builds failed).
void decideVerdict(Report& report, const CompareOptions& options);

// Dates and times (ISO 8601, "HH:MM:SS", common log formats) replaced by <time>.
std::string normalizeTimestamps(const std::string& text);

// stdout without npm's and yarn's script banners ("> pkg@1.0.0 start",
// "> node app.js"), which are the launcher's output, not the app's.
std::string withoutLauncherBanners(const std::string& text);

// The last line that says something (for "exited 1: <line>").
std::string lastMeaningfulLine(const std::string& text);

// The line of a build log that names the error (buildah, docker, podman).
std::string buildErrorLine(const std::string& log);

}  // namespace restage::verify
