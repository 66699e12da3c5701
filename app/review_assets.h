// The review page's stylesheet and script (app/review/*), compiled in (generated source).
#pragma once

#include <map>
#include <string>

namespace thidua {

// File name ("review.js") -> content.
const std::map<std::string, std::string>& builtin_review_assets();

}  // namespace thidua
