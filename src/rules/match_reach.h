// How many bytes a match of a pattern (RE2 syntax, macros expanded) can span at most.
//
// The candidate index (rules.cc) searches a rule only in windows around the literals every match of it
// contains: a match holding a literal that ends at byte e lies inside [e - reach, e + reach), so a
// search of those windows finds exactly what a search of the whole text finds. That needs an upper
// bound that is never too small: every character a class, '.', an escape class or a case-insensitive
// literal can match counts as many bytes as its longest spelling (4 for classes, the longest UTF-8 form
// of a letter's case variants: 'k' also matches U+212A KELVIN SIGN, 3 bytes).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace thidua {

// The longest run of white space (RE2's \s: tab, new line, form feed, carriage return, space), of letters
// (letters, marks, digits: is_letter) and of word characters (in_word_run) in a text, in bytes.
struct Runs {
  std::size_t space = 0, letter = 0, word = 0;
};
Runs longest_runs(std::string_view text);  // one pass

// A bound on how many bytes a match spans, given a text's Runs. A repetition with no upper bound ('+',
// '*', '{n,}') of a class inside one of the three (\s, [ \t], \p{L}, [\p{L}\p{N}], [\p{L}\p{N}'’.]: see
// match_reach.cc) matches within one run.
struct MatchReach {
  std::size_t bytes = 0;        // what the rest of the pattern spans at most
  std::size_t space_runs = 0;   // times the longest run of white space
  std::size_t letter_runs = 0;  // ... of letters
  std::size_t word_runs = 0;    // ... of word characters
  std::size_t in(const Runs& runs) const {
    return bytes + space_runs * runs.space + letter_runs * runs.letter + word_runs * runs.word;
  }
};

// nullopt when there is no bound (another repetition with none: "(?:, \p{L}+)*", "[^,.]+"), when a match
// may be empty (its windows would prove nothing), or at syntax this walk does not follow (\Q, \C).
std::optional<MatchReach> match_reach(std::string_view pattern);

// Whether every match starts at a line start: the pattern opens with "(?m)^" and has no other branch at
// its top level ("(?m)^a|b" does not). Such a rule can be tried at each line start alone.
bool starts_each_line(std::string_view pattern);

// Letters, marks and digits (general categories L, M, N).
bool is_letter(char32_t c);
// Word characters: letters and the marks that join a word ("'", "’", ".", "&", "-").
bool in_word_run(char32_t c);

}  // namespace thidua
