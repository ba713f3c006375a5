// A Node-API addon that answers with SQLite: tally(n) sums 1..n in an
// in-memory database, version() is the SQLite library's version. It links
// libsqlite3.so.0 (DT_NEEDED), which node's slim images do not have.
//
// Node-API is a stable C ABI: the few declarations used are given here, so
// no node headers (or node-gyp) are needed to build it.
#include <cstdint>
#include <cstring>
#include <string>

#include <sqlite3.h>

extern "C" {
typedef struct napi_env__* napi_env;
typedef struct napi_value__* napi_value;
typedef struct napi_callback_info__* napi_callback_info;
typedef int napi_status;
typedef napi_value (*napi_callback)(napi_env, napi_callback_info);
napi_status napi_create_string_utf8(napi_env env, const char* str, size_t length, napi_value* result);
napi_status napi_create_int64(napi_env env, int64_t value, napi_value* result);
napi_status napi_get_value_int64(napi_env env, napi_value value, int64_t* result);
napi_status napi_get_cb_info(napi_env env, napi_callback_info info, size_t* argc, napi_value* argv,
                             napi_value* this_arg, void** data);
napi_status napi_create_function(napi_env env, const char* name, size_t length, napi_callback cb, void* data,
                                 napi_value* result);
napi_status napi_set_named_property(napi_env env, napi_value object, const char* name, napi_value value);
}

namespace {

napi_value Version(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_string_utf8(env, sqlite3_libversion(), std::strlen(sqlite3_libversion()), &out);
  return out;
}

napi_value Tally(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int64_t n = 0;
  if (argc > 0) napi_get_value_int64(env, argv[0], &n);
  sqlite3* db = nullptr;
  int64_t sum = -1;
  if (sqlite3_open(":memory:", &db) == SQLITE_OK) {
    std::string sql = "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < " + std::to_string(n) +
                      ") SELECT sum(i) FROM k";
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      sum = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  napi_value out;
  napi_create_int64(env, sum, &out);
  return out;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "version", 7, Version, nullptr, &fn);
  napi_set_named_property(env, exports, "version", fn);
  napi_create_function(env, "tally", 5, Tally, nullptr, &fn);
  napi_set_named_property(env, exports, "tally", fn);
  return exports;
}
