#include "extract_context.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>

#include "utf8.h"

namespace thidua::extract {

std::string two_digits(std::string_view figures) {
  int v = 0;
  for (char ch : figures)
    if (ch >= '0' && ch <= '9') v = v * 10 + (ch - '0');
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v % 100);
  return buf;
}

int quarter_number(std::string_view written) {
  static constexpr std::string_view kRoman[] = {"I", "II", "III", "IV"};
  for (int q = 0; q < 4; ++q)
    if (written == kRoman[q] || (written.size() == 1 && written[0] == '1' + q)) return q + 1;
  return 0;
}

std::string iso_date(std::string_view year, std::string_view month, std::string_view day) {
  return std::string(year) + "-" + two_digits(month) + "-" + two_digits(day);
}

bool day_exists(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  bool leap = year == 0 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
  return !(month == 2 && day == 29 && !leap);
}

std::optional<std::string> calendar_date(Record& r, std::string_view year, std::string_view month,
                                         std::string_view day) {
  const auto number = [](std::string_view s) { return s.empty() ? 0 : std::stoi(std::string(s)); };
  std::string iso = iso_date(year.empty() ? "-" : year, month, day);
  if (day_exists(number(year), number(month), number(day))) return iso;
  r.warnings.push_back({"impossible_date", "no such day as " + std::string(day) + "/" + std::string(month) +
                                               (year.empty() ? "" : "/" + std::string(year)) +
                                               " in the text; the date is left out"});
  return std::nullopt;
}

namespace {

// The case fold of each code point below U+2000 (Latin, Vietnamese, Greek, Cyrillic ...) whose full fold
// is one code point; 0 where it is more ("ß" folds to "ss"), left to ICU. Built once from ICU itself, so
// that fold() gives ICU's result without calling it for ordinary text.
constexpr char32_t kQuickFoldLimit = 0x2000;
const std::vector<char32_t>& quick_folds() {
  static const std::vector<char32_t> table = [] {
    std::vector<char32_t> t(kQuickFoldLimit, 0);
    for (UChar32 c = 1; c < static_cast<UChar32>(kQuickFoldLimit); ++c) {
      char buf[U8_MAX_LENGTH];
      int32_t n = 0;
      U8_APPEND_UNSAFE(buf, n, c);
      const std::string folded = case_fold(std::string_view(buf, static_cast<std::size_t>(n)));
      int32_t i = 0;
      UChar32 f = -1;
      U8_NEXT(reinterpret_cast<const uint8_t*>(folded.data()), i, static_cast<int32_t>(folded.size()), f);
      if (f > 0 && i == static_cast<int32_t>(folded.size()))
        t[static_cast<std::size_t>(c)] = static_cast<char32_t>(f);
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string fold(std::string_view s) {
  const std::vector<char32_t>& table = quick_folds();
  std::string out;
  out.reserve(s.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {  // ASCII folds to lower case
      const char ch = s[static_cast<std::size_t>(i++)];
      out += ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || c >= static_cast<UChar32>(kQuickFoldLimit) || table[static_cast<std::size_t>(c)] == 0)
      return case_fold(s);  // a character only ICU folds (or an ill-formed sequence): all of it by ICU
    char buf[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, table[static_cast<std::size_t>(c)]);
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

namespace {

// A line of Chinese or Japanese script (a scraper's metadata), never a Vietnamese headline.
bool has_cjk(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xE4 && b <= 0xE9 && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) return true;
  }
  return false;
}

UChar32 char_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return -1;
  auto i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return c;
}

UChar32 char_before(std::string_view text, std::size_t pos) {
  if (pos == 0 || pos > text.size()) return -1;
  auto i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
  return c;
}

bool letter_or_digit(UChar32 c) { return c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK)); }

}  // namespace

bool is_word_char(std::string_view text, std::size_t pos) { return letter_or_digit(char_at(text, pos)); }

bool starts_lower(std::string_view text, std::size_t pos) {
  UChar32 c = char_at(text, pos);
  return c >= 0 && u_islower(c);
}

bool starts_upper(std::string_view text, std::size_t pos) {
  UChar32 c = char_at(text, pos);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

std::size_t char_start_at_or_before(std::string_view text, std::size_t pos) {
  while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

namespace {

// Whether a character of text[r] satisfies `test` (an ICU property, such as u_islower).
bool any_char(std::string_view text, ByteRange r, UBool (*test)(UChar32)) {
  for (std::size_t i = r.begin; i < r.end && i < text.size();) {
    UChar32 c = char_at(text, i);
    if (c >= 0 && test(c)) return true;
    i += c < 0 ? 1 : static_cast<std::size_t>(U8_LENGTH(c));
  }
  return false;
}

}  // namespace

bool has_lower(std::string_view text, ByteRange r) { return any_char(text, r, u_islower); }
bool has_letter(std::string_view text, ByteRange r) { return any_char(text, r, u_isalpha); }

std::string letters_folded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    UChar32 c = char_at(text, i);
    std::size_t len = c < 0 ? 1 : static_cast<std::size_t>(U8_LENGTH(c));
    if (letter_or_digit(c)) out.append(text.substr(i, len));
    i += len;
  }
  return fold(out);
}

std::size_t word_count(std::string_view text, ByteRange r) {
  std::size_t n = 0;
  bool in_word = false;
  for (std::size_t i = r.begin; i < r.end && i < text.size(); ++i) {
    bool space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

ByteRange first_words(std::string_view text, ByteRange r, std::size_t n) {
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = r.begin; i < r.end && i < text.size(); ++i) {
    bool space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t';
    if (!space && !in_word && words++ == n) return {r.begin, i};
    in_word = !space;
  }
  return r;
}

bool has_words(std::string_view text, ByteRange r, std::size_t n) {
  return first_words(text, r, n - 1).end < r.end;  // the nth word starts inside r
}

ByteRange cut_at_first(std::string_view text, ByteRange r, std::string_view cut) {
  if (r.begin >= r.end || r.begin >= text.size() || cut.empty()) return r;
  const std::size_t at = text.substr(r.begin, r.end - r.begin + cut.size() - 1).find(cut);
  if (at != std::string_view::npos) r.end = r.begin + at;
  return r;
}

ByteRange trim(std::string_view text, ByteRange r, std::string_view also) {
  // `also` is a set of characters, some of several bytes ("–"): each is stripped whole, never a byte
  // of another character that happens to equal one of its bytes (U+0300 ends in 0x80, as "–" holds).
  const auto length_of = [](unsigned char lead) -> std::size_t {
    return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  };
  const auto strip_at_begin = [&](std::size_t pos) -> std::size_t {
    char c = text[pos];
    if (c == ' ' || c == '\n' || c == '\t') return 1;
    for (std::size_t i = 0; i < also.size();) {
      std::size_t n = length_of(static_cast<unsigned char>(also[i]));
      if (pos + n <= r.end && text.compare(pos, n, also.substr(i, n)) == 0) return n;
      i += n;
    }
    return 0;
  };
  const auto strip_at_end = [&](std::size_t end) -> std::size_t {
    char c = text[end - 1];
    if (c == ' ' || c == '\n' || c == '\t') return 1;
    for (std::size_t i = 0; i < also.size();) {
      std::size_t n = length_of(static_cast<unsigned char>(also[i]));
      if (end >= r.begin + n && text.compare(end - n, n, also.substr(i, n)) == 0) return n;
      i += n;
    }
    return 0;
  };
  for (std::size_t n; r.begin < r.end && (n = strip_at_begin(r.begin)) > 0;) r.begin += n;
  for (std::size_t n; r.end > r.begin && (n = strip_at_end(r.end)) > 0;) r.end -= n;
  return r;
}

std::size_t PhraseList::match_at(std::string_view text, std::size_t pos) const {
  if (pos >= text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80)
    return 0;  // mid-character
  if (pos > 0 && letter_or_digit(char_before(text, pos))) return 0;
  if (!keys_ || keys_->keys_longest_first().empty()) return 0;
  // Most places open no phrase: the first character, folded (short: no allocation), names the keys to try.
  const std::string first = fold(text.substr(pos, std::max<std::size_t>(1, utf8_sequence_at(text, pos))));
  if (first.empty()) return 0;
  const auto& keys = keys_->keys_starting_with(static_cast<unsigned char>(first[0]));
  if (keys.empty()) return 0;
  // Fold a window as long as the longest of them (plus slack for case changes in length).
  std::size_t window = keys.front().size() + 8;
  std::size_t end = std::min(text.size(), pos + window);
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  std::string piece = fold(text.substr(pos, end - pos));
  if (piece.empty()) return 0;
  for (const auto& p : keys) {  // (the window's fold opens with the first character's)
    if (piece.compare(0, p.size(), p) != 0) continue;
    // Map the folded length back: case folding keeps Vietnamese letters' byte lengths.
    std::size_t len = p.size();
    if (pos + len <= text.size() && !letter_or_digit(char_at(text, pos + len))) return len;
  }
  return 0;
}

std::size_t PhraseList::find_in(std::string_view text, ByteRange r) const {
  for (std::size_t p = r.begin + 1; p <= r.end && p < text.size(); ++p)
    // a word in lower case after a space (in upper case it belongs to a name: "Ủy viên Dự khuyết")
    if (text[p - 1] == ' ' && !starts_upper(text, p) && match_at(text, p) > 0) return p;
  return std::string_view::npos;
}

ByteRange PhraseList::cut_before(std::string_view text, ByteRange r) const {
  std::size_t p = find_in(text, r);
  if (p != std::string_view::npos) r.end = p - 1;
  return r;
}

std::size_t PhraseList::rfind_in(std::string_view text, ByteRange r) const {
  for (std::size_t p = std::min(r.end, text.size()); p-- > r.begin + 1;)
    if (text[p - 1] == ' ' && match_at(text, p) > 0) return p;
  return std::string_view::npos;
}

std::size_t PhraseList::ending_at(std::string_view text, ByteRange r) const {
  // the phrases are short: only the last few words can end r; the longest ("đảm nhận" over "nhận") wins
  for (std::size_t p = std::max(r.begin, r.end >= 64 ? r.end - 64 : 0); p < r.end; ++p) {
    if (std::size_t len = match_at(text, p); len > 0 && p + len == r.end) return p;  // a whole word
  }
  return std::string_view::npos;
}

bool PhraseList::occurs_in(std::string_view text, ByteRange r) const {
  for (std::size_t p = r.begin; p < r.end; ++p)
    if (std::size_t len = match_at(text, p); len > 0 && p + len <= r.end) return true;
  return false;
}

bool PhraseList::contains(std::string_view phrase) const {
  if (!keys_) return false;
  std::string f = fold(phrase);
  const auto& keys = keys_->keys_longest_first();
  return std::find(keys.begin(), keys.end(), f) != keys.end();
}

namespace {

PhraseList list_of(const RuleSet& rules, std::string_view name) {
  const Gazetteer* g = rules.gazetteer(name);
  return g ? PhraseList(*g) : PhraseList();
}

bool ends_sentence(char c) { return c == '.' || c == '!' || c == '?'; }

// Whether the dot at `dot` closes an abbreviation of the list ("TP.", "PGS."): the word before it, back
// to `from`, is one (one lookup, at the word's start; sentence splitting asks at every full stop).
bool abbreviation_dot(std::string_view t, const PhraseList& abbreviations, std::size_t from,
                      std::size_t dot) {
  std::size_t w = dot;
  while (w > from && letter_or_digit(char_before(t, w))) {  // back over the letters ("PGS-TS." -> "TS")
    --w;
    while (w > from && (static_cast<unsigned char>(t[w]) & 0xC0) == 0x80) --w;
  }
  return w < dot && abbreviations.match_at(t, w) == dot - w;
}

}  // namespace

PhraseList Context::phrases(std::string_view list) const { return list_of(rules, list); }

Context::Context(const NormalizedText& text_, const RuleSet& rules_)
    : text(text_), rules(rules_), t(text_.match()), matcher(rules_, text_.match()) {
  titles = list_of(rules, "titles");
  units = list_of(rules, "units");
  name_stops = list_of(rules, "name_stops");
  ranks = list_of(rules, "ranks");
  honorifics = list_of(rules, "honorifics");
  provinces = list_of(rules, "provinces");
  split_lines();
  // Where the body starts: the first long line that ends a sentence, or any line that opens with a
  // date. The headline, if any, is a line above it.
  const LineMarks marks = mark_lines();
  std::size_t body_line = find_body(marks);
  find_headline(marks, body_line);
  find_published_line(marks);
  find_article_end();
  split_sentences();
  for (std::size_t at = t.find(';'); at != std::string_view::npos; at = t.find(';', at + 1))
    semicolons.push_back(at);
  find_truncation();
}

void Context::split_lines() {
  for (std::size_t b = 0; b <= t.size();) {
    std::size_t e = t.find('\n', b);
    if (e == std::string_view::npos) e = t.size();
    lines.push_back({b, e});
    b = e + 1;
  }
  chrome_line.assign(lines.size(), false);
  for (const auto& m : matcher.find("layout.chrome")) chrome_line[line_index(m.span.begin)] = true;
}

// Which lines open with a date, and which are publication lines.
Context::LineMarks Context::mark_lines() const {
  ByteRange all{0, t.size()};
  LineMarks marks;
  std::vector<bool>& date_line = marks.date_line;
  date_line.assign(lines.size(), false);
  std::vector<std::size_t> text_start(lines.size());  // where a line's text starts, after a scraper's prefix
  for (std::size_t i = 0; i < lines.size(); ++i) text_start[i] = lines[i].begin;
  for (const auto& m : matcher.find("layout.prefix", all)) text_start[line_index(m.span.begin)] = m.span.end;
  // A line opens with a date when at most three words stand before it: where each line's fifth word
  // starts is found once per line (a 16 MB line with a date every few words was quadratic when every
  // date counted the words from the line's start).
  std::vector<std::size_t> fifth_word(lines.size(), std::string_view::npos);
  for (const auto& m : matcher.find("date", all)) {
    auto d = m.group("day");
    if (!d) continue;
    std::size_t li = line_index(d->begin);
    if (d->begin < text_start[li] || date_line[li])
      continue;  // " date 2025-12-07 Cụm thi đua ...": the scraper's, not the page's
    if (fifth_word[li] == std::string_view::npos) {
      ByteRange rest = trim(t, {text_start[li], lines[li].end}, "(-–");
      ByteRange four = first_words(t, rest, 4);
      fifth_word[li] = four.end < rest.end ? four.end : lines[li].end + 1;
    }
    if (d->begin < fifth_word[li]) date_line[li] = true;  // inside the first four words
  }
  marks.published.assign(lines.size(), false);
  for (const auto& m : matcher.find("published", all)) marks.published[line_index(m.span.begin)] = true;
  return marks;
}

// The body starts at the first line that reads as Vietnamese prose: a long sentence, a very long line,
// or a line that opens with the date of an event. Returns that line (lines.size() if none).
std::size_t Context::find_body(const LineMarks& marks) {
  const auto vietnamese = [&](ByteRange l) {
    std::size_t accented = 0;
    for (std::size_t k = l.begin; k < l.end; ++k) accented += static_cast<unsigned char>(t[k]) >= 0xC3;
    return accented >= 3;
  };
  const std::vector<bool>&date_line = marks.date_line, &published = marks.published;
  std::size_t body_line = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    ByteRange l = trim(t, lines[i]);
    if (l.size() == 0 || chrome_line[i] || !vietnamese(l)) continue;
    std::size_t words = word_count(t, l);
    // a short line ending in "..." or followed by the page's date line is a headline, not the body
    bool ellipsis = l.size() >= 3 && (t.substr(l.end - 3, 3) == "..." || t.substr(l.end - 3, 3) == "…");
    std::size_t n = i + 1;
    while (n < lines.size() && trim(t, lines[n]).size() == 0) ++n;
    bool dated_below = n < lines.size() && (published[n] || date_line[n]) && words <= 30;
    bool sentence = ends_sentence(t[l.end - 1]) && words >= 15 && !ellipsis && !dated_below;
    bool long_line = words >= 60;
    if (sentence || long_line || (date_line[i] && !published[i] && words >= 8)) {
      body_line = i;
      break;
    }
  }
  body_start = body_line < lines.size() ? lines[body_line].begin : 0;
  return body_line;
}

// The headline: the last line above the body that can be one (site names and category labels come
// before it). It starts with a capital, does not end a sentence or run on into the next line, and is not
// chrome, a date or the publication line. A line ending with ':' continues on the next one.
void Context::find_headline(const LineMarks& marks, std::size_t body_line) {
  const PhraseList dangling = phrases("dangling_words");
  const PhraseList abbreviations = phrases("abbreviations");
  const std::vector<bool>&date_line = marks.date_line, &published = marks.published;
  const auto next_nonempty = [&](std::size_t i) -> std::optional<std::size_t> {
    for (std::size_t j = i + 1; j < lines.size(); ++j)
      if (trim(t, lines[j]).size() > 0) return j;
    return std::nullopt;
  };
  std::size_t scan_end = body_line < lines.size() ? body_line : std::min<std::size_t>(lines.size(), 6);
  for (std::size_t i = 0; i < scan_end; ++i) {
    ByteRange l = trim(t, lines[i]);
    if (l.size() == 0 || chrome_line[i] || date_line[i] || published[i]) continue;
    if (title_line2 && i == *title_line2) continue;
    // The headline said again further down (pages repeat it above the text, sometimes broken over two
    // lines) is not a new one.
    if (title_line) {
      std::string heading =
          letters_folded(slice({lines[*title_line].begin, lines[title_line2.value_or(*title_line)].end}));
      if (heading.find(letters_folded(slice(l))) != std::string::npos) continue;
    }
    std::size_t words = word_count(t, l);
    char last = t[l.end - 1];
    // A headline may end in "." or "…" when it is short; a longer line ending so is a sentence (so is a
    // short one that ends in an abbreviation's dot, "... TP.").
    bool ends_stop = last == '.' && !(words <= 25 && !abbreviation_dot(t, abbreviations, l.begin, l.end - 1));
    if (words < 5 || words > 60 || ends_stop || last == ',' || last == ';') continue;
    if (!matcher.find("layout.photo_caption", l).empty() || has_cjk(slice(l))) continue;
    std::optional<std::size_t> next = next_nonempty(i);
    // Part of a wrapped paragraph: it runs on into a next line in lower case, or it is such a line.
    if (next && starts_lower(t, trim(t, lines[*next]).begin) && last != ':') continue;
    if (starts_lower(t, l.begin) && i > 0) {
      ByteRange prev{0, 0};
      for (std::size_t j = i; j-- > 0;)
        if (!chrome_line[j] && (prev = trim(t, lines[j])).size() > 0) break;
      if (prev.size() > 0 && (is_word_char(t, prev.end - 1) || t[prev.end - 1] == ',')) continue;
    }
    if (dangling.ends(t, l)) continue;  // "... của", "... có ông": runs on into the next line
    if (last == ':' && next && *next < lines.size() && (body_line >= lines.size() || *next < body_line)) {
      title_line = i;
      title_line2 = *next;
      continue;
    }
    title_line = i;
    title_line2 = std::nullopt;
    // A short page with no line that reads as a paragraph (a lead of one or two short sentences): the
    // first line that can be a headline is one, and the body starts below it.
    if (body_line >= lines.size()) {
      if (auto n = next_nonempty(title_line2.value_or(i))) body_start = lines[*n].begin;
      break;
    }
  }
}

// The first publication line; but one below the headline, where the article's own date stands, wins
// over one above it (the site's clock: "Thứ Sáu, 31/01/2025 23:52" over a page of 2022).
void Context::find_published_line(const LineMarks& marks) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!marks.published[i] || (title_line && i == *title_line)) continue;
    bool above_title = title_line && i < *title_line;
    if (!published_line) published_line = i;
    if (!above_title) {
      if (title_line && *published_line < *title_line) published_line = i;
      break;
    }
  }
}

// The article ends where the page's lists of other articles and comment boxes begin.
void Context::find_article_end() {
  ByteRange all{0, t.size()};
  article = {0, t.size()};
  std::size_t min_footer = title_line ? lines[*title_line].end : body_start;
  for (const auto& m : matcher.find("layout.footer", all)) {
    if (m.span.begin >= min_footer && m.span.begin > body_start) {
      article.end = lines[line_index(m.span.begin)].begin;
      footer_found = true;
      break;
    }
  }
}

// Sentences: end at . ! ? followed by a space or line end, at blank lines, and at line ends, except
// where a hard-wrapped paragraph continues on the next line.
void Context::split_sentences() {
  const PhraseList abbreviations = phrases("abbreviations");
  std::size_t start = article.begin;
  const auto push = [&](std::size_t end) {
    ByteRange s = trim(t, {start, end});
    if (s.size() > 0) sentences.push_back(s);
    start = end;
  };
  for (std::size_t i = article.begin; i < article.end; ++i) {
    char c = t[i];
    // "tại TP. Phú Quốc": an abbreviation's dot before a name on the same line ends no sentence
    bool abbreviation = c == '.' && i + 2 < article.end && t[i + 1] == ' ' && starts_upper(t, i + 2) &&
                        abbreviation_dot(t, abbreviations, article.begin, i);
    // "... kỷ niệm các ngày lễ lớn… Lãnh đạo các đơn vị đã ký": an ellipsis before a capital ends one
    bool ellipsis = c == '\xE2' && t.compare(i, 3, "\u2026") == 0 && i + 4 < article.end && t[i + 3] == ' ' &&
                    starts_upper(t, i + 4);
    if (ellipsis) {
      push(i + 3);
    } else if (ends_sentence(c) && !abbreviation &&
               (i + 1 >= article.end || t[i + 1] == ' ' || t[i + 1] == '\n')) {
      push(i + 1);
    } else if (c == '\n') {
      if (!line_runs_on(i)) push(i);
    }
  }
  push(article.end);
}

// Whether the sentence goes on past the line end at `i`.
bool Context::line_runs_on(std::size_t i) const {
  // a line followed by one this many times longer, opening in upper case, stands alone
  constexpr std::size_t kStandaloneLineRatio = 2;
  const PhraseList dangling = phrases("dangling_words");
  std::size_t li = line_index(i);
  ByteRange prev = trim(t, lines[li]);
  // (a long line: counted in words, since Vietnamese letters take two or three bytes; the headline
  // and the lines above the body never run on into it)
  bool above_body = i < body_start || (title_line && li <= title_line2.value_or(*title_line));
  bool wraps = !above_body && word_count(t, prev) >= 12 &&
               (is_word_char(t, prev.end - 1) || t[prev.end - 1] == ',') && i + 1 < article.end &&
               t[i + 1] != '\n';
  // a line followed by a far longer one opening in upper case stands alone (a photo caption over
  // its paragraph): hard-wrapped lines run to about the same width
  if (wraps && li + 1 < lines.size() && starts_upper(t, i + 1) &&
      word_count(t, lines[li + 1]) > kStandaloneLineRatio * word_count(t, prev))
    wraps = false;
  bool runs_on = dangling.ends(t, prev);  // "... có ông" + newline + the name
  // A hard-wrapped sentence goes on in lower case on the next line ("Tại" / "hội nghị, ...").
  bool continues = prev.size() > 0 && (is_word_char(t, prev.end - 1) || t[prev.end - 1] == ',') &&
                   i + 1 < article.end && is_word_char(t, i + 1) && !starts_upper(t, i + 1) &&
                   !(t[i + 1] >= '0' && t[i + 1] <= '9');
  return !above_body && (wraps || runs_on || continues);
}

// A page cut off mid-sentence: no footer, and the last line runs long with no closing punctuation.
void Context::find_truncation() {
  if (!footer_found) {
    ByteRange last = trim(t, article);
    if (last.size() > 0) {
      ByteRange line = trim(t, lines[line_index(last.end - 1)]);
      std::string_view tail = t.substr(line.end - std::min<std::size_t>(line.size(), 3));
      bool closed = tail.back() == '.' || tail.back() == ')' || tail.back() == '"' || tail.back() == '!' ||
                    tail.back() == '?' || tail == "”" || tail == "…";
      truncated = word_count(t, line) >= 12 && !closed;
    }
  }
}

const std::vector<RuleMatch>& Context::find(std::string_view field) const {
  auto it = article_matches.find(field);
  if (it == article_matches.end())
    it = article_matches.emplace(std::string(field), matcher.find(field, article)).first;
  return it->second;
}

std::string Context::value(ByteRange r) const {
  std::string_view d = text.display_text(r);
  std::string out;
  out.reserve(d.size());
  bool space = false;
  for (char c : d) {
    if (c == ' ' || c == '\n' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::size_t Context::line_index(std::size_t pos) const {
  auto it = std::upper_bound(lines.begin(), lines.end(), pos,
                             [](std::size_t p, const ByteRange& l) { return p < l.begin; });
  return it == lines.begin() ? 0 : static_cast<std::size_t>(it - lines.begin() - 1);
}

ByteRange Context::sentence_of(std::size_t pos) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), pos,
                             [](std::size_t p, const ByteRange& s) { return p < s.begin; });
  if (it == sentences.begin()) return lines[line_index(pos)];
  const ByteRange& s = *(it - 1);
  return pos <= s.end ? s : lines[line_index(pos)];
}

ByteRange Context::clause_of(std::size_t pos) const {
  ByteRange s = sentence_of(pos);
  // (a binary search over the text's ';': a search of the sentence, or of the text, for one it does not
  // hold made every trigger of a long sentence cost its length)
  auto next = std::lower_bound(semicolons.begin(), semicolons.end(), pos);
  if (next != semicolons.begin() && *std::prev(next) >= s.begin && pos > s.begin)
    s.begin = *std::prev(next) + 1;
  if (next != semicolons.end() && *next < s.end && pos < s.end) s.end = *next;
  return trim(t, s);
}

bool Context::in_title(std::size_t pos) const {
  std::size_t li = line_index(pos);
  return (title_line && li == *title_line) || (title_line2 && li == *title_line2);
}

ByteRange cut_after_joined_names(const Context& c, const PhraseList& cuts, ByteRange r) {
  const PhraseList joined = c.phrases("joined_names");
  std::size_t name_end = r.begin;  // the end of the joined names seen so far
  for (std::size_t w = r.begin; w < r.end; ++w)
    if (w == r.begin || c.t[w - 1] == ' ')
      if (std::size_t n = joined.match_at(c.t, w); n > 0) name_end = std::max(name_end, w + n);
  std::size_t p = cuts.find_in(c.t, {std::min(name_end, r.end), r.end});
  return p == std::string_view::npos ? r : ByteRange{r.begin, std::max(r.begin, p - 1)};
}

// Words read as a person's name are none when they open on a title ("các đồng chí Chánh Văn phòng" reads
// "Chánh Văn") or are a province, bare or after a surname-like first word ("Trường Cao đẳng Công nghệ Cao
// Hà Nội" reads "Cao Hà Nội", "Trường Chính trị Ninh Thuận" reads "Ninh Thuận"); nor after a title that
// ends in a place word ("Trường THPT Trần Hưng Đạo", "tỉnh Hà Nam").
bool names_a_person(const Context& c, const RuleMatch& m) {
  const auto name = m.group("name");
  if (!name) return false;
  if (c.phrases("not_persons").contains(c.slice(*name))) return false;  // "Lăng Chủ tịch Hồ Chí Minh"
  if (c.titles.match_at(c.t, name->begin) > 0 || c.provinces.contains(c.slice(*name))) return false;
  std::size_t space = c.slice(*name).find(' ');
  if (space != std::string_view::npos &&
      c.provinces.contains(c.slice(trim(c.t, {name->begin + space, name->end}))))
    return false;
  if (const auto title = m.group("title"))
    for (const auto& w : c.find("person.named_place", {title->begin, name->begin}))
      if (trim(c.t, {w.span.end, name->begin}).size() == 0) return false;
  return true;
}

}  // namespace thidua::extract
