// Normalization: decoded UTF-8 -> the text rules match on, with offsets back to the original bytes.
//
// Stages, each recording an OffsetMap:
//   1. clean-up: HTML entities decoded (a broken one such as "&og" stays as text, with a warning),
//      leftover tags dropped (block tags become line breaks), NBSP and other spaces folded to one space,
//      zero-width characters, BOM, soft hyphen and control characters removed, line ends unified, blank
//      lines folded to one, leading/trailing white space of each line trimmed, Ð/ð (U+00D0/U+00F0) -> Đ/đ;
//   2. NFC (ICU Normalizer2, with Edits);
//   3. canonical tone placement (tone.h), for matching only.
// `display` is the text after stage 2: values are read from it. `match` is the text after stage 3:
// rules run on it. Both have the same words at the same places, so a range in `match` maps to `display`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "decode.h"
#include "thidua/offset_map.h"
#include "thidua/status.h"

namespace thidua {

class NormalizedText {
 public:
  const std::string& match() const { return match_; }
  const std::string& display() const { return display_; }
  const std::vector<Warning>& warnings() const { return warnings_; }

  // A range of `match` -> the same text in `display`, and the byte range of the original input.
  ByteRange to_display(ByteRange in_match) const { return tone_map_.to_input(in_match); }
  ByteRange to_original(ByteRange in_match) const { return display_to_original(to_display(in_match)); }
  ByteRange display_to_original(ByteRange in_display) const { return to_original_.to_input(in_display); }
  // A range of the original input (a record's `at`) -> the same text in `display`.
  ByteRange original_to_display(ByteRange in_original) const { return to_original_.to_output(in_original); }
  // The display text of a range of `match`: what a record reports as the value.
  std::string_view display_text(ByteRange in_match) const;

 private:
  friend NormalizedText normalize(DecodedText decoded);
  std::string display_;
  std::string match_;
  OffsetChain to_original_;  // display -> decoded -> original
  OffsetMap tone_map_;       // match -> display
  std::vector<Warning> warnings_;
};

NormalizedText normalize(DecodedText decoded);

// The match form of a short UTF-8 string (a rule's literal, a gazetteer entry, a value being compared):
// the same clean-up, NFC and tone placement as documents get.
std::string match_form(std::string_view utf8);

// Unicode (full, default) case folding of UTF-8, without a UTF-16 copy.
std::string case_fold(std::string_view utf8);

// match_form, then Unicode case folding: two spellings of one name (tone style, case, white space)
// get the same key.
std::string comparison_key(std::string_view utf8);

// NFC and canonical tone placement only, for rule patterns (the clean-up would take "(?P<x>" for a tag).
std::string pattern_form(std::string_view utf8);

}  // namespace thidua
