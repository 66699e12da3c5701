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
// agency's name that holds "và" ("Bộ Giáo dục và Đào tạo": rules/lists/joined_names.txt).
ByteRange issuer_of(const Context& c, ByteRange is) {
  const PhraseList cuts = c.phrases("issuer_cuts"), joined = c.phrases("joined_names");
  std::size_t name_end = is.begin;  // the end of the joined names seen so far
  for (std::size_t w = is.begin; w < is.end; ++w)
    if (w == is.begin || c.t[w - 1] == ' ')
      if (std::size_t n = joined.match_at(c.t, w); n > 0) name_end = std::max(name_end, w + n);
  ByteRange rest{std::min(name_end, is.end), is.end};
  std::size_t p = cuts.find_in(c.t, rest);
  return p == std::string_view::npos ? trim(c.t, is) : trim(c.t, {is.begin, p - 1});
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
