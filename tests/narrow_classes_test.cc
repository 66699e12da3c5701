#include "narrow_classes.h"

#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <set>

#include "extract.h"
#include "pipeline.h"
#include "rules.h"
#include "test_support.h"

using namespace thidua;

TEST_CASE("narrow classes: which patterns allow them", "[rules][narrow]") {
  for (const char* ok :
       {"(?:^|[^\\p{L}\\p{N}])khối", "\\p{Lu}[\\p{L}\\p{M}]*", "(?i:thứ\\s+hai|Đồng chí)", "[a-zA-Z0-9À-ÿ]+",
        "(?i:[\\p{L}\\p{N}]+)", "\\x{00A0}|[\\x{2010}-\\x{2015}]", "[-.,]"})
    CHECK(can_narrow(ok));
  for (const char* refused : {
           "\\p{Greek}",           // another property: the scan copy changes what it accepts
           "\\P{L}",               // negated properties are not narrowed
           "Москва",               // letters outside the kept blocks
           "[\\x{100}-\\x{500}]",  // a range reaching into Cyrillic
           "[À-ỹ]",                // and one reaching from Latin-1 through Greek to Vietnamese
           "Ƣ",                    // a stand-in
           "µ",                    // its case variants are Greek
           "(?i:\\p{Lu})",         // case folding makes Lu accept lower-case stand-ins
           "(?i:[\\p{M}])",        // and M accept Greek iota, a case variant of U+0345
           "\\Qabc\\E",            // not followed
       })
    CHECK_FALSE(can_narrow(refused));
}

TEST_CASE("narrow classes: every code point is accepted alike by each class and its narrow form",
          "[rules][narrow]") {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  for (const char* klass : {"\\p{L}", "\\p{Lu}", "\\p{Ll}", "\\p{M}", "\\p{N}", "[^\\p{L}\\p{N}]",
                            "(?i:\\p{L})", "(?i:[\\p{L}\\p{N}])", "(?i:[^\\p{L}\\p{N}])", "(?i:\\p{N})"}) {
    REQUIRE(can_narrow(klass));
    RE2 original(klass, options), narrowed(narrow_classes(klass), options);
    REQUIRE(original.ok());
    REQUIRE(narrowed.ok());
    std::size_t differ = 0;
    std::string ch, storage;
    for (char32_t c = 1; c <= 0x10FFFF; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      ch.clear();
      if (c < 0x80) {
        ch += static_cast<char>(c);
      } else if (c < 0x800) {
        ch += static_cast<char>(0xC0 | (c >> 6));
        ch += static_cast<char>(0x80 | (c & 0x3F));
      } else if (c < 0x10000) {
        ch += static_cast<char>(0xE0 | (c >> 12));
        ch += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        ch += static_cast<char>(0x80 | (c & 0x3F));
      } else {
        ch += static_cast<char>(0xF0 | (c >> 18));
        ch += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        ch += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        ch += static_cast<char>(0x80 | (c & 0x3F));
      }
      if (RE2::FullMatch(ch, original) != RE2::FullMatch(scan_copy(ch, storage), narrowed) && differ++ < 5)
        FAIL_CHECK(klass << " differs at U+" << std::hex << static_cast<unsigned>(c));
    }
    CHECK(differ == 0);
  }
}

TEST_CASE("narrow classes: a narrowed pattern accepts what the original accepts on the scan copy",
          "[rules][narrow]") {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  const std::string text =
      "Khối thi đua số ٣ (Ωmega), Москва-Kelvin K 東京 ố̃ x\u0345 ǅ ʰ ². 𐐀𐐨𠀀 ⅷ Ⅻ 𝟘 ẞ ſ İ ı Å";
  std::string storage;
  const std::string_view copy = scan_copy(text, storage);
  REQUIRE(copy.size() == text.size());
  CHECK(copy != std::string_view(text));
  const std::size_t digit = text.find("٣");
  CHECK(copy.substr(0, digit) == std::string_view(text).substr(0, digit));  // Vietnamese and ASCII stay
  CHECK(copy.substr(digit, 2) == "٠");                                      // a digit stands in for a digit
  for (const char* klass :
       {"\\p{L}", "\\p{Lu}", "\\p{Ll}", "\\p{M}", "\\p{N}", "[^\\p{L}\\p{N}]", "[\\p{L}\\p{M}]",
        "(?i:\\p{L})", "(?i:\\p{N})", "(?i:k)", "(?i:s)", "(?i:å)", "."}) {
    RE2 original(std::string("(") + klass + ")", options);
    RE2 narrowed("(" + narrow_classes(klass) + ")", options);
    REQUIRE(original.ok());
    REQUIRE(narrowed.ok());
    for (std::size_t i = 0; i < text.size();) {  // character by character
      std::size_t len = 1;
      while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80) ++len;
      INFO(klass << " at \"" << text.substr(i, len) << "\"");
      CHECK(RE2::FullMatch(std::string_view(text).substr(i, len), original) ==
            RE2::FullMatch(copy.substr(i, len), narrowed));
      i += len;
    }
  }
  std::string plain = "Sở Nội vụ tỉnh Hòa Bình, 12/7/2024";
  CHECK(scan_copy(plain, storage).data() == plain.data());  // nothing to replace: no copy
}

namespace {

// Every match of every rule, as (rule index, span, groups), in a canonical order.
using Found = std::vector<std::tuple<std::size_t, ByteRange, std::vector<std::optional<ByteRange>>>>;

Found all_matches(const RuleSet& rules, std::string_view text) {
  Found out;
  for (std::size_t i = 0; i < rules.rules().size(); ++i)
    for (const auto& m : rules.matches(rules.rules()[i], text)) out.emplace_back(i, m.span, m.groups);
  return out;
}

// Corpus text with other scripts mixed in where they touch words: beside, inside and between them.
std::string mixed(const std::string& text, std::size_t salt) {
  static const std::vector<std::string> foreign{"Ω", "ж", "東",     "٣", "\u0345", "K", "ʰ", "𐐀",
                                                "Ⅻ", "𝟘", "\u0483", "ǅ", "é",      "Å", "ß"};
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    const bool boundary = i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) != 0x80;
    if (boundary && (i * 7 + salt) % 23 == 0) out += foreign[(n++ + salt) % foreign.size()];
  }
  return out;
}

}  // namespace

TEST_CASE("narrow classes: every rule finds the same matches with and without them", "[rules][narrow]") {
  std::vector<Status> errors;
  RuleSet narrow = RuleSet::load_directory(test::source_path("rules"), errors);
  LoadOptions plain_options;
  plain_options.narrow = false;
  RuleSet plain = RuleSet::load_directory(test::source_path("rules"), errors, plain_options);
  REQUIRE(errors.empty());
  REQUIRE(plain.rules().size() == narrow.rules().size());
  CHECK(narrow.uses_narrow_classes());  // every shipped pattern allows them
  CHECK_FALSE(plain.uses_narrow_classes());
  std::size_t documents = 0, matched = 0;
  for (const auto& path : test::corpus_documents()) {
    auto loaded = load_text(test::read_file(path), Encoding::kAuto);
    REQUIRE(loaded.ok());
    const std::string& text = loaded.value().match();
    for (std::size_t salt = 0; salt < 3; ++salt) {
      const std::string t = salt == 0 ? text : mixed(text, salt);
      INFO(path << " variant " << salt);
      Found want = all_matches(plain, t), got = all_matches(narrow, t);
      REQUIRE(got.size() == want.size());
      CHECK(got == want);
      matched += got.size();
    }
    ++documents;
  }
  CHECK(documents >= 40);
  CHECK(matched > documents * 20);
}

TEST_CASE("narrow classes: a rule that names another script turns them off for its set", "[rules][narrow]") {
  auto load = [](const std::string& second_pattern) {
    std::map<std::string, std::string> files{
        {"a.rules",
         "define NB = (?:^|[^\\p{L}\\p{N}])\nrule word\n  field: f\n  pattern: {NB}khối\n"
         "rule other\n  field: g\n  pattern: " +
             second_pattern + "\n"}};
    std::vector<Status> errors;
    RuleSet rules = RuleSet::load(files, errors);
    REQUIRE(errors.empty());
    return rules;
  };
  RuleSet latin = load("[0-9]+ tỉnh");
  CHECK(latin.uses_narrow_classes());
  RuleSet greek = load("Ωmega");
  CHECK_FALSE(greek.uses_narrow_classes());
  // Either way "khối" after a Greek letter is inside a word, and after a space it is not.
  for (const RuleSet* rules : {&latin, &greek}) {
    CHECK(rules->matches(rules->rules()[0], "Ωkhối").empty());
    CHECK(rules->matches(rules->rules()[0], "Ω khối").size() == 1);
    DocumentMatcher doc(*rules, "東khối và 東 khối");
    CHECK(doc.find("f").size() == 1);
  }
}
