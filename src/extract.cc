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
  if (!c.footer_found) {
    // A page cut off mid-sentence: the last line runs long and ends without punctuation.
    ByteRange last = extract::trim(c.t, c.article);
    if (last.size() > 0) {
      ByteRange line = extract::trim(c.t, c.lines[c.line_index(last.end - 1)]);
      char end = c.t[line.end - 1];
      bool open_end =
          extract::is_word_char(c.t, line.end - 1) || (static_cast<unsigned char>(end) >= 0x80 && end != '"');
      if (extract::word_count(c.t, line) >= 12 && open_end && end != '.' && end != ')' &&
          c.t.compare(line.end >= 3 ? line.end - 3 : 0, 3, "”") != 0 &&
          c.t.compare(line.end >= 3 ? line.end - 3 : 0, 3, "…") != 0) {
        record.warnings.push_back({"truncated", "the text ends mid-sentence"});
      }
    }
  }
}

}  // namespace thidua
