// The per-document pipeline: bytes -> decoding -> normalization -> field extraction -> record.
#pragma once

#include <string>
#include <string_view>

#include "decode.h"
#include "normalize.h"
#include "rules.h"
#include "thidua/record.h"
#include "thidua/status.h"

namespace thidua {

struct ExtractOptions {
  Encoding encoding = Encoding::kAuto;
};

// Decoding and normalization only (what `thidua normalize` shows).
Result<NormalizedText> load_text(std::string_view bytes, Encoding encoding);

// One document in, one record out; a Status only when the bytes are not text at all.
Result<Record> extract_record(std::string_view bytes, const std::string& path, const RuleSet& rules,
                              const ExtractOptions& options);

}  // namespace thidua
