// The library's public API (include/thidua/thidua.h): an Engine from the built-in rules or a directory,
// every rule error at once, extract() equal to the CLI's pipeline, and safe from many threads.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "pipeline.h"
#include "printer.h"
#include "rules.h"
#include "test_support.h"
#include "thidua/thidua.h"

using namespace thidua;
using thidua::test::read_file;
using thidua::test::source_path;

namespace {

std::vector<std::string> seed_texts() { return thidua::test::files_under("corpus/seeds"); }

}  // namespace

TEST_CASE("an engine from the built-in rules extracts what the pipeline does", "[engine]") {
  Engine engine;
  REQUIRE(engine.ok());
  CHECK(engine.errors().empty());
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  for (const auto& path : seed_texts()) {
    std::string bytes = read_file(path);
    auto got = engine.extract(bytes, path);
    auto want = extract_record(bytes, path, rules, ExtractOptions{});
    REQUIRE(got.ok());
    REQUIRE(want.ok());
    CHECK(to_json(got.value()) == record_to_json_line(want.value()));
    CHECK(to_json(got.value(), true) == record_to_json_line(want.value(), true));
  }
}

TEST_CASE("an engine reports every rule error at once and then extracts nothing", "[engine]") {
  auto dir = std::filesystem::temp_directory_path() / "thidua_engine_test_rules";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "a.rules") << "rule one\n  field: date\n  pattern: (unclosed\n"
                                 << "rule two\n  field: date\n  pattern: [also\n";
  Engine engine(dir.string());
  CHECK_FALSE(engine.ok());
  REQUIRE(engine.errors().size() >= 2);
  CHECK(engine.errors()[0].file.find("a.rules") != std::string::npos);
  CHECK(engine.errors()[0].line > 0);
  auto r = engine.extract("Ngày 5/3/2020, Khối thi đua số 1 tổ chức hội nghị.", "x.txt");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "rules_invalid");
  std::filesystem::remove_all(dir);

  Engine missing("/nonexistent/thidua/rules");
  CHECK_FALSE(missing.ok());
  CHECK_FALSE(missing.errors().empty());
}

TEST_CASE("an engine reads the encoding it is told, and names one it does not know", "[engine]") {
  Engine engine;
  REQUIRE(engine.ok());
  auto bad = engine.extract("abc", "x.txt", "ebcdic");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "unknown_encoding");
  auto ok = engine.extract("Ngày 5/3/2020, Khối thi đua số 1 tổ chức hội nghị.", "x.txt", "utf-8");
  REQUIRE(ok.ok());
  CHECK(ok.value().source.encoding == "utf-8");
  CHECK(std::string(version()).find('.') != std::string::npos);
}

TEST_CASE("one engine extracts from many threads at once, as it does from one", "[engine]") {
  Engine engine;
  REQUIRE(engine.ok());
  std::vector<std::string> paths = seed_texts();
  std::vector<std::string> bytes, want;
  for (const auto& p : paths) {
    bytes.push_back(read_file(p));
    want.push_back(to_json(engine.extract(bytes.back(), p).value()));
  }
  std::vector<std::vector<std::string>> got(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round)
        for (std::size_t i = 0; i < paths.size(); ++i) {
          auto r = engine.extract(bytes[i], paths[i]);
          got[t].push_back(r.ok() ? to_json(r.value()) : r.error().describe());
        }
    });
  for (auto& th : threads) th.join();
  for (const auto& g : got) {
    REQUIRE(g.size() == 3 * paths.size());
    for (std::size_t k = 0; k < g.size(); ++k) CHECK(g[k] == want[k % paths.size()]);
  }
}
