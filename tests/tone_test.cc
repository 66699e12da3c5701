#include "tone.h"

#include <catch2/catch.hpp>

using thidua::ByteRange;
using thidua::canonicalize_tones;
using thidua::OffsetMap;

TEST_CASE("tone canonicalisation rewrites whole words and maps them", "[tone]") {
  OffsetMap map;
  std::string in = "Lê Thị Thuỷ, hoà";
  std::string out = canonicalize_tones(in, &map);
  CHECK(out == "Lê Thị Thủy, hòa");
  CHECK(map.input_size() == in.size());
  CHECK(map.output_size() == out.size());
  auto at = out.find("Thủy");
  CHECK(map.to_input({at, at + std::string("Thủy").size()}) == ByteRange{in.find("Thuỷ"), in.find(",")});
}

TEST_CASE("canonical text is a fixed point", "[tone]") {
  for (std::string s : {"Hòa Thủy khỏe đạo người quý già gìn hoàng ngoài khuỷu", "HÒA THỦY", "café"}) {
    OffsetMap map;
    CHECK(canonicalize_tones(s, &map) == s);
    CHECK(map.is_identity());
  }
}

TEST_CASE("both placements meet", "[tone]") {
  const char* pairs[][2] = {{"hoà", "hòa"}, {"thuỷ", "thủy"}, {"khoẻ", "khỏe"}, {"đaọ", "đạo"},
                            {"Uỷ", "Ủy"},   {"hoá", "hóa"},   {"loà", "lòa"},   {"tuỳ", "tùy"}};
  for (auto& p : pairs) CHECK(canonicalize_tones(p[0]) == canonicalize_tones(p[1]));
}
