// C++ planner.
//
// What: finds the binary the container starts (a build output under the
// working directory, or a program `make install` / `cmake --install` put on
// the PATH), and plans a runtime stage on the builder's distro release that
// holds the binary, the files its install step put in place, and its shared
// library closure, resolved in the builder with ldd (the C library itself
// comes from the runtime base). Fully static binaries go on scratch; when the
// closure is only libc, libstdc++ and libgcc the base is distroless cc.
// Why: compilers, headers and -dev packages are hundreds of megabytes that a
// compiled program never uses.
// Example:
//   FROM gcc:12                        ->  FROM gcc:12 AS builder
//   WORKDIR /src                            ...
//   COPY . .                                RUN set -e; r=/restage/root; ... ldd ...
//   RUN g++ -O2 -o app main.cpp             FROM gcr.io/distroless/cc-debian12:nonroot
//   CMD ["./app"]                           WORKDIR /src
//                                           COPY --from=builder /restage/root/ /
//                                           USER nonroot
//                                           CMD ["./app"]
#include <algorithm>
#include <cctype>
#include <set>

#include "shell/ShellScript.h"
#include "migrate/DockerfileText.h"
#include "templates/Template.h"
#include "transforms/AbiFloor.h"
#include "transforms/Planners.h"
#include "transforms/PlannerSupport.h"

namespace restage::transforms {

using migrate::CopyStep;
using migrate::RuntimePlan;

namespace {

bool isCompiler(const std::string& p) {
  static const std::set<std::string> compilers{"g++", "gcc", "c++", "cc", "clang", "clang++"};
  std::string base = baseName(p);
  if (compilers.count(base)) return true;
  // g++-12, clang++-16
  for (const char* c : {"g++-", "gcc-", "clang++-", "clang-"}) {
    if (base.rfind(c, 0) == 0) return true;
  }
  return false;
}

struct InstallStep {
  bool make = false;   // make install
  bool cmake = false;  // cmake --install DIR
  std::string cwd;
  std::string buildDir;
  std::string prefix = "/usr/local";
  // What the original install step passed that decides where files go
  // (`PREFIX=/usr`, `--prefix /opt/app`), given again when it runs into DESTDIR.
  std::string passOn;
};

// `-static` as a flag of its own, not `-static-libstdc++`/`-static-libgcc`
// (those binaries still need the C library).
bool mentionsStatic(const std::string& text) {
  for (std::size_t at = text.find("-static"); at != std::string::npos; at = text.find("-static", at + 1)) {
    std::size_t end = at + 7;
    bool startOk = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '-');
    bool endOk = end == text.size() || !(std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' || text[end] == '_');
    if (startOk && endOk) return true;
  }
  return false;
}

// The build tool the start command runs, if any (`make run`, `sh -c "meson
// setup b && meson compile -C b"`): such an image compiles when it starts.
std::optional<std::string> buildToolAtStart(const analysis::StageFacts& f, const nlohmann::json& tools) {
  auto start = f.start();
  if (!start) return std::nullopt;
  std::vector<std::vector<std::string>> commands;
  auto addScript = [&](const std::string& script) {
    for (const auto& c : shell::parse_shell(script).commands) commands.push_back(shell::argv_literals(c));
  };
  if (start->shellForm) addScript(start->script);
  else if (start->argv.size() >= 3 && (baseName(start->argv[0]) == "sh" || baseName(start->argv[0]) == "bash") &&
           start->argv[1] == "-c") addScript(start->argv[2]);
  else commands.push_back(start->argv);
  for (const auto& c : commands) {
    if (c.empty()) continue;
    for (const auto& t : tools) {
      if (baseName(c[0]) == t.get<std::string>()) return c[0];
    }
  }
  return std::nullopt;
}

bool hasArg(const std::vector<std::string>& argv, const std::string& a) {
  return std::find(argv.begin(), argv.end(), a) != argv.end();
}

}  // namespace

RuntimePlan planCpp(const migrate::PlanInput& in) {
  const auto& f = in.facts;
  const auto& cfg = in.catalog.languageConfig("cpp");
  RuntimePlan plan;

  if (auto tool = buildToolAtStart(f, cfg.at("build_tools"))) {
    return RuntimePlan::refuse("builds-at-start",
                               "the start command runs " + *tool +
                                   ", so the image compiles when it starts and needs its toolchain at run time; there is no build output to split off");
  }

  std::optional<catalog::Release> release;
  if (!in.builder.release.empty()) release = in.catalog.release(in.builder.release);
  // A release restage does not know (ubuntu:latest, ubuntu:19.04, an image of
  // its own): no smaller base can be shown to have the C library and every
  // other library the program links, but the builder's own image has them.
  // The rewrite then only leaves the build-only packages behind (the benefit
  // gate decides whether that is worth having). A static program needs no
  // release at all.
  bool unknownRelease = !release && !in.options.runtimeBase;
  bool ownImage = false;

  // What the build does. A -dev package (other than the C library's and the
  // compiler's own) means the program links a library beyond libc.
  std::vector<std::string> extraPackages;
  for (const auto& e : in.effects.effects) {
    if (e.kind != analysis::EffectKind::Package) continue;
    bool headers = e.subject.ends_with("-dev") || e.subject.ends_with("-devel");
    bool listed = false;
    for (const auto& p : in.catalog.effectRules().at("build_only_packages")) listed |= p.get<std::string>() == e.subject;
    if ((headers && !listed) || e.need == analysis::Need::Runtime) extraPackages.push_back(e.subject);
  }
  bool isStatic = false;
  bool extraLibs = false;
  std::optional<InstallStep> install;
  std::string prefix = "/usr/local";
  for (const auto& rc : f.commands) {
    const auto& a = rc.argv;
    if (a.empty()) continue;
    std::string prog = baseName(a[0]);
    if (isCompiler(prog)) {
      for (const auto& w : a) {
        if (w == "-static") isStatic = true;
        if (w.rfind("-l", 0) == 0 && w.size() > 2) {
          std::string lib = w.substr(2);
          if (lib != "stdc++" && lib != "m" && lib != "pthread" && lib != "dl" && lib != "rt" && lib != "c" && lib != "gcc") extraLibs = true;
        }
      }
    }
    if (prog == "cmake") {
      for (const auto& w : a) {
        if (mentionsStatic(w) && w.find("LINKER_FLAGS") != std::string::npos) isStatic = true;
        if (w.rfind("-DCMAKE_INSTALL_PREFIX=", 0) == 0) prefix = w.substr(23);
      }
      if (hasArg(a, "--install") || (hasArg(a, "--target") && hasArg(a, "install"))) {
        InstallStep s;
        s.cmake = true;
        s.cwd = rc.cwd;
        s.prefix = prefix;
        if (auto d = optionValue(a, "--install")) s.buildDir = *d;
        else if (auto b = optionValue(a, "--build")) s.buildDir = *b;
        for (const char* opt : {"--prefix", "--config", "--component"}) {
          if (auto v = optionValue(a, opt)) {
            s.passOn += std::string(" ") + opt + " " + migrate::shellWord("the install option's value", *v);
            if (std::string(opt) == "--prefix") s.prefix = *v;
          }
        }
        install = s;
      }
    }
    if ((prog == "make" || prog == "ninja") && hasArg(a, "install")) {
      InstallStep s;
      s.make = prog == "make";
      s.cmake = prog == "ninja";
      s.cwd = rc.cwd;
      s.prefix = prefix;
      if (auto dir = optionValue(a, "-C")) s.cwd = analysis::joinPath(rc.cwd, *dir);
      for (const auto& w : a) {
        if (w.rfind("PREFIX=", 0) == 0) s.prefix = w.substr(7);
        bool makeVariable = s.make && !w.empty() && w[0] != '-' && w.find('=') != std::string::npos &&
                            w.rfind("DESTDIR=", 0) != 0;
        if (makeVariable) s.passOn += " " + migrate::shellWord("the make variable", w);
      }
      for (const auto& [name, value] : rc.assignments) {
        if (name == "PREFIX") s.prefix = value;
        if (s.make && name != "DESTDIR") s.passOn += " " + migrate::shellWord("the make variable", name + "=" + value);
      }
      if (s.cmake) {
        s.buildDir = s.cwd;  // ninja install runs in the build folder
      }
      install = s;
    }
  }
  const std::string& buildFiles = in.context.buildFilesText();
  if (mentionsStatic(buildFiles)) isStatic = true;
  if (buildFiles.find("find_package(") != std::string::npos) {
    // Any package but Threads brings a library of its own.
    std::size_t at = 0;
    while ((at = buildFiles.find("find_package(", at)) != std::string::npos) {
      at += 13;
      std::string name = buildFiles.substr(at, buildFiles.find_first_of(" )\n", at) - at);
      if (name != "Threads") extraLibs = true;
    }
  }
  if (buildFiles.find("pkg_check_modules(") != std::string::npos) extraLibs = true;
  bool closureMinimal = extraPackages.empty() && !extraLibs;

  // The binary the container starts.
  auto start = f.start();
  auto argv = startArgv(f);
  std::string program;
  if (argv && !argv->empty()) program = (*argv)[0];
  else if (start && start->shellForm) {
    shell::Script s = shell::parse_shell(start->script);
    if (!s.commands.empty() && !s.commands.front().words.empty() && s.commands.front().words.front().is_literal()) {
      program = s.commands.front().words.front().literal;
    }
  }
  if (program.empty()) {
    return RuntimePlan::refuse("unknown-binary", "cannot tell which program the start command runs");
  }
  std::string binary;
  bool staged = false;
  if (!isPathLookup(program)) {
    binary = analysis::joinPath(f.finalWorkdir, program);
    if (install && binary.rfind(install->prefix + "/", 0) == 0) staged = true;
  } else if (install) {
    binary = install->prefix + "/bin/" + program;
    staged = true;
  } else {
    // A program copied onto the PATH by the build (cp/mv/install).
    for (const auto& rc : f.commands) {
      const auto& a = rc.argv;
      if (a.size() >= 3 && (a[0] == "cp" || a[0] == "mv" || a[0] == "install" || a[0] == "ln")) {
        std::string dest = analysis::joinPath(rc.cwd, a.back());
        std::string src = a[a.size() - 2];
        if (baseName(dest) == program) binary = dest;
        else if (baseName(src) == program && (a.back().ends_with('/') || dest == "/usr/local/bin" || dest == "/usr/bin")) {
          binary = analysis::joinPath(dest, program);
        }
      }
    }
    if (binary.empty()) {
      return RuntimePlan::refuse("unknown-binary",
                                 "the start command runs `" + program +
                                     "` from the PATH, and no install step in the Dockerfile shows where it comes from");
    }
  }

  // A script the Dockerfile copied in is not a build output: what it runs
  // cannot be traced from here.
  bool copiedIn = std::find(f.copyDestinations.begin(), f.copyDestinations.end(), binary) != f.copyDestinations.end();
  if (copiedIn || binary.ends_with(".sh") || binary.ends_with(".py")) {
    return RuntimePlan::refuse("start-script",
                               "the start command runs " + binary +
                                   ", a script copied from the context rather than a compiled program, so restage cannot tell what it needs");
  }

  // Base image. The binary may need what the builder offers: its release's
  // glibc and libstdc++, or its own compiler's newer libstdc++ (gcc:N).
  bool needShell = !argv || argv->empty();
  catalog::Floor floor = programFloor(in.builder, true);
  // A distroless cc image that meets the floor: the builder's release's
  // when supported, else the newest supported one; failing that, one that
  // meets all but libstdc++, when the builder's own toolchain can be carried.
  std::optional<std::string> cc;
  if (release && !isStatic) {
    cc = in.catalog.distroless("cc", floor, in.builder.release);
    if (!cc && in.builder.toolchain) {
      catalog::Floor glibcOnly = floor;
      glibcOnly.glibcxx.clear();
      glibcOnly.cxxabi.clear();
      cc = in.catalog.distroless("cc", glibcOnly, in.builder.release);
    }
  }
  bool distroNeeds = in.needs.needsPackageManager() || in.needs.needsShell() ||
                     (cc && !in.needs.usersExistOn(in.catalog.runtimeBase(*cc)));
  if (in.options.runtimeBase) {
    plan.base = *in.options.runtimeBase;
  } else if (unknownRelease && !(isStatic && !needShell && !distroNeeds)) {
    plan.base = f.base.raw;
    ownImage = true;
  } else if (distroNeeds) {
    plan.base = release->slim;
  } else if (isStatic && !needShell) {
    plan.base = "scratch";
  } else if (closureMinimal && cc && !needShell) {
    plan.base = *cc;
  } else {
    plan.base = release->slim;
  }
  auto base = in.catalog.runtimeBase(plan.base);
  bool baseHasShell = base ? base->shell : plan.base != "scratch";
  if (isStatic) plan.explanation.push_back("The binary is linked with -static, so it needs no libraries at all.");
  std::string floorWords = needed(floor);
  if (in.options.runtimeBase) {
    plan.explanation.push_back("Runtime base " + plan.base + ": given with " + in.options.runtimeBaseSource + ".");
  } else if (ownImage) {
    plan.explanation.push_back("Runtime base " + plan.base + ", the builder's own image: restage does not know which distro release " +
                               f.base.raw + " is built on, so no smaller base can be shown to have the C library and the other "
                               "libraries the program links; the builder's image is the one base certain to have them all. "
                               "What the rewrite leaves behind is what the build installed for building.");
  } else if (plan.base == "scratch") {
    plan.explanation.push_back("Runtime base scratch: nothing but the binary is needed.");
  } else if (plan.base == release.value_or(catalog::Release{}).slim) {
    std::string why = needShell ? "the start command needs a shell"
                      : distroNeeds ? in.needs.distroReason()
                      : !cc && floor.libc == "musl" ? std::string("distroless images are built on glibc, and the binary links musl")
                      : !cc ? "no distroless cc image restage supports offers " + floorWords
                          : "the binary links libraries beyond libc and libstdc++ (" +
                                (extraPackages.empty() ? std::string("found in the build files") : extraPackages.front()) + ")";
    std::string releaseName = base && !base->releaseName.empty() ? base->releaseName : in.builder.releaseName;
    plan.explanation.push_back("Runtime base " + plan.base + ": " + releaseName + ", the builder's release, since " + why + ".");
  } else {
    // Why not the builder's release's own distroless image, when it has one.
    std::string own;
    if (release->distrolessCc && *release->distrolessCc != plan.base) {
      auto ownBase = in.catalog.runtimeBase(*release->distrolessCc);
      if (ownBase && ownBase->eol && catalog::pastEndOfLife(*ownBase->eol, in.catalog.asOf())) {
        own = " (" + *release->distrolessCc + ", of the builder's release, is past its end of life: " + ownBase->eol->what + ", " +
              ownBase->eol->date + ")";
      } else if (ownBase) {
        own = " (" + *release->distrolessCc + ", of the builder's release, offers only " + offered(ownBase->abi, floor) + ")";
      }
    } else if (!release->distrolessCc) {
      own = " (restage knows no distroless image of " + in.builder.releaseName + ")";
    }
    plan.explanation.push_back("Runtime base " + plan.base + ": " + base->releaseName +
                               " without a shell or package manager; built on " + in.facts.base.raw + ", the binary may need " +
                               floorWords + ", and it offers " + offered(base->abi, floor) + own + ".");
  }
  // On the builder's own image every floor is met, and a floating tag moves
  // both stages together.
  if (!isStatic && !ownImage) {
    plan.abiFloor = floor;
    if (auto refusal = meetFloor(in, plan, floor, "the binary " + binary)) return RuntimePlan::refuse(refusal->code, refusal->reason);
  }

  // Builder finale: stage what `make install` put in place, then collect the
  // binary and its shared-library closure into one folder.
  std::string stageDir = cfg.at("stage_dir").get<std::string>();
  if (staged) {
    migrate::shellPlainWord("the folder of the install step", install->cwd);
    migrate::shellPlainWord("the build folder of the install step", install->buildDir);
    nlohmann::json d{{"stage_dir", stageDir}, {"cwd", install->cwd},
                     {"make", install->make}, {"cmake", install->cmake},
                     {"build_dir", install->buildDir.empty() ? std::string(".") : install->buildDir},
                     {"pass_on", install->passOn}};
    plan.builderFinale.push_back("RUN " + templates::render(cfg.at("install_staging").get<std::string>(), d, templates::Context::Shell));
    plan.explanation.push_back("The install step runs again into " + stageDir +
                               " (DESTDIR), so the runtime gets exactly the files it installs.");
  }
  std::string stagedBinary = staged ? stageDir + binary : binary;
  // The toolchain's own libraries are the base's libstdc++'s business, or
  // copied on their own (above) when the base's is older.
  std::vector<std::string> toolchainDirs;
  if (in.builder.toolchain) toolchainDirs.push_back(in.builder.toolchain->dir);
  auto step = collectStep(in.catalog, stagedBinary, binary, !staged, !isStatic, base, toolchainDirs);
  plan.builderFinale.push_back(step.run);
  plan.copies.push_back(CopyStep{stageDir + "/", "/", std::nullopt});
  plan.libraryOwners = step.owners;
  plan.builtBinary = binary;
  plan.delivered.push_back(binary);
  if (!isStatic) {
    plan.explanation.push_back("The builder copies " + binary + " into " + stageDir +
                               (step.owners ? "; the libraries ldd reports for it come from the packages that own them "
                                              "(any library no package owns is copied too)"
                                            : " with the libraries ldd reports for it that " + plan.base + " lacks") +
                               "; the runtime stage copies that folder.");
  }
  for (const auto& p : cfg.at("source_files")) plan.sourcePatterns.push_back(p.get<std::string>());
  for (const auto& d : cfg.at("source_dirs")) plan.sourceDirs.push_back(d.get<std::string>());

  // A shell-form start on a base without a shell becomes exec form.
  if (start && start->shellForm && !baseHasShell) {
    if (f.entrypoint && !f.entrypoint->as<ast::CommandArgs>()->command.exec) {
      plan.entrypoint = migrate::execForm(*argv);
      if (f.cmd) plan.cmd = std::string("[]");
    } else {
      plan.cmd = migrate::execForm(*argv);
    }
    plan.explanation.push_back("The shell-form start command became exec form: " + plan.base + " has no shell.");
  }
  // The builder's own image has every account the original ran as; which
  // other accounts an image of unknown release has, restage cannot tell.
  if (ownImage) {
    plan.user = f.finalUser;
    if (f.runsAsRoot()) {
      plan.explanation.push_back("The runtime runs as root, as the original did: restage does not know which accounts " +
                                 plan.base + " has.");
    }
  } else {
    plan.user = runtimeUser(f, base, plan.explanation, in.effects, in.needs);
  }
  return plan;
}

}  // namespace restage::transforms
