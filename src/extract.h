// Field extraction: the normalized text and the rules -> the fields of a record (FIELDS.md).
#pragma once

#include "normalize.h"
#include "record.h"
#include "rules.h"

namespace thidua {

// Fills every extracted field of `record` (source is left as it is) and appends warnings.
void extract_fields(const NormalizedText& text, const RuleSet& rules, Record& record);

}  // namespace thidua
