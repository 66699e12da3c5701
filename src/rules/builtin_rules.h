// The rules/ directory as it was at build time, compiled into the binary (generated sources).
#pragma once

#include <map>
#include <string>

namespace thidua {

// Path relative to rules/ -> file content.
const std::map<std::string, std::string>& builtin_rule_files();

struct LiteralFilter;
// The literal filter of those rules (RuleSet::derive_literal_filter), written by tools/gen_filter.cc.
const LiteralFilter& builtin_literal_filter();

}  // namespace thidua
