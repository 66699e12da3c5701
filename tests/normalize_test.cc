#include "normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "pipeline.h"
#include "test_support.h"

using namespace thidua;
using thidua::test::read_file;
using thidua::test::seed_paths;
using thidua::test::source_path;
using thidua::test::split;
using thidua::test::unescape;

namespace {

NormalizedText load(const std::string& bytes) {
  auto t = load_text(bytes, Encoding::kAuto);
  REQUIRE(t.ok());
  return std::move(t.value());
}

bool has_warning(const NormalizedText& t, const std::string& code) {
  for (const auto& w : t.warnings())
    if (w.code == code) return true;
  return false;
}

// Token boundaries of a normalized text: where a run of non-space characters starts and ends.
struct Token {
  std::size_t begin, end;
};
std::vector<Token> tokens(const std::string& s) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < s.size();) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n')) ++i;
    std::size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\n') ++i;
    if (i > b) out.push_back({b, i});
  }
  return out;
}

// The offset map round-trips: the original bytes a slice maps to normalize, on their own, to the slice.
void check_round_trip(const std::string& original, std::uint32_t seed, int slices) {
  NormalizedText t = load(original);
  std::vector<Token> toks = tokens(t.match());
  REQUIRE(!toks.empty());
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, toks.size() - 1);
  std::uniform_int_distribution<std::size_t> span(0, 12);
  for (int k = 0; k < slices; ++k) {
    std::size_t a = pick(rng);
    std::size_t b = std::min(toks.size() - 1, a + span(rng));
    ByteRange in_match{toks[a].begin, toks[b].end};
    ByteRange orig = t.to_original(in_match);
    REQUIRE(orig.end <= original.size());
    std::string expected = t.match().substr(in_match.begin, in_match.size());
    NormalizedText piece = load(original.substr(orig.begin, orig.size()));
    INFO("slice " << in_match.begin << ":" << in_match.end << " -> original " << orig.begin << ":"
                  << orig.end);
    REQUIRE(piece.match() == expected);
    // The display text of the slice is what the original bytes say, in NFC, tone marks where they were.
    REQUIRE(std::string(t.display_text(in_match)) == piece.display());
  }
}

std::string nfd(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  icu::Normalizer2::getNFDInstance(status)->normalizeUTF8(0, s, sink, nullptr, status);
  REQUIRE(U_SUCCESS(status));
  return out;
}

// The same article made messy the ways scraped pages are: NFD words, NBSP and entity spaces, inline
// tags, zero-width characters, CRLF line ends, doubled blanks. Normalization must undo all of it.
std::string messify(const std::string& clean, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dice(0, 9);
  std::string out;
  std::size_t i = 0;
  while (i < clean.size()) {
    char c = clean[i];
    if (c == ' ') {
      static const char* kSpaces[] = {" ", "\xC2\xA0", "&nbsp;", "  ", " \t", "\xE2\x80\x83"};
      out += dice(rng) < 6 ? " " : kSpaces[dice(rng) % 6];
      ++i;
    } else if (c == '\n') {
      out += dice(rng) < 5 ? "\r\n" : "\n";
      ++i;
    } else {
      std::size_t j = i;
      while (j < clean.size() && clean[j] != ' ' && clean[j] != '\n') ++j;
      std::string word = clean.substr(i, j - i);
      int roll = dice(rng);
      bool ascii_first = static_cast<unsigned char>(word[0]) < 0x80;
      if (roll == 0)
        word = "<b>" + word + "</b>";
      else if (roll == 1 && ascii_first && word.size() > 2)
        word.insert(1, "\xE2\x80\x8B");  // ZWSP
      else if (roll == 2)
        word = "<span class=\"x\">" + word + "</span>";
      else if (roll == 3)
        word = nfd(word);
      out += word;
      i = j;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("normalization table", "[normalize]") {
  std::istringstream table(read_file(source_path("tests/data/normalize_cases.tsv")));
  std::string line;
  int cases = 0;
  while (std::getline(table, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = split(line, '\t');
    REQUIRE(cols.size() == 4);
    SECTION(cols[0]) {
      NormalizedText t = load(unescape(cols[2]));
      const std::string& got = cols[1] == "display" ? t.display() : t.match();
      REQUIRE(got == unescape(cols[3]));
    }
    ++cases;
  }
  CHECK(cases >= 60);
}

TEST_CASE("normalization warns about what it repaired", "[normalize]") {
  CHECK(has_warning(load("Văn ph&og\nanh"), "broken_entity"));
  CHECK(has_warning(load("&#xZZ; x"), "broken_entity"));
  CHECK(has_warning(load("Khối \xFF thi"), "invalid_utf8"));
  CHECK_FALSE(has_warning(load("KH&CN, Khoa học & Công nghệ, &amp;"), "broken_entity"));
  CHECK(load("Khối thi đua").warnings().empty());
}

TEST_CASE("broken entity warning names the original byte", "[normalize]") {
  NormalizedText t = load(
      "\xEF\xBB\xBF"
      "Văn  ph&og");
  REQUIRE(t.warnings().size() == 1);
  // BOM (3) + "Văn" (4) + 2 spaces + "ph" (2) = 11
  CHECK(t.warnings()[0].message.find("\"&og\" at byte 11") != std::string::npos);
}

TEST_CASE("offset map round-trips on the seeds", "[normalize][offsets]") {
  std::uint32_t seed = 1;
  for (const auto& path : seed_paths()) {
    INFO(path);
    check_round_trip(read_file(path), seed++, 300);
  }
}

TEST_CASE("messy copies of the seeds normalize like the originals and still round-trip",
          "[normalize][offsets]") {
  std::uint32_t seed = 100;
  for (const auto& path : seed_paths()) {
    INFO(path);
    std::string clean = read_file(path);
    std::string messy = messify(clean, seed);
    CHECK(load(messy).match() == load(clean).match());
    check_round_trip(messy, seed++, 200);
  }
}

TEST_CASE("match and display differ only in tone placement", "[normalize]") {
  NormalizedText t = load("Hoà bình, Thuỷ lợi; lãnh đaọ");
  CHECK(t.display() == "Hoà bình, Thuỷ lợi; lãnh đaọ");
  CHECK(t.match() == "Hòa bình, Thủy lợi; lãnh đạo");
  auto at = t.match().find("Thủy");
  ByteRange r{at, at + std::string("Thủy").size()};
  CHECK(t.display_text(r) == "Thuỷ");
  CHECK(t.to_original(r) == ByteRange{at, at + std::string("Thuỷ").size()});
}

TEST_CASE("match_form gives rule text the document spelling", "[normalize]") {
  CHECK(match_form("Hoà") == match_form("Hòa"));
  CHECK(match_form("Kho\xCC\x82\xCC\x81i") == "Khối");
  CHECK(match_form("  Sở\xC2\xA0Tư   pháp ") == "Sở Tư pháp");
}

TEST_CASE("case folding works on UTF-8 directly, with full folding", "[normalize]") {
  CHECK(case_fold("ĐỒNG CHÍ Nguyễn ỦY BAN") == "đồng chí nguyễn ủy ban");
  CHECK(case_fold("Straße") == "strasse");  // full folding, as ICU's default
  CHECK(case_fold("") == "");
  CHECK(comparison_key("Thanh Hoá") == comparison_key("THANH HÓA"));
}
