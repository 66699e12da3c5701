#include "archive.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <unordered_map>

#include "tables.h"

namespace thidua {

namespace {

// Documents per transaction: few enough that a concurrent writer waits briefly, many enough that the
// commits (each one a disk sync) cost little.
constexpr std::size_t kBatchDocuments = 256;
// How long a writer waits for another process's transaction before it gives up.
constexpr int kBusyTimeoutMs = 10 * 60 * 1000;

std::string sql_error(sqlite3* db, const std::string& path, const std::string& doing) {
  return path + ": " + doing + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
}

// A column's SQL type: counts and positions are integers, everything else text (dates as YYYY-MM-DD).
std::string sql_type(const Column& c) {
  const std::string& n = c.name;
  bool count = n == "position" || (n.size() > 6 && n.compare(n.size() - 6, 6, "_count") == 0);
  return count ? "INTEGER" : "TEXT";
}

// The columns of table k that the archive keeps: every spreadsheet column but the documents table's
// error (a failed input is not archived).
std::vector<const Column*> archived_columns(std::size_t k) {
  std::vector<const Column*> out;
  for (const auto& c : table_specs()[k].columns)
    if (!(k == 0 && c.name == "error")) out.push_back(&c);
  return out;
}

std::string schema_sql() {
  std::string sql = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);\n";
  sql += "CREATE TABLE documents (id INTEGER PRIMARY KEY";
  for (const Column* c : archived_columns(0)) sql += ", " + c->name + " " + sql_type(*c);
  sql +=
      ", text_sha256 TEXT NOT NULL, bytes INTEGER, bloc_key TEXT, record TEXT NOT NULL, archived_at TEXT);\n";
  sql +=
      "CREATE UNIQUE INDEX documents_by_sha256 ON documents(sha256);\n"
      "CREATE UNIQUE INDEX documents_by_text ON documents(text_sha256);\n"
      "CREATE INDEX documents_by_bloc ON documents(bloc_key, meeting_date);\n";
  for (std::size_t k = 1; k < table_specs().size(); ++k) {
    const std::string& t = table_specs()[k].name;
    sql += "CREATE TABLE " + t + " (document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE";
    for (const Column* c : archived_columns(k)) sql += ", " + c->name + " " + sql_type(*c);
    sql += ", PRIMARY KEY (document_id, position)) WITHOUT ROWID;\n";
  }
  sql +=
      "CREATE INDEX members_by_name ON members(name);\n"
      "CREATE INDEX decisions_by_kind ON decisions(kind);\n"
      "CREATE TABLE warnings (document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
      " position INTEGER, code TEXT, message TEXT, PRIMARY KEY (document_id, position)) WITHOUT ROWID;\n"
      "CREATE TABLE meetings (id INTEGER PRIMARY KEY, bloc_key TEXT, province TEXT, bloc_name TEXT,"
      " bloc_kind TEXT, bloc_number TEXT, year INTEGER, type TEXT, date TEXT, period TEXT, location TEXT,"
      " sources INTEGER, conflicts TEXT);\n"
      "CREATE TABLE meeting_sources (meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
      " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
      " PRIMARY KEY (meeting_id, document_id)) WITHOUT ROWID;\n"
      "CREATE INDEX meetings_by_bloc ON meetings(bloc_key, year);\n";
  sql += "INSERT INTO meta VALUES ('schema_version', '" + std::to_string(kArchiveSchemaVersion) +
         "'), ('record_schema', '" + kSchemaId + "'), ('meetings_current', '1');\n";
  return sql;
}

// A prepared statement, finalized when it goes.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) { sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return stmt_ != nullptr; }
  sqlite3_stmt* get() const { return stmt_; }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, long long v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind(int i, const Cell& c) {
    switch (c.kind) {
      case Cell::Kind::kEmpty:
        sqlite3_bind_null(stmt_, i);
        break;
      case Cell::Kind::kNumber:
        sqlite3_bind_int64(stmt_, i, static_cast<long long>(c.number));
        break;
      default:
        bind(i, c.text);
    }
  }
  // Runs a statement that returns no rows; true when it succeeded.
  bool run() {
    int rc = sqlite3_step(stmt_);
    reset();
    return rc == SQLITE_DONE;
  }
  std::optional<std::string> text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    if (!t) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(t),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

std::string insert_sql(const std::string& table, std::size_t columns) {
  std::string sql = "INSERT INTO " + table + " VALUES (";
  for (std::size_t i = 0; i < columns; ++i) sql += i ? ",?" : "?";
  return sql + ")";
}

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

struct Archive::Impl {
  sqlite3* db = nullptr;
  std::string path;
  bool in_transaction = false;
  bool changed = false;
  std::size_t pending = 0;
  // The statements a run repeats for every document, prepared once (by their SQL).
  std::map<std::string, std::unique_ptr<Statement>> statements;
  ~Impl() {
    if (in_transaction) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    statements.clear();  // finalized before the connection closes
    sqlite3_close_v2(db);
  }
  Statement& prepared(const std::string& sql) {
    auto& s = statements[sql];
    if (!s) s = std::make_unique<Statement>(db, sql);
    return *s;
  }
  std::optional<Status> exec(const std::string& sql, const std::string& doing) {
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) return std::nullopt;
    return Status{"archive_failed", sql_error(db, path, doing), path};
  }
  std::optional<Status> begin() {
    if (in_transaction) return std::nullopt;
    if (auto e = exec("BEGIN IMMEDIATE", "cannot start writing")) return e;
    in_transaction = true;
    return std::nullopt;
  }
  std::optional<Status> commit() {
    if (!in_transaction) return std::nullopt;
    in_transaction = false;
    pending = 0;
    return exec("COMMIT", "cannot commit");
  }
  std::optional<Status> check_schema(bool create);
  std::optional<Status> insert(const Record& r, const std::string& text_sha256, const std::string& json);
  std::optional<Status> regroup();
};

Archive::Archive(std::unique_ptr<Impl> impl, std::string path)
    : impl_(std::move(impl)), path_(std::move(path)) {}
Archive::~Archive() = default;

bool is_archive_path(const std::string& path) {
  for (const char* ext : {".sqlite", ".sqlite3", ".db"}) {
    std::string e(ext);
    if (path.size() > e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

// An empty file gets the schema (when creating); a thidua archive of this schema is used as it is;
// anything else is refused before a byte of it changes.
std::optional<Status> Archive::Impl::check_schema(bool create) {
  Statement tables(db, "SELECT count(*), sum(name = 'meta') FROM sqlite_schema WHERE type = 'table'");
  if (!tables.ok() || sqlite3_step(tables.get()) != SQLITE_ROW)
    return Status{"not_archive", path + ": not a thidua archive (" + sqlite3_errmsg(db) + ")", path};
  long long count = sqlite3_column_int64(tables.get(), 0), has_meta = sqlite3_column_int64(tables.get(), 1);
  if (count == 0) {
    if (!create) return Status{"not_archive", path + ": an empty database, not a thidua archive", path};
    return exec(schema_sql(), "cannot create the archive's tables");
  }
  Statement version(db, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (!has_meta || !version.ok() || sqlite3_step(version.get()) != SQLITE_ROW)
    return Status{"not_archive", path + ": a database, but not a thidua archive (no schema_version)", path};
  std::string v = version.text(0).value_or("");
  if (v != std::to_string(kArchiveSchemaVersion))
    return Status{"archive_version",
                  path + ": archive schema version " + v + "; this thidua reads version " +
                      std::to_string(kArchiveSchemaVersion),
                  path};
  return std::nullopt;
}

Result<std::unique_ptr<Archive>> Archive::open(const std::string& path, bool create) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  if (sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr) != SQLITE_OK)
    return Status{"archive_failed", sql_error(impl->db, path, "cannot open"), path};
  sqlite3_busy_timeout(impl->db, kBusyTimeoutMs);  // another writer's transaction: wait, do not fail
  sqlite3_extended_result_codes(impl->db, 1);
  if (auto e = impl->exec("PRAGMA foreign_keys = ON", "cannot open")) return *e;
  // the check and the schema in one write transaction: two processes creating one archive make it once
  if (create) {
    if (auto e = impl->exec("BEGIN IMMEDIATE", "cannot open for writing")) {
      if ((sqlite3_errcode(impl->db) & 0xFF) == SQLITE_NOTADB)
        return Status{"not_archive", path + ": not a thidua archive (not an SQLite database); left as it was",
                      path};
      return *e;
    }
    impl->in_transaction = true;
  }
  if (auto e = impl->check_schema(create)) return *e;
  if (auto e = impl->commit()) return *e;
  return std::unique_ptr<Archive>(new Archive(std::move(impl), path));
}

std::optional<Status> Archive::Impl::insert(const Record& r, const std::string& text_sha256,
                                            const std::string& json) {
  std::vector<std::vector<Row>> rows = flatten(r);
  ArticleFacts bloc;
  bloc.bloc_name = r.bloc.name;
  bloc.bloc_kind = r.bloc.kind;
  bloc.bloc_number = r.bloc.number;
  bloc.province = r.bloc.province;
  std::vector<const Column*> doc_columns = archived_columns(0);
  Statement& doc = prepared(insert_sql("documents", doc_columns.size() + 6));
  if (!doc.ok()) return Status{"archive_failed", sql_error(db, path, "cannot prepare"), path};
  int i = 1;
  sqlite3_bind_null(doc.get(), i++);  // id: the next one
  for (std::size_t c = 0; c < table_specs()[0].columns.size(); ++c)
    if (table_specs()[0].columns[c].name != "error") doc.bind(i++, rows[0][0][c]);
  doc.bind(i++, text_sha256);
  doc.bind(i++, static_cast<long long>(r.source.bytes));
  std::string key = bloc_key(bloc);
  if (key.empty())
    sqlite3_bind_null(doc.get(), i++);
  else
    doc.bind(i++, key);
  doc.bind(i++, json);
  doc.bind(i++, now_utc());
  if (!doc.run())
    return Status{"archive_failed", sql_error(db, path, r.source.path + ": cannot archive"), path};
  long long id = sqlite3_last_insert_rowid(db);
  for (std::size_t k = 1; k < rows.size(); ++k) {
    Statement& item = prepared(insert_sql(table_specs()[k].name, table_specs()[k].columns.size() + 1));
    for (const Row& row : rows[k]) {
      item.bind(1, id);
      for (std::size_t c = 0; c < row.size(); ++c) item.bind(static_cast<int>(c + 2), row[c]);
      if (!item.run())
        return Status{"archive_failed", sql_error(db, path, r.source.path + ": cannot archive"), path};
    }
  }
  Statement& warning = prepared("INSERT INTO warnings VALUES (?,?,?,?)");
  for (std::size_t w = 0; w < r.warnings.size(); ++w) {
    warning.bind(1, id);
    warning.bind(2, static_cast<long long>(w + 1));
    warning.bind(3, r.warnings[w].code);
    warning.bind(4, r.warnings[w].message);
    if (!warning.run())
      return Status{"archive_failed", sql_error(db, path, r.source.path + ": cannot archive"), path};
  }
  return std::nullopt;
}

std::optional<Status> Archive::put(const Record& r, const std::string& text_sha256, const std::string& json) {
  Impl& a = *impl_;
  if (auto e = a.begin()) return e;
  // the documents this one repeats: the same bytes, or the same text in another encoding
  Statement& find = a.prepared(
      "SELECT id, sha256 = ?1 AND text_sha256 = ?2 AND record = ?3 FROM documents "
      "WHERE sha256 = ?1 OR text_sha256 = ?2");
  find.bind(1, r.source.sha256);
  find.bind(2, text_sha256);
  find.bind(3, json);
  std::vector<long long> repeated;
  bool same = false;
  while (sqlite3_step(find.get()) == SQLITE_ROW) {
    repeated.push_back(sqlite3_column_int64(find.get(), 0));
    same = sqlite3_column_int64(find.get(), 1) != 0;
  }
  find.reset();
  if (repeated.size() == 1 && same) {
    ++counts_.unchanged;
    return std::nullopt;
  }
  // the meetings tables lag behind the documents until this run's last commit groups them again
  if (!a.changed)
    if (auto e = a.exec("UPDATE meta SET value = '0' WHERE key = 'meetings_current'", "cannot write"))
      return e;
  Statement& remove = a.prepared("DELETE FROM documents WHERE id = ?");
  for (long long id : repeated) {
    remove.bind(1, id);
    if (!remove.run())
      return Status{"archive_failed", sql_error(a.db, a.path, "cannot replace " + r.source.path), a.path};
  }
  if (auto e = a.insert(r, text_sha256, json)) return e;
  ++(repeated.empty() ? counts_.added : counts_.replaced);
  a.changed = true;
  if (++a.pending >= kBatchDocuments) return a.commit();
  return std::nullopt;
}

std::optional<Status> Archive::finish() {
  Impl& a = *impl_;
  // nothing new: the meetings stand, unless an interrupted run left them behind its documents
  if (!a.changed) {
    if (auto e = a.commit()) return e;
    Statement current(a.db, "SELECT value FROM meta WHERE key = 'meetings_current'");
    if (current.ok() && sqlite3_step(current.get()) == SQLITE_ROW && current.text(0) == std::string("1"))
      return std::nullopt;
  }
  if (auto e = a.begin()) return e;
  if (auto e = a.regroup()) return e;
  if (auto e = a.exec("UPDATE meta SET value = '1' WHERE key = 'meetings_current'", "cannot write")) return e;
  return a.commit();
}

namespace {

// The documents' own fields, in archive order; `at` maps a document id to its place.
std::optional<Status> load_documents(sqlite3* db, std::vector<ArticleFacts>& out,
                                     std::unordered_map<long long, std::size_t>& at) {
  Statement q(db,
              "SELECT id, file, title, published, meeting_date, type, period, location, bloc_name, "
              "bloc_kind, bloc_number, province FROM documents ORDER BY id");
  if (!q.ok()) return Status{"archive_failed", sqlite3_errmsg(db)};
  while (sqlite3_step(q.get()) == SQLITE_ROW) {
    ArticleFacts a;
    a.id = sqlite3_column_int64(q.get(), 0);
    a.file = q.text(1).value_or("");
    a.title = q.text(2);
    a.published = q.text(3);
    a.date = q.text(4);
    a.type = q.text(5);
    a.period = q.text(6);
    a.location = q.text(7);
    a.bloc_name = q.text(8);
    a.bloc_kind = q.text(9);
    a.bloc_number = q.text(10);
    a.province = q.text(11);
    at[a.id] = out.size();
    out.push_back(std::move(a));
  }
  return std::nullopt;
}

// Runs `sql` (its first column a document id) and hands each row to `add` with that document's facts.
template <typename Add>
std::optional<Status> for_each_row(sqlite3* db, const char* sql, std::vector<ArticleFacts>& facts,
                                   const std::unordered_map<long long, std::size_t>& at, Add add) {
  Statement q(db, sql);
  if (!q.ok()) return Status{"archive_failed", sqlite3_errmsg(db)};
  while (sqlite3_step(q.get()) == SQLITE_ROW) {
    auto it = at.find(sqlite3_column_int64(q.get(), 0));
    if (it != at.end()) add(facts[it->second], q);
  }
  return std::nullopt;
}

Result<std::vector<ArticleFacts>> read_facts(sqlite3* db) {
  std::vector<ArticleFacts> facts;
  std::unordered_map<long long, std::size_t> at;
  if (auto e = load_documents(db, facts, at)) return *e;
  std::optional<Status> e =
      for_each_row(db, "SELECT document_id, name, role FROM members ORDER BY document_id, position", facts,
                   at, [](ArticleFacts& a, const Statement& q) {
                     a.members.push_back({q.text(1).value_or(""), q.text(2)});
                   });
  if (!e)
    e = for_each_row(db,
                     "SELECT document_id, name FROM people WHERE ('; ' || roles || ';') LIKE '%; chair;%' "
                     "ORDER BY document_id, position",
                     facts, at,
                     [](ArticleFacts& a, const Statement& q) { a.chairs.push_back(q.text(1).value_or("")); });
  if (!e)
    e = for_each_row(db, "SELECT document_id, kind, text FROM decisions ORDER BY document_id, position",
                     facts, at, [](ArticleFacts& a, const Statement& q) {
                       a.decisions.push_back({q.text(1).value_or(""), q.text(2).value_or("")});
                     });
  if (!e)
    e = for_each_row(db, "SELECT document_id, count(*) FROM warnings GROUP BY document_id", facts, at,
                     [](ArticleFacts& a, const Statement& q) {
                       a.warnings = static_cast<std::size_t>(sqlite3_column_int64(q.get(), 1));
                     });
  if (e) return *e;
  return facts;
}

}  // namespace

Result<std::vector<ArticleFacts>> Archive::load_facts() const {
  Result<std::vector<ArticleFacts>> facts = read_facts(impl_->db);
  if (!facts) return Status{"archive_failed", path_ + ": cannot read: " + facts.error().message, path_};
  return facts;
}

// The meetings tables again from every archived document (in the transaction of the run's last batch).
std::optional<Status> Archive::Impl::regroup() {
  Result<std::vector<ArticleFacts>> facts = read_facts(db);
  if (!facts) return Status{"archive_failed", path + ": cannot read: " + facts.error().message, path};
  if (auto e = exec("DELETE FROM meeting_sources; DELETE FROM meetings", "cannot group meetings")) return e;
  Statement meeting(db, "INSERT INTO meetings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Statement source(db, "INSERT INTO meeting_sources VALUES (?,?)");
  const auto bind = [](Statement& s, int i, const std::optional<std::string>& v) {
    if (v)
      s.bind(i, *v);
    else
      sqlite3_bind_null(s.get(), i);
  };
  long long id = 0;
  for (const MergedMeeting& m : group_meetings(facts.value())) {
    std::string conflicts;
    for (const auto& c : m.conflicts) conflicts += (conflicts.empty() ? "" : "; ") + c.describe();
    meeting.bind(1, ++id);
    meeting.bind(2, m.bloc_key);
    bind(meeting, 3, m.province);
    meeting.bind(4, m.bloc_name);
    bind(meeting, 5, m.bloc_kind);
    bind(meeting, 6, m.bloc_number);
    if (m.year) meeting.bind(7, static_cast<long long>(*m.year));
    bind(meeting, 8, m.type);
    bind(meeting, 9, m.date);
    bind(meeting, 10, m.period);
    bind(meeting, 11, m.location);
    meeting.bind(12, static_cast<long long>(m.sources.size()));
    bind(meeting, 13, conflicts.empty() ? std::nullopt : std::optional<std::string>(conflicts));
    if (!meeting.run()) return Status{"archive_failed", sql_error(db, path, "cannot group meetings"), path};
    for (std::size_t s : m.sources) {
      source.bind(1, id);
      source.bind(2, facts.value()[s].id);
      if (!source.run()) return Status{"archive_failed", sql_error(db, path, "cannot group meetings"), path};
    }
  }
  return std::nullopt;
}

}  // namespace thidua
