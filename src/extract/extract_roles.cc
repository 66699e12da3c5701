// The roles (head, deputy) written in sentences: "Khối trưởng là X", "X (Khối trưởng)", a chair's
// title that names the role; a role handed on for next year is not this year's.
#include <algorithm>
#include <set>
#include <string>

#include "extract_bloc_parts.h"

namespace thidua::extract::bloc {
namespace {

// The latest year named in `where` ("năm 2024", the end of "năm học 2023-2024"); 0 when none is.
int latest_year(const Context& c, ByteRange where) {
  int latest = 0;
  for (const auto& m : c.find("year", where)) {
    auto y = m.group("end_year") ? m.group("end_year") : m.group("year");
    if (y) latest = std::max(latest, std::stoi(std::string(c.slice(*y))));
  }
  return latest;
}

// Where the first year after `headline_year` stands in `sentence` (npos if none does); asked once per
// sentence, not once per role word in it.
std::size_t first_later_year(const Context& c, ByteRange sentence, int headline_year) {
  if (headline_year <= 0) return std::string_view::npos;
  for (const auto& m : c.find("year", sentence)) {
    auto y = m.group("end_year") ? m.group("end_year") : m.group("year");
    if (y && std::stoi(std::string(c.slice(*y))) > headline_year) return m.span.begin;
  }
  return std::string_view::npos;
}

// Whether a role word names a role handed on rather than held at the meeting: after a vote or a
// hand-over earlier in its sentence, or in a year after the meeting's. `later_year`: where the first year
// after the headline's stands in the sentence (first_later_year).
bool role_handed_on(const Context& c, ByteRange role_word, ByteRange sentence,
                    const std::vector<RuleMatch>& not_held, std::size_t later_year, int meeting_year) {
  // "Hội nghị đã bầu đơn vị Cụm trưởng ... là X, đơn vị Cụm phó là Y": a vote or hand-over earlier in
  // the sentence concerns every role word after it (the first one in the sentence ends first: a binary
  // search finds it)
  auto first = std::lower_bound(not_held.begin(), not_held.end(), sentence.begin,
                                [](const RuleMatch& n, std::size_t at) { return n.span.begin < at; });
  bool handed_on = first != not_held.end() && first->span.end <= role_word.begin + 1;
  // "Năm học 2024-2025, Trường X được giao làm Cụm trưởng" under a headline of 2023-2024: next year's
  handed_on |= later_year != std::string_view::npos && later_year < role_word.begin;
  // "Khối trưởng năm 2025 là Sở Nội vụ" in the review of 2024: the role's own year, written right after it
  if (meeting_year > 0)
    for (const auto& y : c.find_at("year", {skip_spaces(c.t, role_word.end), sentence.end})) {
      auto year = y.group("end_year") ? y.group("end_year") : y.group("year");
      handed_on |= year && std::stoi(std::string(c.slice(*year))) > meeting_year;
    }
  return handed_on;
}

// The member named nearest a role word in its sentence (`keys`: the members' folded names): before it,
// or after it as a weaker reading; within 160 bytes.
struct NearestMember {
  std::optional<std::size_t> index;
  std::size_t distance = 0, end = 0;  // from the role word; where the mention ends
};
NearestMember nearest_member(const Context& c, const std::vector<std::string>& keys, ByteRange role_word,
                             ByteRange sentence) {
  NearestMember best;
  // only mentions within reach can be the nearest: the text around the role word, to whole characters
  // (not the whole sentence, which a long one would make every role word read)
  std::size_t longest = 0;
  for (const auto& key : keys) longest = std::max(longest, key.size());
  ByteRange near{
      role_word.begin > sentence.begin + 160 + longest ? role_word.begin - 160 - longest : sentence.begin,
      std::min(sentence.end, role_word.end + 100 + longest)};
  near.begin = char_start_at_or_before(c.t, near.begin);
  while (near.end < sentence.end && (static_cast<unsigned char>(c.t[near.end]) & 0xC0) == 0x80) ++near.end;
  const std::string region = fold(c.slice(near));
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::string& key = keys[k];
    for (std::size_t at = region.find(key); at != std::string::npos; at = region.find(key, at + 1)) {
      std::size_t pos = near.begin + at;  // folding keeps byte lengths for Vietnamese text
      if (c.in_title(pos)) continue;
      std::size_t mention_end = pos + key.size();
      std::size_t distance;
      if (mention_end <= role_word.begin)
        distance = role_word.begin - mention_end;
      else if (pos >= role_word.end)
        distance = (pos - role_word.end) + 60;  // after: a weaker reading
      else
        continue;
      if (distance > 160) continue;
      if (!best.index || distance < best.distance) best = {k, distance, mention_end};
    }
  }
  return best;
}

}  // namespace

// Roles stated in sentences: the member named nearest before the role word (or just after it), or the
// unit written beside it, which then joins the members.
void roles_in_sentences(Context& c, Record& r) {
  const int headline_year = latest_year(c, c.title_line ? c.lines[*c.title_line] : ByteRange{0, 0});
  // the year the meeting stands in: the headline's, else the lead sentence's
  const int meeting_year = headline_year > 0 ? headline_year : latest_year(c, c.sentence_of(c.body_start));
  const auto& role_words = c.find("member.role");
  const auto& not_held = c.find("member.role_not_held");
  std::size_t covered_to = 0;     // the furthest end of the role words read (they come in text order)
  std::vector<std::string> keys;  // each member's name, folded once
  ByteRange last_sentence{0, 0};
  std::size_t later_year = std::string_view::npos;  // first_later_year of last_sentence
  for (const auto& rw : role_words) {
    if (rw.span.begin < covered_to)
      continue;  // "Phó Trưởng khối": the deputy reading, which starts earlier, already took it
    covered_to = rw.span.end;
    ByteRange sentence = c.sentence_of(rw.span.begin);
    if (sentence.begin != last_sentence.begin || sentence.end != last_sentence.end) {
      last_sentence = sentence;
      later_year = first_later_year(c, sentence, headline_year);
    }
    // A unit handed the role (elected for next year) is still a member, without the role.
    const std::optional<std::string> role =
        role_handed_on(c, rw.span, sentence, not_held, later_year, meeting_year)
            ? std::nullopt
            : std::optional<std::string>(rw.rule->value);
    while (keys.size() < r.bloc.members.size())
      keys.push_back(fold(match_form(r.bloc.members[keys.size()].name)));
    const NearestMember nearest = nearest_member(c, keys, rw.span, sentence);
    const std::optional<std::size_t> best = nearest.index;
    const std::size_t best_distance = nearest.distance, best_end = nearest.end;
    // The unit written right beside the role word ("Thanh tra Sở Kế hoạch và Đầu tư - đơn vị Cụm Phó")
    // wins over a member named further back in the sentence.
    std::optional<ByteRange> unit = unit_beside_role(c, rw.span, sentence);
    bool unit_nearer = unit && unit->end <= rw.span.begin && rw.span.begin - unit->end < best_distance;
    // "... là Công an tỉnh Quảng Trị, đơn vị Cụm phó là Công an tỉnh Thừa Thiên Huế", "Khối trưởng là Sở
    // Tài chính; Khối phó là Sở Xây dựng": the unit the role names after "là" wins over a member before a
    // comma or a ';'
    bool one_phrase = false;
    std::size_t before_end = best ? best_end : unit && unit->end <= rw.span.begin ? unit->end : rw.span.end;
    if (before_end <= rw.span.begin &&
        c.slice({before_end, rw.span.begin}).find_first_of(",;") != std::string_view::npos) {
      if (auto named = unit_after_copula(c, rw.span, sentence, &one_phrase); named && one_phrase) {
        unit = named;
        unit_nearer = true;
      } else if (auto after = unit_right_after(c, rw.span, sentence)) {  // "...; Khối phó: Sở Tư pháp"
        unit = after;
        unit_nearer = true;
      }
    }
    if (best && !unit_nearer) {
      if (role && !r.bloc.members[*best].role) {
        r.bloc.members[*best].role = role;
        r.explain["bloc.members[" + std::to_string(*best) + "].role"] = rw.rule->name;
      }
      continue;
    }
    if (!unit) continue;
    // Otherwise the unit beside the role is a member with that role.
    std::string name = c.value(*unit);
    auto known = std::find_if(r.bloc.members.begin(), r.bloc.members.end(),
                              [&](const Member& m) { return same_unit(m.name, name); });
    if (known != r.bloc.members.end()) {
      if (role && !known->role) known->role = role;
      continue;
    }
    r.explain["bloc.members[" + std::to_string(r.bloc.members.size()) + "]"] = rw.rule->name;
    r.bloc.members.push_back({name, role, c.at(*unit)});
  }
}

}  // namespace thidua::extract::bloc
