// Field-by-field comparison: each difference is one line a person can act on.
#include <catch2/catch.hpp>

#include "VerifyTestSupport.h"
#include "verify/Compare.h"

using namespace restage::verify;
using namespace restage::verify::test;

namespace {

Report reportOf(SideObservation o, SideObservation r, CompareOptions opt = {}) {
  Report rep;
  rep.original = std::move(o);
  rep.rewritten = std::move(r);
  decideVerdict(rep, opt);
  return rep;
}

}  // namespace

TEST_CASE("equal observations are the same", "[compare]") {
  Report r = reportOf(exitedSide(0, "ok\n"), exitedSide(0, "ok\n"));
  CHECK(r.verdict == Verdict::Same);
  CHECK(r.differences.empty());
  CHECK(verdictExitStatus(r.verdict) == 0);
}

TEST_CASE("a rewrite that exits early names its error", "[compare]") {
  SideObservation o = serverSide(200, "hi");
  SideObservation r = exitedSide(1, "", "starting\nopen /etc/app/config.yaml: no such file\n");
  r.probes = o.probes;
  Report rep = reportOf(o, r);
  CHECK(rep.verdict == Verdict::Different);
  REQUIRE(rep.differences.size() >= 1);
  CHECK(rep.differences[0].field == "exit");
  CHECK(rep.differences[0].message ==
        "rewrite exited 1 after 0.4 s (original still running after 10 s): open /etc/app/config.yaml: no such file");
  CHECK(verdictExitStatus(rep.verdict) == 1);
}

TEST_CASE("an HTTP status difference", "[compare]") {
  Report rep = reportOf(serverSide(200, "hi"), serverSide(500, "open assets/index.html: no such file"));
  REQUIRE(rep.differences.size() == 1);
  CHECK(rep.differences[0].message == "GET :8080/ → 500, original 200");
}

TEST_CASE("an HTTP body difference names the first differing line", "[compare]") {
  Report rep = reportOf(serverSide(200, "a\nb\nc"), serverSide(200, "a\nB\nc"));
  REQUIRE(rep.differences.size() == 1);
  CHECK(rep.differences[0].message == "GET :8080/ body differs at line 2: rewrite 'B', original 'b'");
}

TEST_CASE("output differences, only when the exits agree", "[compare]") {
  Report rep = reportOf(exitedSide(0, "x=1\ny=2\n"), exitedSide(0, "x=1\n"));
  REQUIRE(rep.differences.size() == 1);
  CHECK(rep.differences[0].message == "stdout of the rewrite ends after line 1; the original goes on with 'y=2'");
  rep = reportOf(exitedSide(0, "done\n"), exitedSide(2, "", "usage: app\n"));
  REQUIRE(rep.differences.size() == 1);
  CHECK(rep.differences[0].message == "rewrite exited 2 after 0.4 s (original exited 0 after 0.4 s): usage: app");
  rep = reportOf(exitedSide(0, "", ""), exitedSide(0, "", "warning: x\n"));
  REQUIRE(rep.differences.size() == 1);
  CHECK(rep.differences[0].message == "stderr of the rewrite is 'warning: x', the original's is empty");
}

TEST_CASE("timestamps differ only without normalisation", "[compare]") {
  SideObservation o = exitedSide(0, "", "2026/12/04 20:29:48 listening on :8080\n");
  SideObservation r = exitedSide(0, "", "2026/12/04 20:29:51 listening on :8080\n");
  CHECK(reportOf(o, r).verdict == Verdict::Different);
  CompareOptions opt;
  opt.normalizeTimestamps = true;
  CHECK(reportOf(o, r, opt).verdict == Verdict::Same);
  CHECK(normalizeTimestamps("at 2026-12-04T20:29:48.123Z and 10:01:02, [04/Dec/2026:20:29:48 +0000]") ==
        "at <time> and <time>, [<time>]");
}

TEST_CASE("verdicts before any comparison", "[compare]") {
  SideObservation notBuilt;
  notBuilt.buildError = "building at STEP \"RUN make\": exit status 2: make: *** No rule";
  Report rep = reportOf(notBuilt, SideObservation{});
  CHECK(rep.verdict == Verdict::OriginalFails);
  CHECK(verdictExitStatus(rep.verdict) == 3);
  rep = reportOf(exitedSide(0, ""), notBuilt);
  CHECK(rep.verdict == Verdict::RewriteDoesNotBuild);
  CHECK(rep.reason == "the rewrite does not build: building at STEP \"RUN make\": exit status 2: make: *** No rule");
  CHECK(verdictExitStatus(rep.verdict) == 4);
}

TEST_CASE("an original that crashes before listening fails; one that never listens is noted", "[compare]") {
  SideObservation o = exitedSide(1, "", "Error: listen EADDRINUSE\n");
  ProbeObservation p;
  p.kind = ProbeKind::Http;
  p.target = ":8080/";
  p.error = "exited 1 before listening on :8080";
  o.probes = {p};
  Report rep = reportOf(o, o);
  CHECK(rep.verdict == Verdict::OriginalFails);
  CHECK(rep.reason == "the original does not answer GET :8080/: exited 1 before listening on :8080: "
                      "Error: listen EADDRINUSE");
  // Exit 0 without listening (a one-shot that EXPOSEs): compared, with a note.
  SideObservation quiet = exitedSide(0, "done\n");
  p.error = "exited 0 before listening on :8080";
  quiet.probes = {p};
  rep = reportOf(quiet, quiet);
  CHECK(rep.verdict == Verdict::Same);
  REQUIRE(rep.notes.size() == 1);
  // Asked for explicitly: the original must answer.
  CompareOptions opt;
  opt.explicitHttp = true;
  CHECK(reportOf(quiet, quiet, opt).verdict == Verdict::OriginalFails);
}

TEST_CASE("HEALTHCHECK, exec probes and EXPOSE", "[compare]") {
  SideObservation o = exitedSide(0, "");
  o.run.exited = false;
  ProbeObservation h;
  h.kind = ProbeKind::Healthcheck;
  h.target = "HEALTHCHECK";
  h.answered = true;
  o.probes = {h};
  o.facts.exposed = {"8080/tcp"};
  o.facts.healthcheck = {"CMD-SHELL", "curl -f localhost:8080"};
  SideObservation r = o;
  r.probes[0].status = 127;
  r.probes[0].errText = "/bin/sh: curl: not found\n";
  r.facts.exposed = {};
  r.facts.healthcheck = {};
  Report rep = reportOf(o, r);
  REQUIRE(rep.differences.size() == 3);
  CHECK(rep.differences[0].message ==
        "HEALTHCHECK on the rewrite: unhealthy (exit 127), original healthy: /bin/sh: curl: not found");
  CHECK(rep.differences[1].message == "rewrite does not EXPOSE 8080/tcp (the original does)");
  CHECK(rep.differences[2].message == "rewrite has no HEALTHCHECK (the original has one)");

  ProbeObservation e;
  e.kind = ProbeKind::Exec;
  e.target = "app check";
  e.answered = true;
  e.body = "ok\n";
  SideObservation eo = exitedSide(0, "");
  eo.probes = {e};
  SideObservation er = eo;
  er.probes[0].body = "degraded\n";
  rep = reportOf(eo, er);
  REQUIRE(rep.differences.size() == 1);
  CHECK(rep.differences[0].message == "exec 'app check' output differs at line 1: rewrite 'degraded', original 'ok'");
}

TEST_CASE("a rewrite that cannot start", "[compare]") {
  SideObservation r;
  r.built = true;
  r.run.startError = "the image has neither ENTRYPOINT nor CMD";
  Report rep = reportOf(exitedSide(0, ""), r);
  REQUIRE(rep.differences.size() == 1);
  CHECK(rep.differences[0].message == "rewrite did not start: the image has neither ENTRYPOINT nor CMD");
}

TEST_CASE("the line that names an error", "[compare]") {
  std::string node =
      "node:internal/modules/cjs/loader:1210\n  throw err;\n  ^\n\nError: Cannot find module 'tiny-fmt'\n"
      "Require stack:\n- /app/index.js\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)\n"
      "    at node:internal/main/run_main_module:28:49 {\n  code: 'MODULE_NOT_FOUND',\n"
      "  requireStack: [ '/app/index.js' ]\n}\n\nNode.js v20.18.0\n";
  CHECK(lastMeaningfulLine(node) == "Error: Cannot find module 'tiny-fmt'");
  CHECK(lastMeaningfulLine("starting\nopen /x: no such file\n\n") == "open /x: no such file");
  CHECK(lastMeaningfulLine("") == "");
}

TEST_CASE("the build error's line", "[compare]") {
  std::string buildah =
      "STEP 1/3: FROM debian:bookworm\nSTEP 2/3: RUN make\nmake: *** No rule to make target 'all'.  Stop.\n"
      "subprocess exited with status 2\nError: building at STEP \"RUN make\": exit status 2\n";
  CHECK(buildErrorLine(buildah) == "building at STEP \"RUN make\": exit status 2: make: *** No rule to make target "
                                   "'all'.  Stop.");
  std::string copy =
      "Error: building at STEP \"COPY x /y\": checking on sources under \"/var/lib/containers/storage/overlay/ab/"
      "merged\": copier: stat: \"/x\": no such file or directory\n";
  CHECK(buildErrorLine(copy) == "building at STEP \"COPY x /y\": copier: stat: \"/x\": no such file or directory");
  std::string docker = "#5 ERROR: process \"/bin/sh -c make\" did not complete\n------\n"
                       "ERROR: failed to solve: process \"/bin/sh -c make\" did not complete successfully: exit code: 2\n";
  CHECK(buildErrorLine(docker).starts_with("ERROR: failed to solve"));
  CHECK(buildErrorLine("") == "the build failed without a message");
}

TEST_CASE("npm's script banner is the launcher's, not the app's", "[compare]") {
  std::string npm = "\n> app@1.0.0 start\n> node src/main.js --port 8000\n\nlistening on 8000\n";
  CHECK(withoutLauncherBanners(npm) == "listening on 8000\n");
  CHECK(reportOf(exitedSide(0, npm), exitedSide(0, "listening on 8000\n")).verdict == Verdict::Same);
  CHECK(reportOf(exitedSide(0, npm), exitedSide(0, "listening on 9000\n")).verdict == Verdict::Different);
  CHECK(withoutLauncherBanners("> not a banner\nok\n") == "> not a banner\nok\n");
}
