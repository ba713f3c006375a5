// Go planner.
//
// What: finds the binary the container starts (the output of `go build -o`,
// `go build`, `go install`, or a `go run` in CMD that it turns into a build),
// and plans a runtime stage holding only that binary and the assets the app
// reads at run time, on distroless.
// Why: a golang image is ~300 MB compressed; a static Go binary needs none of
// it. With cgo the binary needs glibc, so the base is distroless base. When
// the context shows no cgo, CGO_ENABLED=0 goes in front of the one build
// command the runtime's binary comes from, never on the builder's other
// steps (`go test -race` needs cgo).
// Example:
//   FROM golang:1.22          ->  FROM golang:1.22 AS builder
//   WORKDIR /app                  WORKDIR /app
//   COPY . .                      COPY . .
//   RUN go build -o server .      RUN CGO_ENABLED=0 go build -o server .
//   CMD ["./server"]              FROM gcr.io/distroless/static-debian13:nonroot
//                                 COPY --from=builder /app/server /app/server
//                                 WORKDIR /app
//                                 USER nonroot
//                                 CMD ["./server"]
#include <algorithm>
#include <map>
#include <set>

#include "shell/ShellScript.h"
#include "transforms/AbiFloor.h"
#include "migrate/DockerfileText.h"
#include "transforms/Planners.h"
#include "transforms/PlannerSupport.h"

namespace restage::transforms {

using migrate::CopyStep;
using migrate::RuntimePlan;

namespace {

struct GoOutput {
  std::string path;  // absolute path in the builder
  bool cgoOff = false;
  // The build command that writes it; nullptr for the build restage adds.
  const analysis::RunCommand* command = nullptr;
};

bool isFlag(const std::string& a) { return !a.empty() && a[0] == '-'; }

// Flags of `go build`/`go install` that take a value as the next word.
bool takesValue(const std::string& flag) {
  static const std::set<std::string> valued{"-o", "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod",
                                            "-modfile", "-p", "-pkgdir", "-buildmode", "-compiler",
                                            "-gccgoflags", "-installsuffix", "-overlay", "-pgo", "-C"};
  return valued.count(flag) > 0;
}

std::vector<std::string> packageArgs(const std::vector<std::string>& argv, std::size_t from) {
  std::vector<std::string> pkgs;
  for (std::size_t i = from; i < argv.size(); ++i) {
    const auto& a = argv[i];
    if (isFlag(a)) {
      if (a.find('=') == std::string::npos && takesValue(a)) ++i;
      continue;
    }
    pkgs.push_back(a);
  }
  return pkgs;
}

// The name `go build`/`go install` gives a package's binary. `initModule`:
// the module path a `go mod init` in the same folder gave earlier in the
// build (it fails where a go.mod exists, so that module is the one in use).
std::string binaryName(const std::string& pkg, const std::string& cwd, const analysis::BuildContext& ctx,
                       const std::optional<std::string>& initModule = std::nullopt) {
  if (pkg.empty() || pkg == "." || pkg == "./") {
    if (initModule) return baseName(*initModule);
    if (auto mod = ctx.goModule()) return baseName(*mod);
    return baseName(cwd);
  }
  if (pkg.ends_with(".go")) return baseName(pkg).substr(0, baseName(pkg).size() - 3);
  return baseName(pkg);
}

// A shell-form start of one simple command whose program is known once the
// image's and the stage's ENV are substituted, e.g. `${GOPATH}/bin/app -p $PORT`.
struct ShellStart {
  std::string program;
  std::vector<std::string> variables;  // every variable the script reads
};

std::optional<ShellStart> shellStartOf(const analysis::StageFacts& f) {
  auto st = f.start();
  if (!st || !st->shellForm) return std::nullopt;
  shell::Script parsed = shell::parse_shell(st->script);
  if (!parsed.ok() || parsed.commands.size() != 1) return std::nullopt;
  const auto& cmd = parsed.commands.front();
  if (cmd.scope != 0 || cmd.words.empty()) return std::nullopt;
  std::size_t first = cmd.words.front().literal == "exec" && cmd.words.size() > 1 ? 1 : 0;
  const shell::Word& word = cmd.words[first];
  if (word.has_glob) return std::nullopt;
  std::string program = f.expand(word.literal);
  if (program.empty() || program.find_first_of("$`") != std::string::npos) return std::nullopt;
  return ShellStart{program, parsed.variables()};
}


// How a binary the context shows free of cgo becomes static: CGO_ENABLED=0
// in front of the one build command that writes it (or on the build restage
// adds for `go run`), so every other builder step runs as it did (`go test
// -race` needs cgo). `words` says what was done, or why nothing could be.
struct StaticBuild {
  std::optional<migrate::RuntimePlan::BuilderPrefix> prefix;
  bool ownStep = false;  // the build is restage's own builder step
  std::string words;
  std::string contract;
};

StaticBuild staticBuild(const migrate::PlanInput& in, const GoOutput* built, const std::string& binary,
                        const std::string& assignment) {
  StaticBuild s;
  const std::string name = assignment.substr(0, assignment.find('='));
  if (auto set = in.facts.envValue(name)) {
    s.words = "the build sets " + name + "=" + *set + " itself";
    return s;
  }
  if (!built || !built->command) {
    s.ownStep = true;
    s.words = "the `go build` restage adds to the builder runs as `" + assignment + " go build` for a static binary";
    s.contract = "builder: the `go build` restage adds runs with " + assignment + " (a static binary)";
    return s;
  }
  const analysis::RunCommand& rc = *built->command;
  std::string line = std::to_string(in.doc.instructions[rc.instruction].startLine);
  std::string verb = rc.argv[0] + " " + rc.argv[1];
  if (auto own = rc.assignments.find(name); own != rc.assignments.end()) {
    s.words = "the `" + verb + "` on line " + line + " sets " + name + "=" + own->second + " itself";
    return s;
  }
  for (const char* flag : {"-race", "-msan", "-asan"}) {
    if (std::find(rc.argv.begin(), rc.argv.end(), flag) != rc.argv.end()) {
      s.words = "the `" + verb + "` on line " + line + " builds with " + flag + ", which needs cgo";
      return s;
    }
  }
  if (!rc.nameOffset) {
    s.words = "restage cannot put " + assignment + " in front of the `" + verb + "` on line " + line +
              " alone (an exec-form RUN, or text it cannot place), and setting it for the whole builder would change its other steps";
    return s;
  }
  s.prefix = migrate::RuntimePlan::BuilderPrefix{*rc.nameOffset, migrate::shellPlainWord("the static build's setting", assignment)};
  s.words = "the `" + verb + "` on line " + line + " that writes " + binary + " now runs as `" + assignment + " " + verb +
            "` for a static binary; the builder's other steps keep cgo as before";
  s.contract = "builder line " + line + ": " + assignment + " in front of `" + verb + "` (a static binary; the other steps unchanged)";
  return s;
}

}  // namespace

RuntimePlan planGo(const migrate::PlanInput& in) {
  const auto& f = in.facts;
  const auto& cfg = in.catalog.languageConfig("go");
  RuntimePlan plan;
  for (const auto& k : cfg.at("build_only_env")) plan.buildOnlyEnv.push_back(k.get<std::string>());

  std::string gobin = f.envValue("GOBIN").value_or(f.envValue("GOPATH").value_or("/go") + "/bin");
  bool cgoOffEverywhere = f.envValue("CGO_ENABLED") == std::optional<std::string>("0");

  std::vector<GoOutput> outputs;
  bool installsPattern = false;    // a `go install PATTERN/...` ran
  bool installCgoOff = cgoOffEverywhere;
  const analysis::RunCommand* installCommand = nullptr;
  std::map<std::string, std::string> initModules;  // folder -> module path, from `go mod init`
  std::vector<std::string> fetchedModules;         // named by `go get` in the build
  auto initModuleIn = [&](const std::string& cwd) -> std::optional<std::string> {
    auto it = initModules.find(cwd);
    if (it == initModules.end()) return std::nullopt;
    return it->second;
  };
  for (const auto& rc : f.commands) {
    if (rc.argv.size() < 2 || rc.argv[0] != "go") continue;
    if (rc.argv.size() == 4 && rc.argv[1] == "mod" && rc.argv[2] == "init" && !rc.argv[3].starts_with("-")) {
      initModules[rc.cwd] = rc.argv[3];
      continue;
    }
    if (rc.argv[1] == "get") {
      // `go get MODULE[@version]` adds a requirement go.mod does not show yet.
      for (const auto& arg : packageArgs(rc.argv, 2)) fetchedModules.push_back(arg.substr(0, arg.find('@')));
      continue;
    }
    bool cgoOff = cgoOffEverywhere || (rc.assignments.count("CGO_ENABLED") && rc.assignments.at("CGO_ENABLED") == "0");
    if (rc.argv[1] == "build") {
      auto pkgs = packageArgs(rc.argv, 2);
      std::string pkg = pkgs.empty() ? "." : pkgs.front();
      if (auto out = optionValue(rc.argv, "-o")) {
        std::string path = analysis::joinPath(rc.cwd, *out);
        if (out->ends_with('/')) {
          path = analysis::joinPath(path, binaryName(pkg, rc.cwd, in.context, initModuleIn(rc.cwd)));
        }
        outputs.push_back({path, cgoOff, &rc});
      } else {
        std::string name = binaryName(pkg, rc.cwd, in.context, initModuleIn(rc.cwd));
        outputs.push_back({analysis::joinPath(rc.cwd, name), cgoOff, &rc});
      }
    } else if (rc.argv[1] == "install") {
      auto pkgs = packageArgs(rc.argv, 2);
      if (pkgs.empty()) pkgs.push_back(".");
      for (const auto& pkg : pkgs) {
        if (pkg.ends_with("/...")) {
          installsPattern = true;
          installCgoOff = cgoOff;
          installCommand = &rc;
          // Every main package below: names come from the context's folders.
          std::string prefix = pkg.substr(0, pkg.size() - 3);
          if (prefix.rfind("./", 0) == 0) prefix = prefix.substr(2);
          for (const auto& e : in.context.entries()) {
            if (e.rfind(prefix, 0) == 0 && e.ends_with('/') && e.size() > prefix.size() &&
                e.find('/', prefix.size()) == e.size() - 1) {
              outputs.push_back({analysis::joinPath(gobin, baseName(e)), cgoOff, &rc});
            }
          }
          continue;
        }
        std::string name = binaryName(pkg, rc.cwd, in.context, initModuleIn(rc.cwd));
        if (auto at = name.find('@'); at != std::string::npos) name = name.substr(0, at);  // pkg@version
        outputs.push_back({analysis::joinPath(gobin, name), cgoOff, &rc});
      }
    }
  }

  auto argv = startArgv(f);
  // A shell-form start that needs the shell (variables, redirections) keeps
  // its form; the runtime base then needs a shell.
  std::optional<ShellStart> shellStart;
  if (!argv || argv->empty()) {
    shellStart = shellStartOf(f);
    if (!shellStart) {
      return RuntimePlan::refuse("start-needs-shell",
                                 "the start command needs a shell and restage cannot tell which program it runs "
                                 "(more than one command, or a program name built from unknown variables)");
    }
    argv = std::vector<std::string>{shellStart->program};
  }
  std::vector<std::string> start = *argv;
  // Live-reload servers and debuggers rebuild or run the sources with the Go
  // toolchain at run time: a runtime stage without both cannot behave the same.
  for (const auto& dev : cfg.at("dev_servers")) {
    if (baseName(start[0]) == dev.get<std::string>()) {
      return RuntimePlan::refuse("dev-server",
                                 "the start command runs " + start[0] +
                                     ", a development server that rebuilds the app from its sources with the Go toolchain at run time; "
                                     "this is a development image, not one to split");
    }
  }
  std::string builderBinary;
  std::string runtimeBinary;
  bool viaPath = false;
  std::optional<std::size_t> runBuild;  // the builder step restage adds for `go run`

  if (start.size() >= 2 && start[0] == "go" && start[1] == "run") {
    // `go run PKG ARGS...` builds at every start: build once in the builder instead.
    std::size_t i = 2;
    while (i < start.size() && isFlag(start[i])) ++i;
    std::string pkg = i < start.size() ? start[i] : ".";
    std::vector<std::string> args(start.begin() + static_cast<std::ptrdiff_t>(std::min(i + 1, start.size())), start.end());
    std::string out = cfg.at("run_binary").get<std::string>();
    runBuild = plan.builderFinale.size();
    plan.builderFinale.push_back("RUN go build -o " + out + " " + migrate::shellWord("the package `go run` builds", pkg));
    builderBinary = out;
    runtimeBinary = out;
    start = {out};
    start.insert(start.end(), args.begin(), args.end());
    // The `go run` keeps its role: in the ENTRYPOINT, the binary becomes the
    // ENTRYPOINT and CMD stays its default arguments, so `docker run IMAGE
    // --flag` still passes --flag to the app (a CMD would be replaced by it).
    analysis::StageFacts entrypointOnly = f;
    entrypointOnly.cmd = nullptr;
    auto inEntrypoint = f.entrypoint ? startArgv(entrypointOnly) : std::nullopt;
    if (inEntrypoint && i < inEntrypoint->size() && (*inEntrypoint)[0] == "go" && (*inEntrypoint)[1] == "run") {
      std::size_t ownArgs = inEntrypoint->size() - std::min(i + 1, inEntrypoint->size());
      std::vector<std::string> entry = {out};
      entry.insert(entry.end(), inEntrypoint->end() - static_cast<std::ptrdiff_t>(ownArgs), inEntrypoint->end());
      plan.entrypoint = migrate::execForm(entry);
      // A shell-form ENTRYPOINT ignored CMD; the exec-form one must too.
      if (f.cmd && f.start()->shellForm) plan.cmd = std::string("[]");
      bool shellForm = f.start()->shellForm;
      std::string roles = shellForm ? " in exec form (arguments given to `docker run` now reach the app; the shell form "
                                      "ignored them)"
                        : f.cmd     ? ", with the original CMD as its default arguments, so arguments given to "
                                      "`docker run` still reach the app"
                                    : ", so arguments given to `docker run` still reach the app";
      plan.explanation.push_back("`go run " + pkg + "` in the ENTRYPOINT compiled the app at every start; the builder now builds " +
                                 out + " once and the runtime's ENTRYPOINT runs it" + roles + ".");
    } else {
      plan.cmd = migrate::execForm(start);
      if (f.entrypoint) plan.entrypoint = std::string("[]");
      plan.explanation.push_back("`go run " + pkg + "` compiled the app at every start; the builder now builds " + out + " once and the runtime runs it.");
    }
    outputs.push_back({out, cgoOffEverywhere});
  } else {
    const std::string& program = start[0];
    static const std::vector<std::string> pathDirs{"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/go/bin"};
    for (const auto& out : outputs) {
      if (isPathLookup(program)) {
        bool inPath = baseName(out.path) == program &&
                      (dirName(out.path) == gobin ||
                       std::find(pathDirs.begin(), pathDirs.end(), dirName(out.path)) != pathDirs.end());
        if (inPath) {
          builderBinary = out.path;
          viaPath = true;
        }
      } else if (analysis::joinPath(f.finalWorkdir, program) == out.path) {
        builderBinary = out.path;
      }
    }
    if (builderBinary.empty() && isPathLookup(program) && installsPattern && !in.context.known()) {
      // `go install ./...` puts every main package's binary in GOBIN, which is
      // on the golang image's PATH: a bare start name can only resolve there
      // (the names themselves need the context). Should it not, the runtime
      // stage's COPY fails the build instead of shipping a broken image.
      builderBinary = analysis::joinPath(gobin, program);
      viaPath = true;
      outputs.push_back({builderBinary, installCgoOff, installCommand});
      plan.explanation.push_back("`" + program + "` is taken to be a binary that `go install ...` put in " + gobin +
                                 " (without the build context its package names cannot be listed).");
    }
    if (builderBinary.empty()) {
      return RuntimePlan::refuse("unknown-binary",
                                 "cannot tell which file the start command `" + program +
                                     "` runs: no `go build -o`, `go build` or `go install` output matches it");
    }
    runtimeBinary = viaPath ? cfg.at("runtime_bin_dir").get<std::string>() + "/" + program : builderBinary;
    if (f.start()->shellForm && !shellStart) {
      // Distroless has no shell: the same command in exec form.
      if (f.entrypoint && f.entrypoint->as<ast::CommandArgs>() && !f.entrypoint->as<ast::CommandArgs>()->command.exec) {
        plan.entrypoint = migrate::execForm(start);
        if (f.cmd) plan.cmd = std::string("[]");
      } else {
        plan.cmd = migrate::execForm(start);
      }
      plan.explanation.push_back("The shell-form start command became exec form: the runtime base has no shell.");
    }
  }

  // cgo: static unless the context shows cgo or cannot rule it out. Vendored
  // packages count, and so do modules go.mod requires that are known to use
  // cgo (their code is not in the context).
  std::string cgoModule;
  std::string cgoModuleWhy;  // how the module comes in
  for (const auto& req : in.context.goRequires()) {
    for (const auto& m : cfg.at("cgo_modules").at("modules")) {
      if (req == m.get<std::string>()) {
        cgoModule = req;
        cgoModuleWhy = "go.mod requires " + req;
      }
    }
  }
  // An import of one, with or without go.mod (GOPATH builds `go get` them).
  for (const auto& path : in.context.goImports()) {
    for (const auto& m : cfg.at("cgo_modules").at("modules")) {
      const std::string& module = m.get<std::string>();
      if (cgoModule.empty() && (path == module || path.starts_with(module + "/"))) {
        cgoModule = module;
        cgoModuleWhy = "the context's Go code imports " + path;
      }
    }
  }
  for (const auto& fetched : fetchedModules) {
    for (const auto& m : cfg.at("cgo_modules").at("modules")) {
      // A package path inside the module counts too (go get MODULE/sub/pkg).
      const std::string& module = m.get<std::string>();
      if (cgoModule.empty() && (fetched == module || fetched.starts_with(module + "/"))) {
        cgoModule = module;
        cgoModuleWhy = "the build fetches " + module + " (`go get " + fetched + "`)";
      }
    }
  }
  bool anyCgoOff = false;
  const GoOutput* built = nullptr;  // the last build of the binary, the one the runtime gets
  for (const auto& o : outputs) {
    if (o.path == builderBinary) {
      anyCgoOff = o.cgoOff;
      built = &o;
    }
  }
  bool isStatic = anyCgoOff || cgoOffEverywhere;
  std::string cgoReason;
  if (!isStatic) {
    if (in.context.usesCgo()) {
      cgoReason = "the context's Go code uses cgo (import \"C\" in " + in.context.cgoSource() +
                  "), so the binary needs the builder's C library (" + in.builder.libc + ")";
    } else if (!cgoModule.empty()) {
      cgoReason = cgoModuleWhy + ", which uses cgo, so the binary needs the builder's C library (" +
                  in.builder.libc + ")";
    } else if (in.context.cgoUnknown()) {
      cgoReason = "a Go file of the context could not be read, so restage cannot rule out cgo and the runtime keeps the builder's C library (" +
                  in.builder.libc + ")";
    } else if (!initModules.empty() && !in.context.goModule()) {
      cgoReason = "go.mod is written during the build (`go mod init`), so the modules it then fetches are not in "
                  "the context and restage cannot rule out cgo; the runtime keeps the builder's C library (" +
                  in.builder.libc + ")";
    } else if (in.context.known() && in.context.hasGoFiles()) {
      std::string files = in.context.hasDir("vendor") ? "the context's Go files (vendor/ included)" : "the context's Go files";
      std::string modules = in.context.goModule() ? " and go.mod requires no module known to use cgo"
                                                  : " nor a module known to use cgo";
      auto choice = staticBuild(in, built, builderBinary, cfg.at("static_env").get<std::string>());
      if (choice.prefix) {
        isStatic = true;
        plan.builderPrefixes.push_back(*choice.prefix);
      } else if (choice.ownStep && runBuild) {
        isStatic = true;
        plan.builderFinale[*runBuild] = "RUN " + cfg.at("static_env").get<std::string>() + plan.builderFinale[*runBuild].substr(3);
      }
      if (isStatic) {
        cgoReason = files + " do not import \"C\"" + modules + ", so " + choice.words;
        plan.changed.push_back(choice.contract);
      } else {
        cgoReason = files + " do not import \"C\"" + modules + ", but " + choice.words +
                    ", so the binary stays dynamically linked and the runtime keeps the builder's C library (" +
                    in.builder.libc + ")";
      }
    } else {
      cgoReason = "without the build context restage cannot rule out cgo, so the runtime keeps the builder's C library (" + in.builder.libc + ")";
    }
  } else {
    cgoReason = "the build already sets CGO_ENABLED=0, so the binary is static";
  }

  // A base with a package manager and a shell when the app needs distro
  // packages or its own user at run time; otherwise the smallest that runs it.
  bool distroNeeds = in.needs.needsPackageManager() || in.needs.needsShell() ||
                     !in.needs.usersExistOn(in.catalog.runtimeBase(cfg.at("static_base").get<std::string>()));
  std::optional<catalog::Release> release;
  if (!in.builder.release.empty()) release = in.catalog.release(in.builder.release);
  // A cgo binary needs a C library at least as new as the builder's: the
  // builder's own Alpine release for musl; for glibc a distroless base image
  // that meets the floor (the builder's release's when still supported).
  catalog::Floor floor = programFloor(in.builder, false);
  std::string muslBase = release ? release->slim : cfg.at("musl_base").get<std::string>();
  if (in.options.runtimeBase) {
    plan.base = *in.options.runtimeBase;
  } else if (shellStart || distroNeeds) {
    plan.base = in.builder.libc == "musl" ? muslBase
                : release ? release->slim : cfg.at("shell_base").get<std::string>();
    cgoReason += shellStart ? "; the start command needs /bin/sh, so the base is one with a shell"
                            : "; " + in.needs.distroReason() + ", so the base has a package manager and a shell";
  } else if (in.builder.libc == "musl") {
    plan.base = isStatic ? cfg.at("static_base").get<std::string>() : muslBase;
  } else {
    plan.base = isStatic ? cfg.at("static_base").get<std::string>()
                         : in.catalog.distroless("base", floor, in.builder.release).value_or(cfg.at("glibc_base").get<std::string>());
  }
  plan.explanation.push_back("Runtime base " + plan.base + ": " + cgoReason + ".");
  auto base = in.catalog.runtimeBase(plan.base);
  if (!isStatic) {
    plan.abiFloor = floor;
    if (!in.options.runtimeBase && base && in.builder.libc == "musl" && !release) {
      plan.explanation.push_back("restage does not know which Alpine release " + f.base.raw + " is built on, so the runtime is " +
                                 plan.base + ", the newest it knows; musl runs programs built against an older musl.");
    } else if (!in.options.runtimeBase && base && in.builder.libc == "musl") {
      plan.explanation.push_back("The runtime keeps the builder's release, " + in.builder.releaseName +
                                 ", whose packages the binary's libraries come from.");
    } else if (!in.options.runtimeBase && base && !floor.glibc.empty()) {
      plan.explanation.push_back("Built on " + f.base.raw + " (" + in.builder.releaseName + "), the binary may need GLIBC_" +
                                 floor.glibc + "; " + plan.base + " offers " + offered(base->abi, floor) + ".");
    }
    if (auto refusal = meetFloor(in, plan, floor, "the binary " + builderBinary)) {
      return RuntimePlan::refuse(refusal->code, refusal->reason);
    }
  }

  std::string as = runtimeBinary != builderBinary ? " (as " + runtimeBinary + ")" : std::string();
  plan.builtBinary = builderBinary;
  plan.delivered.push_back(runtimeBinary);
  if (isStatic) {
    plan.copies.push_back(CopyStep{builderBinary, runtimeBinary, std::nullopt});
    plan.explanation.push_back("The binary " + builderBinary + " moves to the runtime stage" + as + ".");
  } else {
    // A cgo binary may link more than the C library (libsqlite3, libssl).
    auto step = collectStep(in.catalog, builderBinary, runtimeBinary, true, true, base);
    plan.builderFinale.push_back(step.run);
    plan.copies.push_back(CopyStep{step.stageDir + "/", "/", std::nullopt});
    plan.libraryOwners = step.owners;
    plan.explanation.push_back("The builder copies the binary " + builderBinary + as + " into " + step.stageDir +
                               (step.owners ? "; the libraries ldd reports for it come from the packages that own them "
                                              "(any library no package owns is copied too)"
                                            : " with the libraries ldd reports for it that " + plan.base + " lacks") +
                               ".");
  }
  for (const auto& p : cfg.at("source_files")) plan.sourcePatterns.push_back(p.get<std::string>());
  for (const auto& d : cfg.at("source_dirs")) plan.sourceDirs.push_back(d.get<std::string>());

  if (shellStart) {
    // Variables the start script reads from the builder image's own ENV (the
    // Dockerfile's ENV moves over by itself).
    for (const auto& name : shellStart->variables) {
      bool setHere = std::any_of(f.env.begin(), f.env.end(), [&](const auto& kv) { return kv.first == name; });
      auto image = f.imageEnv.find(name);
      if (!setHere && name != "PATH" && image != f.imageEnv.end()) {
        plan.env.push_back(name + "=" + image->second);
        plan.explanation.push_back("The start command reads $" + name + ", which " + f.base.raw +
                                   " sets; the runtime stage sets it to the same value.");
      }
    }
  }

  plan.user = runtimeUser(f, base, plan.explanation, in.effects, in.needs);
  return plan;
}

}  // namespace restage::transforms
