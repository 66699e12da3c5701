#include "extract.h"

#include "extract_context.h"

namespace thidua {

void extract_fields(const NormalizedText& text, const RuleSet& rules, Record& record) {
  extract::Context c(text, rules);
  extract::extract_layout(c, record);
  extract::extract_bloc(c, record);
  extract::extract_meeting(c, record);  // needs the bloc: no bloc, no bloc meeting
  extract::extract_people(c, record);
  extract::extract_decisions(c, record);  // needs the meeting type
  extract::extract_documents(c, record);
  if (c.truncated) record.warnings.push_back({"truncated", "the text ends mid-sentence"});
}

}  // namespace thidua
