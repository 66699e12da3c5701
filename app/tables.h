// Tables: a record flattened into the rows a spreadsheet wants. Five tables, keyed by file:
//   documents             one row per input (a failed input has its error here)
//   members               one row per member unit
//   people                one row per person
//   decisions             one row per decision
//   documents_referenced  one row per referenced document
// Every output format (CSV, XLSX) writes these same rows; JSON writes the records themselves.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "thidua/record.h"
#include "thidua/status.h"
#include "utf8.h"

namespace thidua {

struct Cell {
  enum class Kind { kEmpty, kText, kNumber, kDate };
  Kind kind = Kind::kEmpty;
  std::string text;  // kText and kDate (YYYY-MM-DD); kNumber as written too
  double number = 0;

  static Cell empty() { return {}; }
  // Text is valid UTF-8 in every table, whatever reached it (a spreadsheet rejects a whole workbook
  // for one bad byte).
  static Cell of(const std::optional<std::string>& s) { return s ? of(*s) : Cell{}; }
  static Cell of(const std::string& s) { return Cell{Kind::kText, valid_utf8(s), 0}; }
  static Cell num(double v);
  // A full ISO date becomes a date cell; "--MM-DD" or anything else stays text.
  static Cell date(const std::optional<std::string>& s);
};

using Row = std::vector<Cell>;

struct Column {
  std::string name;
  std::string meaning;  // for --help and the README
  std::string field;    // the record field it shows (fields.h: "meeting.date", "bloc.members[].name"),
                        // or "" for a column worked out from the record (counts, positions, joins)
  bool date = false;    // a full ISO date becomes a date cell

  Column(std::string name_, std::string meaning_, std::string field_ = "", bool date_ = false)
      : name(std::move(name_)), meaning(std::move(meaning_)), field(std::move(field_)), date(date_) {}
};

struct TableSpec {
  std::string name;
  std::vector<Column> columns;
};

// The five tables, in order.
const std::vector<TableSpec>& table_specs();
// Index of a table by name, or -1.
int table_index(std::string_view name);

// The rows one record adds to each table (indexed like table_specs()).
std::vector<std::vector<Row>> flatten(const Record& record);
// The documents row of an input that failed.
Row flatten_error(const std::string& path, const Status& error);

}  // namespace thidua
