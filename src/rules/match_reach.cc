#include "match_reach.h"

#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace thidua {

namespace {

constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max() / 4;
constexpr std::size_t kAnyCharacter = 4;  // the longest UTF-8 character

// The shortest and longest a piece of pattern can match, in bytes: at most max + space_runs * (longest
// run of white space) + letter_runs * (... of letters) + word_runs * (... of word characters); max
// kUnbounded: no bound.
struct Length {
  std::size_t min = 0, max = 0, space_runs = 0, letter_runs = 0, word_runs = 0;
};

// What run of the text a repeated single-character piece stays inside (letters are word characters).
enum class RunKind { kNone, kSpace, kLetter, kWord };

RunKind either(RunKind a, RunKind b) {
  if (a == b) return a;
  if ((a == RunKind::kLetter && b == RunKind::kWord) || (a == RunKind::kWord && b == RunKind::kLetter))
    return RunKind::kWord;
  return RunKind::kNone;
}

Length longest_of(const Length& a, const Length& b) {
  return {std::min(a.min, b.min), std::max(a.max, b.max), std::max(a.space_runs, b.space_runs),
          std::max(a.letter_runs, b.letter_runs), std::max(a.word_runs, b.word_runs)};
}

std::size_t add(std::size_t a, std::size_t b) { return std::min(kUnbounded, a + b); }
std::size_t times(std::size_t a, std::size_t n) {
  return a == 0 || n == 0 ? 0 : a >= kUnbounded / n ? kUnbounded : a * n;
}

// The longest UTF-8 spelling of a code point, or of any of its case variants when case is ignored.
std::size_t longest_spelling(UChar32 c, bool folded) {
  if (!folded) return U8_LENGTH(c);
  icu::UnicodeSet variants(c, c);
  variants.closeOver(USET_CASE_INSENSITIVE);
  std::size_t longest = U8_LENGTH(c);
  for (int32_t k = 0; k < variants.getRangeCount(); ++k)
    for (UChar32 v = variants.getRangeStart(k); v <= variants.getRangeEnd(k); ++v)
      longest = std::max<std::size_t>(longest, U8_LENGTH(v));
  return longest;
}

// Recursive descent over RE2 syntax: alternation of sequences of quantified atoms.
class ReachWalk {
 public:
  explicit ReachWalk(std::string_view p) : p_(p) {}

  std::optional<Length> run() {
    folded_.push_back(false);
    Length whole = alternation();
    if (!ok_ || i_ != p_.size()) return std::nullopt;
    return whole;
  }

 private:
  Length alternation() {
    Length best = sequence();
    while (ok_ && i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      best = longest_of(best, sequence());
    }
    return best;
  }

  Length sequence() {
    Length total;
    while (ok_ && i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      run_ = RunKind::kNone;
      Length one = atom();
      one = quantified(one, std::exchange(run_, RunKind::kNone));
      total = {add(total.min, one.min), add(total.max, one.max), add(total.space_runs, one.space_runs),
               add(total.letter_runs, one.letter_runs), add(total.word_runs, one.word_runs)};
    }
    return total;
  }

  // `run`: the text run a single-character atom stays inside, which bounds a repetition with no upper
  // bound of it.
  Length quantified(Length a, RunKind run) {
    while (ok_ && i_ < p_.size()) {
      char q = p_[i_];
      std::size_t low = 0, high = 0;
      if (q == '*' || q == '+' || q == '?') {
        low = q == '+' ? 1 : 0;
        high = q == '?' ? 1 : kUnbounded;
        ++i_;
      } else if (q != '{' || !repetition(low, high)) {
        return a;
      }
      if (high < kUnbounded) {
        a = {times(a.min, low), times(a.max, high), times(a.space_runs, high), times(a.letter_runs, high),
             times(a.word_runs, high)};
      } else if (run != RunKind::kNone) {  // one run of the text at most
        a = {times(a.min, low), 0, run == RunKind::kSpace ? 1U : 0U, run == RunKind::kLetter ? 1U : 0U,
             run == RunKind::kWord ? 1U : 0U};
      } else {
        bool empty = a.max == 0 && a.space_runs == 0 && a.letter_runs == 0 && a.word_runs == 0;
        a = {times(a.min, low), empty ? 0 : kUnbounded, 0, 0, 0};
      }
      run = RunKind::kNone;  // "\s+?" is lazy, "(?:\s+)+" repeats what is no longer one character
      if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy: the same lengths
    }
    return a;
  }

  // {n}, {n,}, {n,m} at i_; anything else is a literal '{' (as RE2 reads it).
  bool repetition(std::size_t& low, std::size_t& high) {
    std::size_t close = p_.find('}', i_);
    if (close == std::string_view::npos) return false;
    std::string body(p_.substr(i_ + 1, close - i_ - 1));
    std::size_t comma = body.find(',');
    auto number = [](const std::string& s) {
      return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(c); });
    };
    std::string first = body.substr(0, comma),
                second = comma == std::string::npos ? "" : body.substr(comma + 1);
    if (!number(first) || (comma != std::string::npos && !second.empty() && !number(second))) return false;
    low = std::strtoul(first.c_str(), nullptr, 10);
    high = comma == std::string::npos ? low
           : second.empty()           ? kUnbounded
                                      : std::strtoul(second.c_str(), nullptr, 10);
    i_ = close + 1;
    return true;
  }

  Length atom() {
    char c = p_[i_];
    if (c == '(') return group();
    if (c == '[') return char_class();
    if (c == '\\') return escape();
    if (c == '^' || c == '$') {
      ++i_;
      return {0, 0};
    }
    if (c == '.') {
      ++i_;
      return {1, kAnyCharacter};
    }
    if (c == '*' || c == '+' || c == '?') {  // a quantifier with nothing before it: RE2 refuses it
      ok_ = false;
      return {};
    }
    UChar32 ch = next_code_point();
    run_ = kind_of(ch);
    return {1, longest_spelling(ch, folded_.back())};
  }

  UChar32 next_code_point() {
    auto j = static_cast<int32_t>(i_);
    UChar32 ch;
    U8_NEXT(reinterpret_cast<const uint8_t*>(p_.data()), j, static_cast<int32_t>(p_.size()), ch);
    i_ = static_cast<std::size_t>(j);
    if (ch < 0) ok_ = false;
    return ch;
  }

  // '(' with its flags: (?i: and (?i) start case-insensitive matching, (?-i: ends it.
  Length group() {
    ++i_;
    bool folded = folded_.back();
    if (i_ < p_.size() && p_[i_] == '?') {
      std::size_t j = i_ + 1;
      if (j < p_.size() && (p_[j] == 'P' || p_[j] == '<')) {  // (?P<name>...) or (?<name>...)
        std::size_t close = p_.find('>', j);
        if (close == std::string_view::npos) {
          ok_ = false;
          return {};
        }
        i_ = close + 1;
      } else {
        bool on = true;
        for (; j < p_.size() && p_[j] != ':' && p_[j] != ')'; ++j) {
          if (p_[j] == '-') on = false;
          if (p_[j] == 'i') folded = on;
        }
        if (j >= p_.size()) {
          ok_ = false;
          return {};
        }
        i_ = j + 1;
        if (p_[j] == ')') {  // (?i) changes the rest of the enclosing group
          folded_.back() = folded;
          return {0, 0};
        }
      }
    }
    folded_.push_back(folded);
    Length inside = alternation();
    folded_.pop_back();
    if (i_ >= p_.size() || p_[i_] != ')') {
      ok_ = false;
      return {};
    }
    ++i_;
    return inside;
  }

  // [...]: one character of up to four bytes; a run kind when every item has it. Only its end needs
  // finding exactly: the first ']' after the opening (and '^') is literal, escapes and [:name:] hold no
  // ']'.
  Length char_class() {
    ++i_;
    bool negated = i_ < p_.size() && p_[i_] == '^';
    if (negated) ++i_;
    std::optional<RunKind> kind;  // of the items so far
    auto item = [&](RunKind k) { kind = kind ? either(*kind, k) : k; };
    bool first = true;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      if (p_[i_] == '\\' && i_ + 1 < p_.size()) {
        std::size_t start = i_;
        RunKind k = escape_kind();
        if (i_ < p_.size() && p_[i_] == '-' && i_ + 1 < p_.size() && p_[i_ + 1] != ']') k = RunKind::kNone;
        if (i_ == start) i_ += 2;
        item(k);
      } else if (p_.compare(i_, 2, "[:") == 0) {
        std::size_t end = p_.find(":]", i_);
        i_ = end == std::string_view::npos ? p_.size() : end + 2;
        item(RunKind::kNone);
      } else {
        UChar32 low = next_code_point();
        if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {  // a range a-b
          ++i_;
          UChar32 high = p_[i_] == '\\' ? -1 : next_code_point();
          if (high < 0) i_ += 2;
          bool ascii_word =
              (low >= '0' && high <= '9') || (low >= 'a' && high <= 'z') || (low >= 'A' && high <= 'Z');
          item(ascii_word ? RunKind::kLetter : RunKind::kNone);
        } else {
          item(kind_of(low));
        }
      }
    }
    if (i_ >= p_.size()) {
      ok_ = false;
      return {};
    }
    ++i_;
    run_ = negated || !kind ? RunKind::kNone : *kind;
    return {1, kAnyCharacter};
  }

  // The run kind of the escape at i_ if it is a class or a single character (\p{L}, \s, \d, \t,
  // \.), moving past it; kNone, not moving, for anything else.
  RunKind escape_kind() {
    char e = p_[i_ + 1];
    if (e == 'p') {
      std::size_t end = i_ + 2 < p_.size() && p_[i_ + 2] == '{' ? p_.find('}', i_) + 1 : i_ + 3;
      if (end == 0 || end > p_.size()) return RunKind::kNone;
      std::string_view name = p_.substr(i_ + 2, end - i_ - 2);
      if (!name.empty() && name.front() == '{') name = name.substr(1, name.size() - 2);
      i_ = end;
      return !name.empty() && std::string_view("LMN").find(name.front()) != std::string_view::npos
                 ? RunKind::kLetter
                 : RunKind::kNone;
    }
    if (std::string_view("stnrf").find(e) != std::string_view::npos) {
      i_ += 2;
      return RunKind::kSpace;
    }
    if (e == 'd') {  // (\w also matches '_', outside every run kind)
      i_ += 2;
      return RunKind::kLetter;
    }
    if (std::ispunct(static_cast<unsigned char>(e))) {
      i_ += 2;
      return kind_of(static_cast<unsigned char>(e));
    }
    return RunKind::kNone;
  }

  static RunKind kind_of(UChar32 c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return RunKind::kSpace;
    if (c >= 0 && is_letter(static_cast<char32_t>(c))) return RunKind::kLetter;
    return c >= 0 && in_word_run(static_cast<char32_t>(c)) ? RunKind::kWord : RunKind::kNone;
  }

  Length escape() {
    if (i_ + 1 >= p_.size()) {
      ok_ = false;
      return {};
    }
    char e = p_[i_ + 1];
    if (e == 'Q' || e == 'C' || e == 'X') {  // quoted runs, single bytes: not followed
      ok_ = false;
      return {};
    }
    if (e == 'p' || e == 'P') {
      std::size_t start = i_;
      if (e == 'p') run_ = escape_kind();
      if (i_ == start) {
        std::size_t end = i_ + 2 < p_.size() && p_[i_ + 2] == '{' ? p_.find('}', i_) + 1 : i_ + 3;
        if (end == 0 || end > p_.size()) {
          ok_ = false;
          return {};
        }
        i_ = end;
      }
      return {1, kAnyCharacter};
    }
    if (e == 'x') {
      std::size_t start = i_ + 2;
      std::size_t end = start < p_.size() && p_[start] == '{' ? p_.find('}', start) + 1 : start + 2;
      if (end == 0 || end > p_.size()) {
        ok_ = false;
        return {};
      }
      std::string hex(p_.substr(start, end - start));
      if (!hex.empty() && hex.front() == '{') hex = hex.substr(1, hex.size() - 2);
      i_ = end;
      auto ch = static_cast<UChar32>(std::strtol(hex.c_str(), nullptr, 16));
      return {1, longest_spelling(ch, folded_.back())};
    }
    if (static_cast<unsigned char>(e) >= 0x80) {  // an escaped non-ASCII character stands for itself
      ++i_;
      UChar32 ch = next_code_point();
      run_ = kind_of(ch);
      return {1, longest_spelling(ch, folded_.back())};
    }
    if (std::string_view("bBAz").find(e) != std::string_view::npos) {  // assertions
      i_ += 2;
      return {0, 0};
    }
    if (std::isdigit(static_cast<unsigned char>(e))) {  // \0 and octal escapes, \1.. (refused by RE2)
      ok_ = false;
      return {};
    }
    std::size_t start = i_;
    run_ = escape_kind();  // \s \d \w \t \n \. \-
    if (i_ == start) i_ += 2;
    if (std::string_view("dDsSwW").find(e) != std::string_view::npos) return {1, kAnyCharacter};
    // "\n" "\t" "\." "\-": one ASCII character (a letter's case variants when folded)
    return {1, longest_spelling(static_cast<unsigned char>(e), folded_.back() && std::isalpha(e))};
  }

  std::string_view p_;
  std::size_t i_ = 0;
  std::vector<bool> folded_;
  RunKind run_ = RunKind::kNone;  // of the atom just read
  bool ok_ = true;
};

}  // namespace

std::optional<MatchReach> match_reach(std::string_view pattern) {
  auto length = ReachWalk(pattern).run();
  if (!length || length->min == 0 || length->max >= kUnbounded || length->space_runs >= kUnbounded ||
      length->letter_runs >= kUnbounded || length->word_runs >= kUnbounded)
    return std::nullopt;
  return MatchReach{length->max, length->space_runs, length->letter_runs, length->word_runs};
}

bool starts_each_line(std::string_view pattern) {
  constexpr std::string_view kOpening = "(?m)^";
  if (pattern.substr(0, kOpening.size()) != kOpening) return false;
  int depth = 0;
  bool in_class = false, class_start = false;
  for (std::size_t i = kOpening.size(); i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {  // an escaped character, and \Q...\E (not followed: refused)
      if (i + 1 < pattern.size() && pattern[i + 1] == 'Q') return false;
      ++i;
      class_start = false;
      continue;
    }
    if (in_class) {
      if (c == ']' && !class_start) in_class = false;
      class_start = class_start && c == '^';
      continue;
    }
    if (c == '[') in_class = class_start = true;
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == '|' && depth == 0) return false;
  }
  return depth == 0 && !in_class;
}

bool is_letter(char32_t c) {
  const auto mask = U_GET_GC_MASK(static_cast<UChar32>(c));
  return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

bool in_word_run(char32_t c) {
  return c == '\'' || c == U'\u2019' || c == '.' || c == '&' || c == '-' || is_letter(c);
}

Runs longest_runs(std::string_view text) {
  Runs longest;
  std::size_t space = 0, letter = 0, word = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    const auto n = static_cast<std::size_t>(i - start);
    const bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    space = is_space ? space + n : 0;
    letter = c >= 0 && is_letter(static_cast<char32_t>(c)) ? letter + n : 0;
    word = c >= 0 && !is_space && in_word_run(static_cast<char32_t>(c)) ? word + n : 0;
    longest.space = std::max(longest.space, space);
    longest.letter = std::max(longest.letter, letter);
    longest.word = std::max(longest.word, word);
  }
  return longest;
}

}  // namespace thidua
