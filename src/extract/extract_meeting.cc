// The meeting: its date and time of day, its type, the period it reviewed and where it was held.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "extract_context.h"

namespace thidua::extract {
namespace {

int to_int(std::string_view s) {
  int v = 0;
  for (char ch : s)
    if (ch >= '0' && ch <= '9') v = v * 10 + (ch - '0');
  return v;
}

bool overlaps(ByteRange a, ByteRange b) { return a.begin < b.end && b.begin < a.end; }

// Where a date mention ends: its year, else its month (in figures or in words).
std::size_t date_end(const RuleMatch& m) {
  if (auto y = m.group("year")) return y->end;
  if (auto mo = m.group("month")) return mo->end;
  return m.group("month_word")->end;
}

// The month of a date mention, as two digits.
std::optional<std::string> month_of(const Context& c, const RuleMatch& m) {
  if (auto mo = m.group("month")) return two_digits(c.slice(*mo));
  const Gazetteer* months = c.rules.gazetteer("months");
  if (auto w = m.group("month_word"); w && months) {
    if (auto n = months->standard_of(c.slice(*w))) return two_digits(*n);
  }
  return std::nullopt;
}

// A date that stands next to another date ("11/6/1948 - 11/6/2023") is an anniversary or a span, and
// "từ ngày 9/10 đến 22/12/2019" is a period: neither is the day a meeting was held.
bool in_span_of_dates(const Context& c, const RuleMatch& m) {
  // "9/10 đến 22/12", "11/6/1948 - 11/6/2023": another date right after this one
  std::size_t e = date_end(m);
  for (const auto& x : c.find("date.span_next", {e, std::min(c.t.size(), e + 24)}))
    if (x.span.begin == e) return true;
  // "từ ngày 9/10", "đến 22/12", "1948 - 11/6/2023": the words just before the day (counted as words)
  std::size_t b = m.group("day")->begin;
  for (const auto& x : c.find("date.span_word", {b >= 32 ? b - 32 : 0, b}))
    if (trim(c.t, {x.span.end, b}).size() == 0) return true;
  return false;
}

// The most days between the first and last day of a meeting written as a range ("ngày 14 và 15/12": 1).
constexpr int kMeetingDays = 3;

// A short line that opens with a source or an author ("Nguồn: Bản tin Thi đua ngày 5/1/2024", "Theo Báo Hà
// Tĩnh ngày 5/1"): the date it holds is the source's, not the meeting's.
constexpr std::size_t kSourceLineWords = 10;
bool source_line(const Context& c, std::size_t li) {
  const ByteRange line = trim(c.t, c.lines[li]);
  // (words counted no further than the bound: every date of a long line asks)
  return !has_words(c.t, line, kSourceLineWords + 1) && !c.find_at("layout.byline", line).empty();
}

// The meeting's date: the first date in the body written as the day of an event ("chiều", "ngày" or
// "(" before it), else the first full date with a year.
std::optional<RuleMatch> choose_meeting_date(const Context& c) {
  const std::vector<RuleMatch>& docs = c.find("document");
  const std::vector<RuleMatch>& dates = c.find("date");
  std::optional<RuleMatch> fallback;
  std::size_t covered = 0;
  for (const auto& m : dates) {
    auto day = m.group("day");
    if (!day || day->begin < c.body_start) continue;
    if (day->begin < covered) continue;  // a lower-priority reading of a date already seen
    covered = date_end(m);
    if (!month_of(c, m)) continue;
    std::size_t li = c.line_index(day->begin);
    if (c.in_title(day->begin) || (c.published_line && li == *c.published_line)) continue;
    if (c.chrome_line[li]) continue;  // "Thứ ba, Ngày 30 Tháng 4 Năm 2024": the day the page was shown
    if (source_line(c, li)) continue;
    if (std::any_of(docs.begin(), docs.end(), [&](const RuleMatch& d) { return overlaps(d.span, *day); }))
      continue;
    // A range of days within a month ("từ ngày 14 đến ngày 15/12"): a meeting of a day or two, where a
    // span of weeks ("Từ ngày 1 đến 22/12, các đơn vị tổ chức nhiều hoạt động") is a campaign. Other
    // dates beside a date are spans or anniversaries.
    if (auto end = m.group("day_end")) {
      if (std::stoi(std::string(c.slice(*end))) - std::stoi(std::string(c.slice(*day))) > kMeetingDays)
        continue;
    } else if (in_span_of_dates(c, m)) {
      continue;
    }
    // written as the day of an event: "Chiều ...", "ngày ...", "Hôm nay (...)"
    bool prefixed = m.group("tod") || !c.find("date.event_prefix", {m.span.begin, day->begin}).empty();
    if (!prefixed && !m.group("year")) continue;  // "6/6 đơn vị": a bare fraction is no date
    if (prefixed) return m;
    if (!fallback) fallback = m;
  }
  return fallback;
}

// The year a date written without one belongs to: the publication year, else a year named in the same
// sentence, the headline or the article.
std::optional<std::string> infer_year(const Context& c, const Record& r, std::size_t pos, int month,
                                      int day) {
  auto first_year = [&](ByteRange range) -> std::optional<std::string> {
    for (const auto& m : c.find("year", range)) {
      // "năm học 2013 - 2014": a school year starts in August
      if (auto end = m.group("end_year"); end && month < 8) return std::string(c.slice(*end));
      return std::string(c.slice(*m.group("year")));
    }
    return std::nullopt;
  };
  std::optional<std::string> in_sentence = first_year(c.sentence_of(pos));
  if (r.published && r.published->size() == 10) {
    // never after the publication: a meeting on 28/12 reported on 5/1 was held the year before
    int year = std::stoi(r.published->substr(0, 4));
    int pub_month = std::stoi(r.published->substr(5, 2)), pub_day = std::stoi(r.published->substr(8, 2));
    if ((month - pub_month) * 31 + (day - pub_day) > 62) --year;  // an announcement may come days ahead
    // a page dated years after the year its sentence names ("tổng kết ... năm 2015" on a page of 2022),
    // or after every year its text names, was republished: the text's year holds
    const auto far = [&](std::string_view y) { return std::abs(std::stoi(std::string(y)) - year) > 1; };
    if (in_sentence && far(*in_sentence)) return in_sentence;
    const auto& years = c.find("year");
    bool all_far = !years.empty() && std::all_of(years.begin(), years.end(), [&](const RuleMatch& m) {
      return far(c.slice(*m.group("year")));
    });
    if (!in_sentence && all_far) return first_year(c.article);
    return std::to_string(year);
  }
  if (in_sentence) return in_sentence;
  if (c.title_line) {
    if (auto y = first_year(c.lines[*c.title_line])) return y;
  }
  return first_year(c.article);
}

// The highest-priority type named in `range`; reviews outrank launches and other meetings.
const RuleMatch* best_type(const std::vector<RuleMatch>& types, ByteRange range) {
  const RuleMatch* best = nullptr;
  for (const auto& m : types) {
    if (m.span.begin < range.begin || m.span.end > range.end) continue;
    if (!best || m.rule->priority > best->rule->priority) best = &m;
  }
  return best;
}

std::optional<std::string> year_after(const Context& c, std::size_t pos, ByteRange within) {
  for (const auto& m : c.find("year", {pos, within.end})) return std::string(c.slice(*m.group("year")));
  return std::nullopt;
}

// Whether the year at `year` is the plan's ("họp bàn kế hoạch hoạt động năm 2025", "triển khai nhiệm vụ năm
// 2024"): what comes next, not what is reviewed.
bool plan_year_at(const Context& c, ByteRange year, ByteRange within) {
  for (const auto& plan : c.find("meeting.plan_year", within))
    if (plan.group("year") && *plan.group("year") == year) return true;
  return false;
}

// The year a year-end review named after `pos` reviews: the first year named, or the one before it when
// that year is the plan's ("..., triển khai phương hướng nhiệm vụ năm 2023": the review of 2022).
std::optional<std::string> reviewed_year_after(const Context& c, std::size_t pos, ByteRange within) {
  const auto years = c.find("year", {pos, within.end});
  if (years.empty()) return std::nullopt;
  ByteRange year = *years.front().group("year");
  if (plan_year_at(c, year, {pos, within.end}))
    return std::to_string(std::stoi(std::string(c.slice(year))) - 1);
  return std::string(c.slice(year));
}

// "6 tháng đầu năm 2020" -> 2020-01/2020-06, "quý I năm 2023" -> 2023-01/2023-03: the first interim
// period named in `where` whose year is known.
std::optional<std::string> interim_period(const Context& c, ByteRange where,
                                          const std::optional<std::string>& meeting_year) {
  for (const auto& m : c.find("meeting.period", where)) {
    std::string months = m.group("months") ? std::string(c.slice(*m.group("months"))) : "";
    std::string quarter = m.group("quarter") ? std::string(c.slice(*m.group("quarter"))) : "";
    if (months.empty() && quarter.empty()) continue;
    std::optional<std::string> year;
    if (m.group("year")) year = std::string(c.slice(*m.group("year")));
    if (!year) year = year_after(c, m.span.end, c.sentence_of(m.span.begin));
    if (!year) year = meeting_year;
    if (!year) continue;  // "Sơ kết 6 tháng đầu năm" in a headline: the body may name the year
    int first = 1, last = to_int(months);
    if (!quarter.empty()) {
      int q = quarter_number(quarter);
      first = 3 * q - 2;
      last = 3 * q;
    }
    return *year + "-" + two_digits(std::to_string(first)) + "/" + *year + "-" +
           two_digits(std::to_string(last));
  }
  return std::nullopt;
}

std::optional<std::string> whole_year(const std::optional<std::string>& year) {
  if (!year) return std::nullopt;
  return *year + "-01/" + *year + "-12";
}

// The latest year a year-end review held on `meeting`'s date can look back on: its own year when held
// from September, else the year before; none when the date has no year.
std::optional<int> latest_reviewable_year(const Meeting& meeting) {
  if (!meeting.date || meeting.date->front() == '-') return std::nullopt;
  const int held = std::stoi(meeting.date->substr(0, 4)), month = std::stoi(meeting.date->substr(5, 2));
  return month >= 9 ? held : held - 1;
}

// The period reviewed: an interim period for a sơ kết, a year for a tổng kết (the year named after the
// type word, else in the headline, else in the article); a briefing (giao ban) reviews what its own
// phrase names ("giao ban công tác thi đua quý I", "... năm 2015").
std::optional<std::string> period_of(const Context& c, const std::string& type, ByteRange region,
                                     std::size_t after, const std::optional<std::string>& meeting_year,
                                     ByteRange report, const Meeting& meeting) {
  if (type == "so_ket") {
    if (auto p = interim_period(c, region, meeting_year)) return p;
    return interim_period(c, c.article, meeting_year);
  }
  if (type == "tong_ket") {
    // "Tổng kết công tác thi đua năm học 2017-2018": a school year, which no interval of calendar months
    // in FIELDS.md's form states (null rather than a guessed calendar year)
    const auto years = c.find("year", {after, c.sentence_of(after).end});
    if (!years.empty() && years.front().group("end_year")) return std::nullopt;
    // "tổng kết công tác thi đua 9 tháng đầu năm 2023": a review of part of a year, named first after
    // the type word (of the headline, or of the sentence that reports the meeting)
    std::vector<ByteRange> after_type = {{after, c.sentence_of(after).end}};
    for (const auto& m : c.find("meeting.type", report)) after_type.push_back({m.span.end, report.end});
    for (ByteRange where : after_type) {
      const auto periods = c.find("meeting.period", where);
      if (!periods.empty() && (periods.front().group("months") || periods.front().group("quarter")))
        if (auto p = interim_period(c, where, meeting_year)) return p;
    }
    std::optional<std::string> year = reviewed_year_after(c, after, c.sentence_of(after));
    if (!year && c.title_line)
      year = reviewed_year_after(c, c.lines[*c.title_line].begin, c.lines[*c.title_line]);
    if (!year) {
      // a year named anywhere in the article is a weak witness: it cannot be later than the year a review
      // held on the meeting's date looks back on ("Ngày 12/1/2024 ... tổng kết. Năm 2024, các đơn vị phấn
      // đấu ...": the plan's year; the review is of 2023)
      year = reviewed_year_after(c, c.body_start, c.article);
      const auto latest = meeting.date_inferred ? std::nullopt : latest_reviewable_year(meeting);
      if (year && latest && std::stoi(*year) > *latest) year = std::to_string(*latest);
    }
    return whole_year(year);
  }
  if (type == "other" && region.size() < c.article.size()) {
    if (auto p = interim_period(c, region, meeting_year)) return p;
    // (not the plan's year: "họp bàn kế hoạch hoạt động năm 2025" reviews nothing)
    const ByteRange rest{after, c.sentence_of(after).end};
    if (const auto years = c.find("year", rest); !years.empty()) {
      if (plan_year_at(c, *years.front().group("year"), rest)) return std::nullopt;
      return whole_year(std::string(c.slice(*years.front().group("year"))));
    }
    // "Cụm thi đua số 5 giao ban 9 tháng" over "... tổ chức giao ban công tác thi đua 9 tháng năm 2024":
    // the headline names the period short; the sentence that reports the briefing names it whole
    for (const auto& m : c.find("meeting.type", report)) {
      if (m.rule->value != "other" || m.span.begin == after) continue;
      ByteRange where{m.span.end, report.end};
      if (auto p = interim_period(c, where, meeting_year)) return p;
      return whole_year(year_after(c, m.span.end, report));
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// "tại X": the place, cut where the sentence goes on ("tại tỉnh Đồng Nai sẽ diễn ra ...").
struct Place {
  ByteRange range;
  const Rule* rule;
};

std::optional<Place> location_in(const Context& c, ByteRange sentence) {
  const PhraseList cuts = c.phrases("location_cuts");
  const auto not_places = c.find("meeting.location_not", sentence);
  for (const auto& m : c.find("meeting.location", sentence)) {
    if (std::any_of(not_places.begin(), not_places.end(), [&](const RuleMatch& n) {
          return n.span.begin <= m.span.begin && m.span.begin < n.span.end;
        }))
      continue;
    ByteRange place = *m.group("place");
    // "tại Hội nghị", "tại buổi lễ", "tại đây": the event or a pointer, not a place
    const auto events = c.find("meeting.location_event", place);
    if (!events.empty() && events.front().span.begin == place.begin) continue;
    place = cuts.cut_before(c.t, place);
    // "trụ sở Hội Chữ Thập đỏ Cần Thơ (Khối trưởng Khối thi đua năm 2021)": a role is not the place
    std::size_t paren = c.slice(place).find('(');
    if (paren != std::string_view::npos && !c.find("member.role", {place.begin + paren, place.end}).empty())
      place.end = place.begin + paren;
    place = trim(c.t, place, "-–");
    if (place.size() > 0 && !has_words(c.t, place, 16)) return Place{place, m.rule};
  }
  return std::nullopt;
}

// Where the meeting was held: in the sentence that gives its date, else the lead sentence, else a
// sentence that says where it was held ("Hội nghị tổ chức tại ...").
void meeting_location(Context& c, Record& r, std::optional<ByteRange> date_sentence) {
  std::vector<ByteRange> where;
  if (date_sentence) where.push_back(*date_sentence);
  if (!c.sentences.empty()) where.push_back(c.sentence_of(c.body_start));
  for (const auto& m : c.find("meeting.location_held", {c.body_start, c.article.end}))
    where.push_back(c.sentence_of(m.span.begin));
  for (ByteRange sentence : where) {
    if (auto place = location_in(c, sentence)) {
      r.meeting.location = c.value(place->range);
      r.explain["meeting.location"] = place->rule->name;
      return;
    }
  }
}

// A bloc named only in general terms ("các đơn vị trong cụm thi đua", "Cụm thi đua dự kiến ...") where
// the meeting is reported: in the sentence that reports it, or near the start of an article whose
// headline does (with no headline, its first sentence, unless one unit is its subject: "Lễ ký kết nhằm
// ... . Năm 2021, Cụm thi đua dự kiến ..." but not "UBND huyện X vừa tổng kết ... . Theo đó, ... nhận Cờ
// dẫn đầu cụm thi đua của tỉnh"). Elsewhere such a mention is an aside (one unit's own review naming its
// bloc).
bool bloc_in_general_terms(const Context& c) {
  ByteRange title = c.title_line ? c.lines[*c.title_line] : ByteRange{0, 0};
  if (!c.title_line) {
    const auto first = std::find_if(c.sentences.begin(), c.sentences.end(),
                                    [&](ByteRange s) { return s.begin >= c.body_start; });
    if (first != c.sentences.end()) {
      std::size_t opens = trim(c.t, *first).begin;
      for (const auto& m : c.find_at("layout.prefix", *first)) opens = std::max(opens, m.span.end);
      if (c.units.match_at(c.t, opens) == 0) title = *first;
    }
  }
  bool title_reports = title.size() > 0 && !c.find("meeting.evidence", title).empty();
  std::size_t lead_end = c.body_start;
  for (std::size_t k = 0, n = 0; k < c.sentences.size() && n < 3; ++k)
    if (c.sentences[k].begin >= c.body_start) lead_end = c.sentences[k].end, ++n;
  const PhraseList plural = c.phrases("plural_words");
  for (const auto& m : c.find("bloc.mention", {c.body_start, c.article.end})) {
    if (!m.group("thidua")) continue;
    // "các Khối thi đua", "các cụm thi đua": blocs in general, not one of them
    const ByteRange before = trim(c.t, {c.sentence_of(m.span.begin).begin, m.group("kind")->begin});
    if (plural.ends(c.t, before)) continue;
    // "các Khối, Cụm thi đua": the second kind shares the first one's plural
    const auto pairs = c.find("bloc.plural_pair", before);
    if (!pairs.empty() && pairs.back().span.end == before.end) continue;
    if (title_reports && m.span.begin < lead_end) return true;
    if (!c.find("meeting.evidence", c.sentence_of(m.span.begin)).empty()) return true;
  }
  return false;
}

// The sentences of results: each opens on a year ("Năm 2023, ...", "Trong năm qua, ...": no year
// written) and reports what was done ("đã"). Returns the first for which `take` gives a year.
template <typename Take>
std::optional<std::string> first_report(const Context& c, Take take) {
  for (const auto& m : c.find("meeting.reviewed_year", {c.body_start, c.article.end})) {
    ByteRange sentence = c.sentence_of(m.span.begin);
    if (trim(c.t, sentence).begin != m.span.begin) continue;  // where a sentence opens
    if (c.find("meeting.result", sentence).empty()) continue;
    if (auto year =
            take(m.group("year") ? std::optional<std::string>(c.slice(*m.group("year"))) : std::nullopt))
      return year;
  }
  return std::nullopt;
}

// The year a sentence of results reviews, when it is the year before `launch_year` (or names none).
std::optional<std::string> reviewed_year(const Context& c, const std::optional<std::string>& launch_year) {
  if (!launch_year || launch_year->size() != 4 || (*launch_year)[0] == '-') return std::nullopt;
  std::string previous = std::to_string(std::stoi(*launch_year) - 1);
  return first_report(c, [&](const std::optional<std::string>& y) {
    return !y || *y == previous ? std::optional<std::string>(previous) : std::nullopt;
  });
}

// The year of the first sentence of results that names one ("Năm 2018, ... đã ...").
std::optional<std::string> first_reported_year(const Context& c) {
  return first_report(c, [](const std::optional<std::string>& y) { return y; });
}

// "Sở Tư pháp tổng kết công tác năm 2024" over "Ngày 10/1, Sở Tư pháp tổ chức hội nghị tổng kết ... . Năm
// 2024, Sở được tặng Cờ thi đua dẫn đầu Khối ...": a headline whose subject is one unit reports that
// unit's own meeting; a bloc named in neither the headline nor the lead sentence is an aside.
bool units_own_meeting(const Context& c) {
  if (!c.title_line) return false;
  const ByteRange title = trim(c.t, c.lines[*c.title_line]);
  if (title.size() == 0 || c.units.match_at(c.t, title.begin) == 0) return false;
  if (c.find("meeting.evidence", title).empty() || !c.find("bloc.mention", title).empty()) return false;
  // a signing or a launch ("Trường ĐH, CĐ ký kết giao ước thi đua") is between units: the bloc's act
  for (const auto& m : c.find("meeting.type", title))
    if (m.rule->value == "phat_dong") return false;
  return !c.sentences.empty() && c.find("bloc.mention", c.sentence_of(c.body_start)).empty();
}

// A page that lists articles: three or more short lines that each open on a bloc and name a meeting
// ("Khối thi đua số 1 tổng kết năm 2023", "Cụm thi đua số 4 ký kết giao ước", ...) and no sentence of
// prose that would report one of them.
constexpr std::size_t kListedHeadlines = 3, kProseWords = 15;
bool listing_page(const Context& c) {
  std::size_t headlines = 0;
  for (std::size_t li = 0; li < c.lines.size(); ++li) {
    const ByteRange line = trim(c.t, c.lines[li], "-*");  // "- Khối thi đua số 1 ...": a bulleted list
    if (line.begin >= c.article.end) break;
    if (line.size() == 0 || c.t[line.end - 1] == '.') continue;
    if (c.find_at("bloc.mention", line).empty() || c.find("meeting.type", line).empty()) continue;
    if (++headlines >= kListedHeadlines) break;
  }
  if (headlines < kListedHeadlines) return false;
  return std::none_of(c.sentences.begin(), c.sentences.end(), [&](ByteRange s) {
    const ByteRange sentence = trim(c.t, s);
    return sentence.size() > 0 && c.t[sentence.end - 1] == '.' && has_words(c.t, sentence, kProseWords);
  });
}

// Whether the document reports a bloc meeting at all: a bloc must be named and a meeting reported;
// another kind of event (sports day, festival, visit) named in the headline or lead with no meeting word
// is not one. If not, says why in a warning.
bool is_bloc_meeting(Context& c, Record& r) {
  bool evidence = !c.find("meeting.evidence").empty();
  bool bloc = r.bloc.name.has_value() || !r.bloc.members.empty() || bloc_in_general_terms(c);
  ByteRange lead = c.title_line ? c.lines[*c.title_line] : (c.sentences.empty() ? c.article : c.sentences[0]);
  bool other_event = !c.find("meeting.other_event", lead).empty() && c.find("meeting.evidence", lead).empty();
  bool own = bloc && evidence && !other_event && units_own_meeting(c);
  bool listing = bloc && evidence && !other_event && !own && listing_page(c);
  if (!bloc || !evidence || other_event || own || listing) {
    std::string why = !bloc       ? "no emulation bloc is named"
                      : !evidence ? "no meeting is reported"
                      : own       ? "one unit's own meeting, naming its bloc in passing"
                      : listing   ? "a page that lists articles, reporting none of them"
                                  : "the event reported is not a meeting";
    r.warnings.push_back({"no_meeting", "not a bloc meeting: " + why});
    return false;
  }
  return true;
}

// The meeting's date and time of day. Returns the sentence that gives the date; `meeting_year` is the
// date's year, written or inferred.
std::optional<ByteRange> meeting_date(Context& c, Record& r, std::optional<std::string>& meeting_year) {
  std::optional<RuleMatch> date = choose_meeting_date(c);
  std::optional<ByteRange> date_sentence;
  if (date) {
    const RuleMatch& m = *date;
    std::string day = two_digits(c.slice(*m.group("day"))), month = *month_of(c, m);
    std::optional<std::string> year;
    if (m.group("year")) {
      year = std::string(c.slice(*m.group("year")));
    } else {
      year = infer_year(c, r, m.group("day")->begin, std::stoi(month), std::stoi(day));
      r.meeting.date_inferred = year.has_value();
    }
    r.meeting.date = calendar_date(r, year ? *year : "", month, day);
    if (!r.meeting.date) {
      r.meeting.date_inferred = false;
      return std::nullopt;
    }
    r.explain["meeting.date"] = m.rule->name;
    meeting_year = year;
    ByteRange span{m.group("tod") ? m.group("tod")->begin : m.group("day")->begin, date_end(m)};
    r.meeting.at = c.at(span);
    if (m.group("tod")) r.meeting.time_of_day = fold(c.slice(*m.group("tod")));
    date_sentence = c.sentence_of(m.group("day")->begin);
  }
  return date_sentence;
}

// The meeting's type and the period it reviewed: the headline first, then the sentence that reports
// the meeting, then the whole article. Returns where the type is named, if it is.
std::optional<ByteRange> meeting_type(Context& c, Record& r, std::optional<ByteRange> date_sentence,
                                      const std::optional<std::string>& meeting_year) {
  std::vector<RuleMatch> types;  // type words, but not in a side phrase ("do UBND tỉnh phát động")
  const auto& side = c.find("meeting.type_not");
  for (const auto& m : c.find("meeting.type"))
    if (std::none_of(side.begin(), side.end(), [&](const RuleMatch& n) { return overlaps(n.span, m.span); }))
      types.push_back(m);
  const RuleMatch* type = nullptr;
  ByteRange region = c.article;
  std::vector<ByteRange> regions;
  if (c.title_line)
    regions.push_back({c.lines[*c.title_line].begin, c.lines[c.title_line2.value_or(*c.title_line)].end});
  if (date_sentence) regions.push_back(*date_sentence);
  if (!c.sentences.empty()) regions.push_back(c.sentence_of(c.body_start));
  regions.push_back(c.article);
  for (ByteRange reg : regions) {
    if ((type = best_type(types, reg))) {
      region = reg;
      break;
    }
  }
  // A meeting that both reviews and launches has the review's type: a review named in the sentence that
  // reports the meeting outranks a launch in the headline ("... phát động thi đua" over "Hội nghị sơ kết").
  for (std::size_t k = 1; type && k + 1 < regions.size(); ++k) {
    const RuleMatch* other = best_type(types, regions[k]);
    if (other && other->rule->priority > type->rule->priority) {
      type = other;
      region = regions[k];
    }
  }
  r.meeting.type = type ? type->rule->value : "other";
  r.explain["meeting.type"] = type ? type->rule->name : "(meeting reported, no type named)";
  r.meeting.period = period_of(c, *r.meeting.type, region, type ? type->span.begin : c.body_start,
                               meeting_year, date_sentence.value_or(region), r.meeting);
  if (!type) return std::nullopt;
  return type->span;
}

// What a review's date and period imply about each other (mostly a year-end review's).
void date_period_consistency(Record& r) {
  // A year-end review cannot review a year after the one it is held in ("phương hướng năm 2021" named
  // after the type word at a review held in December 2020): it reviews the meeting's own year when
  // held from September, else the year before.
  if (const auto latest = latest_reviewable_year(r.meeting);
      r.meeting.type == "tong_ket" && r.meeting.period && latest)
    if (std::stoi(r.meeting.period->substr(0, 4)) > std::stoi(r.meeting.date->substr(0, 4)))
      r.meeting.period = whole_year(std::to_string(*latest));
  // "Khối ... vừa tổ chức hội nghị tổng kết năm 2023. Ngày 15/3/2023, các đơn vị đã ký kết giao ước": a
  // date written in full more than three months before the reviewed period ends (a year-end review
  // before September, as above) is an event inside the period, not the review; which of the two is
  // wrong the text does not say, so the date is left out
  if ((r.meeting.type == "tong_ket" || r.meeting.type == "so_ket") && r.meeting.period && r.meeting.date &&
      !r.meeting.date_inferred && r.meeting.date->front() != '-') {
    int held = std::stoi(r.meeting.date->substr(0, 4)) * 12 + std::stoi(r.meeting.date->substr(5, 2));
    int ends = std::stoi(r.meeting.period->substr(8, 4)) * 12 + std::stoi(r.meeting.period->substr(13, 2));
    if (held < ends - 3) {
      r.warnings.push_back({"date_inside_period", "the date found (" + *r.meeting.date +
                                                      ") falls inside the period reviewed (" +
                                                      *r.meeting.period + "): left out"});
      r.meeting.date.reset();
      r.meeting.time_of_day.reset();
      r.meeting.at.reset();
      r.explain.erase("meeting.date");
    }
  }
  // "Tổng kết năm 2023" held on a day of January to April with no year written: in 2024.
  if (r.meeting.date_inferred && !r.published && r.meeting.type == "tong_ket" && r.meeting.period &&
      r.meeting.date->compare(0, 4, r.meeting.period->substr(0, 4)) == 0 &&
      std::stoi(r.meeting.date->substr(5, 2)) <= 4)
    r.meeting.date = std::to_string(std::stoi(r.meeting.date->substr(0, 4)) + 1) + r.meeting.date->substr(4);
}

// "Hội nghị được nghe Báo cáo ... 6 tháng đầu năm 2016", "... đã báo cáo thi đua của Khối trong năm
// qua": a launch or other meeting that heard a report on a past period reviewed it. Sets the type and
// period and returns true if one is found.
bool report_heard(Context& c, Record& r, const std::optional<std::string>& launch_year,
                  const std::optional<std::string>& meeting_year) {
  for (const auto& m : c.find("meeting.report_heard", {c.body_start, c.article.end})) {
    std::optional<std::string> period;
    if (m.group("half")) {
      r.meeting.type = "so_ket";
      period = interim_period(c, {m.group("half")->begin, c.sentence_of(m.span.begin).end}, meeting_year);
    } else if (launch_year && launch_year->size() == 4) {
      std::string previous = std::to_string(std::stoi(*launch_year) - 1);
      if (m.group("year") && c.slice(*m.group("year")) != previous) continue;
      r.meeting.type = "tong_ket";
      period = whole_year(previous);
    } else if (!launch_year && m.group("year")) {
      // "Theo Báo cáo, năm 2019 các cơ quan ... triển khai ...", with no date or type to weigh it
      // against: the report heard was the review of the year it names
      r.meeting.type = "tong_ket";
      period = whole_year(std::string(c.slice(*m.group("year"))));
    } else {
      continue;  // "báo cáo ... năm qua" with no year to place it: no guess
    }
    r.meeting.period = period;
    r.explain["meeting.type"] = m.rule->name;
    return true;
  }
  return false;
}

// A launch that opens with last year's results ("Năm 2023, các tỉnh trong Cụm đã ..." before the
// pledges for 2024) reviewed that year.
void implied_review(Context& c, Record& r, std::optional<ByteRange> type,
                    const std::optional<std::string>& meeting_year) {
  if (r.meeting.type == "so_ket" || r.meeting.type == "tong_ket") return;
  // the year launched: the one named after the type word ("ký kết giao ước thi đua năm 2024"), else the
  // meeting's, else the year the article was published in
  std::optional<std::string> launch_year;
  if (type) launch_year = year_after(c, type->begin, c.sentence_of(type->begin));
  if (!launch_year) launch_year = meeting_year;
  if (!launch_year && r.published && r.published->front() != '-') launch_year = r.published->substr(0, 4);
  if (report_heard(c, r, launch_year, meeting_year)) return;
  if (auto reviewed = reviewed_year(c, launch_year)) {
    r.meeting.type = "tong_ket";
    r.explain["meeting.type"] = "meeting.reviewed_year";
    r.meeting.period = whole_year(reviewed);
    return;
  }
  // A meeting with no year of its own to compare (no date, no publication): a sentence that opens on a
  // year and reports what was done in it ("Năm 2018, Công an các tỉnh trong Cụm đã ...") says which
  // year it looked back on; with no type named, or a launch, it was that year's review.
  if (!launch_year && !r.meeting.period) {
    if (auto year = first_reported_year(c)) {
      r.meeting.period = whole_year(year);
      if (!type || r.meeting.type == "phat_dong") {  // a launch that reviewed the year has the review's type
        r.meeting.type = "tong_ket";
        r.explain["meeting.type"] = "meeting.reviewed_year";
      }
    }
  }
}

}  // namespace

void extract_meeting(Context& c, Record& r) {
  if (!is_bloc_meeting(c, r)) return;
  std::optional<std::string> meeting_year;
  std::optional<ByteRange> date_sentence = meeting_date(c, r, meeting_year);
  std::optional<ByteRange> type = meeting_type(c, r, date_sentence, meeting_year);
  date_period_consistency(r);
  implied_review(c, r, type, meeting_year);
  meeting_location(c, r, date_sentence);
}

}  // namespace thidua::extract
