#include "literal_matcher.h"

#include <catch2/catch.hpp>

using namespace thidua;

TEST_CASE("every literal that occurs is found once, overlapping ones too", "[literal_matcher]") {
  // The classic Aho-Corasick set: "she" ends inside "hers", "he" is a suffix of "she".
  LiteralMatcher m({"he", "she", "his", "hers"});
  CHECK(m.find_all("ushers") == std::vector<int>{0, 1, 3});
  CHECK(m.find_all("this, his, his") == std::vector<int>{2});
  CHECK(m.find_all("").empty());
  CHECK(m.find_all("nothing to see").empty());
}

TEST_CASE("literal matching ignores case, Vietnamese capitals included", "[literal_matcher]") {
  LiteralMatcher m({"đồng chí", "khối thi đua", "ủy ban"});
  CHECK(m.find_all("ĐỒNG CHÍ Nguyễn Văn A") == std::vector<int>{0});
  CHECK(m.find_all("Khối Thi Đua số 5; Ủy ban nhân dân") == std::vector<int>{1, 2});
  // A different tone (ồ vs ộ) or a missing one is another word, not a case variant.
  CHECK(m.find_all("đông chí, ĐỘNG CHÍ").empty());
}

TEST_CASE("literal matching survives bytes that are not UTF-8", "[literal_matcher]") {
  LiteralMatcher m({"khối"});
  CHECK(m.find_all(std::string("\xff\xfe KHỐI \xc3", 11)) == std::vector<int>{0});
}

TEST_CASE("literal matching lowers letters beyond the lookup table too", "[literal_matcher]") {
  // Georgian Asomtavruli (U+10A0) lowers to Nuskhuri (U+2D00), Cyrillic (table) and Deseret (U+10400,
  // outside the Basic Multilingual Plane, through ICU).
  LiteralMatcher m({"ⴀ", "ж", "\xF0\x90\x90\xA8"});
  CHECK(m.find_all("Ⴀ Ж \xF0\x90\x90\x80") == std::vector<int>{0, 1, 2});
}

TEST_CASE("a matcher made from another's tables finds what that one finds", "[literal_matcher]") {
  const std::vector<std::string> literals{"he", "she", "his", "hers", "khối", "ủy ban", "ban"};
  LiteralMatcher built(literals);
  LiteralMatcher shared(built.tables());
  for (const std::string text : {"ushers", "KHỐI thi đua; Ủy Ban nhân dân", "", "his hers he"}) {
    INFO(text);
    std::vector<LiteralMatcher::Occurrence> a, b;
    CHECK(built.find_all(text, &a) == shared.find_all(text, &b));
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].literal == b[i].literal);
      CHECK(a[i].end == b[i].end);
    }
  }
  // the table holds a row per trie state and no more: the root and "h" "he" "her" "hers" "hi" "his" "s"
  // "sh" "she"
  const LiteralMatcher classic({"he", "she", "his", "hers", "she"});
  const auto& t = classic.tables();
  CHECK(t.next_size == 10 * t.classes);
  CHECK(t.output_start[10] == t.output_ids_size);
}
