#include "match_reach.h"

#include <catch2/catch.hpp>
#include <set>

#include "pipeline.h"
#include "rules.h"
#include "test_support.h"

using namespace thidua;

namespace {

std::string reach_of(const char* pattern) {
  auto r = match_reach(pattern);
  if (!r) return "none";
  return std::to_string(r->bytes) + "+" + std::to_string(r->space_runs) + "s+" +
         std::to_string(r->letter_runs) + "l+" + std::to_string(r->word_runs) + "w";
}

// A text with long runs of each kind: a 600-byte word, 40 new lines, a long letter run, in the middle.
std::string stretched(const std::string& text) {
  std::string word;
  for (int i = 0; i < 100; ++i) word += "ab.c-đ";
  const std::size_t middle = text.size() / 2;
  std::size_t at = text.find(' ', middle);
  if (at == std::string::npos) at = text.size();
  return text.substr(0, at) + " " + word + std::string(40, '\n') + "Khốiiiiiiiiiiiiiiiiiiiiiiiiiii thi đua" +
         text.substr(at);
}

std::vector<std::string> test_texts() {
  std::vector<std::string> out;
  for (const auto& path : test::corpus_documents()) {
    auto loaded = load_text(test::read_file(path), Encoding::kAuto);
    REQUIRE(loaded.ok());
    const std::string& text = loaded.value().match();
    out.push_back(text);
    out.push_back(stretched(text));
    out.push_back(text + "\n\n" + text + "\n\n" + text);  // long: windows pay off
    std::string spaced;  // every space a run of five: matches span more than their literals
    for (char c : text) spaced += c == ' ' ? std::string(5, ' ') : std::string(1, c);
    out.push_back(spaced);
  }
  return out;
}

}  // namespace

TEST_CASE("match reach: the most bytes a pattern's match spans", "[rules][reach]") {
  CHECK(reach_of("abc") == "3+0s+0l+0w");
  CHECK(reach_of("đ") == "2+0s+0l+0w");
  CHECK(reach_of("(?i:k)") == "3+0s+0l+0w");  // K, k and the Kelvin sign (3 bytes)
  CHECK(reach_of("(?i)s") == "2+0s+0l+0w");   // long s: 2 bytes
  CHECK(reach_of("a|bcd") == "3+0s+0l+0w");
  CHECK(reach_of("a{2,5}") == "5+0s+0l+0w");
  CHECK(reach_of("a{3}?") == "3+0s+0l+0w");
  CHECK(reach_of("[^,]{0,60}?x") == "241+0s+0l+0w");
  CHECK(reach_of("(?s:.)") == "4+0s+0l+0w");
  CHECK(reach_of("^ab$") == "2+0s+0l+0w");
  CHECK(reach_of("\\bab\\z") == "2+0s+0l+0w");
  CHECK(reach_of("(?P<x>ab)c") == "3+0s+0l+0w");
  CHECK(reach_of("a\\s+b") == "2+1s+0l+0w");
  CHECK(reach_of("a[ \\t]*b") == "2+1s+0l+0w");
  CHECK(reach_of("\\p{L}+") == "0+0s+1l+0w");
  CHECK(reach_of("\\p{Lu}[\\p{L}\\p{M}]*") == "4+0s+1l+0w");
  CHECK(reach_of("[\\p{L}\\p{N}'’.]*x") == "1+0s+0l+1w");
  CHECK(reach_of("(?:\\s+\\p{L}+){1,3}") == "0+3s+3l+0w");
  CHECK(reach_of("x(?:a|\\s+)") == "2+1s+0l+0w");
  // no bound: a repetition of more than one character, of a class outside the runs, or a match that
  // may be empty; syntax not followed
  CHECK(reach_of("a.*b") == "none");
  CHECK(reach_of("[^,]+") == "none");
  CHECK(reach_of("(?:ab)+") == "none");
  CHECK(reach_of("\\w+") == "none");  // '_' is in no run
  CHECK(reach_of("[\\p{L} ]+") == "none");
  CHECK(reach_of("a*") == "none");
  CHECK(reach_of("\\Qab\\E") == "none");
  CHECK(reach_of("(ab") == "none");
}

TEST_CASE("match reach: patterns whose every match starts a line", "[rules][reach]") {
  CHECK(starts_each_line("(?m)^[ \\t]*(?:a|b)$"));
  CHECK(starts_each_line("(?m)^[|(]x"));      // a '|' and a '(' inside a class
  CHECK(starts_each_line("(?m)^[]|]x"));      // ']' first in a class is literal
  CHECK(starts_each_line("(?m)^a\\|b"));      // an escaped '|'
  CHECK_FALSE(starts_each_line("(?m)^a|b"));  // the second branch starts anywhere
  CHECK_FALSE(starts_each_line("^a"));        // not multi-line: the text's start only, left alone
  CHECK_FALSE(starts_each_line("a(?m)^b"));
  CHECK_FALSE(starts_each_line("(?m)^\\Qa|b\\E"));
}

TEST_CASE("match reach: longest runs of a text", "[rules][reach]") {
  Runs r = longest_runs("ab  cd\n\n\nxyz-đ.q, Kelvin");
  CHECK(r.space == 3);
  CHECK(r.letter == 6);  // "Kelvin"
  CHECK(r.word == 8);    // "xyz-đ.q": 'đ' is 2 bytes
}

TEST_CASE("match reach: every match of every rule lies within its rule's reach", "[rules][reach]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_directory(test::source_path("rules"), errors);
  REQUIRE(errors.empty());
  const LiteralFilter filter = rules.derive_literal_filter();
  std::size_t bounded = 0;
  for (const auto& need : filter.rules) bounded += need.reach ? 1 : 0;
  CHECK(bounded * 10 >= filter.rules.size() * 8);  // most rules have a bound
  std::size_t checked = 0;
  for (const std::string& text : test_texts()) {
    const Runs runs = longest_runs(text);
    for (std::size_t i = 0; i < rules.rules().size(); ++i) {
      if (!filter.rules[i].reach) continue;
      const std::size_t reach = filter.rules[i].reach->in(runs);
      for (const auto& m : rules.scan(rules.rules()[i], text, 0, text.size())) {
        INFO(rules.rules()[i].name << " matched \"" << text.substr(m.raw.begin, m.raw.size()) << "\"");
        CHECK(m.raw.size() <= reach);
        ++checked;
      }
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE(
    "candidate index: searching the windows (or the line starts) finds what searching the whole text finds",
    "[rules][reach]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  REQUIRE(rules.literal_filter() != nullptr);
  std::set<std::string> fields;
  for (const auto& rule : rules.rules()) fields.insert(rule.field);
  std::size_t windowed = 0, everywhere = 0, line_starts = 0, matched = 0;
  for (const std::string& text : test_texts()) {
    DocumentMatcher document(rules, text);
    for (const auto& field : fields) {
      std::vector<RuleMatch> want;
      for (std::size_t i : rules.rules_of(field)) {
        auto found = rules.matches(rules.rules()[i], text);  // the plain search of the whole text
        want.insert(want.end(), found.begin(), found.end());
      }
      std::stable_sort(want.begin(), want.end(), [](const RuleMatch& a, const RuleMatch& b) {
        if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
        return a.rule->priority > b.rule->priority;
      });
      const auto got = document.find(field);
      INFO(field);
      REQUIRE(got.size() == want.size());
      for (std::size_t k = 0; k < got.size(); ++k) {
        CHECK(got[k].rule == want[k].rule);
        CHECK(got[k].span == want[k].span);
        CHECK(got[k].groups == want[k].groups);
      }
      matched += got.size();
    }
    windowed += document.stats().windowed;
    everywhere += document.stats().everywhere;
    line_starts += document.stats().line_starts;
  }
  CHECK(matched > 10000);
  // the index bounds a large share of the searches (this test asks every field, the atom-less included)
  CHECK(windowed * 3 > windowed + everywhere);
  CHECK(line_starts > 100);  // and line rules are tried at line starts
}
