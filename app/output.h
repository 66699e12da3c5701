// Output: where records go and in which format (JSON Lines, a JSON array, CSV tables, an XLSX workbook).
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "decode.h"
#include "tables.h"
#include "thidua/record.h"
#include "thidua/status.h"

namespace thidua {

enum class Format { kJsonl, kJson, kCsv, kXlsx, kReview, kArchive };

bool parse_format(std::string_view name, Format& out);
// The format an output path implies: .jsonl, .json, .csv, .xlsx, .html (the review page), .sqlite, .sqlite3
// or .db (the archive: app/archive.h), or a directory
// (trailing '/', or one that exists) for all CSV tables. False when the path says nothing.
bool format_of_path(const std::string& path, Format& out);
// Whether an output path names a directory (ends in '/', or is one): all CSV tables go there.
bool names_directory(const std::string& path);

struct OutputOptions {
  Format format = Format::kJsonl;
  std::string path;                     // empty: standard output
  std::string csv_table = "documents";  // the table a single CSV stream carries
  bool excel = false;                   // CSV with a UTF-8 byte-order mark, so Excel reads UTF-8
  bool explain = false;                 // JSON and the review page: add "explain"
  Encoding encoding = Encoding::kAuto;  // the review page: how to read the inputs again
  std::size_t xlsx_max_rows = 1048576;  // rows a worksheet holds (lower only in tests)
};

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // False when the output cannot be written (a closed pipe, a full disk): see error().
  virtual bool write(const Record& record) = 0;
  // The part of writing that depends on one record only, for a worker thread to do ahead (the JSON
  // text for the JSON formats; nothing for the tables). Reads no state the writer changes.
  virtual std::string render(const Record& record) const {
    (void)record;
    return {};
  }
  // The same, for a format that also shows the input itself (the review page); `input` is its bytes.
  virtual std::string render(const Record& record, std::string_view input) const {
    (void)input;
    return render(record);
  }
  // write(), given what render() made of this record.
  virtual bool write_rendered(const Record& record, const std::string& rendered) {
    (void)rendered;
    return write(record);
  }
  virtual bool write_error(const std::string& path, const Status& error) = 0;
  // What the writer had to change to fit its format (a value cut to fit a cell, a sheet continued),
  // each naming the document; taken once.
  virtual std::vector<std::string> take_notes() { return {}; }
  virtual bool finish() = 0;
  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

// Opens the output. `out` is standard output, used when options.path is empty.
Result<std::unique_ptr<RecordWriter>> open_writer(const OutputOptions& options, std::ostream& out);

// A CSV field as RFC 4180 writes it; text a spreadsheet would run as a formula (leading = + - @, tab,
// carriage return) gets a leading apostrophe so it stays text.
std::string csv_field(std::string_view text, bool is_text);
// One table row, and a table's header (after a UTF-8 byte-order mark with `bom`), as RFC 4180 CSV lines
// ended by CRLF.
void write_csv_row(std::ostream& o, const Row& row);
void write_csv_header(std::ostream& o, const TableSpec& spec, bool bom);

}  // namespace thidua
