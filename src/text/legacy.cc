#include "legacy.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <map>
#include <memory>
#include <sstream>

#include "builtin_encodings.h"
#include "utf8.h"

namespace thidua {

struct LegacyTable {
  std::string name;
  std::array<char32_t, 256> single{};      // byte -> character
  std::map<uint16_t, char32_t> pairs;      // (first << 8 | second) -> character (VNI)
  std::map<char32_t, std::string> encode;  // character -> bytes
};

namespace {

// Windows-1252 through ICU: the bytes 0x80-0xFF of the tables that fall back on it.
std::array<char32_t, 256> windows_1252() {
  std::array<char32_t, 256> t{};
  for (int b = 0; b < 256; ++b) t[static_cast<std::size_t>(b)] = static_cast<char32_t>(b);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open("windows-1252", &status);
  if (U_FAILURE(status)) return t;
  for (int b = 0x80; b < 0x100; ++b) {
    char in = static_cast<char>(b);
    UChar out[4];
    status = U_ZERO_ERROR;
    int32_t n = ucnv_toUChars(conv, out, 4, &in, 1, &status);
    if (U_SUCCESS(status) && n == 1 && out[0] != 0xFFFD && out[0] != 0x1A)
      t[static_cast<std::size_t>(b)] = out[0];
  }
  ucnv_close(conv);
  return t;
}

LegacyTable parse(const std::string& name, const std::string& content, bool cp1252_base) {
  LegacyTable t;
  t.name = name;
  t.single = cp1252_base ? windows_1252() : std::array<char32_t, 256>{};
  if (!cp1252_base)
    for (int b = 0; b < 256; ++b) t.single[static_cast<std::size_t>(b)] = static_cast<char32_t>(b);
  std::istringstream in(content);
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::vector<std::string> parts;
    std::string w;
    while (words >> w) parts.push_back(w);
    if (parts.size() < 2 || parts.back().rfind("U+", 0) != 0) continue;
    auto cp = static_cast<char32_t>(std::stoul(parts.back().substr(2), nullptr, 16));
    if (parts.size() == 2) {
      t.single[std::stoul(parts[0], nullptr, 16)] = cp;
    } else {
      auto key =
          static_cast<uint16_t>(std::stoul(parts[0], nullptr, 16) << 8 | std::stoul(parts[1], nullptr, 16));
      t.pairs[key] = cp;
    }
  }
  for (int b = 0; b < 256; ++b)
    t.encode.emplace(t.single[static_cast<std::size_t>(b)], std::string(1, static_cast<char>(b)));
  for (const auto& [key, cp] : t.pairs) {
    std::string bytes{static_cast<char>(key >> 8), static_cast<char>(key & 0xFF)};
    t.encode.insert_or_assign(cp, bytes);  // VNI writes a toned vowel as two bytes
  }
  // where a single byte also spells the character, prefer it
  for (int b = 0x80; b < 256; ++b) {
    char32_t cp = t.single[static_cast<std::size_t>(b)];
    bool spelled_as_pair = false;
    for (const auto& [key, c] : t.pairs) spelled_as_pair |= c == cp;
    if (!spelled_as_pair) t.encode[cp] = std::string(1, static_cast<char>(b));
  }
  for (int b = 0; b < 0x80; ++b) t.encode[static_cast<char32_t>(b)] = std::string(1, static_cast<char>(b));
  return t;
}

struct Tables {
  LegacyTable tcvn3, vni, viscii;
  Tables() {
    const auto& files = builtin_encoding_tables();
    auto get = [&](const char* f) {
      auto it = files.find(f);
      return it == files.end() ? std::string() : it->second;
    };
    tcvn3 = parse("tcvn3", get("tcvn3.txt"), false);
    vni = parse("vni", get("vni.txt"), true);
    viscii = parse("viscii", get("viscii.txt"), false);
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

}  // namespace

const LegacyTable* legacy_table(std::string_view name) {
  if (name == "tcvn3") return &tables().tcvn3;
  if (name == "vni") return &tables().vni;
  if (name == "viscii") return &tables().viscii;
  return nullptr;
}

DecodedText decode_legacy(std::string_view body, std::size_t bom, const LegacyTable& t) {
  DecodedText d;
  d.encoding = t.name;
  d.map.replace(bom, 0);
  d.utf8.reserve(body.size() * 3 / 2);
  for (std::size_t i = 0; i < body.size();) {
    auto b = static_cast<unsigned char>(body[i]);
    std::size_t used = 1;
    char32_t cp = t.single[b];
    if (!t.pairs.empty() && i + 1 < body.size()) {
      auto key = static_cast<uint16_t>(b << 8 | static_cast<unsigned char>(body[i + 1]));
      auto it = t.pairs.find(key);
      if (it != t.pairs.end()) {
        cp = it->second;
        used = 2;
      }
    }
    std::size_t before = d.utf8.size();
    append_utf8(d.utf8, cp);
    std::size_t out = d.utf8.size() - before;
    if (out == used && cp < 0x80)
      d.map.keep(used);
    else
      d.map.replace(used, out);
    i += used;
  }
  d.warnings.push_back({"legacy_encoding", "converted from " + t.name});
  return d;
}

std::string encode_legacy(std::string_view utf8, const LegacyTable& t) {
  std::string out;
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    auto it = c < 0 ? t.encode.end() : t.encode.find(static_cast<char32_t>(c));
    out += it == t.encode.end() ? std::string("?") : it->second;
  }
  return out;
}

namespace {

// Windows-1252 in reverse, with the five bytes it leaves undefined read as Latin-1 (as browsers do).
const std::map<char32_t, unsigned char>& cp1252_bytes() {
  static const std::map<char32_t, unsigned char> m = [] {
    std::map<char32_t, unsigned char> r;
    auto t = windows_1252();
    for (int b = 0; b < 256; ++b) r.emplace(t[static_cast<std::size_t>(b)], static_cast<unsigned char>(b));
    for (int b = 0x80; b < 0xA0; ++b) r.emplace(static_cast<char32_t>(b), static_cast<unsigned char>(b));
    return r;
  }();
  return m;
}

}  // namespace

std::string to_mojibake(std::string_view utf8) {
  auto t = windows_1252();
  std::string out;
  for (char ch : utf8) append_utf8(out, t[static_cast<unsigned char>(ch)]);
  return out;
}

bool repair_mojibake(DecodedText& d) {
  // Cheap test first: mojibake of Vietnamese is full of "Ã", "Ä", "Æ" and "á»"/"áº".
  std::size_t hits = 0;
  for (std::string_view probe :
       {"\xC3\x83", "\xC3\x84", "\xC3\x86", "\xC3\xA1\xC2\xBB", "\xC3\xA1\xC2\xBA"}) {
    for (std::size_t at = d.utf8.find(probe); at != std::string::npos && hits < 8;
         at = d.utf8.find(probe, at + 1))
      ++hits;
  }
  if (hits == 0) return false;
  // Every character back to its Windows-1252 byte; the bytes must then be valid UTF-8.
  const auto& bytes = cp1252_bytes();
  std::string inner;
  std::vector<std::size_t> source_len;  // UTF-8 length in `d.utf8` of each byte of `inner`
  const auto* p = reinterpret_cast<const uint8_t*>(d.utf8.data());
  const auto n = static_cast<int32_t>(d.utf8.size());
  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    auto it = c < 0 ? bytes.end() : bytes.find(static_cast<char32_t>(c));
    if (it == bytes.end()) return false;  // a character Windows-1252 cannot have produced
    inner.push_back(static_cast<char>(it->second));
    source_len.push_back(static_cast<std::size_t>(i - start));
  }
  const auto* q = reinterpret_cast<const uint8_t*>(inner.data());
  const auto m = static_cast<int32_t>(inner.size());
  OffsetMap inner_map;  // inner bytes -> d.utf8 bytes
  for (int32_t i = 0; i < m;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(q, i, m, c);
    if (c < 0) return false;
    std::size_t from = 0;
    for (int32_t k = start; k < i; ++k) from += source_len[static_cast<std::size_t>(k)];
    std::size_t len = static_cast<std::size_t>(i - start);
    if (from == len)
      inner_map.keep(len);
    else
      inner_map.replace(from, len);
  }
  // Undone, it must read as Vietnamese better than before (valid UTF-8 by chance is rare already).
  if (vietnamese_score(inner) <= vietnamese_score(d.utf8)) return false;
  // Compose: inner -> mojibake text -> original bytes.
  OffsetMap composed;
  std::size_t pos = 0;
  for (int32_t i = 0; i < m;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(q, i, m, c);
    ByteRange mid = inner_map.to_input({static_cast<std::size_t>(start), static_cast<std::size_t>(i)});
    ByteRange orig = d.map.to_input(mid);
    std::size_t len = static_cast<std::size_t>(i - start);
    if (orig.begin > pos) composed.replace(orig.begin - pos, 0);  // a byte-order mark before
    composed.replace(orig.size(), len);
    pos = orig.end;
  }
  composed.replace(d.map.input_size() - pos, 0);
  d.utf8 = std::move(inner);
  d.map = std::move(composed);
  d.warnings.push_back({"mojibake", "UTF-8 that had been read as Windows-1252 and saved again was repaired"});
  return true;
}

int vietnamese_score(std::string_view utf8) {
  std::string_view head = utf8.substr(0, 65536);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(head.data(), static_cast<int32_t>(head.size())));
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) u = nfc->normalize(u, status);
  u.toLower();
  std::string text;
  u.toUTF8String(text);
  static const char* const kMarkers[] = {
      "của",      "và",   "các",   "năm",      "được", "đơn vị", "thi đua", "hội nghị", "khối",
      "công tác", "tỉnh", "những", "người",    "với",  "trong",  "đã",      "có",       "này",
      "cho",      "phát", "triển", "nhiệm vụ", "kết",  "thưởng", "đồng chí"};
  int score = 0;
  for (const char* marker : kMarkers) {
    std::string_view w(marker);
    for (std::size_t at = text.find(w); at != std::string::npos; at = text.find(w, at + w.size())) {
      bool left = at == 0 || text[at - 1] == ' ' || text[at - 1] == '\n' || text[at - 1] == ',';
      std::size_t e = at + w.size();
      bool right = e >= text.size() || text[e] == ' ' || text[e] == '\n' || text[e] == ',' || text[e] == '.';
      if (left && right) ++score;
    }
  }
  return score;
}

}  // namespace thidua
