// thidua: Vietnamese emulation-bloc meeting articles -> structured records. The library's one header.
//
//   #include <thidua/thidua.h>
//
//   thidua::Engine engine;                     // the built-in rules, compiled once
//   if (!engine.ok()) { for (const auto& e : engine.errors()) std::cerr << e.describe() << '\n'; }
//   thidua::Result<thidua::Record> r = engine.extract(bytes, "article.txt");
//   if (r.ok()) std::cout << thidua::to_json(r.value()) << '\n';
//   else std::cerr << r.error().describe() << '\n';
//
// Nothing here throws: failures come back as a Status (code, message, file, line, rule). The record's
// fields are those of the record schema ("thidua/1"); what each means is ../shared/spec/FIELDS.md. Every
// value that comes from the text carries `at`, its byte range in the bytes given to extract().
//
// Threads: an Engine is immutable once constructed; extract() may be called on one Engine from any
// number of threads at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/offset_map.h"
#include "thidua/record.h"
#include "thidua/status.h"

namespace thidua {

class RuleSet;

class Engine {
 public:
  // The rules compiled into the library (rules/ as it was at build time).
  Engine();
  // The rules of a directory laid out like rules/ (*.rules files and the lists they name); an empty
  // name stands for the built-in rules.
  explicit Engine(const std::string& rules_dir);
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Whether the rules loaded, and every problem found if they did not (all at once, with file, line and
  // rule). An engine that is not ok() extracts nothing.
  bool ok() const;
  const std::vector<Status>& errors() const;

  // One document in, one record out. `path` is reported as the record's source path (use "-" for
  // standard input). `encoding` is how the bytes are read: "auto" (UTF-8 with or without a BOM, UTF-16
  // with a BOM, else the legacy Vietnamese encodings told apart by their byte patterns), or one of
  // "utf-8", "utf-16le", "utf-16be", "windows-1258", "tcvn3", "vni", "viscii". The error is a Status
  // only when the bytes are not text at all (binary input), the encoding name is unknown or the engine
  // is not ok(); a text that is not a meeting report is still a record, with a "no_meeting" warning.
  Result<Record> extract(std::string_view bytes, const std::string& path,
                         std::string_view encoding = "auto") const;

 private:
  std::unique_ptr<RuleSet> rules_;
  std::vector<Status> errors_;
};

// A record as one line of JSON (no trailing newline), keys in schema order; with `explain`, the rule
// behind each value is added under "explain".
std::string to_json(const Record& record, bool explain = false);

// The library's version, "MAJOR.MINOR.PATCH".
const char* version();

}  // namespace thidua
