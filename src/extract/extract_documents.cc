// The numbered documents the text refers to ("Kế hoạch số 08/KH-UBND ngày 22/01/2018 của UBND tỉnh ...").
#include <string>

#include "extract_context.h"

namespace thidua::extract {

namespace {

// "kế hoạch" -> "Kế hoạch": every document kind starts with an ASCII letter.
std::string capitalize_first(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// The issuer up to where the sentence goes on ("của UBND tỉnh phát động ..."), but not inside an
// agency's name that holds "và" ("Bộ Giáo dục và Đào tạo").
ByteRange issuer_of(const Context& c, ByteRange is) {
  return trim(c.t, cut_after_joined_names(c, c.phrases("issuer_cuts"), is));
}

}  // namespace

void extract_documents(Context& c, Record& r) {
  for (const auto& m : c.find("document")) {
    DocumentRef d;
    d.kind = capitalize_first(c.value(*m.group("kind")));
    d.number = c.value(*m.group("number"));
    if (m.group("year"))
      d.date =
          calendar_date(r, c.slice(*m.group("year")), c.slice(*m.group("month")), c.slice(*m.group("day")));
    if (auto issuer = m.group("issuer")) {
      ByteRange is = issuer_of(c, *issuer);
      if (is.size() > 0) d.issuer = c.value(is);
    }
    d.at = c.at(m.span);
    r.explain["documents[" + std::to_string(r.documents.size()) + "]"] = m.rule->name;
    r.documents.push_back(d);
  }
}

}  // namespace thidua::extract
