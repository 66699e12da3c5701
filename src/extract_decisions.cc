// Decisions taken at the meeting, and the numbered documents the text refers to.
#include <algorithm>
#include <string>

#include "extract_context.h"

namespace thidua::extract {

void extract_decisions(Context& c, Record& r) {
  if (!r.meeting.type) return;  // not a meeting: nothing was decided
  ByteRange last_clause{0, 0};
  int last_priority = 0;
  const auto negated = c.find("decision.not");
  for (const auto& m : c.find("decision", {c.body_start, c.article.end})) {
    if (std::any_of(negated.begin(), negated.end(), [&](const RuleMatch& n) {
          return n.span.begin < m.span.end && m.span.begin < n.span.end;
        }))
      continue;
    std::size_t li = c.line_index(m.span.begin);
    if (c.in_title(m.span.begin) || (c.published_line && li == *c.published_line)) continue;
    ByteRange clause = c.clause_of(m.span.begin + 1);
    if (clause.size() == 0) continue;
    if (clause == last_clause) {
      // One clause, one decision: the strongest trigger in it names the kind.
      if (m.rule->priority > last_priority) {
        r.decisions.back().kind = m.rule->value;
        last_priority = m.rule->priority;
      }
      continue;
    }
    last_clause = clause;
    last_priority = m.rule->priority;
    r.decisions.push_back({m.rule->value, c.value(clause), c.at(clause)});
  }
}

namespace {

// "kế hoạch" -> "Kế hoạch": every document kind starts with an ASCII letter.
std::string capitalize_first(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string iso(std::string_view y, std::string_view m, std::string_view d) {
  auto two = [](std::string_view s) { return s.size() == 1 ? "0" + std::string(s) : std::string(s); };
  return std::string(y) + "-" + two(m) + "-" + two(d);
}

}  // namespace

void extract_documents(Context& c, Record& r) {
  static const std::vector<std::string> kIssuerCuts = {" phát động", " về ",     " và ",  " nhằm",
                                                       " trong ",    " tại ",    " để ",  " đã ",
                                                       " năm ",      " đối với", " với ", " gắn với"};
  for (const auto& m : c.find("document")) {
    DocumentRef d;
    d.kind = capitalize_first(c.value(*m.group("kind")));
    d.number = c.value(*m.group("number"));
    if (m.group("year"))
      d.date = iso(c.slice(*m.group("year")), c.slice(*m.group("month")), c.slice(*m.group("day")));
    if (auto issuer = m.group("issuer")) {
      ByteRange is = *issuer;
      for (const auto& cut : kIssuerCuts) {
        std::size_t at = c.t.find(cut, is.begin);
        if (at != std::string_view::npos && at < is.end) is.end = at;
      }
      is = trim(c.t, is);
      if (is.size() > 0) d.issuer = c.value(is);
    }
    d.at = c.at(m.span);
    r.documents.push_back(d);
  }
}

}  // namespace thidua::extract
