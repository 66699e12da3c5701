#include "eval.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace thidua;

// The same verdicts as ../shared/tools/score.py gives for these pairs.
TEST_CASE("eval compares names as score.py does", "[eval]") {
  CHECK(eval_canon("  Hoà Bình. ") == eval_canon("hòa bình"));
  CHECK(eval_canon("Thuỷ") == eval_canon("THỦY"));
  CHECK(eval_name_eq("Nguyễn Văn Hoà", "Nguyễn Văn Hòa"));
  CHECK(eval_name_eq("Đoàn Thanh niên cộng sản Hồ Chí Minh tỉnh (Khối phó)",
                     "Đoàn Thanh niên cộng sản Hồ Chí Minh tỉnh"));
  CHECK(eval_name_eq("Liên đoàn lao động tỉnh", "Liên đoàn lao động tỉnh"));
  CHECK(eval_name_eq("Công an tỉnh Bình Phước", "Bình Phước"));  // two tokens, contained in the other
  CHECK(eval_name_eq("Viện Kiểm sát nhân dân tỉnh", "Viện Kiểm sát nhân dân"));
  CHECK_FALSE(eval_name_eq("Sở Tư pháp", "Sở Nội vụ"));
}

TEST_CASE("eval on the bundled corpus keeps core F1 at 0.90 or more", "[eval]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_directory(thidua::test::source_path("rules"), errors);
  REQUIRE(errors.empty());
  auto report = evaluate(thidua::test::source_path("corpus"), rules, ExtractOptions{});
  REQUIRE(report.ok());
  CHECK(report->problems.empty());
  CHECK(report->documents >= 45);
  INFO(format_report(report.value()));
  CHECK(report->core.f1() >= 0.90);
}

namespace {

// tests/data/field_floors.tsv: set -> field -> floor.
std::map<std::string, std::map<std::string, double>> load_floors() {
  std::ifstream in(thidua::test::source_path("tests/data/field_floors.tsv"));
  std::map<std::string, std::map<std::string, double>> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t a = line.find('\t'), b = line.find('\t', a + 1);
    out[line.substr(0, a)][line.substr(a + 1, b - a - 1)] = std::stod(line.substr(b + 1));
  }
  return out;
}

void check_floors(const std::string& dir, const std::map<std::string, double>& floors) {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_directory(thidua::test::source_path("rules"), errors);
  REQUIRE(errors.empty());
  auto report = evaluate(dir, rules, ExtractOptions{});
  REQUIRE(report.ok());
  CHECK(report->problems.empty());
  INFO(format_report(report.value()));
  std::map<std::string, double> got = {{"all", report->all.f1()}, {"core", report->core.f1()}};
  for (const auto& f : report->fields) got[f.field] = f.f1();
  CHECK(floors.size() == got.size());  // every field has a floor
  for (const auto& [field, floor] : floors) {
    INFO(field);
    REQUIRE(got.count(field));
    CHECK(got[field] >= floor);
  }
}

}  // namespace

TEST_CASE("every field stays above its floor on corpus/", "[eval][floors]") {
  auto floors = load_floors();
  REQUIRE(floors.count("corpus"));
  check_floors(thidua::test::source_path("corpus"), floors["corpus"]);
}

TEST_CASE("every field stays above its floor on ../shared/corpus-dev", "[eval][floors]") {
  auto floors = load_floors();
  REQUIRE(floors.count("corpus-dev"));
  std::string dir = thidua::test::source_path("../shared/corpus-dev");
  if (!std::filesystem::is_directory(dir)) {
    WARN("no " << dir << " beside this checkout: the corpus-dev floors were not checked");
    return;
  }
  check_floors(dir, floors["corpus-dev"]);
}

TEST_CASE("eval --errors lists, per document, the slots missed and added", "[eval]") {
  // A copy of a seed whose gold names one more member and one decision the text does not hold.
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("thidua-eval-errors-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string seed = thidua::test::source_path("corpus/seeds/seed-000");
  fs::copy_file(seed + ".txt", dir / "seed.txt", fs::copy_options::overwrite_existing);
  std::string gold = thidua::test::read_file(seed + ".gold.json");
  auto j = nlohmann::json::parse(gold);
  j["bloc"]["members"].push_back({{"name", "Sở Không Tồn Tại"}, {"role", nullptr}});
  std::ofstream(dir / "seed.gold.json") << j.dump();

  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_directory(thidua::test::source_path("rules"), errors);
  REQUIRE(errors.empty());
  auto report = evaluate(dir.string(), rules, ExtractOptions{}, "bloc.members");
  REQUIRE(report.ok());
  std::string listing = format_report(report.value());
  INFO(listing);
  CHECK(listing.find("== seed.txt  (bloc.members:") == 0);
  CHECK(listing.find("1 missed, 0 extra)") != std::string::npos);
  CHECK(listing.find("\n  - Sở Không Tồn Tại\n") != std::string::npos);
  auto clean = evaluate(dir.string(), rules, ExtractOptions{}, "meeting.date");
  REQUIRE(clean.ok());
  CHECK(clean->errors.empty());  // the seed's date is right: nothing listed
  CHECK_FALSE(is_eval_field("bloc.colour"));
  CHECK(is_eval_field("decisions.kind"));
  fs::remove_all(dir);
}
