// libFuzzer target: the whole extraction of one document. Checks that the record is valid JSON, that every
// `at` span lies inside the input, and that what the outputs carry is valid UTF-8 by construction: every
// string of the record (not repaired by the JSON printer), and every table cell and CSV field.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "output.h"
#include "pipeline.h"
#include "printer.h"
#include "rules.h"
#include "tables.h"
#include "utf8.h"

namespace {

const thidua::RuleSet& rules() {
  static const thidua::RuleSet r = [] {
    std::vector<thidua::Status> errors;
    thidua::RuleSet set = thidua::RuleSet::load_builtin(errors);
    if (!errors.empty()) std::abort();
    return set;
  }();
  return r;
}

void check_spans(const nlohmann::json& j, std::size_t size) {
  if (j.is_object()) {
    if (j.contains("at")) {
      const auto& at = j["at"];
      if (!at.is_array() || at.size() != 2) std::abort();
      auto b = at[0].get<std::size_t>(), e = at[1].get<std::size_t>();
      if (b > e || e > size) std::abort();
    }
    for (const auto& [k, v] : j.items()) check_spans(v, size);
  } else if (j.is_array()) {
    for (const auto& v : j) check_spans(v, size);
  }
}

bool valid(const std::optional<std::string>& s) { return !s || thidua::is_valid_utf8(*s); }

bool strings_valid(const thidua::Record& r) {
  bool ok = valid(r.title) && valid(r.published) && valid(r.byline) && valid(r.meeting.date) &&
            valid(r.meeting.location) && valid(r.meeting.period) && valid(r.bloc.name) &&
            valid(r.bloc.province) && valid(r.bloc.number);
  for (const auto& m : r.bloc.members) ok &= valid(m.name);
  for (const auto& p : r.people) ok &= valid(p.name) && valid(p.title) && valid(p.organization);
  for (const auto& d : r.decisions) ok &= valid(d.text);
  for (const auto& d : r.documents)
    ok &= valid(d.kind) && valid(d.number) && valid(d.issuer) && valid(d.date);
  for (const auto& w : r.warnings) ok &= valid(w.message);
  return ok;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto record = thidua::extract_record(bytes, "fuzz.txt", rules(), thidua::ExtractOptions{});
  std::string line = record ? thidua::record_to_json_line(record.value(), true)
                            : thidua::error_to_json_line(record.error(), "fuzz.txt");
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded()) std::abort();
  if (!record) return 0;
  check_spans(j, size);
  // No value was cut inside a character: every string the record holds is valid UTF-8 before any
  // printer repairs it.
  if (!strings_valid(record.value())) std::abort();
  for (const auto& table : thidua::flatten(record.value()))
    for (const auto& row : table)
      for (const auto& cell : row)
        if (!thidua::is_valid_utf8(cell.text) || !thidua::is_valid_utf8(thidua::csv_field(cell.text, true)))
          std::abort();
  return 0;
}
