#include "thidua/offset_map.h"

#include <catch2/catch.hpp>
#include <cstdint>

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

TEST_CASE("an input range maps forward to what it became", "[offsets]") {
  // "ab" kept, "&amp;" -> "&", "<b>" deleted, "cd" kept, "é" inserted before the end.
  OffsetMap m;
  m.keep(2);
  m.replace(5, 1);
  m.replace(3, 0);
  m.keep(2);
  m.replace(0, 2);
  CHECK(m.to_output({0, 2}) == ByteRange{0, 2});
  CHECK(m.to_output({2, 7}) == ByteRange{2, 3});    // the entity is the "&"
  CHECK(m.to_output({3, 5}) == ByteRange{2, 3});    // inside it: widened to its output
  CHECK(m.to_output({10, 11}) == ByteRange{3, 4});  // after the deleted tag
  CHECK(m.to_output({10, 12}) == ByteRange{3, 7});  // text inserted where a range ends joins it
  CHECK(m.to_output({7, 10}) == ByteRange{3, 3});   // the deleted tag alone became nothing
  CHECK(m.to_output({0, 50}) == ByteRange{0, 7});   // clamped
}

// Property: for every range of an output, its input range maps forward to a range that maps back to the
// same input range (forward then back is exact on what to_input can give). For one map: through a chain,
// widening at one stage can cross a boundary of the next, and the corpus test checks the real chain.
TEST_CASE("to_output inverts to_input on every range of random maps", "[offsets]") {
  std::uint32_t seed = 12345;
  auto next = [&](std::uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return static_cast<std::size_t>((seed >> 8) % n);
  };
  for (int round = 0; round < 500; ++round) {
    OffsetMap m;
    for (int k = 0; k < 16; ++k) {
      if (next(2))
        m.keep(1 + next(4));
      else
        m.replace(next(4), next(4));
    }
    std::size_t out = m.output_size();
    for (std::size_t i = 0; i <= out; ++i)
      for (std::size_t j = i; j <= out; ++j) {
        ByteRange in = m.to_input({i, j});
        INFO("round " << round << " range " << i << ".." << j);
        CHECK(m.to_input(m.to_output(in)) == in);
      }
  }
}
