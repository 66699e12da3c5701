#include "narrow_classes.h"

#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/utf8.h>

#include <algorithm>
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

// Whether `c` is of the general category `property` (L, Lu, Ll, M or N).
bool has_property(UChar32 c, std::string_view property) {
  const int kind = kind_of(c);
  if (property == "L") return kind == kUpper || kind == kLower || kind == kOtherLetter;
  if (property == "Lu") return kind == kUpper;
  if (property == "Ll") return kind == kLower;
  if (property == "M") return kind == kMark;
  return kind == kDigit || kind == kOtherNumber;  // N
}

// The simple case variants ICU knows for `c`: enough to tell whether a case-insensitive class of one
// kind reaches a character of another (U+0345, a mark, is a case variant of Greek iota).
bool variant_has_property(UChar32 c, std::string_view property) {
  for (UChar32 v : {u_foldCase(c, U_FOLD_CASE_DEFAULT), u_tolower(c), u_toupper(c), u_totitle(c)})
    if (v != c && has_property(v, property)) return true;
  return false;
}

// Characters a pattern may not name: those the scan copy replaces, the stand-ins, and their case
// variants. Built only for a pattern that names something outside the Vietnamese alphabet.
const icu::UnicodeSet& forbidden() {
  static const icu::UnicodeSet set = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeSet s(icu::UnicodeString(u"[[:L:][:M:][:N:]]"), status);
    s.remove(0, 0x24F).remove(0x300, 0x36F).remove(0x1E00, 0x1EFF).remove(0x212A, 0x212B);
    for (const auto& row : kStandIns)
      for (UChar32 c : row) s.add(c);
    s.closeOver(USET_CASE_INSENSITIVE);
    s.freeze();
    return s;
  }();
  return set;
}

// The Vietnamese alphabet and whatever has no case and is no letter, digit or mark: what the rules
// name, answered without building forbidden().
bool plainly_allowed(UChar32 c) {
  if (c < 0x80 || (c >= 0xC0 && c <= 0xFF) || (c >= 0x1EA0 && c <= 0x1EF9)) return true;
  for (UChar32 v : {0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0})
    if (c == v) return true;
  return kind_of(c) < 0 && !u_hasBinaryProperty(c, UCHAR_CASED) &&
         !u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEMAPPED);
}

bool allowed_in_pattern(UChar32 c) { return c >= 0 && (plainly_allowed(c) || !forbidden().contains(c)); }

bool range_allowed(UChar32 first, UChar32 last) {
  if (first < 0 || last < first) return false;
  if (last - first < 256) {
    for (UChar32 c = first; c <= last; ++c)
      if (!allowed_in_pattern(c)) return false;
    return true;
  }
  return forbidden().containsNone(first, last);
}

// Every kept code point that can be a letter, digit or mark, in order.
const std::vector<UChar32>& kept_code_points() {
  static const std::vector<UChar32> points = [] {
    std::vector<UChar32> v;
    for (UChar32 c = 0; c <= 0x212B; ++c)
      if (in_kept_blocks(c)) v.push_back(c);
    for (const auto& row : kStandIns) v.insert(v.end(), row.begin(), row.end());
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }();
  return points;
}

// "\x{41}-\x{5A}..." : the kept characters of property `name`. `folded`: of its case closure, which is
// what RE2 makes of the class in a (?i) scope (for \p{L}: the letters and U+0345, a case variant of
// Greek iota).
std::string kept_ranges(std::string_view name, bool folded) {
  std::string out;
  char buf[32];
  const auto& points = kept_code_points();
  auto in = [&](UChar32 c) { return has_property(c, name) || (folded && variant_has_property(c, name)); };
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!in(points[i])) continue;
    std::size_t j = i;
    while (j + 1 < points.size() && points[j + 1] == points[j] + 1 && in(points[j + 1])) ++j;
    std::snprintf(buf, sizeof buf, i == j ? "\\x{%X}" : "\\x{%X}-\\x{%X}", static_cast<unsigned>(points[i]),
                  static_cast<unsigned>(points[j]));
    out += buf;
    i = j;
  }
  return out;
}

// The narrow form of a property class, or nullptr if it has none. In a (?i) scope only \p{L} and \p{N}
// have one: case folding makes \p{Lu} accept lower-case stand-ins, and \p{M} accept Greek iota (a case
// variant of U+0345), which the scan copy replaces.
const std::string* narrowed(std::string_view property, bool folded) {
  struct Narrow {
    std::string_view name;
    bool folded;
    std::string ranges;
  };
  static const std::array<Narrow, 7> table{{
      {"L", false, kept_ranges("L", false)},
      {"Lu", false, kept_ranges("Lu", false)},
      {"Ll", false, kept_ranges("Ll", false)},
      {"M", false, kept_ranges("M", false)},
      {"N", false, kept_ranges("N", false)},
      {"L", true, kept_ranges("L", true)},
      {"N", true, kept_ranges("N", true)},
  }};
  for (const auto& n : table)
    if (n.name == property && n.folded == folded) return &n.ranges;
  return nullptr;
}

// One walk over a pattern (RE2 syntax) that knows, at each point, whether it is inside a character
// class and inside a case-insensitive scope. It copies the pattern to `out`, narrowing the property
// classes it may narrow, and clears `ok` at anything can_narrow() refuses.
class PatternWalk {
 public:
  // kCheck: only find what can_narrow() refuses. kNarrow: narrow the property classes. kFilter: the
  // filter form, large classes made any character.
  enum Mode { kCheck, kNarrow, kFilter };
  PatternWalk(std::string_view p, Mode mode) : p_(p), mode_(mode) {}

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
    if (mode_ == kCheck && !allowed_in_pattern(c)) ok_ = false;
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
    const std::string* ranges = negated ? nullptr : narrowed(name, folded_.back());
    if (ranges == nullptr) ok_ = false;
    if (mode_ == kFilter && !in_class && narrowed(name, false) != nullptr) {
      out_ += kAnyCharacter;
    } else if (ranges == nullptr || mode_ == kFilter) {
      // an unknown property stays as written, so that compiling reports it
      if (narrowed(name, false) == nullptr) keep_class_ = true;
      out_.append(p_.substr(start, end - start));
    } else {
      out_ += in_class ? *ranges : "[" + *ranges + "]";
    }
    return -1;
  }

  // [...]: items, ranges a-b, escapes, [:name:]; the first ']' (after '^') is literal.
  void char_class() {
    const std::size_t class_start = out_.size();
    out_ += p_[i_++];
    bool large = false;  // in the filter form: more than RE2's prefilter looks at (4 characters)
    if (i_ < p_.size() && p_[i_] == '^') {
      out_ += p_[i_++];
      large = true;
    }
    keep_class_ = false;
    bool first = true, after_item = false;
    UChar32 previous = -1;
    int items = 0;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      if (++items > 4) large = true;
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
        if (mode_ == kCheck && !range_allowed(previous, upper)) ok_ = false;
        if (previous < 0 || upper < 0 || upper - previous >= 4) large = true;
        previous = -1;
        after_item = false;
        continue;
      }
      previous = p_[i_] == '\\' ? escape(true) : literal();
      if (previous >= 0) point(previous);
      if (previous < 0) large = true;  // \p{..}, \s, \d, \w, [:alpha:] or a control
      after_item = true;
    }
    if (i_ < p_.size()) out_ += p_[i_++];
    if (mode_ == kFilter && large && !keep_class_) {
      out_.resize(class_start);
      out_ += kAnyCharacter;
    }
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

  // Any character, new line included: what a large class becomes in the filter form.
  static constexpr std::string_view kAnyCharacter = "(?s:.)";

  std::string_view p_;
  Mode mode_;
  bool keep_class_ = false;  // the class holds an unknown property: left to the compiler to report
  std::size_t i_ = 0;
  std::string out_;
  std::vector<bool> folded_;
  bool ok_ = true;
};

}  // namespace

bool can_narrow(std::string_view pattern) {
  PatternWalk walk(pattern, PatternWalk::kCheck);
  walk.run();
  return walk.ok();
}

std::string narrow_classes(std::string_view pattern) {
  return PatternWalk(pattern, PatternWalk::kNarrow).run();
}

std::string filter_form(std::string_view pattern) { return PatternWalk(pattern, PatternWalk::kFilter).run(); }

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
