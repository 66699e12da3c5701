// The library's front: an Engine over a loaded RuleSet, and the record printer (include/thidua/thidua.h).
#include "decode.h"
#include "extract.h"
#include "pipeline.h"
#include "printer.h"
#include "rules.h"
#include "thidua/thidua.h"

#ifndef THIDUA_VERSION
#define THIDUA_VERSION "0.0.0-dev"
#endif

namespace thidua {

Engine::Engine() : Engine(std::string()) {}

// Loaded rules are checked against what the extractors read (a partial or misspelt rules folder would
// otherwise find nothing, silently). An empty directory name stands for the built-in rules.
Engine::Engine(const std::string& rules_dir) {
  rules_ = std::make_unique<RuleSet>(load_checked_rules(rules_dir, errors_));
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

bool Engine::ok() const { return rules_ && errors_.empty(); }

const std::vector<Status>& Engine::errors() const { return errors_; }

Result<Record> Engine::extract(std::string_view bytes, const std::string& path,
                               std::string_view encoding) const {
  if (!ok()) return Status("rules_invalid", "the engine's rules did not load; see Engine::errors()", path);
  ExtractOptions options;
  if (!parse_encoding(encoding, options.encoding))
    return Status("unknown_encoding", "unknown encoding \"" + std::string(encoding) + "\"", path);
  return extract_record(bytes, path, *rules_, options);
}

std::string to_json(const Record& record, bool explain) { return record_to_json_line(record, explain); }

const char* version() { return THIDUA_VERSION; }

}  // namespace thidua
