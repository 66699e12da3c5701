// The rules/ directory as it was at build time, compiled into the binary (generated source).
#pragma once

#include <map>
#include <string>

namespace thidua {

// Path relative to rules/ -> file content.
const std::map<std::string, std::string>& builtin_rule_files();

}  // namespace thidua
