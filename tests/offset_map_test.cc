#include "thidua/offset_map.h"

#include <catch2/catch.hpp>

using thidua::ByteRange;
using thidua::OffsetChain;
using thidua::OffsetMap;

TEST_CASE("kept text maps one to one", "[offsets]") {
  OffsetMap m;
  m.keep(10);
  CHECK(m.is_identity());
  CHECK(m.to_input({2, 7}) == ByteRange{2, 7});
  CHECK(m.to_input({0, 10}) == ByteRange{0, 10});
  CHECK(m.to_input({8, 50}) == ByteRange{8, 10});  // clamped
}

TEST_CASE("a replaced piece widens ranges that touch its inside", "[offsets]") {
  // "ab" kept, "&amp;" (5 bytes) -> "&" (1 byte), "cd" kept.
  OffsetMap m;
  m.keep(2);
  m.replace(5, 1);
  m.keep(2);
  CHECK_FALSE(m.is_identity());
  CHECK(m.input_size() == 9);
  CHECK(m.output_size() == 5);
  CHECK(m.to_input({2, 3}) == ByteRange{2, 7});  // the "&" is the whole entity
  CHECK(m.to_input({0, 5}) == ByteRange{0, 9});
  CHECK(m.to_input({3, 5}) == ByteRange{7, 9});
  CHECK(m.to_input({0, 2}) == ByteRange{0, 2});
}

TEST_CASE("deleted text belongs to neither neighbour", "[offsets]") {
  // "ab" kept, "<b>" deleted, "cd" kept.
  OffsetMap m;
  m.keep(2);
  m.replace(3, 0);
  m.keep(2);
  CHECK(m.to_input({0, 2}) == ByteRange{0, 2});  // ends before the tag
  CHECK(m.to_input({2, 4}) == ByteRange{5, 7});  // starts after the tag
  CHECK(m.to_input({1, 3}) == ByteRange{1, 6});  // spans it
  CHECK(m.to_input({2, 2}) == ByteRange{5, 5});
}

TEST_CASE("deletion at the very start and end", "[offsets]") {
  OffsetMap m;
  m.replace(3, 0);  // a byte-order mark
  m.keep(4);
  m.replace(2, 0);  // trailing blanks
  CHECK(m.to_input({0, 4}) == ByteRange{3, 7});
  CHECK(m.to_input({4, 4}) == ByteRange{9, 9});
}

TEST_CASE("maps chain from the last stage back to the first", "[offsets]") {
  OffsetMap decode;  // 2-byte characters that became 1-byte ones
  decode.replace(2, 1);
  decode.replace(2, 1);
  decode.replace(2, 1);
  OffsetMap clean;  // middle character deleted
  clean.keep(1);
  clean.replace(1, 0);
  clean.keep(1);
  OffsetChain chain;
  chain.push(decode);
  chain.push(clean);
  CHECK(chain.to_input({0, 2}) == ByteRange{0, 6});
  CHECK(chain.to_input({1, 2}) == ByteRange{4, 6});
  CHECK(chain.to_input({0, 2}, 1) == ByteRange{0, 4});
}
