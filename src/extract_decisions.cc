// Decisions taken at the meeting, and the numbered documents the text refers to.
#include <algorithm>
#include <string>

#include "extract_context.h"

namespace thidua::extract {

namespace {

struct Trigger {
  ByteRange span;
  std::string kind;
  int priority;
  std::string rule;
};

// Where a clause holding several triggers splits: the last ", đồng thời", " và " or ", " between one
// trigger and the next ("đề nghị UBND tỉnh tặng cờ ... và đề nghị Chính phủ tặng cờ ...").
std::optional<std::size_t> split_point(std::string_view t, std::size_t from, std::size_t to) {
  for (std::string_view sep : {", đồng thời", " và ", ", "}) {
    std::size_t at = t.rfind(sep, to);
    if (at != std::string_view::npos && at >= from && at + sep.size() <= to) return at;
  }
  return std::nullopt;
}

ByteRange trim_joiners(const Context& c, ByteRange r) {
  r = trim(c.t, r, ",;:");
  for (bool again = true; again;) {
    again = false;
    for (std::string_view w : {"và ", "đồng thời ", "đồng thời, ", "Đồng thời, ", "Đồng thời "}) {
      if (c.t.substr(r.begin, w.size()) == w) {
        r.begin += w.size();
        again = true;
      }
    }
    r = trim(c.t, r, ",;:");
  }
  return r;
}

}  // namespace

void extract_decisions(Context& c, Record& r) {
  if (!r.meeting.type) return;  // not a meeting: nothing was decided
  const auto& negated = c.find("decision.not");
  // A page cut off mid-sentence: its last clause is not whole. What stands before its last comma still
  // is, if it says enough ("yêu cầu Công an các tỉnh thường xuyên tổ chức ..., triển khai các biện pháp
  // ngh").
  ByteRange cut_sentence = c.truncated && !c.sentences.empty() ? c.sentences.back() : ByteRange{0, 0};
  std::size_t cut_at = cut_sentence.end;
  if (cut_sentence.size() > 0) {
    std::size_t comma = c.t.rfind(", ", cut_sentence.end);
    cut_at = comma != std::string_view::npos && comma > cut_sentence.begin ? comma : cut_sentence.begin;
  }

  // Triggers grouped by clause, in order.
  std::vector<std::pair<ByteRange, std::vector<Trigger>>> clauses;
  for (const auto& m : c.find("decision", {c.body_start, c.article.end})) {
    if (std::any_of(negated.begin(), negated.end(), [&](const RuleMatch& n) {
          return n.span.begin < m.span.end && m.span.begin < n.span.end;
        }))
      continue;
    std::size_t li = c.line_index(m.span.begin);
    if (c.in_title(m.span.begin) || (c.published_line && li == *c.published_line)) continue;
    if (cut_sentence.size() > 0 && m.span.end > cut_at) continue;
    ByteRange clause = c.clause_of(m.span.begin);
    if (cut_sentence.size() > 0 && clause.end > cut_at) {
      clause.end = cut_at;
      if (word_count(c.t, clause) < 8) continue;
    }
    if (clause.size() == 0) continue;
    Trigger tr{m.span, m.rule->value, m.rule->priority, m.rule->name};
    if (!clauses.empty() && clauses.back().first == clause) {
      auto& last = clauses.back().second.back();
      if (tr.span.begin < last.span.end) {  // two readings of one place: keep the stronger
        if (tr.priority > last.priority) last = tr;
        continue;
      }
      clauses.back().second.push_back(tr);
    } else {
      clauses.push_back({clause, {tr}});
    }
  }

  // Instructions after "nhấn mạnh:" and the like, clause by clause to the end of the paragraph.
  for (const auto& m : c.find("decision.speech", {c.body_start, c.article.end})) {
    ByteRange para = c.lines[c.line_index(m.span.begin)];
    std::size_t pos = m.span.end;
    while (pos < para.end) {
      std::size_t end = para.end;
      for (char stop : {';', '.'}) {
        std::size_t at = c.t.find(stop, pos);
        if (at != std::string_view::npos && at < end) end = at;
      }
      ByteRange clause = trim(c.t, {pos, end});
      if (clause.size() > 0 && word_count(c.t, clause) >= 4 &&
          !(cut_sentence.size() > 0 && clause.begin >= cut_sentence.begin) &&
          std::none_of(clauses.begin(), clauses.end(), [&](const auto& x) {
            return x.first.begin <= clause.begin && clause.end <= x.first.end;
          }))
        clauses.push_back({clause, {Trigger{{clause.begin, clause.begin}, "directed", 0, m.rule->name}}});
      pos = end + 1;
    }
  }
  std::sort(clauses.begin(), clauses.end(),
            [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });

  // One signing per meeting. Where a clause names the meeting ("tổ chức Hội nghị ký kết giao ước") and
  // another reports the signing itself ("các đơn vị đã ký kết giao ước"), the report is the decision.
  std::optional<std::size_t> signing_clause;
  bool signing_names_meeting = false;
  for (std::size_t k = 0; k < clauses.size(); ++k) {
    const auto& trs = clauses[k].second;
    auto it = std::find_if(trs.begin(), trs.end(), [](const Trigger& x) { return x.kind == "signed"; });
    if (it == trs.end()) continue;
    std::string before = fold(c.slice({clauses[k].first.begin, it->span.begin}));
    // "Hội nghị [phát động ... và] ký kết ...": the signing names the meeting (no comma in between)
    std::size_t h = before.rfind("hội nghị");
    bool names_meeting = h != std::string::npos && before.find(',', h) == std::string::npos;
    if (!signing_clause || (!names_meeting && signing_names_meeting)) {
      signing_clause = k;
      signing_names_meeting = names_meeting;
    }
  }
  bool signed_once = false;
  for (std::size_t ci = 0; ci < clauses.size(); ++ci) {
    const auto& [clause, triggers] = clauses[ci];
    std::size_t part_begin = clause.begin;
    for (std::size_t k = 0; k < triggers.size(); ++k) {
      std::size_t part_end = clause.end;
      if (k + 1 < triggers.size()) {
        if (auto at = split_point(c.t, triggers[k].span.end, triggers[k + 1].span.begin))
          part_end = *at;
        else
          continue;  // no place to split: the next trigger joins this part
      }
      // the strongest trigger of the part names its kind
      const Trigger* best = &triggers[k];
      for (std::size_t j = k; j > 0 && triggers[j - 1].span.begin >= part_begin; --j)
        if (triggers[j - 1].priority > best->priority) best = &triggers[j - 1];
      ByteRange part = trim_joiners(c, {part_begin, part_end});
      part_begin = part_end;
      if (part.size() == 0) continue;
      // One signing per meeting: later mentions (captions, summaries) repeat it.
      if (best->kind == "signed") {
        if (signed_once || ci != signing_clause) continue;
        signed_once = true;
      }
      std::string text = c.value(part);
      if (std::any_of(r.decisions.begin(), r.decisions.end(),
                      [&](const Decision& d) { return d.text == text; }))
        continue;
      r.explain["decisions[" + std::to_string(r.decisions.size()) + "]"] = best->rule;
      r.decisions.push_back({best->kind, text, c.at(part)});
    }
  }
}

namespace {

// "kế hoạch" -> "Kế hoạch": every document kind starts with an ASCII letter.
std::string capitalize_first(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
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
      d.date = iso_date(c.slice(*m.group("year")), c.slice(*m.group("month")), c.slice(*m.group("day")));
    if (auto issuer = m.group("issuer")) {
      ByteRange is = *issuer;
      for (const auto& cut : kIssuerCuts) is = cut_at_first(c.t, is, cut);
      is = trim(c.t, is);
      if (is.size() > 0) d.issuer = c.value(is);
    }
    d.at = c.at(m.span);
    r.explain["documents[" + std::to_string(r.documents.size()) + "]"] = m.rule->name;
    r.documents.push_back(d);
  }
}

}  // namespace thidua::extract
