// Small UTF-8 helpers shared by the layers that rebuild text.
#pragma once

#include <string>
#include <string_view>

namespace thidua {

// Appends the UTF-8 form of `c`; a value that is not a Unicode scalar value appends U+FFFD.
void append_utf8(std::string& out, char32_t c);

// The length of the well-formed UTF-8 sequence at text[pos] (1 to 4), or 0 if none starts there.
std::size_t utf8_sequence_at(std::string_view text, std::size_t pos);
bool is_valid_utf8(std::string_view text);
// Characters (code points) in valid UTF-8: the bytes that start one.
std::size_t utf8_length(std::string_view text);
// text with every byte that is not part of a well-formed sequence replaced by U+FFFD: what every
// output stream carries, whatever reached it.
std::string valid_utf8(std::string_view text);
// text with every such byte written as \xHH and every backslash doubled: an exact, reversible form of a
// name that is not UTF-8 (a file name from an old archive).
std::string escape_invalid_utf8(std::string_view text);

}  // namespace thidua
