#include "narrow_classes.h"

#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/utf8.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace thidua {
namespace {

// The blocks kept as they are: Latin (with Latin-1, Extended-A and -B), the combining diacritics, Latin
// Extended Additional (the Vietnamese letters), and the Kelvin and Angstrom signs, whose lower case is
// Latin (a case-insensitive "k" matches the Kelvin sign).
bool in_kept_blocks(UChar32 c) {
  return c < 0x250 || (c >= 0x300 && c < 0x370) || (c >= 0x1E00 && c < 0x1F00) || c == 0x212A || c == 0x212B;
}

// The kinds of character a class can tell apart: what \p{Lu}, \p{Ll}, \p{L}, \p{M}, \p{N} accept and
// what ICU's u_isalnum (which the search uses to trim word edges) accepts.
enum Kind { kUpper, kLower, kOtherLetter, kMark, kDigit, kOtherNumber, kKinds };

int kind_of(UChar32 c) {
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
      return kUpper;
    case U_LOWERCASE_LETTER:
      return kLower;
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return kOtherLetter;
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return kMark;
    case U_DECIMAL_DIGIT_NUMBER:
      return kDigit;
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return kOtherNumber;
    default:
      return -1;
  }
}

// Stand-ins by kind and UTF-8 length (2, 3, 4 bytes): each of its kind, none a character a rule names.
constexpr std::array<std::array<UChar32, 3>, kKinds> kStandIns{{
    {0x01A2, 0x1EFA, 0x10400},  // Ƣ Ỻ 𐐀
    {0x01A3, 0x1EFB, 0x10428},  // ƣ ỻ 𐐨
    {0x01C0, 0x2135, 0x20000},  // ǀ ℵ 𠀀
    {0x034F, 0x20D0, 0x101FD},  // combining grapheme joiner, harpoon, Phaistos stroke
    {0x0660, 0x0966, 0x104A0},  // Arabic-Indic, Devanagari, Osmanya zero
    {0x00B9, 0x2070, 0x10107},  // ¹ ⁰ 𐄇
}};

bool is_stand_in(UChar32 c) {
  for (const auto& row : kStandIns)
    for (UChar32 s : row)
      if (s == c) return true;
  return false;
}

// Characters that survive in the scan copy, as classes see them.
const icu::UnicodeSet& kept() {
  static const icu::UnicodeSet set = [] {
    icu::UnicodeSet s;
    s.add(0, 0x24F).add(0x300, 0x36F).add(0x1E00, 0x1EFF).add(0x212A, 0x212B);
    for (const auto& row : kStandIns)
      for (UChar32 c : row) s.add(c);
    s.freeze();
    return s;
  }();
  return set;
}

// Characters a pattern may not name: those replaced in the scan copy, the stand-ins, and their case
// variants.
const icu::UnicodeSet& forbidden() {
  static const icu::UnicodeSet set = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeSet s(icu::UnicodeString(u"[[:L:][:M:][:N:]]"), status);
    for (UChar32 c = 0; c <= 0x24F; ++c) s.remove(c);
    s.remove(0x300, 0x36F).remove(0x1E00, 0x1EFF).remove(0x212A, 0x212B);
    for (const auto& row : kStandIns)
      for (UChar32 c : row) s.add(c);
    s.closeOver(USET_CASE_INSENSITIVE);
    s.freeze();
    return s;
  }();
  return set;
}

// "\x{41}-\x{5A}..." : the ranges of property `name` within the kept characters.
std::string kept_ranges(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet s(icu::UnicodeString("[:") + icu::UnicodeString(name) + ":]", status);
  s.retainAll(kept());
  std::string out;
  char buf[32];
  for (int32_t i = 0; i < s.getRangeCount(); ++i) {
    UChar32 a = s.getRangeStart(i), b = s.getRangeEnd(i);
    std::snprintf(buf, sizeof buf, a == b ? "\\x{%X}" : "\\x{%X}-\\x{%X}", static_cast<unsigned>(a),
                  static_cast<unsigned>(b));
    out += buf;
  }
  return out;
}

const std::string* narrowed(std::string_view property) {
  static const std::array<std::pair<std::string_view, std::string>, 5> table{{
      {"L", kept_ranges("L")},
      {"Lu", kept_ranges("Lu")},
      {"Ll", kept_ranges("Ll")},
      {"M", kept_ranges("M")},
      {"N", kept_ranges("N")},
  }};
  for (const auto& [name, ranges] : table)
    if (name == property) return &ranges;
  return nullptr;
}

// One walk over a pattern (RE2 syntax) that knows, at each point, whether it is inside a character
// class and inside a case-insensitive scope. It copies the pattern to `out`, narrowing the property
// classes it may narrow, and clears `ok` at anything can_narrow() refuses.
class PatternWalk {
 public:
  explicit PatternWalk(std::string_view p) : p_(p) {}

  std::string run() {
    folded_.push_back(false);
    while (i_ < p_.size()) {
      char c = p_[i_];
      if (c == '\\') {
        escape(false);
      } else if (c == '[') {
        char_class();
      } else if (c == '(') {
        open_group();
      } else if (c == ')') {
        if (folded_.size() > 1) folded_.pop_back();
        out_ += p_[i_++];
      } else {
        point(literal());
      }
    }
    return out_;
  }
  bool ok() const { return ok_; }

 private:
  // A UTF-8 character of the pattern, copied.
  UChar32 literal() {
    auto j = static_cast<int32_t>(i_);
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(p_.data()), j, static_cast<int32_t>(p_.size()), c);
    out_.append(p_.substr(i_, static_cast<std::size_t>(j) - i_));
    i_ = static_cast<std::size_t>(j);
    return c;
  }

  void point(UChar32 c) {
    if (c < 0 || forbidden().contains(c)) ok_ = false;
  }

  // An escape at i_; returns the code point it stands for, or -1 for a class or an assertion.
  UChar32 escape(bool in_class) {
    char e = i_ + 1 < p_.size() ? p_[i_ + 1] : '\0';
    if (e == 'p' || e == 'P') return property(in_class, e == 'P');
    if (e == 'Q' || e == 'C') ok_ = false;  // quoted runs and single bytes are not followed
    if (e == 'x') {
      std::size_t start = i_;
      std::size_t end = i_ + 2 < p_.size() && p_[i_ + 2] == '{' ? p_.find('}', i_) + 1 : i_ + 4;
      if (end == 0 || end > p_.size()) end = p_.size();
      std::string hex(p_.substr(start + 2, end - start - 2));
      if (!hex.empty() && hex.front() == '{') hex = hex.substr(1, hex.size() - 2);
      out_.append(p_.substr(start, end - start));
      i_ = end;
      UChar32 c = static_cast<UChar32>(std::strtol(hex.c_str(), nullptr, 16));
      point(c);
      return c;
    }
    out_ += p_[i_++];
    if (i_ >= p_.size()) return -1;
    if (static_cast<unsigned char>(p_[i_]) >= 0x80) {
      UChar32 c = literal();
      point(c);
      return c;
    }
    char x = p_[i_++];
    out_ += x;
    // "\." "\-" stand for themselves; "\d" "\s" "\n" "\b" for classes, controls or assertions
    bool punctuation = !std::isalnum(static_cast<unsigned char>(x));
    return punctuation ? static_cast<unsigned char>(x) : -1;
  }

  UChar32 property(bool in_class, bool negated) {
    std::size_t start = i_;
    std::size_t end = p_.size() > i_ + 2 && p_[i_ + 2] == '{' ? p_.find('}', i_) + 1 : i_ + 3;
    if (end == 0 || end > p_.size()) end = p_.size();
    std::string_view name = p_.substr(start + 2, end - start - 2);
    if (!name.empty() && name.front() == '{') name = name.substr(1, name.size() - 2);
    i_ = end;
    const std::string* ranges = negated ? nullptr : narrowed(name);
    bool case_sensitive_class = name == "Lu" || name == "Ll";
    if (ranges == nullptr || (folded_.back() && case_sensitive_class)) ok_ = false;
    if (ranges == nullptr || folded_.back()) {
      out_.append(p_.substr(start, end - start));
    } else {
      out_ += in_class ? *ranges : "[" + *ranges + "]";
    }
    return -1;
  }

  // [...]: items, ranges a-b, escapes, [:name:]; the first ']' (after '^') is literal.
  void char_class() {
    out_ += p_[i_++];
    if (i_ < p_.size() && p_[i_] == '^') out_ += p_[i_++];
    bool first = true, after_item = false;
    UChar32 previous = -1;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      if (p_.compare(i_, 2, "[:") == 0) {
        std::size_t end = p_.find(":]", i_);
        end = end == std::string_view::npos ? p_.size() : end + 2;
        out_.append(p_.substr(i_, end - i_));
        i_ = end;
        previous = -1;
        after_item = true;
        continue;
      }
      if (p_[i_] == '-' && after_item && i_ + 1 < p_.size() && p_[i_ + 1] != ']') {
        out_ += p_[i_++];
        UChar32 upper = p_[i_] == '\\' ? escape(true) : literal();
        if (previous < 0 || upper < previous || !forbidden().containsNone(previous, upper)) ok_ = false;
        previous = -1;
        after_item = false;
        continue;
      }
      previous = p_[i_] == '\\' ? escape(true) : literal();
      if (previous >= 0) point(previous);
      after_item = true;
    }
    if (i_ < p_.size()) out_ += p_[i_++];
  }

  // '(' with its flags: (?i: and (?i) start case-insensitive matching, (?-i: ends it.
  void open_group() {
    out_ += p_[i_++];
    bool folded = folded_.back();
    if (i_ < p_.size() && p_[i_] == '?') {
      std::size_t j = i_ + 1;
      bool on = true;
      for (; j < p_.size() && p_[j] != ':' && p_[j] != ')' && p_[j] != '<' && p_[j] != 'P'; ++j) {
        if (p_[j] == '-') on = false;
        if (p_[j] == 'i') folded = on;
      }
      if (j < p_.size() && p_[j] == ')') {  // (?i) changes the enclosing group
        folded_.back() = folded;
        out_.append(p_.substr(i_, j + 1 - i_));
        i_ = j + 1;
        return;
      }
    }
    folded_.push_back(folded);
  }

  std::string_view p_;
  std::size_t i_ = 0;
  std::string out_;
  std::vector<bool> folded_;
  bool ok_ = true;
};

}  // namespace

bool can_narrow(std::string_view pattern) {
  PatternWalk walk(pattern);
  walk.run();
  return walk.ok();
}

std::string narrow_classes(std::string_view pattern) { return PatternWalk(pattern).run(); }

std::string_view scan_copy(std::string_view text, std::string& storage) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto size = static_cast<int32_t>(text.size());
  bool copied = false;
  for (int32_t i = 0; i < size;) {
    if (bytes[i] < 0xC0) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, size, c);
    if (c < 0 || in_kept_blocks(c)) continue;
    const int kind = kind_of(c);
    const int32_t length = i - start;
    if (kind < 0 || length < 2 || is_stand_in(c)) continue;
    if (!copied) storage.assign(text);
    copied = true;
    UChar32 stand_in = kStandIns[static_cast<std::size_t>(kind)][static_cast<std::size_t>(length - 2)];
    // the stand-in has the replaced character's length, so it fits where that character was
    int32_t at = start;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(storage.data()), at, stand_in);
  }
  return copied ? std::string_view(storage) : text;
}

}  // namespace thidua
