#pragma once
// The container engines `restage verify` drives, behind one small
// interface. EngineCommands only builds argument lists (pure, unit-tested
// for docker, podman and buildah); Engine runs them and reads the answers.
//
// What differs between the engines, and why:
// - buildah builds with `bud` and runs with `buildah from` + `buildah run`,
//   which applies the image's WORKDIR, ENV and USER but not its ENTRYPOINT
//   and CMD: restage reads those with `buildah inspect` and passes them.
//   `--isolation chroot` shares the host's network, so a port the app
//   listens on is reachable at 127.0.0.1:PORT (one app at a time).
// - docker and podman run the image's own command with `run`, and publish
//   each probed port on a free 127.0.0.1 port chosen by restage.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "verify/Process.h"

namespace restage::verify {

enum class EngineKind { Docker, Podman, Buildah };
std::string engineName(EngineKind kind);
std::optional<EngineKind> engineFromName(const std::string& name);

struct BuildRequest {
  std::string dockerfile;
  std::string context;
  std::string tag;
  std::vector<std::string> buildArgs;  // KEY=VALUE, in order
  std::string pull;                    // "" (engine default), always, missing, never
  // The engine's layer cache: buildah --layers; docker and podman use it
  // unless --no-cache. Without it a build leaves no intermediate images.
  bool useCache = false;
};

// A port the app listens on in the container, and where restage reaches it.
struct PortMapping {
  int containerPort = 0;
  int hostPort = 0;
};

// The parts of an image's configuration verify uses.
struct ImageConfig {
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::string user;                    // "" means root
  std::string workdir;
  std::vector<std::string> exposed;    // "8080/tcp", sorted
  std::vector<std::string> healthcheck;  // Test: ["CMD-SHELL", "..."], ["CMD", ...]; empty if none
  std::optional<long long> sizeBytes;  // when the engine's inspect output says
  std::vector<std::string> command() const;  // entrypoint + cmd
};

// A path as an engine argument: one that begins with `-` gets `./`, so no
// engine reads it as an option.
std::string notAnOption(const std::string& path);

class EngineCommands {
 public:
  explicit EngineCommands(EngineKind kind) : kind_(kind) {}
  EngineKind kind() const { return kind_; }
  std::string program() const;

  Argv build(const BuildRequest& r) const;
  Argv inspectImage(const std::string& image) const;
  Argv removeImage(const std::string& image) const;
  // Commands that prepare a container before it runs (buildah from); none
  // for docker and podman, whose `run` creates it.
  std::vector<Argv> createContainer(const std::string& name, const std::string& image) const;
  // The long-running process whose exit status is the app's.
  Argv runContainer(const std::string& name, const std::string& image, const ImageConfig& config,
                    const std::vector<PortMapping>& ports) const;
  Argv execInContainer(const std::string& name, const Argv& command) const;
  Argv removeContainer(const std::string& name) const;
  // Whether ports are reached through the host's network (buildah chroot).
  bool sharesHostNetwork() const { return kind_ == EngineKind::Buildah; }
  // Filesystem access for the image facts: buildah and podman mount the
  // container's root (as root); docker exports it as a tar stream.
  bool canMount() const { return kind_ != EngineKind::Docker; }
  // The engine's own lines at the end of a command's stderr ("Error: exit
  // status 1" from buildah run), which are not the app's output.
  std::string withoutEngineNoise(const std::string& stderrText) const;
  Argv mountContainer(const std::string& name) const;
  Argv unmountContainer(const std::string& name) const;
  Argv createStopped(const std::string& name, const std::string& image) const;  // docker create
  Argv exportContainer(const std::string& name) const;                           // docker export

 private:
  EngineKind kind_;
};

// Reads `inspect` output (buildah inspect --type image, docker/podman image
// inspect). Throws restage::Error on output it cannot read.
ImageConfig parseImageConfig(EngineKind kind, const std::string& json);

// The one warning verify prints (on standard error, once a run) when the
// engine gives the Dockerfile's steps and the app no isolation from the
// host: buildah run as root (`root`) builds and runs with `--isolation
// chroot`, as root, on the host's network, in no user namespace. Nothing for
// docker and podman, or buildah not as root. See docs/security.md.
std::optional<std::string> isolationWarning(EngineKind kind, bool root);
// isolationWarning for this process, printed to stderr when there is one.
void warnAboutIsolation(EngineKind kind);

// docker, podman or buildah, the first found in PATH (without its empty and
// relative elements), in that order.
std::optional<EngineKind> detectEngine();

}  // namespace restage::verify
