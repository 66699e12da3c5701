#include "decode.h"

#include <unicode/ucnv.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <memory>

#include "legacy.h"
#include "utf8.h"

namespace thidua {
namespace {

struct EncodingInfo {
  Encoding encoding;
  std::string_view name;      // canonical, as written in records
  const char* icu_converter;  // nullptr: decoded by our own code
};

constexpr std::array<EncodingInfo, 7> kEncodings{{
    {Encoding::kUtf8, "utf-8", nullptr},
    {Encoding::kUtf16Le, "utf-16le", "UTF-16LE"},
    {Encoding::kUtf16Be, "utf-16be", "UTF-16BE"},
    {Encoding::kWindows1258, "windows-1258", "windows-1258"},
    {Encoding::kTcvn3, "tcvn3", nullptr},
    {Encoding::kVni, "vni", nullptr},
    {Encoding::kViscii, "viscii", nullptr},
}};

const EncodingInfo& info(Encoding e) {
  for (const auto& i : kEncodings)
    if (i.encoding == e) return i;
  return kEncodings[0];
}

std::string lower_ascii(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

struct Utf8Survey {
  std::size_t invalid = 0;    // ill-formed sequences
  std::size_t multibyte = 0;  // well-formed non-ASCII characters
  std::size_t first_invalid = 0;
  bool has_nul = false;
};

Utf8Survey survey_utf8(std::string_view s) {
  Utf8Survey v;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(std::min<std::size_t>(s.size(), INT32_MAX));
  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      if (v.invalid++ == 0) v.first_invalid = static_cast<std::size_t>(start);
    } else if (c >= 0x80) {
      ++v.multibyte;
    } else if (c == 0) {
      v.has_nul = true;
    }
  }
  return v;
}

// UTF-8 as it stands; ill-formed sequences become U+FFFD, each mapped to the bytes it replaces.
DecodedText decode_utf8(std::string_view body, std::size_t bom, const Utf8Survey& survey) {
  DecodedText d;
  d.encoding = "utf-8";
  d.map.replace(bom, 0);
  if (survey.invalid == 0) {
    d.utf8.assign(body);
    d.map.keep(body.size());
    return d;
  }
  d.utf8.reserve(body.size() + survey.invalid * 2);
  const auto* p = reinterpret_cast<const uint8_t*>(body.data());
  const auto n = static_cast<int32_t>(body.size());
  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    auto len = static_cast<std::size_t>(i - start);
    if (c < 0) {
      append_utf8(d.utf8, 0xFFFD);
      d.map.replace(len, 3);
    } else {
      d.utf8.append(body.substr(static_cast<std::size_t>(start), len));
      d.map.keep(len);
    }
  }
  d.warnings.push_back(
      {"invalid_utf8", std::to_string(survey.invalid) +
                           " ill-formed UTF-8 sequence(s) replaced by U+FFFD, the first at byte " +
                           std::to_string(survey.first_invalid + bom)});
  return d;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Any encoding ICU converts. ICU reports, for each UTF-16 unit it writes, the offset of the input
// bytes it came from; a code point's source runs to the next code point's offset.
Result<DecodedText> decode_with_icu(std::string_view body, std::size_t bom, const EncodingInfo& enc) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(enc.icu_converter, &status));
  if (U_FAILURE(status)) {
    return Status{"decode_failed",
                  std::string("ICU has no converter for ") + enc.icu_converter + ": " + u_errorName(status)};
  }
  std::vector<UChar> units(body.size() + 1);
  std::vector<int32_t> offsets(body.size() + 1);
  UChar* target = units.data();
  const char* source = body.data();
  ucnv_toUnicode(conv.get(), &target, units.data() + units.size(), &source, body.data() + body.size(),
                 offsets.data(), true, &status);
  if (U_FAILURE(status)) {
    return Status{"decode_failed",
                  std::string("cannot decode as ") + std::string(enc.name) + ": " + u_errorName(status)};
  }
  const auto count = static_cast<int32_t>(target - units.data());

  DecodedText d;
  d.encoding = std::string(enc.name);
  d.utf8.reserve(body.size() * 3 / 2);
  d.map.replace(bom, 0);
  std::size_t replaced = 0;
  std::size_t consumed = 0;  // input bytes already accounted for
  for (int32_t i = 0; i < count;) {
    UChar32 c;
    U16_NEXT(units.data(), i, count, c);
    std::size_t next_src = body.size();
    for (int32_t j = i; j < count; ++j) {
      if (offsets[static_cast<std::size_t>(j)] >= 0) {
        next_src = static_cast<std::size_t>(offsets[static_cast<std::size_t>(j)]);
        break;
      }
    }
    next_src = std::max(next_src, consumed);
    std::size_t before = d.utf8.size();
    append_utf8(d.utf8, static_cast<char32_t>(c));
    std::size_t in_len = next_src - consumed, out_len = d.utf8.size() - before;
    if (in_len == out_len)
      d.map.keep(in_len);
    else
      d.map.replace(in_len, out_len);
    consumed = next_src;
    if (c == 0xFFFD) ++replaced;
  }
  d.map.replace(body.size() - consumed, 0);
  if (enc.encoding == Encoding::kWindows1258)
    d.warnings.push_back({"legacy_encoding", "converted from windows-1258"});
  if (replaced > 0) {
    d.warnings.push_back({"undecodable_bytes", std::to_string(replaced) + " character(s) not valid in " +
                                                   std::string(enc.name) + " replaced by U+FFFD"});
  }
  return d;
}

// UTF-16 without a byte-order mark shows as text with a NUL in every other byte.
bool looks_like_utf16(std::string_view s, Encoding& which) {
  std::size_t n = std::min<std::size_t>(s.size(), 4096) & ~std::size_t{1};
  if (n < 4) return false;
  std::size_t even_nul = 0, odd_nul = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even_nul += s[i] == '\0';
    odd_nul += s[i + 1] == '\0';
  }
  std::size_t pairs = n / 2;
  if (pairs < 8) return false;  // too short to tell from binary
  if (odd_nul * 10 >= pairs * 3 && even_nul * 20 < pairs) {
    which = Encoding::kUtf16Le;
    return true;
  }
  if (even_nul * 10 >= pairs * 3 && odd_nul * 20 < pairs) {
    which = Encoding::kUtf16Be;
    return true;
  }
  return false;
}

// The legacy encoding whose decoding reads most like Vietnamese; Windows-1258 (the one ICU knows) on a tie.
Result<DecodedText> decode_best_legacy(std::string_view body, std::size_t bom) {
  Result<DecodedText> best = decode_with_icu(body, bom, info(Encoding::kWindows1258));
  int best_score = best ? vietnamese_score(best->utf8) : -1;
  for (const char* name : {"tcvn3", "vni", "viscii"}) {
    DecodedText d = decode_legacy(body, bom, *legacy_table(name));
    int score = vietnamese_score(d.utf8);
    if (score > best_score) {
      best_score = score;
      best = std::move(d);
    }
  }
  return best;
}

}  // namespace

bool parse_encoding(std::string_view name, Encoding& out) {
  std::string n = lower_ascii(name);
  if (n == "auto") {
    out = Encoding::kAuto;
    return true;
  }
  if (n == "utf8") n = "utf-8";
  if (n == "utf16le") n = "utf-16le";
  if (n == "utf16be") n = "utf-16be";
  if (n == "cp1258" || n == "windows1258") n = "windows-1258";
  if (n == "abc" || n == "tcvn" || n == "tcvn-3") n = "tcvn3";
  if (n == "vni-windows") n = "vni";
  for (const auto& i : kEncodings) {
    if (i.name == n) {
      out = i.encoding;
      return true;
    }
  }
  return false;
}

std::string_view encoding_name(Encoding e) { return e == Encoding::kAuto ? "auto" : info(e).name; }

std::string_view encoding_names() {
  return "auto, utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni, viscii";
}

Result<DecodedText> decode(std::string_view bytes, Encoding encoding) {
  std::size_t bom = 0;
  const auto starts = [&](std::string_view mark) { return bytes.substr(0, mark.size()) == mark; };
  if (encoding == Encoding::kAuto || encoding == Encoding::kUtf8) {
    if (starts("\xEF\xBB\xBF")) {
      bom = 3;
      encoding = Encoding::kUtf8;
    }
  }
  if (encoding == Encoding::kAuto || encoding == Encoding::kUtf16Le) {
    if (starts("\xFF\xFE")) {
      bom = 2;
      encoding = Encoding::kUtf16Le;
    }
  }
  if (encoding == Encoding::kAuto || encoding == Encoding::kUtf16Be) {
    if (starts("\xFE\xFF")) {
      bom = 2;
      encoding = Encoding::kUtf16Be;
    }
  }
  std::string_view body = bytes.substr(bom);

  if (encoding == Encoding::kAuto) {
    Utf8Survey survey = survey_utf8(body);
    Encoding utf16;
    if (survey.has_nul) {
      Result<DecodedText> d = looks_like_utf16(body, utf16) ? decode_with_icu(body, bom, info(utf16))
                                                            : Result<DecodedText>(Status{"binary_input", ""});
      // Text has few control characters; binary data that happens to pass for UTF-16 has many.
      std::size_t controls = 0;
      if (d)
        for (char ch : d->utf8)
          controls += (static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\r' && ch != '\t');
      if (!d || controls * 100 > d->utf8.size() + 100)
        return Status{"binary_input", "the input holds NUL bytes and is not UTF-16 text"};
      return d;
    }
    // Mostly well-formed UTF-8 with a few broken bytes is damaged UTF-8, not a legacy encoding: a
    // legacy single-byte text almost never forms valid multi-byte UTF-8 sequences by chance.
    if (survey.invalid == 0 || survey.multibyte >= survey.invalid) {
      DecodedText d = decode_utf8(body, bom, survey);
      if (survey.invalid == 0) repair_mojibake(d);
      return d;
    }
    return decode_best_legacy(body, bom);
  }
  if (encoding == Encoding::kUtf8) return decode_utf8(body, bom, survey_utf8(body));
  if (const LegacyTable* t = legacy_table(encoding_name(encoding))) return decode_legacy(body, bom, *t);
  return decode_with_icu(body, bom, info(encoding));
}

}  // namespace thidua
