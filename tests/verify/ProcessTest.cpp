// Child processes: captured output, bounded waits, exit statuses.
#include <catch2/catch.hpp>

#include "Error.h"
#include "verify/Process.h"

using namespace restage::verify;
using namespace std::chrono_literals;

TEST_CASE("output and exit status", "[process]") {
  RunResult r = runCommand({"sh", "-c", "echo out; echo err >&2; exit 3"}, 10s);
  CHECK(r.status == 3);
  CHECK(r.out == "out\n");
  CHECK(r.err == "err\n");
  CHECK_FALSE(r.timedOut);
}

TEST_CASE("a command that runs too long is stopped", "[process]") {
  auto t0 = Clock::now();
  RunResult r = runCommand({"sh", "-c", "sleep 30 & sleep 30"}, 1s);
  CHECK(r.timedOut);
  CHECK(Clock::now() - t0 < 10s);
}

TEST_CASE("a killed process reports 128 + signal", "[process]") {
  CHECK(runCommand({"sh", "-c", "kill -9 $$"}, 10s).status == 137);
}

TEST_CASE("output beyond the limit is cut and counted", "[process]") {
  Process p({"sh", "-c", "head -c 3000000 /dev/zero"});
  REQUIRE(p.waitUntil(Clock::now() + 30s));
  CHECK(p.out().text.size() == kOutputLimit);
  CHECK(p.out().truncated);
}

TEST_CASE("a program that does not exist", "[process]") {
  CHECK_THROWS_AS(Process({"restage-no-such-program"}), restage::Error);
}

TEST_CASE("arguments shown as a shell would read them", "[process]") {
  CHECK(showArgv({"buildah", "run", "n", "--", "sh", "-c", "echo 'hi' $X"}) ==
        "buildah run n -- sh -c 'echo '\\''hi'\\'' $X'");
}
