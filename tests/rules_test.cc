#include "rules.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>

#include "builtin_rules.h"
#include "extract.h"
#include "pipeline.h"
#include "printer.h"
#include "test_support.h"

using namespace thidua;

namespace {

// A rule set of one file, a.rules, that loads without errors.
RuleSet one_file(const std::string& content) {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load({{"a.rules", content}}, errors);
  for (const auto& e : errors) FAIL_CHECK(e.describe());
  REQUIRE(errors.empty());
  return rules;
}

}  // namespace

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

TEST_CASE("a word edge may open only the whole pattern, where the matcher cuts its character off",
          "[rules]") {
  auto edge_error = [](const std::string& pattern) {
    std::map<std::string, std::string> files{
        {"e.rules", "define NB = (?:^|[^\\p{L}\\p{N}])\nrule r\n  field: f\n  pattern: " + pattern + "\n"}};
    std::vector<Status> errors;
    RuleSet::load(files, errors);
    return std::any_of(errors.begin(), errors.end(), [](const Status& e) {
      return e.describe().find("'{NB}' opens an alternative but not the pattern") != std::string::npos;
    });
  };
  CHECK(edge_error("(?:tại hội nghị, |{NB}hội nghị đã )phát động"));  // a match could start on "{NB}"
  CHECK(edge_error("(?:{NB}từ|\\s-)"));
  CHECK(edge_error("a|{NB}b"));
  CHECK_FALSE(edge_error("{NB}(?:tại|{NB}hội nghị)"));  // the pattern opens on it
  CHECK_FALSE(edge_error("số(?:\\s+|{NB}x)"));          // not where a match starts
  CHECK_FALSE(edge_error("[(|]{NB}x"));                 // "(" and "|" in a class open nothing
  CHECK_FALSE(edge_error("\\({NB}x"));                  // nor escaped
}

TEST_CASE("examples that fail are reported", "[rules]") {
  RuleSet rules = one_file(
      "rule r\n  field: f\n  captures: d\n  pattern: (?P<d>[0-9]+)\n"
      "  match: số 12 => d=13\n  reject: năm 2020\n  match: không có số\n");
  auto failures = rules.check_examples();
  REQUIRE(failures.size() == 3);
  CHECK(failures[0].describe().find("group 'd' is \"12\", expected \"13\"") != std::string::npos);
  CHECK(failures[1].line == 6);
}

TEST_CASE("rules see one spelling for both tone styles and use Unicode word edges", "[rules]") {
  RuleSet rules = one_file(
      "define NB = (?:^|[^\\p{L}\\p{N}])\nrule r\n  field: f\n  "
      "captures: w\n  pattern: {NB}(?P<w>hoà bình)\n");
  const Rule& r = rules.rules()[0];
  CHECK(rules.matches(r, "ở hòa bình").size() == 1);  // the pattern was written "hoà", the text says "hòa"
  CHECK(rules.matches(r, "Thanhòa bình").empty());    // no match inside a word, even after a non-ASCII letter
  DocumentMatcher doc(rules, "xin chào, hòa bình và hòa bình");
  CHECK(doc.find("f").size() == 2);
  CHECK(doc.find("other").empty());
}

TEST_CASE("a word edge one match consumed after its span can open the next match", "[rules]") {
  RuleSet rules = one_file(
      "define NB = (?:^|[^\\p{L}\\p{N}])\ndefine NA = (?:[^\\p{L}\\p{N}]|$)\n"
      "define NAD = (?:[^\\p{L}\\p{N}/-]|$)\n"
      "rule word\n  field: w\n  pattern: {NB}(?:chiều|[0-9]+){NA}\n"
      "rule date\n  field: d\n  captures: tod\n  pattern: {NB}(?:(?P<tod>chiều)\\s+)?[0-9]+/[0-9]+{NAD}\n");
  // "14/07\n" consumes the line break; "\nchiều 14/7" needs it as its leading edge
  const std::string text = "14/07\nchiều 14/7, khối";
  DocumentMatcher doc(rules, text);
  auto dates = doc.find("d");
  REQUIRE(dates.size() == 2);
  CHECK(text.substr(dates[1].span.begin, dates[1].span.size()) == "chiều 14/7");
  CHECK(dates[1].group("tod"));
  CHECK(doc.find("w").size() == 5);  // "14", "07", "chiều", "14", "7": one edge character between each
  for (const auto& m : dates) CHECK(m.span.size() > 0);
}

namespace {

// The text rules run on, for a corpus document.
std::string match_text(const std::string& path) {
  auto text = load_text(test::read_file(path), Encoding::kAuto);
  REQUIRE(text.ok());
  return text.value().match();
}

// The string arguments of the given calls (each written up to its opening quote) in src/extract/extract_*.cc.
std::set<std::string> quoted_in_extractors(std::initializer_list<std::string_view> calls) {
  std::set<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_path("src/extract"))) {
    std::string name = entry.path().filename().string();
    if (name.rfind("extract_", 0) != 0 || entry.path().extension() != ".cc") continue;
    std::string code = test::read_file(entry.path().string());
    for (std::string_view call : calls) {
      for (std::size_t at = code.find(call); at != std::string::npos; at = code.find(call, at + 1)) {
        std::size_t b = at + call.size(), e = code.find('"', b);
        found.insert(code.substr(b, e - b));
      }
    }
  }
  return found;
}

}  // namespace

TEST_CASE("the literal pass never skips a rule that matches, and does skip some", "[rules]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  std::size_t documents = 0, skipped = 0;
  for (const auto& path : test::corpus_documents()) {
    const std::string match = match_text(path);
    std::vector<bool> may_fire = rules.rules_matching(match);
    REQUIRE(may_fire.size() == rules.rules().size());
    for (std::size_t i = 0; i < may_fire.size(); ++i) {
      if (!may_fire[i]) {
        ++skipped;
        if (!rules.matches(rules.rules()[i], match).empty())
          FAIL_CHECK(rules.rules()[i].name << " matches " << path << " but was skipped");
      }
    }
    ++documents;
  }
  CHECK(documents >= 40);
  CHECK(skipped > documents * 10);  // the pass earns its keep: most documents skip many rules
}

TEST_CASE("a document's matches in a range are those a search of the range alone finds", "[rules]") {
  // DocumentMatcher answers from one whole-text search per rule where that is exact, and searches the
  // range alone where it is not; both must agree with RuleSet::matches on every range.
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  std::set<std::string> fields;
  for (const auto& r : rules.rules()) fields.insert(r.field);
  std::uint32_t seed = 12345;
  auto next = [&seed](std::size_t bound) {
    seed = seed * 1664525u + 1013904223u;
    return bound == 0 ? 0 : static_cast<std::size_t>(seed >> 8) % bound;
  };
  std::size_t compared = 0, nonempty = 0;
  for (const auto& path : test::corpus_documents()) {
    const std::string t = match_text(path);
    const std::vector<bool> may_fire = rules.rules_matching(t);
    std::vector<ByteRange> ranges{{0, t.size()}};
    for (std::size_t b = 0, e; b < t.size(); b = e + 1) {  // lines and sentences
      e = t.find_first_of(".\n", b);
      if (e == std::string::npos) e = t.size();
      ranges.push_back({b, e});
    }
    for (int k = 0; k < 40; ++k) {  // and arbitrary ranges, cutting words and characters
      std::size_t b = next(t.size() + 1);
      ranges.push_back({b, b + next(t.size() + 1 - b)});
    }
    DocumentMatcher matcher(rules, t);
    for (const auto& field : fields) {
      matcher.find(field);  // whole-text searches first, so that small ranges are answered from them
      for (const ByteRange& range : ranges) {
        std::vector<RuleMatch> want;
        for (std::size_t i = 0; i < rules.rules().size(); ++i)
          if (rules.rules()[i].field == field && may_fire[i])
            for (auto& m : rules.matches(rules.rules()[i], t, range)) want.push_back(m);
        auto got = matcher.find(field, range);
        REQUIRE(got.size() == want.size());
        std::stable_sort(want.begin(), want.end(), [](const RuleMatch& a, const RuleMatch& b) {
          if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
          return a.rule->priority > b.rule->priority;
        });
        for (std::size_t i = 0; i < got.size(); ++i) {
          REQUIRE(got[i].rule == want[i].rule);
          REQUIRE(got[i].span == want[i].span);
          REQUIRE(got[i].groups == want[i].groups);
        }
        ++compared;
        nonempty += !got.empty();
      }
    }
  }
  CHECK(compared > 10000);
  CHECK(nonempty > 1000);
}

TEST_CASE("a match at a position is the one a search of the range finds there first", "[rules]") {
  // RuleSet::match_at searches anchored (a small automaton) where callers want only a match that starts
  // at a given place; it must agree with the unanchored search of the same range.
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  std::uint32_t seed = 777;
  auto next = [&seed](std::size_t bound) {
    seed = seed * 1664525u + 1013904223u;
    return bound == 0 ? 0 : static_cast<std::size_t>(seed >> 8) % bound;
  };
  std::size_t compared = 0, found = 0, shadowed = 0;
  for (const auto& path : test::corpus_documents()) {
    const std::string t = match_text(path);
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 1; i + 1 < t.size(); ++i)  // clause and line starts
      if (t[i] == '\n' || (t[i] == ' ' && (t[i - 1] == ',' || t[i - 1] == '.' || t[i - 1] == ':')))
        starts.push_back(i + 1);
    for (int k = 0; k < 60; ++k) starts.push_back(next(t.size() + 1));  // and anywhere, inside characters too
    for (std::size_t b : starts) {
      std::size_t e = t.find_first_of(".\n", b + 1);
      const ByteRange range{b, e == std::string::npos ? t.size() : e + next(3)};
      for (const Rule& rule : rules.rules()) {
        auto scanned = rules.matches(rule, t, range);
        std::optional<RuleMatch> want;
        if (!scanned.empty() && scanned.front().span.begin == range.begin) want = scanned.front();
        auto got = rules.match_at(rule, t, range);
        // The one difference: a search of the range starts a character early (for word edges), and a
        // match that starts there and runs into the range hides one at range.begin ("- 22/12" after a
        // space).
        std::size_t before = range.begin;
        while (before > 0 && (static_cast<unsigned char>(t[--before]) & 0xC0) == 0x80) {
        }
        auto first = rules.scan(rule, t, before, t.size());
        if (!first.empty() && first.front().match.span.begin < range.begin && !want) {
          ++shadowed;
          continue;
        }
        REQUIRE(got.has_value() == want.has_value());
        if (got) {
          REQUIRE(got->span == want->span);
          REQUIRE(got->groups == want->groups);
          ++found;
        }
        ++compared;
      }
    }
  }
  CHECK(compared > 100000);
  CHECK(found > 500);
  CHECK(shadowed < compared / 100);
}

TEST_CASE(
    "a rule whose field no extractor reads is an error, and the extractors' list is read from their source",
    "[rules]") {
  // Every field the extractors ask for (c.find("...") in src/extract/extract_*.cc) is in fields_read(), and
  // nothing else is: the list cannot drift from the code.
  const std::set<std::string> fields_in_source =
      quoted_in_extractors({"c.find(\"", "c.find_at(\"", "matcher.find(\""});
  CHECK(fields_in_source == std::set<std::string>(fields_read().begin(), fields_read().end()));
  // Likewise the word lists they read: c.phrases("..."), list_of(rules, "..."), gazetteer("...").
  const std::set<std::string> lists_in_source =
      quoted_in_extractors({"phrases(\"", "list_of(rules, \"", "gazetteer(\""});
  CHECK(lists_in_source == std::set<std::string>(lists_read().begin(), lists_read().end()));

  RuleSet rules =
      one_file("rule kept\n  field: decision\n  pattern: x\nrule orphan\n  field: decisoin\n  pattern: y\n");
  auto unread = check_fields_read(rules);
  CHECK(std::count_if(unread.begin(), unread.end(), [](const Status& s) {
          return s.describe() == "a.rules:4: rule orphan: no extractor reads the field 'decisoin'";
        }) == 1);
  CHECK(std::none_of(unread.begin(), unread.end(),
                     [](const Status& s) { return s.describe().find("rule kept") != std::string::npos; }));

  // A list the extractors read that no rule file declares is an error too (the rule set above has none).
  auto missing = check_fields_read(rules);
  CHECK(std::any_of(missing.begin(), missing.end(), [](const Status& s) {
    return s.describe().find("the extractors read the list 'location_cuts'") != std::string::npos;
  }));

  std::vector<Status> errors;
  RuleSet shipped = RuleSet::load_directory(test::source_path("rules"), errors);
  REQUIRE(errors.empty());
  CHECK(check_fields_read(shipped).empty());
}

TEST_CASE("the built-in literal filter is derived from rules/ and skips nearly as much as FilteredRE2",
          "[rules]") {
  std::vector<Status> errors;
  RuleSet directory = RuleSet::load_directory(test::source_path("rules"), errors);
  RuleSet builtin = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  // the build step's output is what the rules give now
  const LiteralFilter derived = directory.derive_literal_filter();
  const LiteralFilter& shipped = builtin_literal_filter();
  REQUIRE(shipped.rules.size() == derived.rules.size());
  CHECK(shipped.atoms == derived.atoms);
  for (std::size_t i = 0; i < derived.rules.size(); ++i) {
    INFO(directory.rules()[i].name);
    CHECK(shipped.rules[i].always == derived.rules[i].always);
    CHECK(shipped.rules[i].clauses == derived.rules[i].clauses);
    CHECK(shipped.rules[i].each_line == derived.rules[i].each_line);
    REQUIRE(shipped.rules[i].reach.has_value() == derived.rules[i].reach.has_value());
    if (const auto& reach = derived.rules[i].reach) {
      CHECK(shipped.rules[i].reach->bytes == reach->bytes);
      CHECK(shipped.rules[i].reach->space_runs == reach->space_runs);
      CHECK(shipped.rules[i].reach->letter_runs == reach->letter_runs);
      CHECK(shipped.rules[i].reach->word_runs == reach->word_runs);
    }
  }
  // and so is the atoms' automaton compiled in with it: the tables a matcher builds from the atoms now
  REQUIRE(shipped.atom_tables != nullptr);
  const LiteralMatcher built(derived.atoms);
  const LiteralMatcher::Tables& want = built.tables();
  const LiteralMatcher::Tables& have = *shipped.atom_tables;
  CHECK(have.literal_count == want.literal_count);
  CHECK(have.byte_class == want.byte_class);
  CHECK(have.classes == want.classes);
  REQUIRE(have.next_size == want.next_size);
  CHECK(std::equal(have.next, have.next + have.next_size, want.next));
  const std::size_t states = want.next_size / want.classes;
  CHECK(std::equal(have.output_start, have.output_start + states + 1, want.output_start));
  REQUIRE(have.output_ids_size == want.output_ids_size);
  CHECK(std::equal(have.output_ids, have.output_ids + have.output_ids_size, want.output_ids));
  // both are sound (the test above); the derived clauses must not let many more rules through
  std::size_t by_table = 0, by_filtered_re2 = 0;
  for (const auto& path : test::corpus_documents()) {
    const std::string match = match_text(path);
    for (bool b : builtin.rules_matching(match)) by_table += b;
    for (bool b : directory.rules_matching(match)) by_filtered_re2 += b;
  }
  CHECK(by_table <= by_filtered_re2 * 11 / 10);
  CHECK(by_table < test::corpus_documents().size() * builtin.rules().size() * 3 / 4);
}

TEST_CASE("the literal pass folds case as RE2's (?i) does", "[rules]") {
  // "ſ" (long s) is a case variant of "s" for RE2 but its own lower case: lowering alone skipped the rule.
  RuleSet rules =
      one_file("rule r\n  field: f\n  pattern: (?i:sở nội vụ)\nrule k\n  field: g\n  pattern: (?i:khối)\n");
  for (const std::string text : {"ſở nội vụ", "SỞ NỘI VỤ", "Sở Nội vụ"}) {
    INFO(text);
    CHECK(rules.matches(rules.rules()[0], text).size() == 1);
    CHECK(rules.rules_matching(text)[0]);
    DocumentMatcher doc(rules, text);
    CHECK(doc.find("f").size() == 1);
  }
  const std::string kelvin = "\u212Ahối";  // Kelvin sign, then "hối"
  CHECK(rules.matches(rules.rules()[1], kelvin).size() == 1);
  CHECK(rules.rules_matching(kelvin)[1]);
  CHECK_FALSE(rules.rules_matching("sở tư pháp")[0]);  // and it still skips
}

TEST_CASE("rules compiled ahead on threads give the records compiled on demand give", "[rules]") {
  std::vector<Status> errors;
  RuleSet on_demand = RuleSet::load_builtin(errors);
  RuleSet ahead = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  ahead.set_compile_threads(3);
  // Documents in two threads at once on the fresh set: each compiles ahead what it may need, some rules
  // the other is compiling too.
  const auto documents = test::corpus_documents();
  std::vector<std::string> got(documents.size());
  const auto extract_half = [&](std::size_t first) {
    for (std::size_t i = first; i < documents.size(); i += 2) {
      auto r = extract_record(test::read_file(documents[i]), documents[i], ahead, ExtractOptions{});
      if (r.ok()) got[i] = record_to_json_line(r.value());
    }
  };
  std::thread other(extract_half, 1);
  extract_half(0);
  other.join();
  for (std::size_t i = 0; i < documents.size(); ++i) {
    INFO(documents[i]);
    auto r = extract_record(test::read_file(documents[i]), documents[i], on_demand, ExtractOptions{});
    REQUIRE(r.ok());
    CHECK(got[i] == record_to_json_line(r.value()));
  }
}
