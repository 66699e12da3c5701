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

// One document; the issuer's range (as found, and as cut) when it has one.
std::optional<std::pair<ByteRange, ByteRange>> add_document(const Context& c, Record& r, const RuleMatch& m) {
  DocumentRef d;
  d.kind = capitalize_first(c.value(*m.group("kind")));
  d.number = c.value(*m.group("number"));
  if (m.group("year"))
    d.date =
        calendar_date(r, c.slice(*m.group("year")), c.slice(*m.group("month")), c.slice(*m.group("day")));
  std::optional<std::pair<ByteRange, ByteRange>> issuer_range;
  if (auto issuer = m.group("issuer")) {
    ByteRange is = issuer_of(c, *issuer);
    if (is.size() > 0) d.issuer = c.value(is);
    issuer_range = {{*issuer, is}};
  }
  d.at = c.at(m.span);
  r.explain["documents[" + std::to_string(r.documents.size()) + "]"] = m.rule->name;
  r.documents.push_back(d);
  return issuer_range;
}

}  // namespace

void extract_documents(Context& c, Record& r) {
  for (const auto& m : c.find("document")) {
    auto issuer = add_document(c, r, m);
    // "... của Ban Thi đua - Khen thưởng tỉnh và Công văn số 456/UBND-TĐKT ... của UBND tỉnh": the issuer's
    // words ran over the next document, which starts after the cut. (Looked for once, not again in its
    // own issuer: each stretch of text is searched at most twice.)
    if (issuer && issuer->second.end < issuer->first.end)
      for (const auto& next : c.find("document", {issuer->second.end, issuer->first.end}))
        add_document(c, r, next);
  }
}

}  // namespace thidua::extract
