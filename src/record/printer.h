// Printers: a record or an input's error as JSON (one line, or pretty-printed for the array format). The
// tables (CSV, XLSX) are written by the app (app/tables, app/output).
#pragma once

#include <string>

#include "thidua/record.h"
#include "thidua/status.h"

namespace thidua {

// One record as one line of JSON (no trailing newline), keys in schema order.
std::string record_to_json_line(const Record& record, bool explain = false);
// Whether those lines are written in one pass rather than through a document tree (the field list
// allows it; the tests hold it so).
bool record_lines_in_one_pass();

// The same, pretty-printed with two-space indents (for the JSON array format).
std::string record_to_pretty_json(const Record& record, bool explain = false);
std::string error_to_pretty_json(const Status& error, const std::string& path);

// One failed input as one line of JSON: {"error": {"code", "message"}, "source": {"path"}}.
std::string error_to_json_line(const Status& error, const std::string& path);

}  // namespace thidua
