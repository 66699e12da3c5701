#include "utf8.h"

#include <unicode/utf8.h>

#include <cstdint>

namespace thidua {

void append_utf8(std::string& out, char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  const auto byte = [&](char32_t v) { out.push_back(static_cast<char>(static_cast<unsigned char>(v))); };
  if (c < 0x80) {
    byte(c);
  } else if (c < 0x800) {
    byte(0xC0 | (c >> 6));
    byte(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    byte(0xE0 | (c >> 12));
    byte(0x80 | ((c >> 6) & 0x3F));
    byte(0x80 | (c & 0x3F));
  } else {
    byte(0xF0 | (c >> 18));
    byte(0x80 | ((c >> 12) & 0x3F));
    byte(0x80 | ((c >> 6) & 0x3F));
    byte(0x80 | (c & 0x3F));
  }
}

std::size_t utf8_sequence_at(std::string_view text, std::size_t pos) {
  // ICU's U8_NEXT decides well-formedness (overlong forms, surrogates and values past U+10FFFF are not)
  auto i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return c < 0 ? 0 : static_cast<std::size_t>(i) - pos;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_sequence_at(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

namespace {

// text with each byte that starts no well-formed sequence replaced by what `bad` makes of it, and each
// well-formed sequence by what `good` makes of it.
template <typename Bad, typename Good>
std::string rewrite(std::string_view text, Bad bad, Good good) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_sequence_at(text, i);
    if (n == 0) {
      bad(out, static_cast<unsigned char>(text[i]));
      ++i;
    } else {
      good(out, text.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::string(text);
  return rewrite(
      text, [](std::string& out, unsigned char) { out += "\xEF\xBF\xBD"; },
      [](std::string& out, std::string_view seq) { out.append(seq); });
}

std::string escape_invalid_utf8(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  return rewrite(
      text,
      [](std::string& out, unsigned char b) {
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 15];
      },
      [](std::string& out, std::string_view seq) { out.append(seq == "\\" ? "\\\\" : seq); });
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (char ch : text) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

}  // namespace thidua
