// Rule sets: patterns kept as data in rules/*.rules, compiled with RE2, with their own examples.
//
// A rule file holds sub-pattern definitions, gazetteer lists and rules:
//
//   define DAY = 0?[1-9]|[12][0-9]|3[01]        # {DAY} in a pattern stands for (?:this)
//   list provinces = lists/provinces.txt         # {@provinces} stands for every spelling in the list
//   rule date.numeric                            # names are unique across all files
//     field: meeting.date                        # which extractor uses the rule
//     priority: 10                               # higher wins where extractors must choose
//     value: so_ket                              # optional constant the rule stands for
//     captures: day month year                   # the pattern's named groups, exactly
//     pattern: (?P<day>{DAY})/(?P<month>{MONTH})/(?P<year>{YEAR})
//     match: ngày 17/8/2018 => day=17 | month=8 | year=2018
//     reject: số 08/KH-UBND
//
// Patterns and examples are written in ordinary Vietnamese; both are put in the match form (NFC,
// canonical tone placement) when loaded, so either tone style may be used. Every file is validated
// before any input is read, and all errors are reported together.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "literal_matcher.h"
#include "match_reach.h"
#include "thidua/offset_map.h"
#include "thidua/status.h"

namespace thidua {

struct Rule {
  std::string name;
  std::string field;
  std::string value;
  int priority = 0;
  std::vector<std::string> captures;
  std::string pattern;         // as written
  bool leading_edge = false;   // starts with {NB}: the edge character is not part of the match
  bool trailing_edge = false;  // ends with {NA}
  std::string expanded;        // sub-patterns and lists substituted, in match form
  std::string file;
  int line = 0;
  struct Example {
    std::string text;
    bool must_match = true;
    std::vector<std::pair<std::string, std::string>> expect;  // group -> value
    int line = 0;
  };
  std::vector<Example> examples;
};

struct RuleMatch {
  const Rule* rule = nullptr;
  ByteRange span;
  std::vector<std::optional<ByteRange>> groups;  // in the order of rule->captures
  // The named group's range, if the group took part in the match.
  std::optional<ByteRange> group(std::string_view name) const;
};

// A match as a search found it: `raw` includes the word-edge characters that `match.span` leaves out
// (a search resumes after `raw`).
struct ScannedMatch {
  ByteRange raw;
  RuleMatch match;
};

// A gazetteer: each entry has a standard spelling and variants; lookups ignore case, tone style and
// white space.
class Gazetteer {
 public:
  void add(std::string standard, std::vector<std::string> spellings);
  std::optional<std::string> standard_of(std::string_view text) const;
  const std::vector<std::string>& spellings() const { return all_spellings_; }
  // Every spelling's comparison key (match form, case-folded), longest first: for phrase lookups.
  const std::vector<std::string>& keys_longest_first() const { return keys_; }
  // The same keys parted by their first byte, each part in the same order: a lookup at a position
  // compares only the keys that can start there.
  const std::vector<std::string>& keys_starting_with(unsigned char byte) const {
    return by_first_byte_[byte];
  }

 private:
  std::map<std::string, std::string> by_key_;
  std::vector<std::string> all_spellings_;
  std::vector<std::string> keys_;
  std::array<std::vector<std::string>, 256> by_first_byte_;
};

// What the literal pass needs, computed ahead: the literal atoms (lower case) and, per rule, which of
// them any match of the rule contains. The built-in rules carry one, generated at build time from their
// own patterns (tools/gen_filter.cc), so that loading them compiles no pattern at all.
struct LiteralFilter {
  struct Need {
    bool always = false;                    // no literal is known that every match contains
    std::vector<std::vector<int>> clauses;  // every match contains an atom of each clause
    std::optional<MatchReach> reach;        // how far a match spans (match_reach.h); nullopt: no bound
    bool each_line = false;                 // every match starts a line (starts_each_line)
  };
  std::vector<std::string> atoms;
  std::vector<Need> rules;  // parallel to RuleSet::rules()
  // The automaton that finds the atoms, built from them ahead of time (the built-in rules'); null: built
  // at load.
  const LiteralMatcher::Tables* atom_tables = nullptr;
};

struct LoadOptions {
  // Compile with narrow classes where the patterns allow (narrow_classes.h; the same matches); false only
  // to compare the two.
  bool narrow = true;
  // Precomputed for these very files: then every pattern is compiled only when a document first needs
  // it, and not checked at load (the built-in rules are checked by the tests).
  const LiteralFilter* filter = nullptr;
};

class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  // `files`: path relative to the rules directory -> content. Every *.rules file is loaded; lists name
  // other files of the map. On failure, `errors` holds every problem found (file, line, rule).
  static RuleSet load(const std::map<std::string, std::string>& files, std::vector<Status>& errors,
                      const LoadOptions& options = {});
  static RuleSet load_directory(const std::string& dir, std::vector<Status>& errors,
                                const LoadOptions& options = {});
  // The rules compiled into the binary (a copy of rules/ at build time).
  static RuleSet load_builtin(std::vector<Status>& errors);

  const std::vector<Rule>& rules() const;
  // Whether the patterns were compiled with narrow classes (see LoadOptions).
  bool uses_narrow_classes() const;
  // The rules whose patterns name a character the scan copy would replace (narrow_classes.h): any one of
  // them keeps the whole set's classes as written, which makes every search slower.
  std::vector<const Rule*> rules_keeping_wide_classes() const;
  // The literal filter of this set, derived rule by rule (what tools/gen_filter.cc writes out).
  LiteralFilter derive_literal_filter() const;
  const Rule* find(std::string_view name) const;
  // The rules of one field, by index into rules(), in file order.
  const std::vector<std::size_t>& rules_of(std::string_view field) const;
  const Gazetteer* gazetteer(std::string_view name) const;

  // Which rules may match somewhere in `text`, by index into rules(): every rule that does match, and
  // some that turn out not to (one pass for the literals that the patterns require, see rules.cc).
  std::vector<bool> rules_matching(std::string_view text) const;
  // The same, with where each literal of the precomputed filter occurs (none without one).
  std::vector<bool> rules_matching(std::string_view text,
                                   std::vector<LiteralMatcher::Occurrence>& where) const;
  // The precomputed filter the set was loaded with, if any.
  const LiteralFilter* literal_filter() const;
  // Rules loaded with a precomputed filter are compiled when a document first needs them; with `threads`
  // above 1, the ones a document may need are compiled up front on that many threads (the first
  // document of a run, which compiles dozens, is most of a one-file run). Set before the set is shared.
  void set_compile_threads(unsigned threads);

  // Runs every rule's examples; returns one Status per failure.
  std::vector<Status> check_examples() const;

  // All non-overlapping matches of one rule in text[range], left to right.
  std::vector<RuleMatch> matches(const Rule& rule, std::string_view text, ByteRange range) const;
  std::vector<RuleMatch> matches(const Rule& rule, std::string_view text) const {
    return matches(rule, text, {0, text.size()});
  }
  // The match of a rule that starts at range.begin and ends inside `range`, if there is one: the match a
  // search of the range finds first whenever one starts there (unless a match starting a character
  // earlier runs into the range and hides it), found by an anchored search, whose automaton stays
  // small however many places in the text could start a match.
  std::optional<RuleMatch> match_at(const Rule& rule, std::string_view text, ByteRange range) const;
  // The search behind matches(): every match in text[from, to) with its raw span, unfiltered; with
  // `anchored`, only the one that starts at `from`.
  std::vector<ScannedMatch> scan(const Rule& rule, std::string_view text, std::size_t from, std::size_t to,
                                 bool anchored = false) const;

  struct Impl;

 private:
  friend class RuleSetLoader;
  friend class DocumentMatcher;
  // Compiles the programs of the rules in `wanted` (by index) that are not compiled yet, on the compile
  // threads (set_compile_threads); nothing with one thread.
  void compile_ahead(const std::vector<bool>& wanted) const;
  // The text the patterns search: `text`, or its scan copy in `storage` (narrow_classes.h). Offsets
  // are the same in both. The *_prepared searches take a prepared text.
  std::string_view prepare(std::string_view text, std::string& storage) const;
  // `windows` (sorted, disjoint): search only there, for a rule every match of which lies inside one
  // (the candidate index, DocumentMatcher::windows).
  // `line_starts` (sorted): try only there, anchored, for a rule every match of which starts a line.
  std::vector<ScannedMatch> scan_prepared(const Rule& rule, std::string_view text, std::size_t from,
                                          std::size_t to, bool anchored = false,
                                          const std::vector<ByteRange>* windows = nullptr,
                                          const std::vector<std::size_t>* line_starts = nullptr) const;
  std::optional<RuleMatch> match_at_prepared(const Rule& rule, std::string_view text, ByteRange range) const;
  std::vector<RuleMatch> matches_prepared(const Rule& rule, std::string_view text, ByteRange range) const;
  std::unique_ptr<Impl> impl_;
};

// One document's view of a rule set: a single pass over the text finds which rules may fire anywhere
// in it; only those are searched, per field, and a rule asked for in several ranges is searched once.
class DocumentMatcher {
 public:
  DocumentMatcher(const RuleSet& rules, std::string_view text);
  DocumentMatcher(const DocumentMatcher&) = delete;  // scan_text_ may point into scan_storage_
  DocumentMatcher& operator=(const DocumentMatcher&) = delete;
  // Matches of every rule of `field` inside `range`, ordered by position (then priority, highest first).
  std::vector<RuleMatch> find(std::string_view field, ByteRange range) const;
  std::vector<RuleMatch> find(std::string_view field) const { return find(field, {0, text_.size()}); }
  // The matches of `field` that start at range.begin and end inside `range` (RuleSet::match_at), by
  // priority.
  std::vector<RuleMatch> find_at(std::string_view field, ByteRange range) const;
  std::string_view text() const { return text_; }
  const RuleSet& rules() const { return rules_; }
  // How the whole-text searches went so far: rules searched everywhere, rules searched only in their
  // candidate windows (and the bytes those windows held), rules tried only at line starts.
  struct SearchStats {
    std::size_t everywhere = 0, windowed = 0, window_bytes = 0, line_starts = 0;
  };
  const SearchStats& stats() const { return stats_; }

 private:
  bool from_whole_text(const Rule& rule, ByteRange range, std::vector<RuleMatch>& out) const;
  // Where rule `index` can match, if the candidate index bounds it: see rules.cc.
  std::optional<std::vector<ByteRange>> windows(std::size_t index) const;

  const RuleSet& rules_;
  std::string_view text_;
  std::string scan_storage_;
  std::string_view scan_text_;  // what the rules search (RuleSet::prepare)
  std::vector<bool> may_fire_;
  // Where each literal of the filter occurs, in text order: literal a's ends are
  // occurrence_ends_[occurrence_start_[a] .. occurrence_start_[a + 1]) (one array for all: a vector per
  // literal was a hundred allocations a document).
  std::vector<std::size_t> occurrence_start_;
  std::vector<std::size_t> occurrence_ends_;
  std::size_t occurrence_count(int literal) const {
    const auto a = static_cast<std::size_t>(literal);
    return occurrence_start_[a + 1] - occurrence_start_[a];
  }
  mutable std::optional<Runs> runs_;  // of the text (match_reach.h), once a window needs them
  mutable SearchStats stats_;
  mutable std::vector<std::size_t> line_starts_;  // of the text, once a rule needs them
  // A rule's whole-text search, with the furthest resume position and raw end of its first k+1 matches
  // (so that whether an earlier match reaches into a range is one look-up).
  struct WholeTextScan {
    std::vector<ScannedMatch> matches;
    std::vector<std::size_t> resume_reach, raw_reach;
  };
  mutable std::vector<std::optional<WholeTextScan>> whole_text_;  // per rule, once asked
};

}  // namespace thidua
