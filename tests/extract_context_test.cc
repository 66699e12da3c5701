// The extractors' phrase lookups are exact speed-ups: fold() gives ICU's full case folding without
// calling ICU for ordinary text, and PhraseList compares only the keys that can start at a position;
// both are checked here against the plain way (ICU on everything, every key in turn).
#include "extract_context.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <catch2/catch.hpp>

#include "extract.h"
#include "normalize.h"
#include "pipeline.h"
#include "rules.h"
#include "test_support.h"

using namespace thidua;

namespace {

// The lookup as it was first written: fold a window with ICU, then try every key, longest first.
std::size_t reference_match_at(const Gazetteer& g, std::string_view text, std::size_t pos) {
  const auto word_char_before = [&](std::size_t p) {
    if (p == 0) return false;
    auto i = static_cast<int32_t>(p);
    UChar32 c;
    U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
    return c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
  };
  const auto word_char_at = [&](std::size_t p) {
    if (p >= text.size()) return false;
    auto i = static_cast<int32_t>(p);
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    return c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
  };
  const auto& keys = g.keys_longest_first();
  if (pos >= text.size() || word_char_before(pos) || keys.empty()) return 0;
  std::size_t end = std::min(text.size(), pos + keys.front().size() + 8);
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  const std::string piece = case_fold(text.substr(pos, end - pos));
  for (const auto& k : keys)
    if (piece.compare(0, k.size(), k) == 0 && pos + k.size() <= text.size() && !word_char_at(pos + k.size()))
      return k.size();
  return 0;
}

std::vector<std::string> texts() {
  std::vector<std::string> out;
  for (const auto& path : test::corpus_documents()) {
    auto loaded = load_text(test::read_file(path), Encoding::kAuto);
    REQUIRE(loaded.ok());
    out.push_back(loaded.value().match());
  }
  // characters whose fold changes length or that only ICU folds, among list words
  out.push_back("STRAẞE Straße ĐỒNG CHÍ İstanbul ﬁnal Kelvin ſở Tư pháp ǅ ΣΊΣΥΦΟΣ Ωmega SỞ NỘI VỤ");
  return out;
}

}  // namespace

TEST_CASE("fold gives ICU's full case folding", "[extract][fold]") {
  for (UChar32 c = 1; c < 0x3000; ++c) {
    if (U_IS_SURROGATE(c)) continue;
    char buf[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    const std::string one(buf, static_cast<std::size_t>(n));
    INFO("U+" << std::hex << c);
    REQUIRE(extract::fold(one) == case_fold(one));
    REQUIRE(extract::fold("Ab" + one + "Đ") == case_fold("Ab" + one + "Đ"));
  }
  for (const std::string& t : texts()) REQUIRE(extract::fold(t) == case_fold(t));
  CHECK(extract::fold(std::string("a\xC3", 2)) == case_fold(std::string("a\xC3", 2)));  // cut mid-character
}

TEST_CASE("phrase lookups find what trying every key finds", "[extract][fold]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  std::size_t found = 0, lists = 0;
  for (std::string_view name : lists_read()) {
    const Gazetteer* g = rules.gazetteer(name);
    REQUIRE(g != nullptr);
    ++lists;
    const extract::PhraseList list(*g);
    for (const std::string& t : texts()) {
      for (std::size_t pos = 0; pos < t.size(); ++pos) {
        const std::size_t want = reference_match_at(*g, t, pos);
        INFO(name << " at " << pos << ": \"" << t.substr(pos, 40) << "\"");
        REQUIRE(list.match_at(t, pos) == want);
        found += want > 0;
      }
    }
  }
  CHECK(lists >= 20);
  CHECK(found > 1000);
}
