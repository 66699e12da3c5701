// Legacy Vietnamese encodings ICU has no converter for: TCVN3 (ABC), VNI-Windows and VISCII, read from
// the byte tables in src/text/encodings/ (compiled in); and mojibake, UTF-8 that was read as Windows-1252
// and saved again as UTF-8 ("Khá»‘i thi Ä‘ua").
#pragma once

#include <string>
#include <string_view>

#include "decode.h"

namespace thidua {

// "tcvn3", "vni" or "viscii"; nullptr for another name.
struct LegacyTable;
const LegacyTable* legacy_table(std::string_view name);

// Decodes `body` (after a BOM of `bom` bytes) through a table.
DecodedText decode_legacy(std::string_view body, std::size_t bom, const LegacyTable& table);

// Unicode (NFC) -> the table's bytes, for tests and for converting files; a character the encoding
// cannot write becomes '?'.
std::string encode_legacy(std::string_view utf8, const LegacyTable& table);

// UTF-8 -> what it becomes when read as Windows-1252 and saved as UTF-8 (for tests).
std::string to_mojibake(std::string_view utf8);
// If `decoded` (valid UTF-8) reads better once undone as mojibake, undoes it: its map then still
// points into the original bytes. True when it did.
bool repair_mojibake(DecodedText& decoded);

// How Vietnamese a text looks: common syllables counted in its first 64 KiB. Decoders are chosen by it.
int vietnamese_score(std::string_view utf8);

}  // namespace thidua
