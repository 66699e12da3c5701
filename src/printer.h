// Printers: records and errors to text. JSON Lines is the first format; others come later.
#pragma once

#include <string>

#include "record.h"
#include "status.h"

namespace thidua {

// One record as one line of JSON (no trailing newline), keys in schema order.
std::string record_to_json_line(const Record& record, bool explain = false);

// One failed input as one line of JSON: {"error": {"code", "message"}, "source": {"path"}}.
std::string error_to_json_line(const Status& error, const std::string& path);

}  // namespace thidua
