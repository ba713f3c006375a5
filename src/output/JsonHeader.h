#pragma once
// The two keys every JSON document restage defines carries at its top level
// (docs/json.md): `restage_version`, the version `restage --version` prints
// ("0.1.0"), and `schema_version`, the version of that document's schema in
// docs/schemas/. A schema version changes only when a change could break a
// reader: a key removed or renamed, a value's type or meaning changed. A new
// key does not change it (readers ignore keys they do not know).
//
// Formats defined by others (SARIF, reviewdog's rdjson, GitHub's review
// payload, the buildkit-json corpus record) keep their own keys.
namespace restage::output {

inline constexpr int kMigrateSchemaVersion = 1;  // docs/schemas/migrate.schema.json
inline constexpr int kBatchSchemaVersion = 1;    // docs/schemas/batch.schema.json
inline constexpr int kSuggestSchemaVersion = 1;  // docs/schemas/suggest.schema.json
inline constexpr int kVerifySchemaVersion = 1;   // docs/schemas/verify.schema.json
inline constexpr int kParseSchemaVersion = 1;    // docs/schemas/parse.schema.json

// The project version from CMake (PROJECT_VERSION), without the commit.
const char* restageVersion();

// Sets both keys on `j` (an nlohmann json or ordered_json object).
template <class Json>
void setJsonHeader(Json& j, int schemaVersion) {
  j["restage_version"] = restageVersion();
  j["schema_version"] = schemaVersion;
}

}  // namespace restage::output
