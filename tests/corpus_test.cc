// The bundled corpus: every gold file is a valid record of its document, every `at` span (in gold and
// in what thidua extracts) holds its value, and extraction keeps its accuracy.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "eval.h"
#include "normalize.h"
#include "pipeline.h"
#include "printer.h"
#include "schema_checker.h"
#include "sha256.h"
#include "test_support.h"

using namespace thidua;
using nlohmann::json;
using thidua::test::read_file;
using thidua::test::SchemaChecker;
using thidua::test::source_path;

namespace {

std::vector<std::string> gold_files() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(source_path("corpus"))) {
    std::string p = e.path().string();
    if (p.size() > 10 && p.compare(p.size() - 10, 10, ".gold.json") == 0) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string key_of(const std::string& s) {
  std::string k = comparison_key(s);
  std::replace(k.begin(), k.end(), '\n', ' ');
  return k;
}

// The original bytes at `at`, normalized, say what the value says (case, tone style, white space and
// entities aside); a document reference's span holds the whole reference, its number among it.
void check_span_holds(const std::string& bytes, const json& item, const char* key, bool contains = false) {
  if (!item.contains("at")) return;
  auto b = item["at"][0].get<std::size_t>(), e = item["at"][1].get<std::size_t>();
  REQUIRE(b <= e);
  REQUIRE(e <= bytes.size());
  auto text = load_text(bytes.substr(b, e - b), Encoding::kAuto);
  REQUIRE(text.ok());
  std::string value = item[key].get<std::string>();
  INFO("value " << value << " at " << b << ":" << e);
  if (contains)
    CHECK(key_of(text->display()).find(key_of(value)) != std::string::npos);
  else
    CHECK(key_of(text->display()) == key_of(value));
}

void check_record_spans(const std::string& bytes, const json& rec) {
  for (const auto& m : rec["bloc"]["members"]) check_span_holds(bytes, m, "name");
  for (const auto& p : rec["people"]) check_span_holds(bytes, p, "name");
  for (const auto& p : rec["chairpersons"]) check_span_holds(bytes, p, "name");
  for (const auto& d : rec["decisions"]) check_span_holds(bytes, d, "text");
  for (const auto& d : rec["documents"]) check_span_holds(bytes, d, "number", true);
  for (const char* part : {"meeting", "bloc"}) {
    if (rec[part].contains("at")) CHECK(rec[part]["at"][1].get<std::size_t>() <= bytes.size());
  }
}

}  // namespace

TEST_CASE("every gold file is a valid record of its document", "[corpus]") {
  SchemaChecker schema;
  auto golds = gold_files();
  REQUIRE(golds.size() >= 45);
  for (const auto& g : golds) {
    INFO(g);
    json gold = json::parse(read_file(g));
    std::string bytes = read_file(g.substr(0, g.size() - 10) + ".txt");
    CHECK(schema.errors(gold).empty());
    CHECK(gold["source"]["sha256"] == sha256_hex(bytes));
    CHECK(gold["source"]["bytes"] == bytes.size());
    check_record_spans(bytes, gold);
  }
}

TEST_CASE("what thidua extracts from the corpus is schema-valid and grounded", "[corpus]") {
  SchemaChecker schema;
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_directory(source_path("rules"), errors);
  REQUIRE(errors.empty());
  for (const auto& g : gold_files()) {
    std::string txt = g.substr(0, g.size() - 10) + ".txt";
    INFO(txt);
    std::string bytes = read_file(txt);
    auto rec = extract_record(bytes, txt, rules, ExtractOptions{});
    REQUIRE(rec.ok());
    json j = json::parse(record_to_json_line(rec.value()));
    CHECK(schema.errors(j).empty());
    check_record_spans(bytes, j);
  }
}
