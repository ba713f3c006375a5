#include "migrate/Migration.h"

#include "io/FileIO.h"
#include "Error.h"
#include "migrate/Migrator.h"
#include "suggest/Findings.h"
#include "syntax/DockerfileReader.h"

namespace restage::migrate {

std::string_view statusName(Status s) {
  switch (s) {
    case Status::Migrated: return "migrated";
    case Status::Unchanged: return "unchanged";
    case Status::Refused: return "refused";
    case Status::Error: return "error";
  }
  return "error";
}

std::vector<std::string> contractLines(const Contract& c) {
  std::vector<std::string> lines;
  auto add = [&](const char* label, const std::vector<std::string>& items, bool joined) {
    if (items.empty()) return;
    if (joined) {
      std::string s;
      std::string sep = std::string(label) == "moves" ? ", " : "; ";
      for (const auto& i : items) s += (s.empty() ? "" : sep) + i;
      lines.push_back(std::string(label) + ": " + s);
      return;
    }
    for (const auto& i : items) lines.push_back(std::string(label) + ": " + i);
  };
  add("moves", c.moved, true);
  add("changes", c.changed, true);
  add("carries", c.carried, false);
  add("drops", c.dropped, false);
  add("risk", c.risks, false);
  return lines;
}

nlohmann::ordered_json contractJson(const Contract& c) {
  nlohmann::ordered_json j;
  j["moved"] = c.moved;
  j["changed"] = c.changed;
  j["carried"] = c.carried;
  j["dropped"] = c.dropped;
  j["risks"] = c.risks;
  return j;
}

Result migrateSource(std::string source, const std::string& path, const Options& options) {
  Result result;
  result.path = path;
  result.context = options.context;
  result.original = source;
  result.output = source;
  ast::Document doc = syntax::readDockerfile(std::move(source), path);
  if (doc.error) {
    result.status = Status::Error;
    result.code = "syntax-error";
    result.reason = doc.error->message;
    result.error = doc.error;
    return result;
  }
  Migrator(doc, options).run(result);
  if (result.status != Status::Error) result.findings = suggest::findings(doc, result);
  return result;
}

Result migrateFile(const std::filesystem::path& file, const Options& options) {
  std::string source;
  try {
    source = io::readFile(file);
  } catch (const Error& e) {
    Result result;
    result.path = file.string();
    result.status = Status::Error;
    result.code = "unreadable";
    result.reason = e.what();
    return result;
  }
  Options withContext = options;
  if (!withContext.context) {
    withContext.context = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  }
  return migrateSource(std::move(source), file.string(), withContext);
}

}  // namespace restage::migrate
