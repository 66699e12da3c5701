// Field extraction: the normalized text and the rules -> the fields of a record (FIELDS.md).
#pragma once

#include <string_view>
#include <vector>

#include "normalize.h"
#include "rules.h"
#include "thidua/record.h"

namespace thidua {

// Fills every extracted field of `record` (source is left as it is) and appends warnings.
void extract_fields(const NormalizedText& text, const RuleSet& rules, Record& record);

// The rule fields (`field:` in rules/*.rules) the extractors read.
const std::vector<std::string_view>& fields_read();

// The word lists (`list NAME = lists/FILE.txt` in rules/*.rules) the extractors read.
const std::vector<std::string_view>& lists_read();

// One error per rule whose field no extractor reads (a misspelt or orphaned field would otherwise match
// and be silently ignored), and per list the extractors read that no rule file declares.
std::vector<Status> check_fields_read(const RuleSet& rules);

// The built-in rules (`dir` empty) or those of a directory, checked against what the extractors read;
// `errors` holds every problem found, all at once.
RuleSet load_checked_rules(const std::string& dir, std::vector<Status>& errors);

}  // namespace thidua
