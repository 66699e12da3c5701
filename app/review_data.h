// What a review page shows of one document: its text as thidua read it (decoded from any encoding,
// cleaned, NFC) and where in that text each grounded value of its record stands.
#pragma once

#include <string>
#include <vector>

#include "normalize.h"
#include "thidua/record.h"

namespace thidua {

struct Highlight {
  std::string path;   // the value in the record: "meeting", "bloc.members[2]", "decisions[0]"
  std::string field;  // the field it belongs to, which names its colour: "bloc.members", "decisions" ...
  ByteRange bytes;    // its place in the text, in bytes
  std::size_t begin = 0, end = 0;  // the same in UTF-16 code units, as a browser's strings count
};

struct ReviewDocument {
  std::string text;                   // the display text (UTF-8)
  std::vector<Highlight> highlights;  // in text order
};

// Every span (`at`) the record declares (src/record/fields.h), mapped from the original input bytes to
// the display text. The persons of `chairpersons` are those of `people`: they are highlighted once.
ReviewDocument review_document(const NormalizedText& text, const Record& record);

}  // namespace thidua
