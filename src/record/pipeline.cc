#include "pipeline.h"

#include "extract.h"
#include "sha256.h"

namespace thidua {

Result<NormalizedText> load_text(std::string_view bytes, Encoding encoding) {
  Result<DecodedText> decoded = decode(bytes, encoding);
  if (!decoded) return decoded.error();
  return normalize(std::move(decoded.value()));
}

Result<Record> extract_record(std::string_view bytes, const std::string& path, const RuleSet& rules,
                              const ExtractOptions& options) {
  Result<DecodedText> decoded = decode(bytes, options.encoding);
  if (!decoded) return decoded.error();

  Record r;
  r.source = {path, bytes.size(), sha256_hex(bytes), decoded->encoding};
  NormalizedText text = normalize(std::move(decoded.value()));
  r.warnings = text.warnings();
  if (text.match().empty()) {
    r.warnings.push_back({"empty_input", "the document holds no text"});
    return r;
  }
  extract_fields(text, rules, r);
  return r;
}

}  // namespace thidua
