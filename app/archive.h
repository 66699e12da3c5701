// The archive: records kept in one SQLite file across runs, and the meetings they report.
//
// Tables (schema_version 1): documents, members, people, decisions, documents_referenced (the
// spreadsheet tables' columns, each item table keyed by document and position), warnings, and the
// meetings the documents report (meetings, meeting_sources, grouped by app/meetings.h). A document is
// known by the SHA-256 of its bytes and by that of its normalized text: the same article again, or in
// another encoding, replaces the one archived instead of adding a second.
//
// Writes are transactions of whole documents (an interrupted run leaves whole documents only, never part
// of one); two processes writing one archive wait for each other. SQLite stays inside archive.cc.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "meetings.h"
#include "thidua/record.h"
#include "thidua/status.h"

namespace thidua {

inline constexpr int kArchiveSchemaVersion = 1;

// What one run did to the archive.
struct ArchiveCounts {
  std::size_t added = 0;      // documents not archived before
  std::size_t replaced = 0;   // the same bytes or text as an archived document, with a different record
  std::size_t unchanged = 0;  // archived already, with the same record
};

class Archive {
 public:
  // Opens (with `create`, creates) the archive at `path`; a file that is not a thidua archive, or one
  // of a newer schema, is an error and is left untouched.
  static Result<std::unique_ptr<Archive>> open(const std::string& path, bool create);
  ~Archive();  // an unfinished run's last documents are rolled back
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // Adds `record` or replaces the document it repeats. `text_sha256` is the SHA-256 of the document's
  // normalized text; `record_json` the record as one JSON line (kept, and compared to tell unchanged
  // from replaced). Documents are committed in batches.
  std::optional<Status> put(const Record& record, const std::string& text_sha256,
                            const std::string& record_json);
  // Commits what is left and, if this run changed anything, groups the meetings again.
  std::optional<Status> finish();
  const ArchiveCounts& counts() const { return counts_; }

  // Every archived document's facts, in archive order (for grouping and the report).
  Result<std::vector<ArticleFacts>> load_facts() const;
  const std::string& path() const { return path_; }

  struct Impl;

 private:
  explicit Archive(std::unique_ptr<Impl> impl, std::string path);
  std::unique_ptr<Impl> impl_;
  std::string path_;
  ArchiveCounts counts_;
};

// Whether a path names an archive by its extension (.sqlite, .sqlite3, .db).
bool is_archive_path(const std::string& path);

}  // namespace thidua
