#include "utf8.h"

#include <catch2/catch.hpp>
#include <string>

#include "extract_context.h"

using namespace thidua;

TEST_CASE("UTF-8: well-formed sequences, repair and an exact escaped form", "[utf8]") {
  CHECK(is_valid_utf8("Sở Y tế\xcc\x80"));
  CHECK_FALSE(is_valid_utf8("Sở Y t\xe1\xba"));    // cut inside a character
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // a surrogate
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  CHECK(valid_utf8("Sở Y t\xe1\xba") == "Sở Y t\xef\xbf\xbd\xef\xbf\xbd");
  CHECK(valid_utf8("Khối") == "Khối");
  // every invalid byte escaped, backslashes doubled: two different names never give one form
  CHECK(escape_invalid_utf8("caf\xe9.txt") == "caf\\xE9.txt");
  CHECK(escape_invalid_utf8("a\\xE9") == "a\\\\xE9");
  CHECK(escape_invalid_utf8("a\\xE9") != escape_invalid_utf8("a\xe9"));
}

TEST_CASE("cuts of a value fall on character boundaries", "[utf8]") {
  using extract::char_start_at_or_before;
  using extract::trim;
  std::string t = "vụ\xcc\x80 – x";  // "ụ" then a second tone mark, U+0300 (0xCC 0x80)
  // "–" is E2 80 93: trimming it must not take the 0x80 that ends U+0300
  ByteRange r = trim(t, {0, 6}, "-–");
  CHECK(r.end == 6);
  CHECK(trim(t, {0, t.size() - 2}, "-–").end == 6);
  CHECK(char_start_at_or_before(t, 5) == 4);  // inside U+0300 -> its first byte
  CHECK(char_start_at_or_before(t, 4) == 4);
  CHECK(char_start_at_or_before(t, 2) == 1);  // inside "ụ" (3 bytes from 1)
}
