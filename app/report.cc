#include "report.h"

#include <algorithm>
#include <map>
#include <set>

namespace thidua {

namespace {

const std::vector<std::string> kDecisionKinds = {"agreed", "approved", "elected", "awarded",
                                                 "signed", "planned",  "directed"};

std::string join(const std::vector<std::string>& parts, const char* sep = "; ") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

Cell text_cell(const std::string& s) { return s.empty() ? Cell::empty() : Cell::of(s); }
Cell count_cell(std::size_t n) { return Cell::num(static_cast<double>(n)); }

std::string articles(std::size_t n) { return std::to_string(n) + (n == 1 ? " article" : " articles"); }

// "2023-07-12 (2 articles)"; a date in dispute says so.
std::string held(const MergedMeeting& m) {
  std::string when = m.date.value_or("date unknown");
  bool disputed = std::any_of(m.conflicts.begin(), m.conflicts.end(),
                              [](const Disagreement& d) { return d.field == "meeting.date"; });
  return when + " (" + articles(m.sources.size()) + (disputed ? ", dates disagree" : "") + ")";
}

bool has_kind(const MergedMeeting& m, const std::string& kind) {
  return std::any_of(m.decisions.begin(), m.decisions.end(),
                     [&](const DecisionFact& d) { return d.kind == kind; });
}

// A year-end review where the members sign next year's pact launches next year's movement as well.
bool launches_next_year(const MergedMeeting& m) {
  return m.type && *m.type == "tong_ket" && has_kind(m, "signed");
}

// One bloc's meetings, by year (none: a year not known).
using YearMeetings = std::map<std::optional<int>, std::vector<const MergedMeeting*>>;

// The units named in a role over meetings, once each.
std::vector<std::string> units(const std::vector<const MergedMeeting*>& ms, const char* role) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const MergedMeeting* m : ms)
    for (const auto& u : m->members)
      if (u.role && *u.role == role && seen.insert(name_key(u.name)).second) out.push_back(u.name);
  return out;
}

// An article lists the bloc's members when it names at least this many; fewer are units named for a
// role ("Sở Tài chính, Trưởng khối"), not a list whose absentees left the bloc.
constexpr std::size_t kListedMembers = 3;

// The members the meetings' articles list, once each (empty: no article lists them).
std::vector<std::string> member_list(const std::vector<ArticleFacts>& articles,
                                     const std::vector<const MergedMeeting*>& ms) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const MergedMeeting* m : ms)
    for (std::size_t s : m->sources)
      if (articles[s].members.size() >= kListedMembers)
        for (const auto& u : articles[s].members)
          if (seen.insert(name_key(u.name)).second) out.push_back(u.name);
  return out;
}

std::vector<std::string> decisions_of(const std::vector<const MergedMeeting*>& ms, const std::string& kind) {
  std::vector<std::string> out;
  for (const MergedMeeting* m : ms)
    for (const auto& d : m->decisions)
      if (d.kind == kind) out.push_back(d.text);
  return out;
}

std::string decisions_by_kind(const std::vector<const MergedMeeting*>& ms) {
  std::vector<std::string> parts;
  for (const auto& kind : kDecisionKinds) {
    std::size_t n = decisions_of(ms, kind).size();
    if (n) parts.push_back(kind + " " + std::to_string(n));
  }
  return join(parts, ", ");
}

// Names in `a` that are not in `b` (by name_key).
std::vector<std::string> missing_from(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> keys;
  for (const auto& n : b) keys.insert(name_key(n));
  std::vector<std::string> out;
  for (const auto& n : a)
    if (!keys.count(name_key(n))) out.push_back(n);
  return out;
}

}  // namespace

bool bloc_matches(const std::string& bloc_name, const std::string& query) {
  static const std::set<std::string> filler = {"thi", "dua", "so", "cac"};
  const auto words = [](const std::string& s) {
    std::set<std::string> out;
    std::string key = name_key(s) + " ";
    for (std::size_t i = 0, j; (j = key.find(' ', i)) != std::string::npos; i = j + 1) {
      std::string w = key.substr(i, j - i);
      if (w.empty() || filler.count(w)) continue;
      out.insert(arabic_number(w));  // a Roman number is its Arabic one ("IV" = "4")
    }
    return out;
  };
  std::set<std::string> have = words(bloc_name);
  for (const auto& w : words(query))
    if (!have.count(w)) return false;
  return true;
}

namespace {

const TableSpec& blocs_spec() {
  static const TableSpec spec = {
      "blocs",
      {{"province", "the bloc's province (empty: not known)"},
       {"bloc", "the bloc's name as most articles give it"},
       {"year", "the emulation year: the period a review covers, else the year of the meeting"},
       {"launch", "phát động / ký kết giao ước meetings: date (articles)"},
       {"six_month_review", "sơ kết meetings: date (articles)"},
       {"year_end_review", "tổng kết meetings: date (articles)"},
       {"other_meetings", "other bloc meetings (giao ban ...): date (articles)"},
       {"articles", "articles that report the year's meetings"},
       {"head_unit", "the unit named head (Khối/Cụm trưởng) at the year's meetings"},
       {"deputy_unit", "the unit named deputy (Khối/Cụm phó)"},
       {"elected_for_next_year", "elected decisions: who will head the bloc next"},
       {"awards", "awarded decisions: units proposed for the flag or a certificate"},
       {"decisions_by_kind", "decisions of the year's meetings, counted by kind"},
       {"members", "member units the year's articles list (an article that names 3 or more)"},
       {"members_gained", "members named this year and not in the compared year"},
       {"members_lost", "members named in the compared year and not this year"},
       {"compared_with", "the latest earlier year with a member list"},
       {"missing", "no year-end review found; no launch found"},
       {"conflicts", "values the sources of one meeting disagree on"},
       {"warnings", "warnings on the articles of the year's meetings"}}};
  return spec;
}

const TableSpec& meetings_spec() {
  static const TableSpec spec = {"meetings",
                                 {{"province", "the bloc's province"},
                                  {"bloc", "the bloc's name"},
                                  {"year", "the emulation year"},
                                  {"type", "so_ket, tong_ket, phat_dong or other"},
                                  {"date", "the day it was held (the date most sources give)", "", true},
                                  {"period", "the period reviewed"},
                                  {"location", "where it was held"},
                                  {"sources", "articles that report it"},
                                  {"files", "those articles' files"},
                                  {"chairpersons", "who chaired"},
                                  {"members", "member units named"},
                                  {"decisions", "decisions found"},
                                  {"conflicts", "values its sources disagree on"}}};
  return spec;
}

const TableSpec& provinces_spec() {
  static const TableSpec spec = {"provinces",
                                 {{"province", "the province (empty: blocs whose province is not known)"},
                                  {"blocs", "blocs with a meeting in the report"},
                                  {"meetings", "meetings"},
                                  {"articles", "articles that report them"},
                                  {"warnings", "warnings on those articles (values a reader should check)"},
                                  {"conflicts", "meetings whose sources disagree"}}};
  return spec;
}

std::string conflicts_of(const std::vector<const MergedMeeting*>& ms) {
  std::vector<std::string> out;
  for (const MergedMeeting* m : ms)
    for (const auto& c : m->conflicts) out.push_back(c.describe());
  return join(out);
}

// The launch of year Y: its phát động meetings, and a year-end review of Y-1 where next year's pact was
// signed.
std::vector<std::string> launches(const YearMeetings& years, const std::optional<int>& year) {
  std::vector<std::string> out;
  auto it = years.find(year);
  if (it != years.end())
    for (const MergedMeeting* m : it->second)
      if (m->type && *m->type == "phat_dong") out.push_back(held(*m));
  if (!year) return out;
  auto before = years.find(*year - 1);
  if (before != years.end())
    for (const MergedMeeting* m : before->second)
      if (launches_next_year(*m))
        out.push_back(m->date.value_or("date unknown") + " (with the " + std::to_string(*year - 1) +
                      " year-end review)");
  return out;
}

std::vector<std::string> held_of_type(const std::vector<const MergedMeeting*>& ms, const std::string& type) {
  std::vector<std::string> out;
  for (const MergedMeeting* m : ms) {
    std::string t = m->type.value_or("other");
    bool known = t == "so_ket" || t == "tong_ket" || t == "phat_dong";
    if (t == type || (type == "other" && !known)) out.push_back(held(*m));
  }
  return out;
}

// Members gained and lost against the latest earlier year with a member list.
void member_changes(const std::vector<ArticleFacts>& articles, const YearMeetings& years,
                    const std::optional<int>& year, const std::vector<std::string>& now,
                    std::map<std::string_view, Cell>& row) {
  if (!year || now.empty()) return;
  for (auto it = years.find(year); it != years.begin();) {
    --it;
    if (!it->first) break;
    std::vector<std::string> before = member_list(articles, it->second);
    if (before.empty()) continue;
    row["members_gained"] = text_cell(join(missing_from(now, before)));
    row["members_lost"] = text_cell(join(missing_from(before, now)));
    row["compared_with"] = count_cell(static_cast<std::size_t>(*it->first));
    return;
  }
}

Row bloc_year_row(const std::vector<ArticleFacts>& articles, const std::string& bloc,
                  const std::string& province, const YearMeetings& years, const std::optional<int>& year) {
  const std::vector<const MergedMeeting*>& ms = years.at(year);
  std::map<std::string_view, Cell> row;
  row["province"] = text_cell(province);
  row["bloc"] = text_cell(bloc);
  if (year) row["year"] = count_cell(static_cast<std::size_t>(*year));
  std::vector<std::string> launch = launches(years, year);
  row["launch"] = text_cell(join(launch));
  row["six_month_review"] = text_cell(join(held_of_type(ms, "so_ket")));
  row["year_end_review"] = text_cell(join(held_of_type(ms, "tong_ket")));
  row["other_meetings"] = text_cell(join(held_of_type(ms, "other")));
  std::set<std::size_t> sources;
  for (const MergedMeeting* m : ms) sources.insert(m->sources.begin(), m->sources.end());
  std::size_t warnings = 0;
  for (std::size_t s : sources) warnings += articles[s].warnings;
  row["articles"] = count_cell(sources.size());
  row["head_unit"] = text_cell(join(units(ms, "head")));
  row["deputy_unit"] = text_cell(join(units(ms, "deputy")));
  row["elected_for_next_year"] = text_cell(join(decisions_of(ms, "elected")));
  row["awards"] = text_cell(join(decisions_of(ms, "awarded")));
  row["decisions_by_kind"] = text_cell(decisions_by_kind(ms));
  std::vector<std::string> members = member_list(articles, ms);
  if (!members.empty()) row["members"] = count_cell(members.size());
  member_changes(articles, years, year, members, row);
  std::vector<std::string> missing;
  if (year && held_of_type(ms, "tong_ket").empty()) missing.push_back("no year-end review");
  if (year && launch.empty()) missing.push_back("no launch");
  row["missing"] = text_cell(join(missing));
  row["conflicts"] = text_cell(conflicts_of(ms));
  row["warnings"] = count_cell(warnings);
  Row out;
  for (const auto& c : blocs_spec().columns) {
    auto it = row.find(c.name);
    out.push_back(it == row.end() ? Cell::empty() : it->second);
  }
  return out;
}

}  // namespace

namespace {

Row meeting_row(const std::vector<ArticleFacts>& articles, const MergedMeeting& m, const std::string& bloc) {
  std::vector<std::string> files;
  for (std::size_t s : m.sources) files.push_back(articles[s].file);
  std::string conflicts;
  for (const auto& c : m.conflicts) conflicts += (conflicts.empty() ? "" : "; ") + c.describe();
  return {Cell::of(m.province),
          text_cell(bloc),
          m.year ? count_cell(static_cast<std::size_t>(*m.year)) : Cell::empty(),
          Cell::of(m.type),
          Cell::date(m.date),
          Cell::of(m.period),
          Cell::of(m.location),
          count_cell(m.sources.size()),
          text_cell(join(files)),
          text_cell(join(m.chairs)),
          m.members.empty() ? Cell::empty() : count_cell(m.members.size()),
          count_cell(m.decisions.size()),
          text_cell(conflicts)};
}

// One bloc as the report shows it: its meetings by year, the name most of its articles give, its province.
struct BlocEntry {
  std::string name, province;
  YearMeetings years;
};

std::vector<BlocEntry> blocs_of(const std::vector<MergedMeeting>& meetings) {
  std::map<std::string, BlocEntry> by_key;
  std::map<std::string, std::map<std::string, std::size_t>> names;  // key -> name -> articles
  for (const auto& m : meetings) {
    BlocEntry& b = by_key[m.bloc_key];
    b.years[m.year].push_back(&m);
    if (b.province.empty() && m.province) b.province = *m.province;
    names[m.bloc_key][m.bloc_name] += m.sources.size();
  }
  std::vector<BlocEntry> out;
  for (auto& [key, b] : by_key) {
    std::size_t best = 0;
    for (const auto& [name, n] : names[key])
      if (n > best) {
        best = n;
        b.name = name;
      }
    out.push_back(std::move(b));
  }
  std::stable_sort(out.begin(), out.end(), [](const BlocEntry& a, const BlocEntry& b) {
    return std::make_pair(name_key(a.province), name_key(a.name)) <
           std::make_pair(name_key(b.province), name_key(b.name));
  });
  return out;
}

bool wanted(const BlocEntry& b, const ReportFilter& f) {
  if (f.province == "unknown" ? !b.province.empty()
                              : !f.province.empty() && name_key(f.province) != name_key(b.province))
    return false;
  if (f.bloc.empty()) return true;
  for (const auto& [year, ms] : b.years)
    for (const MergedMeeting* m : ms)
      if (bloc_matches(m->bloc_name, f.bloc)) return true;
  return false;
}

// The years of a bloc in order, the unknown year last.
std::vector<std::optional<int>> years_of(const YearMeetings& years) {
  std::vector<std::optional<int>> out;
  for (const auto& [y, ms] : years)
    if (y) out.push_back(y);
  if (years.count(std::nullopt)) out.push_back(std::nullopt);
  return out;
}

struct ProvinceTotals {
  std::set<const YearMeetings*> blocs;
  std::size_t meetings = 0, conflicts = 0;
  std::set<std::size_t> articles;
};

Row province_row(const std::string& province, const ProvinceTotals& t,
                 const std::vector<ArticleFacts>& articles) {
  std::size_t warnings = 0;
  for (std::size_t s : t.articles) warnings += articles[s].warnings;
  return {text_cell(province),           count_cell(t.blocs.size()), count_cell(t.meetings),
          count_cell(t.articles.size()), count_cell(warnings),       count_cell(t.conflicts)};
}

}  // namespace

Report build_report(const std::vector<ArticleFacts>& articles, const ReportFilter& filter) {
  Report r;
  r.documents = articles.size();
  r.blocs.spec = blocs_spec();
  r.meetings.spec = meetings_spec();
  r.provinces.spec = provinces_spec();
  const std::vector<MergedMeeting> meetings = group_meetings(articles);
  std::map<std::string, ProvinceTotals> provinces;  // by name_key; the name shown is the first seen
  std::map<std::string, std::string> province_names;
  for (const BlocEntry& b : blocs_of(meetings)) {
    if (!wanted(b, filter)) continue;
    BlocTimeline line;
    line.title = b.name + " · " + (b.province.empty() ? "province not known" : b.province);
    for (const auto& year : years_of(b.years)) {
      if (filter.year && year != filter.year) continue;
      line.rows.push_back(r.blocs.rows.size());
      r.blocs.rows.push_back(bloc_year_row(articles, b.name, b.province, b.years, year));
      ProvinceTotals& t = provinces[name_key(b.province)];
      province_names.emplace(name_key(b.province), b.province);
      t.blocs.insert(&b.years);
      for (const MergedMeeting* m : b.years.at(year)) {
        r.meetings.rows.push_back(meeting_row(articles, *m, b.name));
        ++t.meetings;
        t.conflicts += !m->conflicts.empty();
        t.articles.insert(m->sources.begin(), m->sources.end());
        if (m->date && m->date->size() == 10 && (*m->date)[0] != '-')
          line.points.push_back(
              {*m->date, m->type.value_or("other"), m->sources.size(), !m->conflicts.empty()});
      }
    }
    if (!line.rows.empty()) r.timelines.push_back(std::move(line));
  }
  for (const auto& [key, t] : provinces)
    r.provinces.rows.push_back(province_row(province_names[key], t, articles));
  return r;
}

}  // namespace thidua
