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

  // The automaton's tables, as tools/gen_filter.cc writes them into the binary for the built-in rules: a
  // matcher made from them uses them in place. Built at start-up, the transition table (2.4 MB for the
  // built-in rules) was a third of a one-file run, nearly all of it the kernel faulting fresh pages in;
  // compiled in, it is read-only data the kernel maps as it is touched.
  struct Tables {
    std::size_t literal_count = 0;
    std::array<std::uint8_t, 256> byte_class{};  // bytes that occur in no literal share class 0
    std::size_t classes = 1;
    // state * classes + class -> (next state << 1) | whether that state reports literals
    const std::uint32_t* next = nullptr;
    std::size_t next_size = 0;
    // the literals state s reports (suffix links folded in): output_ids[output_start[s] .. output_start[s+1])
    const std::uint32_t* output_start = nullptr;  // states + 1 entries
    const std::int32_t* output_ids = nullptr;
    std::size_t output_ids_size = 0;
  };
  explicit LiteralMatcher(const Tables& precomputed);
  const Tables& tables() const { return tables_; }

  LiteralMatcher(const LiteralMatcher&) = delete;  // tables_ may point into this object's own vectors
  LiteralMatcher& operator=(const LiteralMatcher&) = delete;

  // Where a literal occurs: the byte of `text` just past the character that completes it.
  struct Occurrence {
    int literal;
    std::size_t end;
  };
  // The index of every literal that occurs in `text` (ignoring case), each once, in ascending order; with
  // `where`, also every occurrence, in text order.
  std::vector<int> find_all(std::string_view text, std::vector<Occurrence>* where = nullptr) const;

 private:
  // The construction's steps: the trie in next_ (returning each state's literals), then the failure links
  // folded into next_ (adding the literals each state inherits).
  std::vector<std::vector<int>> build_trie(const std::vector<std::string>& literals);
  void add_failure_links(std::vector<std::vector<int>>& outputs);
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFF;  // no transition yet (during construction)

  Tables tables_;
  // The tables' storage when built here (empty when they are compiled in).
  std::vector<std::uint32_t> next_;
  std::vector<std::uint32_t> output_start_;
  std::vector<std::int32_t> output_ids_;
};

}  // namespace thidua
