// What every field extractor shares: the text, the rule matches, the page layout and helpers to turn a
// range of the match text into a value and an `at` span. Internal to the extractors.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalize.h"
#include "rules.h"
#include "thidua/record.h"

namespace thidua::extract {

// A list of words or phrases (a gazetteer's spellings), matched at a position of the match text,
// ignoring case, as whole words.
class PhraseList {
 public:
  PhraseList() = default;
  // The gazetteer's comparison keys (Gazetteer::keys_longest_first, keys_starting_with); not copied.
  explicit PhraseList(const Gazetteer& keys) : keys_(&keys) {}
  // Length in bytes of the longest phrase starting at `pos` and ending at a word edge; 0 if none.
  std::size_t match_at(std::string_view text, std::size_t pos) const;
  bool contains(std::string_view phrase) const;
  // Where the first phrase, in lower case, that follows a space inside r (or at its end) starts, else
  // npos.
  std::size_t find_in(std::string_view text, ByteRange r) const;
  // r cut before the first phrase that follows a space inside it ("tại Hội trường sẽ diễn ra" ->
  // "tại Hội trường"); r if there is none.
  ByteRange cut_before(std::string_view text, ByteRange r) const;
  // Where the last phrase that follows a space in [from, to) starts, else npos.
  std::size_t rfind_in(std::string_view text, ByteRange r) const;
  // Where the phrase that ends r starts (as a whole word), else npos.
  std::size_t ending_at(std::string_view text, ByteRange r) const;
  bool ends(std::string_view text, ByteRange r) const { return ending_at(text, r) != std::string_view::npos; }
  // Whether one of the phrases stands anywhere in r, in any case.
  bool occurs_in(std::string_view text, ByteRange r) const;

 private:
  const Gazetteer* keys_ = nullptr;
};

// "7" -> "07", "007" -> "07": a day or month in figures, as two digits.
std::string two_digits(std::string_view figures);
// "I" / "1" -> 1, ..., "IV" / "4" -> 4: a quarter's number as written after "quý"; 0 if it is none.
int quarter_number(std::string_view written);
// YYYY-MM-DD from a date's parts as written ("2018", "1", "22" -> "2018-01-22").
std::string iso_date(std::string_view year, std::string_view month, std::string_view day);
// Whether the day is in the calendar (year 0: unknown, so 29/2 may be).
bool day_exists(int year, int month, int day);
// The date as YYYY-MM-DD (--MM-DD with no year) if that day exists; else nothing, and a warning in r
// ("30/2/2018", "31/9" are misprints a reader should see, not dates a spreadsheet should move).
std::optional<std::string> calendar_date(Record& r, std::string_view year, std::string_view month,
                                         std::string_view day);

// Case folding of text already in match form.
std::string fold(std::string_view s);
bool is_word_char(std::string_view text, std::size_t pos);  // letter or digit starts at pos
bool starts_upper(std::string_view text, std::size_t pos);
bool starts_lower(std::string_view text, std::size_t pos);
bool has_lower(std::string_view text, ByteRange r);   // a lower-case letter stands in text[r]
bool has_letter(std::string_view text, ByteRange r);  // a letter stands in text[r]
// Letters and digits only, case folded: "VĂN HOÁ - XÃ HỘI" and "Văn hoá-Xã hội" give the same key.
std::string letters_folded(std::string_view text);
// pos, or the nearest position before it where a character starts (never inside a UTF-8 sequence).
std::size_t char_start_at_or_before(std::string_view text, std::size_t pos);
// Number of words in text[r].
std::size_t word_count(std::string_view text, ByteRange r);
// The first n words of r (with the white space after the last of them); r if it has no more.
ByteRange first_words(std::string_view text, ByteRange r, std::size_t n);
// Whether r holds at least n words (n >= 1), counting no further than the nth: asked of long ranges for
// each of many places, it costs the words asked for, not the range's length.
bool has_words(std::string_view text, ByteRange r, std::size_t n);
// r without white space (and the characters in `also`) at its ends.
ByteRange trim(std::string_view text, ByteRange r, std::string_view also = "");
// r cut before the first `cut` that starts inside it (a cut may run past r's end), else r. Looks no
// further than r: cutting a short value must not cost a scan of the whole text.
ByteRange cut_at_first(std::string_view text, ByteRange r, std::string_view cut);

struct Context {
  Context(const NormalizedText& text, const RuleSet& rules);

  const NormalizedText& text;
  const RuleSet& rules;
  std::string_view t;  // the match text
  DocumentMatcher matcher;

  std::vector<ByteRange> lines;         // every line, without its '\n'
  std::vector<ByteRange> sentences;     // of the article, in order
  std::vector<std::size_t> semicolons;  // where each ';' of the text stands, in order (clause_of)
  ByteRange article;                    // the article: site chrome at the end cut off
  mutable std::map<std::string, std::vector<RuleMatch>, std::less<>> article_matches;  // find(field)
  std::vector<bool> chrome_line;                                                       // by line index
  std::optional<std::size_t> title_line, title_line2, published_line;
  std::size_t body_start = 0;  // where the first body sentence starts
  bool footer_found = false;
  bool truncated = false;  // the page ends mid-sentence

  // Word lists from the rules' gazetteers.
  PhraseList titles, units, name_stops, ranks, honorifics, provinces;
  // Any list of rules/lists by its name (one of lists_read(), which `rules check` verifies).
  PhraseList phrases(std::string_view list) const;

  // Matches of a field over the whole article, searched once per document and kept: several
  // extractors ask for the same field (dates, documents).
  const std::vector<RuleMatch>& find(std::string_view field) const;
  std::vector<RuleMatch> find(std::string_view field, ByteRange range) const {
    return matcher.find(field, range);
  }
  // Matches of a field that start at range.begin and end inside it.
  std::vector<RuleMatch> find_at(std::string_view field, ByteRange range) const {
    return matcher.find_at(field, range);
  }

  std::string value(ByteRange r) const;  // display text, white space folded to single spaces
  Span at(ByteRange r) const { return text.to_original(r); }
  std::string_view slice(ByteRange r) const { return t.substr(r.begin, r.size()); }
  std::size_t line_index(std::size_t pos) const;
  ByteRange sentence_of(std::size_t pos) const;
  // The clause around pos: its sentence, cut at ';'.
  ByteRange clause_of(std::size_t pos) const;
  bool in_title(std::size_t pos) const;

 private:
  // The layout, read once by the constructor, step by step.
  struct LineMarks {
    std::vector<bool> date_line;  // opens with a date (within its first four words)
    std::vector<bool> published;  // a publication line
  };
  void split_lines();
  LineMarks mark_lines() const;
  std::size_t find_body(const LineMarks& marks);
  void find_headline(const LineMarks& marks, std::size_t body_line);
  void find_published_line(const LineMarks& marks);
  void find_article_end();
  void split_sentences();
  bool line_runs_on(std::size_t newline) const;
  void find_truncation();
};

// r cut before the first of `cuts` after the last agency name in it that holds "và" ("Sở Giáo dục và Đào
// tạo", "Lao động - Thương binh và Xã hội": rules/lists/joined_names.txt); r if there is none.
ByteRange cut_after_joined_names(const Context& c, const PhraseList& cuts, ByteRange r);

// Whether a match of the "person" rules names a person: not a title read as a name, a province, or a
// place or institution named after a person ("Trường THPT Lê Quý Đôn", "Lăng Chủ tịch Hồ Chí Minh").
bool names_a_person(const Context& c, const RuleMatch& m);

// The extractors, in the order extract_fields runs them.
void extract_layout(Context& c, Record& r);     // title, published, byline
void extract_meeting(Context& c, Record& r);    // date, time of day, type, period, location
void extract_bloc(Context& c, Record& r);       // bloc name, kind, number, province, count, members
void extract_people(Context& c, Record& r);     // people, chairpersons; member roles beside people
void extract_decisions(Context& c, Record& r);  // decisions
void extract_documents(Context& c, Record& r);  // referenced documents

}  // namespace thidua::extract
