// Legacy encodings and mojibake: every corpus document, converted to each encoding with this project's
// own tables (or ICU for Windows-1258 and UTF-16), gives the record its Unicode original gives.
#include "legacy.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pipeline.h"
#include "printer.h"
#include "test_support.h"

using namespace thidua;
using nlohmann::json;
using thidua::test::corpus_documents;
using thidua::test::read_file;
using thidua::test::source_path;

namespace {

std::string nfc(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u =
      icu::Normalizer2::getNFCInstance(status)->normalize(icu::UnicodeString::fromUTF8(s), status);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Typography that not every legacy encoding can write, replaced by ASCII in the reference text too.
std::string plain(std::string s) {
  const std::pair<const char*, const char*> kSwaps[] = {
      {"“", "\""},  {"”", "\""}, {"‘", "'"}, {"’", "'"},           {"–", "-"},       {"—", "-"},
      {"…", "..."}, {"•", "*"},  {"»", ">"}, {"\xEF\xBB\xBF", ""}, {"\xC2\xA0", " "}};
  for (const auto& [from, to] : kSwaps) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + std::strlen(to)))
      s.replace(at, std::strlen(from), to);
  }
  return nfc(s);
}

std::string with_icu(const std::string& utf8, const char* converter, bool split_tones) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  if (split_tones) {
    // Windows-1258 writes shaped vowels precomposed and tones as combining marks.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc2 = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString out;
    for (int32_t i = 0; i < u.length();) {
      UChar32 c = u.char32At(i);
      i += U16_LENGTH(c);
      icu::UnicodeString d = nfd->normalize(icu::UnicodeString(c), status), base, tones;
      for (int32_t k = 0; k < d.length(); ++k) {
        UChar ch = d.charAt(k);
        bool tone = ch == 0x300 || ch == 0x301 || ch == 0x303 || ch == 0x309 || ch == 0x323;
        (tone ? tones : base).append(ch);
      }
      out.append(nfc2->normalize(base, status)).append(tones);
    }
    u = out;
  }
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(converter, &status);
  std::string bytes(static_cast<std::size_t>(u.length()) * 4 + 8, '\0');
  int32_t n = ucnv_fromUChars(conv, bytes.data(), static_cast<int32_t>(bytes.size()), u.getBuffer(),
                              u.length(), &status);
  ucnv_close(conv);
  REQUIRE(U_SUCCESS(status));
  bytes.resize(static_cast<std::size_t>(n));
  return bytes;
}

// The text as an encoding can carry it: TCVN3 (ABC) writes capital toned vowels with other fonts,
// in the bytes of the small letters, so they come back small.
std::string as_carried(const std::string& text, const LegacyTable& t) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text), out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    std::string one;
    icu::UnicodeString(c).toUTF8String(one);
    if (encode_legacy(one, t) == "?" && one != "?") c = u_tolower(c);
    out.append(c);
  }
  std::string s;
  out.toUTF8String(s);
  return s;
}

json comparable(const Record& r) {
  json j = json::parse(record_to_json_line(r));
  j.erase("source");
  j.erase("warnings");
  std::function<void(json&)> strip = [&](json& x) {
    if (x.is_object()) {
      x.erase("at");
      for (auto& [k, v] : x.items()) strip(v);
    } else if (x.is_array()) {
      for (auto& v : x) strip(v);
    }
  };
  strip(j);
  return j;
}

bool has_warning(const Record& r, const std::string& code) {
  return std::any_of(r.warnings.begin(), r.warnings.end(), [&](const Warning& w) { return w.code == code; });
}

}  // namespace

TEST_CASE("the tables decode what they encode", "[legacy]") {
  std::string text = "Khối thi đua số 6: Hội nghị sơ kết, Thủy Hòa Đồng Ưng Ơn ỹ ỵ ẳ ẵ Ặ";
  for (const char* name : {"tcvn3", "vni", "viscii"}) {
    INFO(name);
    const LegacyTable* t = legacy_table(name);
    REQUIRE(t != nullptr);
    std::string bytes = encode_legacy(text, *t);
    CHECK(bytes != text);
    DecodedText d = decode_legacy(bytes, 0, *t);
    std::string expected = text;
    if (std::string(name) ==
        "tcvn3") {  // ABC writes capitals with other fonts: the same bytes as small letters
      CHECK(d.utf8.find("Khối thi đua số 6") != std::string::npos);
      continue;
    }
    CHECK(d.utf8 == expected);
    CHECK(d.map.input_size() == bytes.size());
  }
  // TCVN3's 0xAD is "ư", not a soft hyphen, whatever the clean-up would do with U+00AD
  DecodedText d = decode_legacy("th\xAD\xEAng", 0, *legacy_table("tcvn3"));
  CHECK(d.utf8 == "thường");
}

TEST_CASE("every corpus document reads the same in every encoding", "[legacy]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  std::vector<std::string> docs = corpus_documents();
  REQUIRE(docs.size() >= 45);
  for (const auto& path : docs) {
    std::string reference_text = plain(read_file(path));
    auto reference = extract_record(reference_text, path, rules, ExtractOptions{});
    REQUIRE(reference.ok());
    const json want = comparable(reference.value());
    struct Variant {
      const char* encoding;
      std::string bytes;
      const char* warning;
      std::string reference;  // the text as the encoding carries it, when that differs
    };
    std::string tcvn3_text = as_carried(reference_text, *legacy_table("tcvn3"));
    std::vector<Variant> variants = {
        {"tcvn3", encode_legacy(tcvn3_text, *legacy_table("tcvn3")), "legacy_encoding", tcvn3_text},
        {"vni", encode_legacy(reference_text, *legacy_table("vni")), "legacy_encoding", ""},
        {"viscii", encode_legacy(reference_text, *legacy_table("viscii")), "legacy_encoding", ""},
        {"windows-1258", with_icu(reference_text, "windows-1258", true), "legacy_encoding", ""},
        {"utf-16le", "\xFF\xFE" + with_icu(reference_text, "UTF-16LE", false), nullptr, ""},
        {"utf-8", to_mojibake(reference_text), "mojibake", ""},
    };
    for (const auto& v : variants) {
      INFO(path << " as " << v.encoding);
      auto got = extract_record(v.bytes, path, rules, ExtractOptions{});
      REQUIRE(got.ok());
      CHECK(got->source.encoding == v.encoding);
      if (v.warning) CHECK(has_warning(got.value(), v.warning));
      if (v.reference.empty() || v.reference == reference_text) {
        CHECK(comparable(got.value()) == want);
      } else {
        auto carried = extract_record(v.reference, path, rules, ExtractOptions{});
        REQUIRE(carried.ok());
        CHECK(comparable(got.value()) == comparable(carried.value()));
      }
    }
  }
}
