#pragma once
// What `restage verify` observes of one image (the original or the
// rewrite), as plain values. Compare.h compares two of them field by field;
// the formats print them. Nothing here runs anything.
#include <optional>
#include <string>
#include <vector>

namespace restage::verify {

// The attack-surface figures, read from the image's filesystem and config.
struct ImageFacts {
  std::optional<long long> sizeBytes;
  std::string user;          // as configured ("" = root)
  std::string userName;      // resolved through the image's /etc/passwd ("root", "nonroot", ...)
  bool runsAsRoot = true;
  std::optional<int> packages;     // installed distro packages; unset: no package database
  std::string packageDatabase;     // "dpkg", "apk" or ""
  std::vector<std::string> shells;           // paths, e.g. /bin/sh
  std::vector<std::string> compilers;        // gcc, g++, cc, go, ...
  std::vector<std::string> packageManagers;  // apt-get, dpkg, apk, ...
  std::vector<std::string> command;          // ENTRYPOINT + CMD
  std::vector<std::string> exposed;          // "8080/tcp"
  std::vector<std::string> healthcheck;      // HEALTHCHECK test, empty if none
};

// The main process, run with the image's own ENTRYPOINT/CMD.
struct RunObservation {
  bool started = false;      // the engine started it (false: could not create/run)
  std::string startError;    // why it did not start
  bool exited = false;       // exited within the observation window
  std::optional<int> exitStatus;
  double exitedAfter = 0;    // seconds after start
  double watchedFor = 0;     // seconds it was watched (still running at that point when !exited)
  std::string stdoutText;
  std::string stderrText;
  bool outputTruncated = false;
};

enum class ProbeKind { Http, Exec, Healthcheck };

struct ProbeObservation {
  ProbeKind kind = ProbeKind::Http;
  std::string target;        // ":8080/path", the exec command, or the HEALTHCHECK command
  bool answered = false;     // http: got a response; exec/healthcheck: the command ran
  std::string error;         // why not (e.g. "not listening on :8080 after 60 s")
  int status = 0;            // HTTP status, or the command's exit status
  std::string body;          // HTTP body, or the command's stdout
  std::string errText;       // exec/healthcheck: stderr
};

struct SideObservation {
  bool built = false;
  std::string buildError;    // the build error's line
  double buildSeconds = 0;
  ImageFacts facts;
  RunObservation run;
  std::vector<ProbeObservation> probes;
};

}  // namespace restage::verify
