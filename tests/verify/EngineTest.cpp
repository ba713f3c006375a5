// The argument lists restage verify gives each engine, and how it reads
// their inspect output. docker and podman are not on the test machines:
// these lists are what docs/verify.md documents for them.
#include <catch2/catch.hpp>

#include "Error.h"
#include "verify/Engine.h"
#include "verify/Verifier.h"

using namespace restage::verify;
using V = std::vector<std::string>;

namespace {

BuildRequest request() {
  BuildRequest r;
  r.dockerfile = "app/Dockerfile";
  r.context = "app";
  r.tag = "localhost/restage-verify/x:original";
  r.buildArgs = {"VERSION=1.2"};
  return r;
}

ImageConfig config() {
  ImageConfig c;
  c.entrypoint = {"/bin/sh", "-c", "exec app --port $PORT"};
  c.cmd = {};
  return c;
}

}  // namespace

TEST_CASE("build arguments per engine", "[engine]") {
  BuildRequest r = request();
  CHECK(EngineCommands(EngineKind::Buildah).build(r) ==
        V{"buildah", "bud", "--isolation", "chroot", "--format", "docker", "--build-arg", "VERSION=1.2", "-f",
          "app/Dockerfile", "-t", "localhost/restage-verify/x:original", "--", "app"});
  CHECK(EngineCommands(EngineKind::Docker).build(r) ==
        V{"docker", "build", "--force-rm", "--no-cache", "--build-arg", "VERSION=1.2", "-f", "app/Dockerfile", "-t",
          "localhost/restage-verify/x:original", "--", "app"});
  CHECK(EngineCommands(EngineKind::Podman).build(r) ==
        V{"podman", "build", "--force-rm", "--format", "docker", "--no-cache", "--build-arg", "VERSION=1.2", "-f",
          "app/Dockerfile", "-t", "localhost/restage-verify/x:original", "--", "app"});
}

TEST_CASE("build with the layer cache and a pull policy", "[engine]") {
  BuildRequest r = request();
  r.useCache = true;
  r.pull = "never";
  r.buildArgs.clear();
  CHECK(EngineCommands(EngineKind::Buildah).build(r) ==
        V{"buildah", "bud", "--isolation", "chroot", "--format", "docker", "--layers", "--force-rm", "--pull=never",
          "-f", "app/Dockerfile", "-t", "localhost/restage-verify/x:original", "--", "app"});
  // docker build has no --pull=never: not pulling missing images is its default.
  CHECK(EngineCommands(EngineKind::Docker).build(r) ==
        V{"docker", "build", "--force-rm", "-f", "app/Dockerfile", "-t", "localhost/restage-verify/x:original", "--", "app"});
  r.pull = "always";
  CHECK(EngineCommands(EngineKind::Docker).build(r) ==
        V{"docker", "build", "--force-rm", "--pull", "-f", "app/Dockerfile", "-t",
          "localhost/restage-verify/x:original", "--", "app"});
  CHECK(EngineCommands(EngineKind::Podman).build(r)[5] == "--pull=always");
}

TEST_CASE("running: buildah passes ENTRYPOINT+CMD, docker and podman publish ports", "[engine]") {
  ImageConfig c = config();
  std::vector<PortMapping> ports{{8080, 41234}};
  CHECK(EngineCommands(EngineKind::Buildah).createContainer("n", "img") ==
        std::vector<V>{{"buildah", "from", "--pull=never", "--name", "n", "img"}});
  CHECK(EngineCommands(EngineKind::Buildah).runContainer("n", "img", c, ports) ==
        V{"buildah", "run", "--isolation", "chroot", "n", "--", "/bin/sh", "-c", "exec app --port $PORT"});
  CHECK(EngineCommands(EngineKind::Docker).createContainer("n", "img").empty());
  CHECK(EngineCommands(EngineKind::Docker).runContainer("n", "img", c, ports) ==
        V{"docker", "run", "--name", "n", "--pull=never", "-p", "127.0.0.1:41234:8080", "img"});
  CHECK(EngineCommands(EngineKind::Podman).runContainer("n", "img", c, ports) ==
        V{"podman", "run", "--name", "n", "--pull=never", "-p", "127.0.0.1:41234:8080", "img"});
  CHECK(EngineCommands(EngineKind::Buildah).sharesHostNetwork());
  CHECK_FALSE(EngineCommands(EngineKind::Docker).sharesHostNetwork());
}

TEST_CASE("exec, inspect, removal, filesystem access", "[engine]") {
  EngineCommands b(EngineKind::Buildah), d(EngineKind::Docker), p(EngineKind::Podman);
  CHECK(b.execInContainer("n", {"app", "health"}) == V{"buildah", "run", "--isolation", "chroot", "n", "--", "app", "health"});
  CHECK(d.execInContainer("n", {"app", "health"}) == V{"docker", "exec", "n", "app", "health"});
  CHECK(p.execInContainer("n", {"app"}) == V{"podman", "exec", "n", "app"});
  CHECK(b.inspectImage("i") == V{"buildah", "inspect", "--type", "image", "i"});
  CHECK(d.inspectImage("i") == V{"docker", "image", "inspect", "i"});
  CHECK(b.removeImage("i") == V{"buildah", "rmi", "-f", "i"});
  CHECK(d.removeImage("i") == V{"docker", "image", "rm", "-f", "i"});
  CHECK(p.removeImage("i") == V{"podman", "image", "rm", "-f", "i"});
  CHECK(b.removeContainer("n") == V{"buildah", "rm", "n"});
  CHECK(d.removeContainer("n") == V{"docker", "rm", "-f", "n"});
  CHECK(b.canMount());
  CHECK(p.canMount());
  CHECK_FALSE(d.canMount());
  CHECK(b.mountContainer("n") == V{"buildah", "mount", "n"});
  CHECK(b.unmountContainer("n") == V{"buildah", "umount", "n"});
  CHECK(p.unmountContainer("n") == V{"podman", "unmount", "n"});
  CHECK(d.createStopped("n", "i") == V{"docker", "create", "--name", "n", "--pull=never", "i", "true"});
  CHECK(d.exportContainer("n") == V{"docker", "export", "n"});
}

TEST_CASE("buildah's own lines are not the app's stderr", "[engine]") {
  EngineCommands b(EngineKind::Buildah), d(EngineKind::Docker);
  std::string err = "boom: no such file\nsubprocess exited on interrupt\nError: exit status 1\n";
  CHECK(b.withoutEngineNoise(err) == "boom: no such file\n");
  CHECK(d.withoutEngineNoise(err) == err);
}

TEST_CASE("buildah inspect: OCI config, Docker healthcheck, manifest size", "[engine]") {
  std::string json = R"({
    "Type": "buildah 0.0.1",
    "OCIv1": {"config": {"User": "65532", "WorkingDir": "/srv", "Entrypoint": ["/app"], "Cmd": ["serve"],
              "ExposedPorts": {"8080/tcp": {}, "53/udp": {}}}},
    "Docker": {"config": {"Healthcheck": {"Test": ["CMD", "/app", "health"]}}},
    "Manifest": "{\"layers\": [{\"mediaType\": \"application/vnd.oci.image.layer.v1.tar\", \"size\": 1000}, {\"size\": 234}]}"
  })";
  ImageConfig c = parseImageConfig(EngineKind::Buildah, json);
  CHECK(c.command() == V{"/app", "serve"});
  CHECK(c.user == "65532");
  CHECK(c.workdir == "/srv");
  CHECK(c.exposed == V{"53/udp", "8080/tcp"});
  CHECK(c.healthcheck == V{"CMD", "/app", "health"});
  REQUIRE(c.sizeBytes);
  CHECK(*c.sizeBytes == 1234);
}

TEST_CASE("docker image inspect", "[engine]") {
  std::string json = R"([{"Size": 5000, "Config": {"User": "", "Cmd": ["node", "server.js"],
      "ExposedPorts": {"3000/tcp": {}}, "Healthcheck": {"Test": ["NONE"]}}}])";
  ImageConfig c = parseImageConfig(EngineKind::Docker, json);
  CHECK(c.command() == V{"node", "server.js"});
  CHECK(c.exposed == V{"3000/tcp"});
  CHECK(c.healthcheck.empty());  // HEALTHCHECK NONE
  CHECK(*c.sizeBytes == 5000);
  CHECK_THROWS_AS(parseImageConfig(EngineKind::Docker, "not json"), restage::Error);
  CHECK_THROWS_AS(parseImageConfig(EngineKind::Docker, "[]"), restage::Error);
}

TEST_CASE("--probe forms", "[engine]") {
  ProbeSpec h = parseProbe("http://:8080/health?full=1");
  CHECK(h.kind == ProbeSpec::Http);
  CHECK(h.port == 8080);
  CHECK(h.path == "/health?full=1");
  CHECK(parseProbe("http://localhost:3000").path == "/");
  ProbeSpec e = parseProbe("exec:app check --name 'a b' \"c\\\"d\"");
  CHECK(e.kind == ProbeSpec::Exec);
  CHECK(e.command == V{"app", "check", "--name", "a b", "c\"d"});
  CHECK(parseProbe("auto").kind == ProbeSpec::Auto);
  CHECK(parseProbe("none").kind == ProbeSpec::None);
  CHECK_THROWS_AS(parseProbe("http://example.com:80/"), restage::UsageError);
  CHECK_THROWS_AS(parseProbe("http://:0/"), restage::UsageError);
  CHECK_THROWS_AS(parseProbe("http://:99999/"), restage::UsageError);
  CHECK_THROWS_AS(parseProbe("http:///x"), restage::UsageError);
  CHECK_THROWS_AS(parseProbe("exec:"), restage::UsageError);
  CHECK_THROWS_AS(parseProbe("exec:'open"), restage::UsageError);
  CHECK_THROWS_AS(parseProbe("tcp://:80"), restage::UsageError);
}

TEST_CASE("engine names", "[engine]") {
  CHECK(engineFromName("podman") == EngineKind::Podman);
  CHECK_FALSE(engineFromName("nerdctl"));
  CHECK(engineName(EngineKind::Buildah) == "buildah");
}
