// Which of a fixed set of literal strings occur in a text, in one pass (Aho-Corasick over bytes).
//
// The rule set uses it to find the literal "atoms" RE2's FilteredRE2 derives from the patterns, so that
// only rules whose atoms are present get searched. Matching ignores case as RE2's (?i) does: the
// literals (given in lower case, as FilteredRE2 gives them) and the text are case-folded code point by
// code point (simple folding), the text as it is read, so no folded copy of it is made.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace thidua {

class LiteralMatcher {
 public:
  explicit LiteralMatcher(const std::vector<std::string>& lowercase_literals);

  // Where a literal occurs: the byte of `text` just past the character that completes it.
  struct Occurrence {
    int literal;
    std::size_t end;
  };
  // The index of every literal that occurs in `text` (ignoring case), each once, in ascending order; with
  // `where`, also every occurrence, in text order.
  std::vector<int> find_all(std::string_view text, std::vector<Occurrence>* where = nullptr) const;

 private:
  std::size_t literal_count_ = 0;
  std::array<std::uint8_t, 256> byte_class_{};  // bytes that occur in no literal share class 0
  std::size_t classes_ = 1;
  std::vector<std::uint32_t> next_;        // state * classes_ + class -> (next state << 1) | reports literals
  std::vector<std::vector<int>> outputs_;  // per state: literals ending here (suffix links folded in)
  // Case fold of every code point below kLowerTableSize (Latin, Vietnamese), looked up without ICU.
  static constexpr std::uint32_t kLowerTableSize = 0x2000;
  static constexpr std::uint16_t kNotInTable = 0xFFFF;  // ask ICU
  std::vector<std::uint16_t> lower_;
};

}  // namespace thidua
