// The legacy encodings' byte tables (src/text/encodings/*.txt) as they were at build time, compiled into
// the library (generated source): the text layer's own data, apart from the rules.
#pragma once

#include <map>
#include <string>

namespace thidua {

// File name ("tcvn3.txt") -> content.
const std::map<std::string, std::string>& builtin_encoding_tables();

}  // namespace thidua
