// Canonical tone placement for Vietnamese syllables.
//
// Vietnamese writes a syllable's tone mark on one vowel, and two conventions disagree for open syllables
// with oa/oe/uy ("hòa"/"hoà", "khỏe"/"khoẻ", "thủy"/"thuỷ"); typists also misplace marks ("đaọ"). Rules
// should see one spelling, so every word that parses as a Vietnamese syllable (onset incl. qu/gi, a valid
// vowel nucleus, a valid final consonant, exactly one tone mark) gets its mark moved to the vowel the
// classic convention names: a modified vowel (â ă ê ô ơ, else ư) if there is one; else the last vowel
// when a final consonant follows; else the middle of three vowels; else the first of two. Words that do
// not parse (foreign names, abbreviations, typos beyond a misplaced mark) are left exactly as they are.
#pragma once

#include <string>
#include <string_view>

#include "thidua/offset_map.h"

namespace thidua {

// Rewrites NFC text; `map` (if given) receives one segment per rewritten word.
std::string canonicalize_tones(std::string_view nfc_text, OffsetMap* map = nullptr);

}  // namespace thidua
