// Small UTF-8 helpers shared by the layers that rebuild text.
#pragma once

#include <string>

namespace thidua {

// Appends the UTF-8 form of `c`; a value that is not a Unicode scalar value appends U+FFFD.
void append_utf8(std::string& out, char32_t c);

}  // namespace thidua
