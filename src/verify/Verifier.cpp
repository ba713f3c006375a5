#include "verify/Verifier.h"

#include <arpa/inet.h>
#include <fmt/core.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "Error.h"
#include "io/FileIO.h"
#include "migrate/Migration.h"
#include "verify/Compare.h"
#include "verify/ImageFacts.h"

namespace restage::verify {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::vector<std::string> splitWords(const std::string& text) {
  std::vector<std::string> words;
  std::string cur;
  bool have = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < text.size()) {
        cur += text[++i];
      } else {
        cur += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      have = true;
    } else if (c == '\\' && i + 1 < text.size()) {
      cur += text[++i];
      have = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (have) words.push_back(cur);
      cur.clear();
      have = false;
    } else {
      cur += c;
      have = true;
    }
  }
  if (quote) throw UsageError("verify: unterminated quote in exec probe: " + text);
  if (have) words.push_back(cur);
  return words;
}

ProbeSpec parseProbe(const std::string& text) {
  ProbeSpec p;
  p.text = text;
  if (text == "auto") return p;
  if (text == "none") {
    p.kind = ProbeSpec::None;
    return p;
  }
  if (text.starts_with("exec:")) {
    p.kind = ProbeSpec::Exec;
    p.command = splitWords(text.substr(5));
    if (p.command.empty()) throw UsageError("verify: --probe exec: needs a command");
    return p;
  }
  if (text.starts_with("http://")) {
    p.kind = ProbeSpec::Http;
    std::string rest = text.substr(7);
    auto slash = rest.find('/');
    std::string hostPort = rest.substr(0, slash);
    p.path = slash == std::string::npos ? "/" : rest.substr(slash);
    auto colon = hostPort.rfind(':');
    std::string host = colon == std::string::npos ? hostPort : hostPort.substr(0, colon);
    std::string port = colon == std::string::npos ? "" : hostPort.substr(colon + 1);
    if (!host.empty() && host != "localhost" && host != "127.0.0.1") {
      throw UsageError("verify: --probe " + text + ": the host must be empty (http://:PORT/PATH): the probe "
                       "talks to the container");
    }
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port) < 1 || std::stoi(port) > 65535) {
      throw UsageError("verify: --probe " + text + ": needs a port (http://:PORT/PATH)");
    }
    p.port = std::stoi(port);
    return p;
  }
  throw UsageError("verify: unknown --probe '" + text + "' (auto, none, http://:PORT/PATH, exec:CMD)");
}

namespace {

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

bool portListening(int port) {
  int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(s);
  return ok;
}

int freePort() {
  int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (s < 0 || bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    if (s >= 0) close(s);
    throw Error("cannot find a free local port");
  }
  close(s);
  return ntohs(a.sin_port);
}

struct HttpAnswer {
  bool ok = false;
  int status = 0;
  std::string body;
  std::string error;
};

// HTTP/1.0 GET on 127.0.0.1:port, bounded in time and size.
HttpAnswer httpGet(int port, const std::string& path, std::chrono::seconds timeout) {
  HttpAnswer r;
  int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0) {
    r.error = "no socket";
    return r;
  }
  timeval tv{static_cast<long>(timeout.count()), 0};
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(s);
    r.error = "connection refused";
    return r;
  }
  std::string req = "GET " + path + " HTTP/1.0\r\nHost: localhost:" + std::to_string(port) +
                    "\r\nUser-Agent: restage-verify\r\nConnection: close\r\n\r\n";
  if (send(s, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    close(s);
    r.error = "request could not be sent";
    return r;
  }
  std::string resp;
  char buf[65536];
  auto deadline = Clock::now() + timeout;
  for (;;) {
    ssize_t n = recv(s, buf, sizeof buf, 0);
    if (n > 0) {
      resp.append(buf, static_cast<std::size_t>(n));
      if (resp.size() > kOutputLimit) break;
      continue;
    }
    if (n == 0) break;
    if (errno == EINTR && !interrupted() && Clock::now() < deadline) continue;
    break;
  }
  close(s);
  if (!resp.starts_with("HTTP/")) {
    r.error = resp.empty() ? "no response" : "not an HTTP response";
    return r;
  }
  auto sp = resp.find(' ');
  r.status = std::atoi(resp.c_str() + sp + 1);
  auto headEnd = resp.find("\r\n\r\n");
  r.body = headEnd == std::string::npos ? "" : resp.substr(headEnd + 4);
  r.ok = true;
  return r;
}

std::string randomId() {
  std::random_device rd;
  return fmt::format("{:08x}", rd());
}

std::string tailOfFile(const fs::path& p, std::size_t max = 65536) {
  std::ifstream in(p, std::ios::binary | std::ios::ate);
  if (!in) return "";
  auto size = static_cast<std::size_t>(in.tellg());
  std::size_t from = size > max ? size - max : 0;
  in.seekg(static_cast<std::streamoff>(from));
  std::string s(size - from, '\0');
  in.read(s.data(), static_cast<std::streamsize>(s.size()));
  return s;
}

// Everything one run creates, removed on every path (destructor included).
class Session {
 public:
  Session(const VerifyOptions& opt) : opt_(opt), cmds_(opt.engine) {
    id_ = fmt::format("restage-verify-{}-{}", getpid(), randomId());
    const char* tmpdir = std::getenv("TMPDIR");
    std::string t = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/restage-verify-XXXXXX";
    std::vector<char> buf(t.begin(), t.end());
    buf.push_back('\0');
    char* made = mkdtemp(buf.data());
    if (!made) throw Error("cannot make a temporary folder in " + t);
    tmp_ = made;
  }
  ~Session() { cleanup(); }

  const EngineCommands& cmds() const { return cmds_; }
  const fs::path& tmp() const { return tmp_; }
  std::string tag(const std::string& side) const { return "localhost/restage-verify/" + id_ + ":" + side; }
  std::string container(const std::string& side) const { return id_ + "-" + side; }
  void ownImage(const std::string& tag) { images_.push_back(tag); }
  void ownContainer(const std::string& name) { containers_.push_back(name); }
  void say(const std::string& s) const {
    if (opt_.progress) opt_.progress(s);
  }

  // Runs an engine command to completion; throws Error when it fails.
  RunResult must(const Argv& a, std::chrono::seconds timeout = 300s) const {
    RunResult r = runCommand(a, timeout);
    if (r.timedOut) throw Error(fmt::format("'{}' did not finish within {} s", showArgv(a), timeout.count()));
    if (r.status != 0) {
      std::string why = lastMeaningfulLine(r.err);
      throw Error(fmt::format("'{}' failed (exit {}){}", showArgv(a), r.status, why.empty() ? "" : ": " + why));
    }
    return r;
  }

  void removeContainer(const std::string& name) {
    if (cmds_.canMount()) runCommand(cmds_.unmountContainer(name), 60s, false);
    runCommand(cmds_.removeContainer(name), 120s, false);
    std::erase(containers_, name);
  }

  void cleanup() {
    for (auto it = containers_.rbegin(); it != containers_.rend(); ++it) {
      if (cmds_.canMount()) runCommand(cmds_.unmountContainer(*it), 60s, false);
      runCommand(cmds_.removeContainer(*it), 120s, false);
    }
    containers_.clear();
    for (const auto& t : images_) runCommand(cmds_.removeImage(t), 120s, false);
    images_.clear();
    std::error_code ec;
    if (!tmp_.empty()) fs::remove_all(tmp_, ec);
    tmp_.clear();
  }

 private:
  const VerifyOptions& opt_;
  EngineCommands cmds_;
  std::string id_;
  fs::path tmp_;
  std::vector<std::string> containers_;
  std::vector<std::string> images_;
};

void build(Session& s, const std::string& side, const std::string& dockerfile, const VerifyOptions& opt,
           SideObservation& obs) {
  BuildRequest req;
  // Absolute: the repository names these folders, and a relative one that
  // begins with `-` (a folder named `--output=..`) would read as an option.
  auto absolute = [](const std::string& p) {
    std::string s = fs::absolute(p).lexically_normal().string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
  };
  req.dockerfile = absolute(dockerfile);
  req.context = absolute(opt.context);
  req.tag = s.tag(side);
  req.buildArgs = opt.buildArgs;
  req.pull = opt.pull;
  req.useCache = opt.useCache;
  s.say(fmt::format("building the {}", side));
  fs::path log = s.tmp() / ("build-" + side + ".log");
  auto t0 = Clock::now();
  // Owned before it exists: an interrupted build may still have tagged it.
  s.ownImage(req.tag);
  Process p(s.cmds().build(req), log.string());
  auto deadline = t0 + opt.buildTimeout;
  while (!p.waitUntil(std::min(deadline, Clock::now() + 200ms), false)) {
    if (interrupted() || Clock::now() >= deadline) {
      // The engine ends the build itself when its step dies, and removes
      // its working container; killing the engine would leave it behind.
      p.stopChildrenFirst(60s);
      if (interrupted()) throw Interrupted{};
      obs.buildSeconds = secondsSince(t0);
      obs.buildError = fmt::format("the build did not finish within {} s", opt.buildTimeout.count());
      return;
    }
  }
  obs.buildSeconds = secondsSince(t0);
  if (*p.status() != 0) {
    obs.buildError = buildErrorLine(tailOfFile(log));
    return;
  }
  obs.built = true;
}

ImageConfig inspect(Session& s, const std::string& tag) {
  RunResult r = s.must(s.cmds().inspectImage(tag), 120s);
  return parseImageConfig(s.cmds().kind(), r.out);
}

void readFacts(Session& s, const std::string& side, const std::string& tag, const ImageConfig& cfg,
               ImageFacts& facts) {
  facts.sizeBytes = cfg.sizeBytes;
  facts.user = cfg.user;
  facts.command = cfg.command();
  facts.exposed = cfg.exposed;
  facts.healthcheck = cfg.healthcheck;
  std::string name = s.container(side + "-facts");
  const auto& c = s.cmds();
  s.ownContainer(name);
  if (c.canMount()) {
    for (const auto& a : c.createContainer(name, tag)) s.must(a);
    if (c.kind() == EngineKind::Podman) s.must(c.createStopped(name, tag));
    RunResult m = s.must(c.mountContainer(name), 120s);
    std::string root = m.out.substr(0, m.out.find('\n'));
    readImageFacts(MountedRootFs(root), facts);
  } else {
    s.must(c.createStopped(name, tag));
    fs::path tar = s.tmp() / (side + ".tar");
    Process p(c.exportContainer(name), tar.string());
    if (!p.waitUntil(Clock::now() + 600s) || *p.status() != 0) {
      throw Error("'" + showArgv(c.exportContainer(name)) + "' failed");
    }
    readImageFacts(TarRootFs(tar), facts);
    std::error_code ec;
    fs::remove(tar, ec);
  }
  s.removeContainer(name);
}

// The probes that run against one image, with where they connect.
struct PlannedProbe {
  ProbeKind kind;
  int port = 0;
  std::string path;
  std::vector<std::string> command;
  std::string target;
};

std::vector<std::string> healthArgv(const std::vector<std::string>& test) {
  if (test.empty()) return {};
  if (test[0] == "CMD-SHELL" && test.size() >= 2) return {"/bin/sh", "-c", test[1]};
  if (test[0] == "CMD") return {test.begin() + 1, test.end()};
  return {};
}

void observeRun(Session& s, const std::string& side, const std::string& tag, const ImageConfig& cfg,
                const std::vector<PlannedProbe>& planned, const VerifyOptions& opt, SideObservation& obs) {
  const auto& c = s.cmds();
  RunObservation& run = obs.run;
  std::string name = s.container(side);
  std::vector<PortMapping> ports;
  for (const auto& p : planned) {
    if (p.kind != ProbeKind::Http) continue;
    auto same = [&](const PortMapping& m) { return m.containerPort == p.port; };
    if (std::any_of(ports.begin(), ports.end(), same)) continue;
    ports.push_back({p.port, c.sharesHostNetwork() ? p.port : freePort()});
  }
  if (c.sharesHostNetwork()) {
    for (const auto& m : ports) {
      if (portListening(m.hostPort)) {
        throw Error(fmt::format("port {} is already in use on this machine before the {} started; {} containers "
                                "share the host's network, so the probe would reach another server",
                                m.hostPort, side, c.program()));
      }
    }
  }
  if (c.kind() == EngineKind::Buildah && cfg.command().empty()) {
    run.startError = "the image has neither ENTRYPOINT nor CMD";
    return;
  }
  s.ownContainer(name);
  for (const auto& a : c.createContainer(name, tag)) {
    RunResult r = runCommand(a, 300s);
    if (r.status != 0) {
      run.startError = lastMeaningfulLine(r.err);
      return;
    }
  }
  s.say(fmt::format("running the {}: {}", side, showArgv(cfg.command())));
  auto t0 = Clock::now();
  Process proc(c.runContainer(name, tag, cfg, ports));
  run.started = true;

  // Wait for the probed ports (or the exit), then probe once.
  auto startDeadline = t0 + opt.startTimeout;
  auto hostPort = [&](int port) {
    for (const auto& m : ports) {
      if (m.containerPort == port) return m.hostPort;
    }
    return port;
  };
  std::vector<ProbeObservation> results(planned.size());
  for (std::size_t i = 0; i < planned.size(); ++i) {
    results[i].kind = planned[i].kind;
    results[i].target = planned[i].target;
  }
  for (std::size_t i = 0; i < planned.size(); ++i) {
    if (planned[i].kind != ProbeKind::Http) continue;
    int hp = hostPort(planned[i].port);
    bool up = false;
    while (!(up = portListening(hp))) {
      if (interrupted()) {
        proc.stop();
        throw Interrupted{};
      }
      if (!proc.running() || Clock::now() >= startDeadline) break;
      proc.poll(200ms);
    }
    if (!up) {
      results[i].error = proc.running()
                             ? fmt::format("not listening on :{} after {} s", planned[i].port, opt.startTimeout.count())
                             : fmt::format("exited {} before listening on :{}", proc.status().value_or(-1),
                                           planned[i].port);
      continue;
    }
    s.say(fmt::format("{}: GET :{}{}", side, planned[i].port, planned[i].path));
    HttpAnswer a = httpGet(hp, planned[i].path, 15s);
    results[i].answered = a.ok;
    results[i].status = a.status;
    results[i].body = a.body;
    results[i].error = a.error;
  }
  // A command probe or HEALTHCHECK runs once the app is up: after its ports
  // listen, or after a moment when nothing is probed over HTTP.
  auto isHttp = [](const PlannedProbe& p) { return p.kind == ProbeKind::Http; };
  bool anyHttp = std::any_of(planned.begin(), planned.end(), isHttp);
  for (std::size_t i = 0; i < planned.size(); ++i) {
    if (planned[i].kind == ProbeKind::Http) continue;
    if (!anyHttp) proc.waitUntil(std::min(t0 + 2s, t0 + opt.runFor));
    if (!proc.running()) {
      results[i].error = fmt::format("the container exited {} before the probe ran", proc.status().value_or(-1));
      continue;
    }
    Argv cmd = planned[i].kind == ProbeKind::Exec ? planned[i].command : healthArgv(cfg.healthcheck);
    if (cmd.empty()) {
      results[i].error = "no command to run";
      continue;
    }
    // A HEALTHCHECK gets three tries a second apart, as the app may still be starting.
    int tries = planned[i].kind == ProbeKind::Healthcheck ? 3 : 1;
    for (int t = 0; t < tries; ++t) {
      if (t > 0) proc.waitUntil(Clock::now() + 1s);
      s.say(fmt::format("{}: {}", side, probeLabel(results[i])));
      RunResult r = runCommand(c.execInContainer(name, cmd), 30s);
      results[i].answered = !r.timedOut;
      results[i].status = r.timedOut ? -1 : r.status;
      results[i].body = r.out;
      results[i].errText = c.withoutEngineNoise(r.err);
      if (r.timedOut) results[i].error = "did not finish within 30 s";
      if (r.status == 0) break;
    }
  }
  obs.probes = std::move(results);

  // Watch it for --run-for seconds from the start (or until the probes are done).
  auto until = std::max(t0 + opt.runFor, Clock::now() + (planned.empty() ? 0s : 1s));
  bool exited = proc.waitUntil(until);
  run.watchedFor = secondsSince(t0);
  if (exited) {
    run.exited = true;
    run.exitStatus = proc.status();
    run.exitedAfter = run.watchedFor;
  } else {
    proc.stop();
  }
  // docker/podman: a 125+ status from the client is the engine's, not the app's.
  if (run.exited && c.kind() != EngineKind::Buildah && run.exitStatus && *run.exitStatus == 125) {
    run.started = false;
    run.startError = lastMeaningfulLine(proc.err().text);
  }
  run.stdoutText = proc.out().text;
  run.stderrText = c.withoutEngineNoise(proc.err().text);
  run.outputTruncated = proc.out().truncated || proc.err().truncated;
  s.removeContainer(name);
}

std::vector<PlannedProbe> planProbes(const VerifyOptions& opt, const ImageConfig& original,
                                     const ImageConfig& rewrite) {
  std::vector<PlannedProbe> out;
  bool autoMode = opt.probes.empty() || std::any_of(opt.probes.begin(), opt.probes.end(), [](const ProbeSpec& p) {
                    return p.kind == ProbeSpec::Auto;
                  });
  if (autoMode) {
    for (const auto& e : original.exposed) {
      auto slash = e.find('/');
      std::string proto = slash == std::string::npos ? "tcp" : e.substr(slash + 1);
      if (proto != "tcp") continue;
      int port = std::atoi(e.c_str());
      if (port > 0) out.push_back({ProbeKind::Http, port, "/", {}, fmt::format(":{}/", port)});
    }
    if (!original.healthcheck.empty() || !rewrite.healthcheck.empty()) {
      out.push_back({ProbeKind::Healthcheck, 0, "", {}, "HEALTHCHECK"});
    }
  }
  for (const auto& p : opt.probes) {
    if (p.kind == ProbeSpec::Http) {
      out.push_back({ProbeKind::Http, p.port, p.path, {}, fmt::format(":{}{}", p.port, p.path)});
    } else if (p.kind == ProbeSpec::Exec) {
      out.push_back({ProbeKind::Exec, 0, "", p.command, showArgv(p.command)});
    }
  }
  return out;
}

}  // namespace

Report verify(const VerifyOptions& optIn) {
  VerifyOptions opt = optIn;
  auto t0 = Clock::now();
  Report rep;
  rep.file = opt.dockerfile;
  if (opt.context.empty()) {
    fs::path parent = fs::path(opt.dockerfile).parent_path();
    opt.context = parent.empty() ? "." : parent.string();
  }
  rep.context = opt.context;
  rep.engine = engineName(opt.engine);
  if (!fs::is_regular_file(opt.dockerfile)) throw Error(opt.dockerfile + ": no such file");
  if (!fs::is_directory(opt.context)) throw Error(opt.context + ": the build context is not a folder");

  Session s(opt);
  std::string rewriteFile;
  if (opt.rewrite) {
    if (!fs::is_regular_file(*opt.rewrite)) throw Error(*opt.rewrite + ": no such file");
    rep.rewrite = *opt.rewrite;
    rewriteFile = *opt.rewrite;
  } else {
    migrate::Options mo = opt.migrate;
    mo.context = opt.context;
    migrate::Result m = migrate::migrateFile(opt.dockerfile, mo);
    rep.migrationStatus = std::string(migrate::statusName(m.status));
    rep.migrationCode = m.code;
    if (m.status == migrate::Status::Error) {
      throw Error(m.error ? fmt::format("{}:{}:{}: {}", opt.dockerfile, m.error->position.line,
                                        m.error->position.column, m.error->message)
                          : m.reason);
    }
    if (m.status != migrate::Status::Migrated) {
      rep.verdict = Verdict::NoRewrite;
      rep.reason = fmt::format("restage made no rewrite ({}): {}", rep.migrationStatus, m.reason);
      rep.seconds = secondsSince(t0);
      return rep;
    }
    rewriteFile = (s.tmp() / "Dockerfile.rewrite").string();
    io::writeFileAtomic(rewriteFile, m.output);
  }

  build(s, "original", opt.dockerfile, opt, rep.original);
  if (rep.original.built) build(s, "rewrite", rewriteFile, opt, rep.rewritten);
  CompareOptions co;
  co.normalizeTimestamps = opt.normalizeTimestamps;
  auto isHttp = [](const ProbeSpec& p) { return p.kind == ProbeSpec::Http; };
  co.explicitHttp = std::any_of(opt.probes.begin(), opt.probes.end(), isHttp);
  if (rep.original.built && rep.rewritten.built) {
    ImageConfig co1 = inspect(s, s.tag("original"));
    ImageConfig co2 = inspect(s, s.tag("rewrite"));
    readFacts(s, "original", s.tag("original"), co1, rep.original.facts);
    readFacts(s, "rewrite", s.tag("rewrite"), co2, rep.rewritten.facts);
    auto planned = planProbes(opt, co1, co2);
    observeRun(s, "original", s.tag("original"), co1, planned, opt, rep.original);
    bool originalUsable = rep.original.run.started;
    if (originalUsable) observeRun(s, "rewrite", s.tag("rewrite"), co2, planned, opt, rep.rewritten);
  }
  decideVerdict(rep, co);
  s.cleanup();
  rep.seconds = secondsSince(t0);
  return rep;
}

}  // namespace restage::verify
