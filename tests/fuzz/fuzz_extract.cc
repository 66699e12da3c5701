// libFuzzer target: the whole extraction of one document. Checks that the record is valid JSON, and that
// every `at` span lies inside the input.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "pipeline.h"
#include "printer.h"
#include "rules.h"

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto record = thidua::extract_record(bytes, "fuzz.txt", rules(), thidua::ExtractOptions{});
  std::string line = record ? thidua::record_to_json_line(record.value(), true)
                            : thidua::error_to_json_line(record.error(), "fuzz.txt");
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded()) std::abort();
  if (record) check_spans(j, size);
  return 0;
}
