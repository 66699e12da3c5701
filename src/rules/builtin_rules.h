// The rules/ directory as it was at build time, compiled into the binary (generated sources).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "literal_matcher.h"

namespace thidua {

// Path relative to rules/ -> file content.
const std::map<std::string, std::string>& builtin_rule_files();

struct LiteralFilter;
// The literal filter of those rules (RuleSet::derive_literal_filter), unpacked once from the tables
// below.
const LiteralFilter& builtin_literal_filter();

// The same filter as tools/gen_filter.cc writes it: flat arrays, which compile in moments (as nested
// initializer lists of strings and vectors, the file took two minutes under the sanitizers).
struct BuiltinFilterData {
  struct Need {  // LiteralFilter::Need, its clauses taken in turn from clause_sizes / clause_atoms
    bool always;
    bool each_line;
    bool has_reach;
    std::size_t bytes, space_runs, letter_runs, word_runs;  // MatchReach, when has_reach
    std::size_t clauses;
  };
  const std::string_view* atoms;
  std::size_t atom_count;
  const Need* needs;
  std::size_t need_count;
  const std::size_t* clause_sizes;  // atoms per clause
  const int* clause_atoms;          // every clause's atoms, one clause after another
  const LiteralMatcher::Tables* atom_tables;
};
const BuiltinFilterData& builtin_filter_data();

}  // namespace thidua
