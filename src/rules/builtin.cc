// The rules compiled into the binary: rules/ as it was at build time (builtin_rules.cc) with the literal
// filter tools/gen_filter.cc derived from it (builtin_filter.cc), so loading them compiles no pattern.
#include "builtin_rules.h"
#include "rules.h"

namespace thidua {

const LiteralFilter& builtin_literal_filter() {
  static const LiteralFilter filter = [] {
    const BuiltinFilterData& data = builtin_filter_data();
    LiteralFilter f;
    f.atoms.assign(data.atoms, data.atoms + data.atom_count);
    const std::size_t* clause_size = data.clause_sizes;
    const int* atom = data.clause_atoms;
    for (std::size_t i = 0; i < data.need_count; ++i) {
      const BuiltinFilterData::Need& row = data.needs[i];
      LiteralFilter::Need need;
      need.always = row.always;
      need.each_line = row.each_line;
      if (row.has_reach) need.reach = MatchReach{row.bytes, row.space_runs, row.letter_runs, row.word_runs};
      for (std::size_t k = 0; k < row.clauses; ++k, ++clause_size) {
        need.clauses.emplace_back(atom, atom + *clause_size);
        atom += *clause_size;
      }
      f.rules.push_back(std::move(need));
    }
    f.atom_tables = data.atom_tables;
    return f;
  }();
  return filter;
}

RuleSet RuleSet::load_builtin(std::vector<Status>& errors) {
  LoadOptions options;
  options.filter = &builtin_literal_filter();
  return load(builtin_rule_files(), errors, options);
}

}  // namespace thidua
