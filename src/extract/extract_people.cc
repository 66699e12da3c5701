// People: named persons with their title and what they did at the meeting; the chairpersons.
#include <algorithm>
#include <map>
#include <string>

#include "extract_context.h"

namespace thidua::extract {
namespace {

struct PersonMention {
  std::string rule;
  ByteRange name;
  std::optional<ByteRange> rank;  // "Thiếu tướng": the title when no other is given
  std::optional<ByteRange> title;
  std::optional<ByteRange> organization;
  bool bare = false;  // written with neither a title before it nor a word that introduces a person
};

constexpr std::size_t kTitleReach = 512;

// The title written after a name: ", Phó Giám đốc Sở Tư pháp" or " - Phó trưởng Ban ...". It goes on
// over ", " while the next part opens another title ("..., Chủ tịch Ủy ban ..."); a part that opens a
// unit ("..., Viện Kiểm sát nhân dân tỉnh") is the organization.
void read_title(const Context& c, PersonMention& p) {
  const std::string_view t = c.t;
  std::size_t i = p.name.end;
  while (i < t.size() && t[i] == ' ') ++i;
  if (i < t.size() && (t[i] == ',' || t[i] == '-'))
    ++i;
  else if (t.compare(i, 3, "–") == 0 || t.compare(i, 3, "—") == 0)
    i += 3;
  else
    return;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\n')) ++i;
  if (!c.titles.match_at(t, i)) return;
  ByteRange clause = c.clause_of(i);
  // (a title runs a few words, never kTitleReach bytes: a clause with no ';' or stop may be any length,
  // and each person of it would read all of it)
  std::size_t end = std::min(clause.end, char_start_at_or_before(t, i + kTitleReach));
  // words that start the rest of the sentence or a unit's role after a dash (lists/title_cuts.txt; not the
  // "và" of "Sở Giáo dục và Đào tạo"), or a parenthesis
  end = cut_after_joined_names(c, c.phrases("title_cuts"), {i, end}).end;
  end = cut_at_first(t, {i, end}, " (").end;
  // Commas: keep going into another title; stop before anything else (a unit becomes the organization).
  for (std::size_t k = i; k < end; ++k) {
    if (t[k] != ',') continue;
    std::size_t n = k + 1;
    while (n < end && t[n] == ' ') ++n;
    if (c.titles.match_at(t, n)) continue;
    if (c.units.match_at(t, n) && !p.organization) {
      p.organization = trim(t, {n, end});
    }
    end = k;
    break;
  }
  ByteRange title = trim(t, {i, end}, ",;:-.");
  if (title.size() > 0 && word_count(t, title) <= 30) p.title = title;
}

struct Trigger {
  ByteRange span;
  std::vector<std::string> roles;  // a rule's value: one role, or several joined by '+' ("director+speaker")
  bool forward;                    // applies to persons after it ("Chủ trì Hội nghị đồng chí X")
  bool backward;                   // applies to persons before it ("X phát biểu")
  std::string rule;
};

Trigger trigger_of(const RuleMatch& m) {
  std::vector<std::string> roles;
  for (std::size_t b = 0, e; b <= m.rule->value.size(); b = e + 1) {
    e = std::min(m.rule->value.find('+', b), m.rule->value.size());
    roles.push_back(m.rule->value.substr(b, e - b));
  }
  const std::string& v = roles.front();
  bool forward = v == "chair" || v == "director" || v == "attendee" || v == "concluder" || v == "speaker";
  bool backward = v == "chair" || v == "presenter" || v == "concluder" || v == "speaker" || v == "director" ||
                  v == "attendee";
  return {m.span, std::move(roles), forward, backward, m.rule->name};
}

// The persons named, in order: introduced mentions win over merely titled ones where they overlap; a
// place or an institution named after a person is none.
std::vector<PersonMention> person_mentions(const Context& c) {
  const std::vector<RuleMatch>& found = c.find("person");
  // A mention whose name overlaps this one's starts less than the longest mention's length before it
  // and before its end (the matches come in text order): only those are compared, not every pair.
  std::size_t longest = 0;
  std::vector<ByteRange> names;
  for (const auto& m : found) {
    longest = std::max(longest, m.span.size());
    names.push_back(*m.group("name"));
  }
  std::vector<PersonMention> mentions;
  for (std::size_t k = 0; k < found.size(); ++k) {
    const RuleMatch& m = found[k];
    ByteRange name = names[k];
    bool shadowed = false;
    const std::size_t from = m.span.begin > longest ? m.span.begin - longest : 0;
    auto j = static_cast<std::size_t>(
        std::lower_bound(found.begin(), found.end(), from,
                         [](const RuleMatch& o, std::size_t at) { return o.span.begin < at; }) -
        found.begin());
    for (; j < found.size() && found[j].span.begin < m.span.end; ++j) {
      if (j == k) continue;
      ByteRange on = names[j];
      if (on.begin < name.end && name.begin < on.end && found[j].rule->priority > m.rule->priority)
        shadowed = true;
    }
    if (shadowed) continue;
    if (!mentions.empty() && mentions.back().name.begin == name.begin) continue;
    if (!names_a_person(c, m)) continue;
    std::optional<ByteRange> written_title = m.group("title");
    PersonMention p{m.rule->name,  name,         std::nullopt,
                    written_title, std::nullopt, !written_title && !m.group("intro")};
    if (auto intro = m.group("intro")) {
      std::size_t len = c.ranks.match_at(c.t, intro->begin);
      if (len) p.rank = ByteRange{intro->begin, intro->begin + len};
      std::size_t h = c.honorifics.match_at(c.t, intro->begin);
      if (h && intro->size() > h) {
        std::size_t rb = intro->begin + h;
        while (rb < intro->end && c.t[rb] == ' ') ++rb;
        if (std::size_t l2 = c.ranks.match_at(c.t, rb)) p.rank = ByteRange{rb, rb + l2};
      }
    }
    if (!p.title) read_title(c, p);
    mentions.push_back(p);
  }
  // "Hà Văn Minh, Bí thư Huyện ủy Quan Hóa, Cụm trưởng": a name known only by the title after it, inside
  // another person's title or organization, is a place in it ("Quan Hóa"), not a person. (A range holds
  // the name when it starts at or before it and ends at or after it: the furthest end among the ranges
  // that start in time answers for all, in one sorted pass.)
  std::vector<ByteRange> spans;
  for (const auto& p : mentions)
    for (const auto& r : {p.title, p.organization})
      if (r) spans.push_back(*r);
  std::sort(spans.begin(), spans.end(), [](ByteRange a, ByteRange b) { return a.begin < b.begin; });
  std::vector<std::size_t> furthest(spans.size());
  for (std::size_t k = 0; k < spans.size(); ++k)
    furthest[k] = std::max(k ? furthest[k - 1] : 0, spans[k].end);
  const auto inside_another = [&](ByteRange name) {
    auto after = std::upper_bound(spans.begin(), spans.end(), name.begin,
                                  [](std::size_t pos, ByteRange r) { return pos < r.begin; });
    return after != spans.begin() &&
           furthest[static_cast<std::size_t>(after - spans.begin()) - 1] >= name.end;
  };
  std::vector<PersonMention> kept;
  for (const auto& p : mentions)
    if (!p.bare || !inside_another(p.name)) kept.push_back(p);
  return kept;
}

// What persons did, in order; several readings at one place keep the strongest.
std::vector<Trigger> role_triggers(const Context& c) {
  std::vector<Trigger> triggers;
  std::vector<int> priorities;
  for (const auto& m : c.find("person.role")) {
    // Several readings at one place ("tới dự và chỉ đạo" is also "tới dự"; "phát biểu kết luận" is
    // also "phát biểu"): keep the strongest.
    if (!triggers.empty() && m.span.begin < triggers.back().span.end) {
      if (m.rule->priority > priorities.back()) {
        triggers.back() = trigger_of(m);
        priorities.back() = m.rule->priority;
      }
      continue;
    }
    triggers.push_back(trigger_of(m));
    priorities.push_back(m.rule->priority);
  }

  return triggers;
}

// The trigger that says what the person named at `name` did: one after the name in its clause ("X
// thông qua dự thảo"), else one before it in the sentence ("Phát biểu tại Hội nghị, đồng chí X ...").
const Trigger* role_of(const Context& c, const std::vector<Trigger>& triggers, ByteRange name) {
  ByteRange sentence = c.sentence_of(name.begin);
  ByteRange clause = c.clause_of(name.begin);
  const Trigger* after = nullptr;
  const Trigger* before = nullptr;
  // (the triggers come in text order: a binary search finds the sentence's, not a walk over all of them)
  auto first = std::lower_bound(triggers.begin(), triggers.end(), sentence.begin,
                                [](const Trigger& tr, std::size_t at) { return tr.span.begin < at; });
  for (auto it = first; it != triggers.end() && it->span.begin < sentence.end; ++it) {
    const Trigger& tr = *it;
    if (tr.span.end > sentence.end) continue;
    // A trigger after the name ("A ... và B ... đồng chủ trì") applies to every name before it.
    if (tr.span.begin >= name.end && tr.backward && !after) after = &tr;
    if (tr.span.end <= name.begin && tr.forward) before = &tr;
  }
  // "X tham dự hội nghị": attending is told of the names in its own clause only; a guest list after a
  // chair's clause ("A chủ trì; tham dự có B") names others
  if (after && after->roles.front() == "attendee" && after->span.begin > clause.end) after = nullptr;
  const Trigger* use = nullptr;
  if (after && (after->span.begin <= clause.end || !before))
    use = after;
  else if (before)
    use = before;
  if (use && before && after && use == after && before->roles.front() == "director") use = before;
  return use;
}

}  // namespace

void extract_people(Context& c, Record& r) {
  const std::vector<Trigger> triggers = role_triggers(c);
  std::map<std::string, std::size_t> index;  // person key -> position in r.people
  for (const auto& p : person_mentions(c)) {
    const Trigger* use = role_of(c, triggers, p.name);
    std::string key = fold(match_form(c.value(p.name)));
    auto it = index.find(key);
    if (it == index.end()) {
      Person person;
      person.name = c.value(p.name);
      if (p.title)
        person.title = c.value(*p.title);
      else if (p.rank)
        person.title = c.value(*p.rank);
      if (p.organization) person.organization = c.value(*p.organization);
      person.at = c.at(p.name);
      r.explain["people[" + std::to_string(r.people.size()) + "]"] = p.rule;
      index[key] = r.people.size();
      r.people.push_back(person);
      it = index.find(key);
    }
    Person& person = r.people[it->second];
    if (!person.title && p.title) person.title = c.value(*p.title);
    for (const std::string& role : use ? use->roles : std::vector<std::string>{}) {
      if (std::find(person.roles.begin(), person.roles.end(), role) != person.roles.end()) continue;
      r.explain["people[" + std::to_string(it->second) + "].roles." + role] = use->rule;
      person.roles.push_back(role);
    }
  }
  for (const auto& p : r.people) {
    if (std::find(p.roles.begin(), p.roles.end(), "chair") != p.roles.end()) {
      Person chair = p;
      chair.roles.clear();
      r.chairpersons.push_back(chair);
    }
  }
}

}  // namespace thidua::extract
