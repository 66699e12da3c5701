// libFuzzer target: decoding and normalization of arbitrary bytes. Checks that every range of the text
// rules see maps back inside the input, and that the texts stay valid UTF-8.
#include <unicode/utf8.h>

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pipeline.h"

namespace {

bool valid_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto text = thidua::load_text(bytes, thidua::Encoding::kAuto);
  if (!text) return 0;
  const std::string& m = text->match();
  if (!valid_utf8(m) || !valid_utf8(text->display())) std::abort();
  for (std::size_t b = 0; b <= m.size(); b += 1 + m.size() / 16) {
    for (std::size_t e = b; e <= m.size(); e += 1 + m.size() / 8) {
      thidua::ByteRange r = text->to_original({b, e});
      if (r.begin > r.end || r.end > size) std::abort();
      thidua::ByteRange d = text->to_display({b, e});
      if (d.begin > d.end || d.end > text->display().size()) std::abort();
    }
  }
  return 0;
}
