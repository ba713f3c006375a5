#include "verify/Engine.h"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "Error.h"
#include "io/Paths.h"

namespace restage::verify {

std::string engineName(EngineKind kind) {
  switch (kind) {
    case EngineKind::Docker: return "docker";
    case EngineKind::Podman: return "podman";
    case EngineKind::Buildah: return "buildah";
  }
  return "?";
}

std::optional<EngineKind> engineFromName(const std::string& name) {
  if (name == "docker") return EngineKind::Docker;
  if (name == "podman") return EngineKind::Podman;
  if (name == "buildah") return EngineKind::Buildah;
  return std::nullopt;
}

std::vector<std::string> ImageConfig::command() const {
  std::vector<std::string> all = entrypoint;
  all.insert(all.end(), cmd.begin(), cmd.end());
  return all;
}

std::string EngineCommands::program() const { return engineName(kind_); }

std::string notAnOption(const std::string& path) {
  if (path.starts_with('-')) return "./" + path;
  return path;
}

Argv EngineCommands::build(const BuildRequest& r) const {
  Argv a{program()};
  if (kind_ == EngineKind::Buildah) {
    // chroot: no OCI runtime needed, and RUN steps share the host network.
    // --format docker keeps HEALTHCHECK (the OCI format drops it).
    a.insert(a.end(), {"bud", "--isolation", "chroot", "--format", "docker"});
    // Without --layers buildah keeps one working container and removes it.
    if (r.useCache) a.insert(a.end(), {"--layers", "--force-rm"});
  } else {
    a.insert(a.end(), {"build", "--force-rm"});
    if (kind_ == EngineKind::Podman) a.insert(a.end(), {"--format", "docker"});
  }
  if (!r.useCache && kind_ != EngineKind::Buildah) a.push_back("--no-cache");
  if (!r.pull.empty()) {
    // docker build knows only --pull (always); missing and never are its default.
    if (kind_ == EngineKind::Docker) {
      if (r.pull == "always") a.push_back("--pull");
    } else {
      a.push_back("--pull=" + r.pull);
    }
  }
  for (const auto& ba : r.buildArgs) a.insert(a.end(), {"--build-arg", ba});
  // The repository names the Dockerfile's folder, which becomes the
  // context: a folder named `--output=..` must stay a path. `-f` always
  // takes the next word; the context goes after `--` (docker, podman and
  // buildah all end their options there), and a relative path gets `./` so
  // it cannot begin with `-` even for an engine that ignored `--`.
  a.insert(a.end(), {"-f", notAnOption(r.dockerfile), "-t", r.tag, "--", notAnOption(r.context)});
  return a;
}

Argv EngineCommands::inspectImage(const std::string& image) const {
  if (kind_ == EngineKind::Buildah) return {program(), "inspect", "--type", "image", image};
  return {program(), "image", "inspect", image};
}

Argv EngineCommands::removeImage(const std::string& image) const {
  if (kind_ == EngineKind::Buildah) return {program(), "rmi", "-f", image};
  return {program(), "image", "rm", "-f", image};
}

std::vector<Argv> EngineCommands::createContainer(const std::string& name, const std::string& image) const {
  if (kind_ == EngineKind::Buildah) return {{program(), "from", "--pull=never", "--name", name, image}};
  return {};
}

Argv EngineCommands::runContainer(const std::string& name, const std::string& image, const ImageConfig& config,
                                  const std::vector<PortMapping>& ports) const {
  if (kind_ == EngineKind::Buildah) {
    Argv a{program(), "run", "--isolation", "chroot", name, "--"};
    auto command = config.command();
    a.insert(a.end(), command.begin(), command.end());
    return a;
  }
  // Attached (no -d): the client's exit status is the app's, its output the app's.
  Argv a{program(), "run", "--name", name, "--pull=never"};
  for (const auto& p : ports) {
    a.insert(a.end(), {"-p", "127.0.0.1:" + std::to_string(p.hostPort) + ":" + std::to_string(p.containerPort)});
  }
  a.push_back(image);
  return a;
}

Argv EngineCommands::execInContainer(const std::string& name, const Argv& command) const {
  Argv a{program()};
  if (kind_ == EngineKind::Buildah) {
    a.insert(a.end(), {"run", "--isolation", "chroot", name, "--"});
  } else {
    a.insert(a.end(), {"exec", name});
  }
  a.insert(a.end(), command.begin(), command.end());
  return a;
}

Argv EngineCommands::removeContainer(const std::string& name) const {
  if (kind_ == EngineKind::Buildah) return {program(), "rm", name};
  return {program(), "rm", "-f", name};
}

std::string EngineCommands::withoutEngineNoise(const std::string& text) const {
  if (kind_ != EngineKind::Buildah) return text;
  // buildah run reports how the command ended on the same stream.
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
    std::string_view line(text.data() + pos, end - pos);
    bool noise = line.starts_with("Error: exit status ") || line.starts_with("error while running runtime: ") ||
                 line.starts_with("subprocess exited on ") || line.starts_with("subprocess exited with status ") ||
                 line.find("process exited with error") != std::string_view::npos;
    if (!noise) out.append(line);
    pos = end;
  }
  return out;
}

Argv EngineCommands::mountContainer(const std::string& name) const { return {program(), "mount", name}; }
Argv EngineCommands::unmountContainer(const std::string& name) const {
  if (kind_ == EngineKind::Buildah) return {program(), "umount", name};
  return {program(), "unmount", name};
}
Argv EngineCommands::createStopped(const std::string& name, const std::string& image) const {
  // Never started: the command only lets `create` accept an image that has
  // neither ENTRYPOINT nor CMD.
  return {program(), "create", "--name", name, "--pull=never", image, "true"};
}
Argv EngineCommands::exportContainer(const std::string& name) const { return {program(), "export", name}; }

namespace {

std::vector<std::string> strings(const nlohmann::json& j) {
  std::vector<std::string> v;
  if (!j.is_array()) return v;
  for (const auto& e : j) {
    if (e.is_string()) v.push_back(e.get<std::string>());
  }
  return v;
}

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void readConfig(const nlohmann::json& c, ImageConfig& out) {
  if (!c.is_object()) return;
  if (c.contains("Entrypoint")) out.entrypoint = strings(c["Entrypoint"]);
  if (c.contains("Cmd")) out.cmd = strings(c["Cmd"]);
  out.user = str(c, "User");
  out.workdir = str(c, "WorkingDir");
  if (c.contains("ExposedPorts") && c["ExposedPorts"].is_object()) {
    for (const auto& [port, _] : c["ExposedPorts"].items()) out.exposed.push_back(port);
  }
  for (const char* key : {"Healthcheck", "HealthCheck"}) {
    if (c.contains(key) && c[key].is_object()) out.healthcheck = strings(c[key]["Test"]);
  }
}

}  // namespace

ImageConfig parseImageConfig(EngineKind kind, const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) throw Error(engineName(kind) + " inspect printed something that is not JSON");
  ImageConfig out;
  if (kind == EngineKind::Buildah) {
    // buildah keeps both views: OCIv1 (entrypoint, ports, user) and Docker
    // (which alone keeps the HEALTHCHECK).
    if (j.contains("OCIv1")) readConfig(j["OCIv1"].value("config", nlohmann::json::object()), out);
    if (j.contains("Docker") && j["Docker"].contains("config")) {
      ImageConfig docker;
      readConfig(j["Docker"]["config"], docker);
      out.healthcheck = docker.healthcheck;
      if (out.command().empty()) {
        out.entrypoint = docker.entrypoint;
        out.cmd = docker.cmd;
      }
    }
    // Locally built layers are stored uncompressed: their manifest sizes
    // add up to the image's uncompressed size.
    if (j.contains("Manifest") && j["Manifest"].is_string()) {
      auto m = nlohmann::json::parse(j["Manifest"].get<std::string>(), nullptr, false);
      if (!m.is_discarded() && m.contains("layers")) {
        long long total = 0;
        for (const auto& l : m["layers"]) total += l.value("size", 0LL);
        out.sizeBytes = total;
      }
    }
  } else {
    if (j.is_array()) {
      if (j.empty()) throw Error(engineName(kind) + " image inspect printed no image");
      j = j[0];
    }
    readConfig(j.value("Config", nlohmann::json::object()), out);
    if (out.healthcheck.empty() && j.contains("HealthCheck") && j["HealthCheck"].is_object()) {
      out.healthcheck = strings(j["HealthCheck"]["Test"]);
    }
    if (j.contains("Size") && j["Size"].is_number()) out.sizeBytes = j["Size"].get<long long>();
  }
  std::sort(out.exposed.begin(), out.exposed.end());
  if (out.healthcheck.size() == 1 && out.healthcheck[0] == "NONE") out.healthcheck.clear();
  return out;
}

std::optional<std::string> isolationWarning(EngineKind kind, bool root) {
  if (kind != EngineKind::Buildah || !root) return std::nullopt;
  return "verify runs the Dockerfile's RUN steps and the app as root with buildah --isolation chroot: no "
         "isolation from this host (its files, network and credentials); run it only on Dockerfiles you trust, "
         "or inside a disposable VM (docs/security.md)";
}

void warnAboutIsolation(EngineKind kind) {
  if (auto w = isolationWarning(kind, ::geteuid() == 0)) std::fprintf(stderr, "restage: WARNING: %s\n", w->c_str());
}

std::optional<EngineKind> detectEngine() {
  // As restage runs it: PATH without its empty and relative elements.
  for (EngineKind k : {EngineKind::Docker, EngineKind::Podman, EngineKind::Buildah}) {
    if (io::findExecutable(engineName(k))) return k;
  }
  return std::nullopt;
}

}  // namespace restage::verify
