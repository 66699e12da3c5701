#include "meetings.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "normalize.h"

namespace thidua {

namespace {

// Letters and digits without their marks, lower case; anything else one space.
std::string fold_to_words(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString folded = icu::UnicodeString::fromUTF8(comparison_key(utf8));
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(folded, status) : folded;
  if (U_FAILURE(status)) decomposed = folded;
  icu::UnicodeString words;
  bool space = true;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111 || c == 0x0110) c = 'd';  // đ, Đ: a letter of its own, not d with a mark
    if (u_isalnum(c)) {
      words.append(c);
      space = false;
    } else if (!space) {
      words.append(UChar(' '));
      space = true;
    }
  }
  std::string out;
  words.toUTF8String(out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool full_date(const std::optional<std::string>& d) { return d && d->size() == 10 && (*d)[0] != '-'; }

}  // namespace

std::string name_key(std::string_view name) { return fold_to_words(name); }

std::string arabic_number(const std::string& number) {
  const auto value = [](char c) {
    switch (c) {
      case 'I':
        return 1;
      case 'V':
        return 5;
      case 'X':
        return 10;
      case 'L':
        return 50;
      default:
        return 0;
    }
  };
  int total = 0;
  for (std::size_t i = 0; i < number.size(); ++i) {
    int v = value(static_cast<char>(std::toupper(static_cast<unsigned char>(number[i]))));
    if (v == 0) return number;
    int next = i + 1 < number.size()
                   ? value(static_cast<char>(std::toupper(static_cast<unsigned char>(number[i + 1]))))
                   : 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? std::to_string(total) : number;
}

std::string bloc_key(const ArticleFacts& a) {
  if (!a.bloc_name) return "";
  std::string kind = a.bloc_kind.value_or("");
  std::string province = a.province ? name_key(*a.province) : "";
  if (a.bloc_number && !a.bloc_number->empty())
    return kind + "|" + province + "|#" + arabic_number(*a.bloc_number);
  // the name's own words: what tells this bloc from the province's others
  static const std::set<std::string> generic = {"khoi", "cum", "thi", "dua", "so", "cac"};
  std::string words, key = name_key(*a.bloc_name);
  std::size_t i = 0;
  while (i < key.size()) {
    std::size_t j = key.find(' ', i);
    if (j == std::string::npos) j = key.size();
    std::string w = key.substr(i, j - i);
    if (!generic.count(w)) words += (words.empty() ? "" : " ") + w;
    i = j + 1;
  }
  if (words.empty()) return "";  // "Khối thi đua" alone names no particular bloc
  return kind + "|" + province + "|" + words;
}

std::optional<int> meeting_year(const std::optional<std::string>& date,
                                const std::optional<std::string>& period) {
  const auto year_at = [](const std::string& s, std::size_t at) -> std::optional<int> {
    if (s.size() < at + 4) return std::nullopt;
    int y = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      y = y * 10 + (s[i] - '0');
    }
    return y;
  };
  if (period) {
    std::size_t slash = period->find('/');
    if (slash != std::string::npos)
      if (auto y = year_at(*period, slash + 1)) return y;
  }
  if (full_date(date)) return year_at(*date, 0);
  return std::nullopt;
}

std::string Disagreement::describe() const {
  std::string out = field + ": ";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i ? " / " : "") + values[i].first + " (";
    for (std::size_t k = 0; k < values[i].second.size(); ++k) out += (k ? ", " : "") + values[i].second[k];
    out += ")";
  }
  return out;
}

namespace {

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), std::size_t{0}); }
  std::size_t find(std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);  // the earliest article names the group
  }
};

// A field's values over one meeting's sources, each with the files that give it, in the order first
// given: the value most sources give wins (a tie: the one given first); more than one is a disagreement.
struct Tally {
  std::vector<std::pair<std::string, std::vector<std::string>>> values;
  void add(const std::optional<std::string>& v, const std::string& file) {
    if (!v) return;
    for (auto& [value, files] : values)
      if (value == *v) {
        files.push_back(file);
        return;
      }
    values.push_back({*v, {file}});
  }
  std::optional<std::string> winner() const {
    const std::pair<std::string, std::vector<std::string>>* best = nullptr;
    for (const auto& v : values)
      if (!best || v.second.size() > best->second.size()) best = &v;
    return best ? std::optional<std::string>(best->first) : std::nullopt;
  }
  void disagreement(const std::string& field, std::vector<Disagreement>& out) const {
    if (values.size() > 1) out.push_back({field, values});
  }
};

// The date sources give: full dates; a day and month without a year only when no source has a full one.
Tally date_tally(const std::vector<ArticleFacts>& articles, const std::vector<std::size_t>& sources) {
  Tally full, partial;
  for (std::size_t i : sources)
    (full_date(articles[i].date) ? full : partial).add(articles[i].date, articles[i].file);
  return full.values.empty() ? partial : full;
}

// Members, chairpersons and decisions of every source, each once; a unit given two roles is a disagreement.
void merge_lists(const std::vector<ArticleFacts>& articles, MergedMeeting& m) {
  std::map<std::string, std::size_t> member_at;
  std::map<std::string, Tally> roles;
  std::set<std::string> chairs, decisions;
  for (std::size_t i : m.sources) {
    const ArticleFacts& a = articles[i];
    for (const auto& u : a.members) {
      std::string key = name_key(u.name);
      auto [it, added] = member_at.emplace(key, m.members.size());
      if (added) m.members.push_back({u.name, std::nullopt});
      roles[key].add(u.role, a.file);
    }
    for (const auto& c : a.chairs)
      if (chairs.insert(name_key(c)).second) m.chairs.push_back(c);
    for (const auto& d : a.decisions)
      if (decisions.insert(d.kind + "|" + name_key(d.text)).second) m.decisions.push_back(d);
  }
  for (auto& u : m.members) {
    const Tally& t = roles[name_key(u.name)];
    u.role = t.winner();
    t.disagreement("role of " + u.name, m.conflicts);
  }
}

MergedMeeting merge(const std::vector<ArticleFacts>& articles, std::vector<std::size_t> sources) {
  MergedMeeting m;
  m.sources = std::move(sources);
  Tally name, kind, number, province, type, period, location;
  for (std::size_t i : m.sources) {
    const ArticleFacts& a = articles[i];
    name.add(a.bloc_name, a.file);
    kind.add(a.bloc_kind, a.file);
    number.add(a.bloc_number, a.file);
    province.add(a.province, a.file);
    type.add(a.type, a.file);
    period.add(a.period, a.file);
    location.add(a.location, a.file);
  }
  Tally date = date_tally(articles, m.sources);
  m.bloc_key = bloc_key(articles[m.sources.front()]);
  m.bloc_name = name.winner().value_or("");
  m.bloc_kind = kind.winner();
  m.bloc_number = number.winner();
  m.province = province.winner();
  m.date = date.winner();
  m.type = type.winner();
  m.period = period.winner();
  m.location = location.winner();
  m.year = meeting_year(m.date, m.period);
  date.disagreement("meeting.date", m.conflicts);
  type.disagreement("meeting.type", m.conflicts);
  period.disagreement("meeting.period", m.conflicts);
  merge_lists(articles, m);
  return m;
}

}  // namespace

std::vector<MergedMeeting> group_meetings(const std::vector<ArticleFacts>& articles) {
  UnionFind groups(articles.size());
  std::map<std::string, std::size_t> first_with;  // a grouping key -> the first article that has it
  std::vector<bool> is_meeting(articles.size(), false);
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const ArticleFacts& a = articles[i];
    std::string bloc = bloc_key(a);
    if (bloc.empty() || !a.type) continue;
    is_meeting[i] = true;
    std::vector<std::string> keys;
    if (full_date(a.date)) keys.push_back(bloc + "\n@" + *a.date);
    // the same review of the same period: only where the province is known, since "Cụm thi đua số 2" of
    // an unknown province may be any of several blocs (a date in common is evidence enough; a year is not)
    if (a.period && a.province) keys.push_back(bloc + "\n" + *a.type + "\n" + *a.period);
    for (const auto& k : keys) {
      auto [it, added] = first_with.emplace(k, i);
      if (!added) groups.unite(it->second, i);
    }
  }
  std::map<std::size_t, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < articles.size(); ++i)
    if (is_meeting[i]) members[groups.find(i)].push_back(i);
  std::vector<MergedMeeting> out;
  out.reserve(members.size());
  for (auto& [root, sources] : members) out.push_back(merge(articles, std::move(sources)));
  std::stable_sort(out.begin(), out.end(), [](const MergedMeeting& a, const MergedMeeting& b) {
    return std::tie(a.bloc_key, a.year, a.date) < std::tie(b.bloc_key, b.year, b.date);
  });
  return out;
}

}  // namespace thidua
