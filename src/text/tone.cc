#include "tone.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "utf8.h"

namespace thidua {
namespace {

// The twelve vowel bases (with their shape marks, without tone) and the five tone marks.
constexpr std::array<char32_t, 12> kVowelBases{U'a', U'ă', U'â', U'e', U'ê', U'i',
                                               U'o', U'ô', U'ơ', U'u', U'ư', U'y'};
constexpr std::array<char32_t, 6> kToneMarks{0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323};
constexpr int kNoTone = 0;

struct VowelInfo {
  int base = -1;  // index into kVowelBases
  int tone = 0;   // index into kToneMarks
  bool upper = false;
};

// Tables built once through ICU, so that they agree with ICU's NFC by construction.
class VowelTable {
 public:
  static const VowelTable& get() {
    static const VowelTable table;
    return table;
  }
  // Called for every character of every document: a direct table, not a hash lookup.
  const VowelInfo* find(char32_t c) const {
    if (c >= by_code_point_.size()) return nullptr;
    const VowelInfo& v = by_code_point_[c];
    return v.base >= 0 ? &v : nullptr;
  }
  char32_t compose(int base, int tone, bool upper) const {
    return composed_[static_cast<std::size_t>(base)][static_cast<std::size_t>(tone)][upper ? 1 : 0];
  }

 private:
  VowelTable() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    for (std::size_t b = 0; b < kVowelBases.size(); ++b) {
      for (std::size_t t = 0; t < kToneMarks.size(); ++t) {
        for (int upper = 0; upper < 2; ++upper) {
          UChar32 base = static_cast<UChar32>(kVowelBases[b]);
          if (upper) base = u_toupper(base);
          icu::UnicodeString s(base);
          if (kToneMarks[t] != 0) s.append(static_cast<UChar32>(kToneMarks[t]));
          icu::UnicodeString composed = U_SUCCESS(status) ? nfc->normalize(s, status) : s;
          char32_t c = static_cast<char32_t>(composed.char32At(0));
          composed_[b][t][static_cast<std::size_t>(upper)] = c;
          if (c >= by_code_point_.size()) by_code_point_.resize(c + 1);
          by_code_point_[c] = VowelInfo{static_cast<int>(b), static_cast<int>(t), upper == 1};
        }
      }
    }
  }
  std::vector<VowelInfo> by_code_point_;  // up to the last toned vowel (U+1EF9); base -1: no vowel
  std::array<std::array<std::array<char32_t, 2>, 6>, 12> composed_{};
};

// A letter of a word, reduced to what the syllable rules need.
struct Letter {
  char32_t cp;     // as written
  char32_t base;   // lower-case, tone removed (vowels keep shape marks)
  int vowel = -1;  // index into kVowelBases, or -1 for a consonant
  int tone = kNoTone;
  bool upper = false;
};

bool is_consonant_base(char32_t c) { return (c >= U'a' && c <= U'z') || c == U'đ'; }

constexpr std::array<std::u32string_view, 27> kOnsets{
    U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu", U"th", U"tr", U"b", U"c", U"d",
    U"đ",   U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v", U"x"};
constexpr std::array<std::u32string_view, 8> kCodas{U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};
constexpr std::array<std::u32string_view, 49> kNuclei{
    U"a",  U"ă",  U"â",  U"e",   U"ê",   U"i",   U"o",   U"ô",   U"ơ",   U"u",  U"ư",  U"y",  U"ai",
    U"ao", U"au", U"ay", U"âu",  U"ây",  U"eo",  U"êu",  U"ia",  U"iê",  U"iu", U"oa", U"oă", U"oe",
    U"oi", U"ôi", U"ơi", U"oo",  U"ua",  U"uâ",  U"uê",  U"ui",  U"uô",  U"uơ", U"uy", U"ưa", U"ưi",
    U"ưu", U"ươ", U"yê", U"iêu", U"oai", U"oay", U"uôi", U"ươi", U"yêu", U"uyê"};
// Three-vowel nuclei that are rarer: kept apart so the list above stays readable.
constexpr std::array<std::u32string_view, 6> kRareNuclei{U"oao", U"oeo", U"uây", U"uya", U"uyu", U"ươu"};

template <std::size_t N>
bool in(const std::array<std::u32string_view, N>& set, std::u32string_view s) {
  for (auto x : set)
    if (x == s) return true;
  return false;
}

// Where the tone belongs in a word's letters, or -1 if the word is not one Vietnamese syllable.
int tone_position(const std::vector<Letter>& w) {
  std::u32string bases;
  for (const auto& l : w) bases.push_back(l.base);
  std::size_t onset = 0;
  for (auto o : kOnsets) {
    if (std::u32string_view(bases).substr(0, o.size()) == o) {
      onset = o.size();
      break;
    }
  }
  // "gi" and "qu" are onsets only when another vowel follows ("gìn" is g + ìn, "già" is gi + à).
  if ((bases.compare(0, 2, U"gi") == 0 || bases.compare(0, 2, U"qu") == 0) &&
      (bases.size() < 3 || w[2].vowel < 0)) {
    onset = 1;
  }
  if (onset == 0 && !w.empty() && w[0].vowel < 0) return -1;  // a consonant that is no onset
  std::size_t nucleus_end = onset;
  while (nucleus_end < w.size() && w[nucleus_end].vowel >= 0) ++nucleus_end;
  std::u32string_view nucleus = std::u32string_view(bases).substr(onset, nucleus_end - onset);
  std::u32string_view coda = std::u32string_view(bases).substr(nucleus_end);
  if (nucleus.empty() || !(in(kNuclei, nucleus) || in(kRareNuclei, nucleus))) return -1;
  if (!coda.empty() && !in(kCodas, coda)) return -1;

  const auto pos = [&](std::size_t i) { return static_cast<int>(onset + i); };
  for (std::size_t i = nucleus.size(); i-- > 0;) {
    char32_t c = nucleus[i];
    if (c == U'â' || c == U'ă' || c == U'ê' || c == U'ô' || c == U'ơ') return pos(i);
  }
  for (std::size_t i = 0; i < nucleus.size(); ++i)
    if (nucleus[i] == U'ư') return pos(i);
  if (!coda.empty()) return pos(nucleus.size() - 1);
  if (nucleus.size() == 3) return pos(1);
  return pos(0);
}

// A character as a letter of a word (its base, vowel, tone and case), or nullopt when it ends a word.
std::optional<Letter> read_letter(const VowelTable& table, UChar32 c) {
  const auto ch = static_cast<char32_t>(c);
  Letter l{ch, ch};
  if (const VowelInfo* v = table.find(ch)) {
    l.base = kVowelBases[static_cast<std::size_t>(v->base)];
    l.vowel = v->base;
    l.tone = v->tone;
    l.upper = v->upper;
  } else if (c < 0x80) {  // ASCII without ICU calls: the tone pass sees every character of the corpus
    const bool upper = c >= 'A' && c <= 'Z';
    if (!upper && !(c >= 'a' && c <= 'z')) return std::nullopt;
    l.base = upper ? ch + (U'a' - U'A') : ch;
    l.upper = upper;
  } else if (ch == U'đ' || ch == U'Đ') {
    l.base = U'đ';
    l.upper = ch == U'Đ';
  } else if (!(u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0)) {
    return std::nullopt;
  }
  // (else a letter of another alphabet, or a combining mark NFC could not compose: still part of the
  // word, so the word is not split, but it makes the word foreign)
  return l;
}

}  // namespace

std::string canonicalize_tones(std::string_view text, OffsetMap* map) {
  const VowelTable& table = VowelTable::get();
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());

  std::vector<Letter> word;
  bool in_word = false;
  bool word_foreign = false;  // holds a letter that is not Vietnamese: leave the word alone
  int32_t word_start = 0;
  std::size_t copied = 0;  // bytes of `text` already emitted

  const auto flush_word = [&](int32_t word_end) {
    int toned = -1, tones = 0, vowels = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (word[i].vowel >= 0) ++vowels;
      if (word[i].tone != kNoTone) {
        toned = static_cast<int>(i);
        ++tones;
      }
    }
    // With one vowel the tone has nowhere else to go: most words, and no need to parse the syllable.
    int target = (!word_foreign && tones == 1 && vowels > 1) ? tone_position(word) : -1;
    if (target >= 0 && target != toned) {
      auto& from = word[static_cast<std::size_t>(toned)];
      auto& to = word[static_cast<std::size_t>(target)];
      int tone = from.tone;
      from.cp = table.compose(from.vowel, kNoTone, from.upper);
      to.cp = table.compose(to.vowel, tone, to.upper);
      auto start = static_cast<std::size_t>(word_start);
      out.append(text.substr(copied, start - copied));
      if (map) map->keep(start - copied);
      std::size_t before = out.size();
      for (const auto& l : word) append_utf8(out, l.cp);
      if (map) map->replace(static_cast<std::size_t>(word_end) - start, out.size() - before);
      copied = static_cast<std::size_t>(word_end);
    }
    word.clear();
    word_foreign = false;
    in_word = false;
  };

  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    std::optional<Letter> letter = read_letter(table, c);
    if (!letter) {
      if (in_word) flush_word(start);
      continue;
    }
    const Letter& l = *letter;
    if (!in_word) {
      in_word = true;
      word_start = start;
    }
    if (is_consonant_base(l.base) || l.vowel >= 0)
      word.push_back(l);
    else
      word_foreign = true;
  }
  if (in_word) flush_word(n);
  out.append(text.substr(copied));
  if (map) map->keep(text.size() - copied);
  return out;
}

}  // namespace thidua
