// tally: counts weighted votes in an in-memory SQLite database. Built against
// libsqlite3-dev, so it needs Debian's libsqlite3.so.0 at run time.
#include <sqlite3.h>

#include <cstdio>
#include <string>

namespace {

int fail(sqlite3* db, const char* what) {
    std::fprintf(stderr, "tally: %s: %s\n", what, db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return 1;
}

}  // namespace

int main() {
    sqlite3* db = nullptr;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return fail(db, "open");

    const char* setup =
        "CREATE TABLE votes (ballot TEXT NOT NULL);"
        "INSERT INTO votes VALUES"
        " ('{\"option\":\"multi-stage\",\"weight\":3}'),"
        " ('{\"option\":\"single-stage\",\"weight\":1}'),"
        " ('{\"option\":\"multi-stage\",\"weight\":2}'),"
        " ('{\"option\":\"distroless\",\"weight\":4}'),"
        " ('{\"option\":\"single-stage\",\"weight\":1}');";
    char* err = nullptr;
    if (sqlite3_exec(db, setup, nullptr, nullptr, &err) != SQLITE_OK) {
        std::fprintf(stderr, "tally: setup: %s\n", err);
        sqlite3_free(err);
        sqlite3_close(db);
        return 1;
    }

    // json_extract: SQLite's JSON functions, part of the library since 3.38.
    const char* query =
        "SELECT json_extract(ballot, '$.option') AS option,"
        "       SUM(json_extract(ballot, '$.weight')) AS total,"
        "       COUNT(*) AS ballots"
        "  FROM votes GROUP BY option ORDER BY total DESC, option";
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, query, -1, &stmt, nullptr) != SQLITE_OK) return fail(db, "prepare");
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        std::printf("%-14s total=%d ballots=%d\n",
                    reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
                    sqlite3_column_int(stmt, 1), sqlite3_column_int(stmt, 2));
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return fail(db, "step");

    std::printf("sqlite-major=%d\n", sqlite3_libversion_number() / 1000000);
    sqlite3_close(db);
    return 0;
}
