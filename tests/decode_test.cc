#include "decode.h"

#include <catch2/catch.hpp>

#include "pipeline.h"
#include "test_support.h"

using namespace thidua;
using thidua::test::read_file;
using thidua::test::source_path;

namespace {

std::string fixture(const std::string& name) {
  return read_file(source_path("tests/data/encodings/" + name));
}

NormalizedText load(const std::string& bytes, Encoding e = Encoding::kAuto) {
  auto t = load_text(bytes, e);
  REQUIRE(t.ok());
  return std::move(t.value());
}

}  // namespace

TEST_CASE("every encoding of the sample decodes to the same text", "[decode]") {
  const std::string reference = load(fixture("sample.utf8.txt")).match();
  REQUIRE(reference.find("Khối thi đua số 3") != std::string::npos);
  struct Case {
    const char* file;
    const char* encoding;
  };
  const Case cases[] = {
      {"sample.utf8.txt", "utf-8"},           {"sample.utf8-bom.txt", "utf-8"},
      {"sample.utf16le-bom.txt", "utf-16le"}, {"sample.utf16be-bom.txt", "utf-16be"},
      {"sample.utf16le.txt", "utf-16le"},     {"sample.cp1258.txt", "windows-1258"},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    std::string bytes = fixture(c.file);
    auto decoded = decode(bytes);
    REQUIRE(decoded.ok());
    CHECK(decoded->encoding == c.encoding);
    // a legacy encoding is said to have been converted; nothing else is reported
    if (std::string(c.encoding) == "windows-1258") {
      REQUIRE(decoded->warnings.size() == 1);
      CHECK(decoded->warnings[0].code == "legacy_encoding");
    } else {
      CHECK(decoded->warnings.empty());
    }
    CHECK(decoded->map.input_size() == bytes.size());
    CHECK(decoded->map.output_size() == decoded->utf8.size());
    NormalizedText t = load(bytes);
    CHECK(t.match() == reference);

    // Each word maps back to the bytes that encode it in that file.
    for (std::string word : {"Khối", "Thuỷ", "Hoà", "khỏe", "nguời", "pháp,"}) {
      std::string matched = match_form(word);
      auto at = t.match().find(matched);
      REQUIRE(at != std::string::npos);
      ByteRange orig = t.to_original({at, at + matched.size()});
      Encoding e;
      REQUIRE(parse_encoding(c.encoding, e));
      CHECK(load(bytes.substr(orig.begin, orig.size()), e).display() == word);
    }
  }
}

TEST_CASE("a forced encoding is used as given", "[decode]") {
  std::string bytes = fixture("sample.cp1258.txt");
  auto as_utf8 = decode(bytes, Encoding::kUtf8);
  REQUIRE(as_utf8.ok());
  CHECK(as_utf8->encoding == "utf-8");
  CHECK(as_utf8->warnings.size() == 1);  // its high bytes are not UTF-8
  auto as_1258 = decode(bytes, Encoding::kWindows1258);
  REQUIRE(as_1258.ok());
  CHECK(as_1258->encoding == "windows-1258");
}

TEST_CASE("damaged UTF-8 stays UTF-8, repaired", "[decode]") {
  std::string bytes = "Khối thi đua \xC3 số 6 \xFF\xFE Sở Tư pháp";
  auto d = decode(bytes);
  REQUIRE(d.ok());
  CHECK(d->encoding == "utf-8");
  REQUIRE(d->warnings.size() == 1);
  CHECK(d->warnings[0].code == "invalid_utf8");
  CHECK(d->utf8.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(d->map.input_size() == bytes.size());
}

TEST_CASE("binary input is refused, empty input is text", "[decode]") {
  auto bin =
      decode(std::string("\x7F"
                         "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3E\x00",
                         20));
  REQUIRE_FALSE(bin.ok());
  CHECK(bin.error().code == "binary_input");
  auto empty = decode("");
  REQUIRE(empty.ok());
  CHECK(empty->utf8.empty());
}

TEST_CASE("encoding names", "[decode]") {
  Encoding e;
  CHECK(parse_encoding("UTF-8", e));
  CHECK(e == Encoding::kUtf8);
  CHECK(parse_encoding("cp1258", e));
  CHECK(e == Encoding::kWindows1258);
  CHECK(parse_encoding("utf-16be", e));
  CHECK(encoding_name(e) == "utf-16be");
  CHECK(parse_encoding("ABC", e));
  CHECK(e == Encoding::kTcvn3);
  CHECK(parse_encoding("vni", e));
  CHECK(encoding_name(e) == "vni");
  CHECK_FALSE(parse_encoding("klingon", e));
}
