// The rules compiled into the binary: rules/ as it was at build time (builtin_rules.cc) with the literal
// filter tools/gen_filter.cc derived from it (builtin_filter.cc), so loading them compiles no pattern.
#include "builtin_rules.h"
#include "rules.h"

namespace thidua {

RuleSet RuleSet::load_builtin(std::vector<Status>& errors) {
  LoadOptions options;
  options.filter = &builtin_literal_filter();
  return load(builtin_rule_files(), errors, options);
}

}  // namespace thidua
