#include "review_data.h"

#include <algorithm>
#include <variant>

#include "fields.h"

namespace thidua {
namespace {

// UTF-16 code units before each of `offsets` (byte offsets into valid UTF-8), in one pass over the text.
void to_utf16(const std::string& text, std::vector<Highlight>& highlights) {
  std::vector<std::size_t> offsets;
  for (const auto& h : highlights) {
    offsets.push_back(h.bytes.begin);
    offsets.push_back(h.bytes.end);
  }
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  std::vector<std::size_t> units(offsets.size());
  std::size_t byte = 0, count = 0;
  for (std::size_t k = 0; k < offsets.size(); ++k) {
    for (; byte < offsets[k] && byte < text.size(); ++byte) {
      auto c = static_cast<unsigned char>(text[byte]);
      if ((c & 0xC0) != 0x80) count += c >= 0xF0 ? 2 : 1;  // a character's first byte; 4 bytes: a pair
    }
    units[k] = count;
  }
  auto unit_at = [&](std::size_t b) {
    return units[static_cast<std::size_t>(std::lower_bound(offsets.begin(), offsets.end(), b) -
                                          offsets.begin())];
  };
  for (auto& h : highlights) {
    h.begin = unit_at(h.bytes.begin);
    h.end = unit_at(h.bytes.end);
  }
}

}  // namespace

ReviewDocument review_document(const NormalizedText& text, const Record& record) {
  ReviewDocument doc;
  doc.text = text.display();
  for (const FieldDecl& f : record_fields()) {
    if (f.type != FieldType::kSpan) continue;
    std::string_view list = list_of(f.path);
    if (list == "chairpersons") continue;
    std::string field = list.empty() ? f.path.substr(0, f.path.size() - 3) : std::string(list);  // less ".at"
    std::size_t n = list.empty() ? 1 : find_field(list)->count(record);
    for (std::size_t i = 0; i < n; ++i) {
      FieldValue v = f.value(record, i);
      const auto* at = std::get_if<ByteRange>(&v);
      if (!at) continue;
      std::string path = list.empty() ? field : field + "[" + std::to_string(i) + "]";
      doc.highlights.push_back({path, field, text.original_to_display(*at), 0, 0});
    }
  }
  std::stable_sort(doc.highlights.begin(), doc.highlights.end(), [](const Highlight& a, const Highlight& b) {
    return a.bytes.begin != b.bytes.begin ? a.bytes.begin < b.bytes.begin : a.bytes.end > b.bytes.end;
  });
  to_utf16(doc.text, doc.highlights);
  return doc;
}

}  // namespace thidua
