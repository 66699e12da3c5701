// Input decoding: raw bytes in some encoding -> UTF-8, with an offset map back to the raw bytes.
//
// This is the first layer. Detection order: byte-order mark, then UTF-8 validity (valid UTF-8 that is
// mojibake is repaired), then UTF-16 without a mark (NUL-byte pattern), then the legacy encodings
// (Windows-1258, TCVN3, VNI, VISCII), of which the one whose decoding reads most like Vietnamese wins.
// Encodings are repaired before any clean-up: in TCVN3 byte 0xAD is "ư", not a soft hyphen.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "thidua/offset_map.h"
#include "thidua/status.h"

namespace thidua {

enum class Encoding { kAuto, kUtf8, kUtf16Le, kUtf16Be, kWindows1258, kTcvn3, kVni, kViscii };

// "auto", "utf-8", "utf-16le", "utf-16be", "windows-1258", "tcvn3", "vni", "viscii" (and a few aliases
// such as "cp1258", "utf8", "abc").
bool parse_encoding(std::string_view name, Encoding& out);
std::string_view encoding_name(Encoding e);
// The names parse_encoding accepts, for --help and error messages.
std::string_view encoding_names();

struct DecodedText {
  std::string utf8;      // valid UTF-8, byte-order mark removed
  std::string encoding;  // what was used, as written in source.encoding
  OffsetMap map;         // utf8 offsets -> raw input offsets
  std::vector<Warning> warnings;
};

// Fails only for input that is not text at all (binary: NUL bytes that are not UTF-16).
Result<DecodedText> decode(std::string_view bytes, Encoding encoding = Encoding::kAuto);

}  // namespace thidua
