#pragma once
// ABI floors of a compiled program, shared by the planners.
//
// What: a program a builder links dynamically may need any symbol version up
// to what the builder offers: its release's glibc, its libstdc++ (gcc:N's own
// GCC N libstdc++ in /usr/local/lib64, newer than the release's). The runtime
// base must offer at least as much (templates/releases.json). A base the user
// chose (--runtime-base, .restage.yaml) is checked the same way: an older
// glibc or another C library is a refusal (`abi-floor`) naming the version; an
// older libstdc++ than the builder's own toolchain is met by carrying that
// toolchain's libraries.
// Why: `GLIBCXX_3.4.32 not found` (gcc:13 on distroless cc-debian12) and
// `GLIBC_2.38 not found` (a trixie-built cgo binary on bookworm) only show
// when the container starts.
// Example:
//   FROM gcc:16 ... CMD ["./app"]   ->  FROM gcr.io/distroless/cc-debian13:nonroot
//                                       ENV LD_LIBRARY_PATH=/usr/local/lib64
//                                       COPY --from=builder /usr/local/lib64/libstdc++.so.6
//                                            /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/
#include <optional>
#include <string>

#include "migrate/Plan.h"

namespace restage::transforms {

// What a program built in `builder` may need of its runtime: the builder's
// C library and glibc, and, when `cxx`, its libstdc++.
catalog::Floor programFloor(const catalog::BuilderInfo& builder, bool cxx);

// "glibc 2.41 and GLIBCXX_3.4.33" for a base's ABI, as far as `floor` asks.
std::string offered(const catalog::Abi& abi, const catalog::Floor& floor);
// "GLIBC_2.36 and GLIBCXX_3.4.32" for a floor.
std::string needed(const catalog::Floor& floor);

// Checks a runtime base against the program's floor: a refusal (abi-floor)
// when its C library differs or is older, or its libstdc++ is older and the
// builder has no toolchain of its own to carry; otherwise, when the
// builder's toolchain libraries are newer than the base's libstdc++, they are
// carried (explicit COPY, LD_LIBRARY_PATH) and the explanation says so. A base
// the catalog does not know gets an explanation line with the floor instead.
// `who`: "the binary /app/server", for the words.
std::optional<migrate::Refusal> meetFloor(const migrate::PlanInput& in, migrate::RuntimePlan& plan,
                                          const catalog::Floor& floor, const std::string& who);

// Whether the builder's own toolchain libraries must be carried to `base`.
bool needsToolchain(const catalog::BuilderInfo& builder, const std::optional<catalog::RuntimeBase>& base,
                    const catalog::Floor& floor);

}  // namespace restage::transforms
