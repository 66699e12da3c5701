#include "rules.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "pipeline.h"
#include "test_support.h"

using namespace thidua;

TEST_CASE("every rule in rules/ loads and passes its own examples", "[rules]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_directory(std::string(THIDUA_SOURCE_DIR) + "/rules", errors);
  for (const auto& e : errors) FAIL_CHECK(e.describe());
  REQUIRE(errors.empty());
  REQUIRE(rules.rules().size() > 20);
  std::size_t examples = 0;
  for (const auto& r : rules.rules()) examples += r.examples.size();
  CHECK(examples > 100);
  for (const auto& f : rules.check_examples()) FAIL_CHECK(f.describe());
}

TEST_CASE("the built-in rules are the rules directory", "[rules]") {
  std::vector<Status> e1, e2;
  RuleSet builtin = RuleSet::load_builtin(e1);
  RuleSet dir = RuleSet::load_directory(std::string(THIDUA_SOURCE_DIR) + "/rules", e2);
  REQUIRE(e1.empty());
  REQUIRE(builtin.rules().size() == dir.rules().size());
  for (std::size_t i = 0; i < dir.rules().size(); ++i)
    CHECK(builtin.rules()[i].expanded == dir.rules()[i].expanded);
}

TEST_CASE("rule errors are all reported, with file, line and rule", "[rules]") {
  std::map<std::string, std::string> files{
      {"a.rules",
       "define X = [0-9]+\n"
       "rule one\n  field: f\n  captures: n\n  pattern: (?P<n>{X}\n"  // does not compile
       "rule two\n  field: f\n  captures: a\n  pattern: (?P<b>x)\n"   // captures differ
       "rule three\n  field: f\n  pattern: {NOPE}\n"                  // unknown sub-pattern
       "rule one\n  field: f\n  pattern: x\n"                         // duplicate name
       "rule four\n  pattern: x\n  colour: red\n"},                   // no field, unknown key
      {"b.rules", "list l = missing.txt\nrule five\n  field: f\n  pattern: {@l}\n"},
  };
  std::vector<Status> errors;
  RuleSet::load(files, errors);
  std::vector<std::string> text;
  for (const auto& e : errors) text.push_back(e.describe());
  auto has = [&](const std::string& needle) {
    return std::any_of(text.begin(), text.end(),
                       [&](const std::string& t) { return t.find(needle) != std::string::npos; });
  };
  CHECK(has("a.rules:2: rule one: pattern does not compile"));
  CHECK(has("a.rules:6: rule two: captures declared (a) differ from the pattern's named groups (b)"));
  CHECK(has("rule three: unknown sub-pattern {NOPE}"));
  CHECK(has("rule one: rule name used twice"));
  CHECK(has("rule four: unknown key 'colour'"));
  CHECK(has("rule four: rule has no field"));
  CHECK(has("b.rules:1: list 'l' names a missing file 'missing.txt'"));
  CHECK(errors.size() >= 7);
}

TEST_CASE("examples that fail are reported", "[rules]") {
  std::map<std::string, std::string> files{
      {"a.rules",
       "rule r\n  field: f\n  captures: d\n  pattern: (?P<d>[0-9]+)\n"
       "  match: số 12 => d=13\n  reject: năm 2020\n  match: không có số\n"}};
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load(files, errors);
  REQUIRE(errors.empty());
  auto failures = rules.check_examples();
  REQUIRE(failures.size() == 3);
  CHECK(failures[0].describe().find("group 'd' is \"12\", expected \"13\"") != std::string::npos);
  CHECK(failures[1].line == 6);
}

TEST_CASE("rules see one spelling for both tone styles and use Unicode word edges", "[rules]") {
  std::map<std::string, std::string> files{{"a.rules",
                                            "define NB = (?:^|[^\\p{L}\\p{N}])\nrule r\n  field: f\n  "
                                            "captures: w\n  pattern: {NB}(?P<w>hoà bình)\n"}};
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load(files, errors);
  REQUIRE(errors.empty());
  const Rule& r = rules.rules()[0];
  CHECK(rules.matches(r, "ở hòa bình").size() == 1);  // the pattern was written "hoà", the text says "hòa"
  CHECK(rules.matches(r, "Thanhòa bình").empty());    // no match inside a word, even after a non-ASCII letter
  DocumentMatcher doc(rules, "xin chào, hòa bình và hòa bình");
  CHECK(doc.find("f").size() == 2);
  CHECK(doc.find("other").empty());
}

TEST_CASE("the literal pass never skips a rule that matches, and does skip some", "[rules]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  std::size_t documents = 0, skipped = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_path("corpus"))) {
    if (entry.path().extension() != ".txt") continue;
    auto text = load_text(test::read_file(entry.path().string()), Encoding::kAuto);
    REQUIRE(text.ok());
    const std::string& match = text.value().match();
    std::vector<bool> may_fire = rules.rules_matching(match);
    REQUIRE(may_fire.size() == rules.rules().size());
    for (std::size_t i = 0; i < may_fire.size(); ++i) {
      if (!may_fire[i]) {
        ++skipped;
        if (!rules.matches(rules.rules()[i], match).empty())
          FAIL_CHECK(rules.rules()[i].name << " matches " << entry.path() << " but was skipped");
      }
    }
    ++documents;
  }
  CHECK(documents >= 40);
  CHECK(skipped > documents * 10);  // the pass earns its keep: most documents skip many rules
}
