// Decisions taken at the meeting: what was agreed, approved, elected, awarded, signed, planned, directed.
#include <algorithm>
#include <string>
#include <utility>

#include "extract_bloc_parts.h"
#include "extract_context.h"

namespace thidua::extract {

namespace {

struct Trigger {
  ByteRange span;
  std::string kind;
  int priority;
  std::string rule;
};

// Where a clause holding several triggers splits: before the last joining word ("và", "đồng thời":
// lists/decision_joiners.txt) between one trigger and the next ("đề nghị UBND tỉnh tặng cờ ... và đề
// nghị Chính phủ tặng cờ ..."), else at the last ", ".
std::optional<std::size_t> split_point(const Context& c, std::size_t from, std::size_t to) {
  const PhraseList joiners = c.phrases("decision_joiners");
  std::size_t at = joiners.rfind_in(c.t, {from, to});
  // the last ", " that parts anything: not the comma of a fixed pair ("các cơ quan, đơn vị", "thi đua,
  // khen thưởng": decision.named_comma). (Searched inside [from, to] only, and a little past `to`, where a
  // pair may run on into the next trigger: "bầu Khối trưởng, Khối phó năm 2025: ..."; the pairs, which do
  // not overlap, walked back with it: linear in the range.)
  const auto named = c.find("decision.named_comma", {from, std::min(to + 32, c.t.size())});
  const std::string_view range = c.slice({from, to});
  std::size_t k = named.size();
  std::size_t comma = std::string_view::npos;
  for (std::size_t i = range.rfind(", "); i != std::string_view::npos;
       i = i > 0 ? range.rfind(", ", i - 1) : std::string_view::npos) {
    const std::size_t pos = from + i;
    while (k > 0 && named[k - 1].span.begin >= pos) --k;
    if (k > 0 && pos < named[k - 1].span.end) continue;  // inside the pair that starts before it
    comma = pos;
    break;
  }
  const bool has_comma = comma != std::string_view::npos;
  // "bầu Khối trưởng và Khối phó": a joiner inside a fixed pair joins two names, not two acts
  if (at != std::string_view::npos && std::any_of(named.begin(), named.end(), [&](const RuleMatch& n) {
        return n.span.begin < at && at < n.span.end;
      }))
    at = std::string_view::npos;
  // "suy tôn Công an tỉnh và Viện KSND tỉnh là 2 đơn vị dẫn đầu, đề nghị ...": a joiner before a unit
  // joins two names; a comma after it parts the decisions
  if (at != std::string_view::npos && has_comma && comma > at &&
      bloc::opens_unit(c, trim(c.t, {at + joiners.match_at(c.t, at), to}).begin))
    return comma;
  if (at != std::string_view::npos) return at - 1;
  // "suy tôn Sở Tư pháp là đơn vị dẫn đầu, được UBND tỉnh tặng Cờ thi đua": a passive after the comma
  // goes on about the unit before it; one decision
  if (has_comma && !c.find_at("decision.passive_goes_on", {comma + 2, to}).empty()) return std::nullopt;
  // "đề nghị Hội đồng ... xem xét, đề nghị Bộ công nhận ...": a proposal passed on is one
  if (has_comma) {
    const auto relay = c.find("decision.passed_on", {from, comma});
    if (!relay.empty() && relay.back().span.end == comma) return std::nullopt;
  }
  if (has_comma) return comma;
  return std::nullopt;
}

// r without the joining words and punctuation at its start ("và ", "Đồng thời, ") and its ends.
ByteRange trim_joiners(const Context& c, ByteRange r) {
  const PhraseList joiners = c.phrases("decision_joiners");
  r = trim(c.t, r, ",;:");
  for (std::size_t len; r.size() > 0 && (len = joiners.match_at(c.t, r.begin)) > 0;)
    r = trim(c.t, {r.begin + len, r.end}, ",;:");
  return r;
}

}  // namespace

namespace {

// Whether one of the negating phrases `ms` ("không thống nhất", "nội dung ký kết giao ước") cancels a
// trigger at `r`. A trigger that starts before one and ends inside it holds it as its object: "thống
// nhất nội dung ký kết giao ước" is an agreement on the pledge's contents, where "các đơn vị không thống
// nhất" ends in the negation. So does one that runs on past it ("thông qua dự thảo đăng ký giao ước ...,
// được các thành viên nhất trí").
bool negated_at(const std::vector<RuleMatch>& ms, ByteRange r) {
  return std::any_of(ms.begin(), ms.end(), [&](const RuleMatch& n) {
    bool overlap = n.span.begin < r.end && r.begin < n.span.end;
    return overlap && !(r.begin < n.span.begin && r.end != n.span.end);
  });
}

// Whether one of `matches` (found in `before`) runs on to its end with no comma between: "Nhằm đánh giá
// kết quả ... và đề ra" (the meeting's aim), "tổ chức Lễ ký kết" (the meeting's name). The comma of a
// fixed name ("thi đua, khen thưởng": decision.named_comma) is no break.
bool heads_clause(const Context& c, const std::vector<RuleMatch>& matches, ByteRange before) {
  for (const auto& m : matches) {
    ByteRange rest{m.span.end, before.end};
    bool comma = false;
    for (std::size_t at = c.t.find(',', rest.begin); !comma && at < rest.end; at = c.t.find(',', at + 1)) {
      const auto named =
          c.find("decision.named_comma", {at > 32 ? at - 32 : 0, std::min(at + 32, c.t.size())});
      comma = std::none_of(named.begin(), named.end(),
                           [&](const RuleMatch& n) { return n.span.begin < at && at < n.span.end; });
    }
    if (!comma) return true;
  }
  return false;
}

// "tổ chức Hội nghị sơ kết ... và bàn phương hướng, nhiệm vụ ...": a plan word after the meeting's own
// name is part of its agenda, reported before anything was decided. The meeting as the subject of what it
// did ("Hội nghị đã thông qua báo cáo tổng kết, đề ra ...": decision.meeting_act) names no agenda.
bool names_agenda(const Context& c, ByteRange before) {
  if (c.find("meeting.type", before).empty()) return false;
  const auto acts = c.find("decision.meeting_act", before);
  for (const auto& named : c.find("decision.meeting_named", before))
    if (std::none_of(acts.begin(), acts.end(),
                     [&](const RuleMatch& a) { return a.span.begin == named.span.begin; }))
      return true;
  return false;
}

// Whether a walk over the text, left to right, stands inside a quotation: “...” (which may nest) or "...".
struct QuoteState {
  int curly = 0;
  bool straight = false;
  bool inside() const { return curly > 0 || straight; }
  // Takes in the character at i.
  void step(std::string_view t, std::size_t i) {
    if (t[i] != '"' && static_cast<unsigned char>(t[i]) != 0xE2) return;  // neither mark starts here
    if (t.compare(i, 3, "\u201c") == 0)
      ++curly;
    else if (t.compare(i, 3, "\u201d") == 0)
      curly = std::max(0, curly - 1);
    else if (t[i] == '"')
      straight = !straight;
  }
};

// The quotations of the text (each closed on its line), in order: titles of movements and slogans, whose
// verbs decide nothing. One pass over the text.
std::vector<ByteRange> quotations(const Context& c) {
  std::vector<ByteRange> out;
  std::size_t open = 0;
  QuoteState q;
  for (std::size_t i = 0; i < c.t.size(); ++i) {
    if (c.t[i] == '\n') {  // a quotation left open on its line is no quotation
      q = QuoteState{};
      continue;
    }
    bool was_inside = q.inside();
    q.step(c.t, i);
    if (q.inside() && !was_inside) open = i;
    if (!q.inside() && was_inside) out.push_back({open, i});
  }
  return out;
}

bool inside_any(const std::vector<ByteRange>& sorted, std::size_t pos) {
  auto it = std::upper_bound(sorted.begin(), sorted.end(), pos,
                             [](std::size_t p, const ByteRange& r) { return p < r.begin; });
  return it != sorted.begin() && pos < std::prev(it)->end;
}

// A plan word deeper than this many words into its clause is a side phrase of a longer report ("Từ đó,
// các phong trào ..., tạo khí thế, ..., hăng hái thi đua phấn đấu hoàn thành ...").
constexpr std::size_t kPlanWordReach = 12;

// `before` without a lead-in closed by a comma ("6 tháng cuối năm,", "Tại hội nghị tổng kết,"): the
// clause's own report, which the agenda and reach checks read.
ByteRange after_lead_in(const Context& c, ByteRange before) {
  for (const char* lead : {"decision.lead_in", "decision.plan_period"})
    for (const auto& m : c.find_at(lead, before))
      if (m.span.end <= before.end) before.begin = std::max(before.begin, m.span.end);
  return before;
}

// A photo caption: a line that says so ("(thứ nhất từ trái sang)", "Ảnh: ..."), or a short line with no
// closing stop between paragraphs. What it shows is reported in the article's sentences.
bool caption_line(const Context& c, std::size_t li) {
  ByteRange line = trim(c.t, c.lines[li]);
  if (line.size() == 0) return false;
  if (!c.find("layout.photo_caption", line).empty()) return true;
  char last = c.t[line.end - 1];
  // fewer than 15 words (counted no further than that: every trigger of a long line asks)
  return !has_words(c.t, line, 15) && last != '.' && last != ';' && last != ':' && last != ',';
}

using Clauses = std::vector<std::pair<ByteRange, std::vector<Trigger>>>;

// The year a meeting looks back on, and whether a plan for that same year is still ahead: a year-end
// review looks back on the year of its period (or its school year's end, or, held in the first half of a
// year, the year before);
// a mid-year review on the year it is in, whose second half is still ahead; a launch on nothing.
struct Horizon {
  int year;
  bool same_year_ahead;
  // Known from a date alone (no period, not a year-end review): the school year that date falls in, by
  // the year it ends in (a school year runs from August to May), against which a "Năm học ..." is weighed.
  std::optional<int> school_year_end = std::nullopt;
};
// The school year a year-end review names after its type word, in the headline or the lead ("tổng kết năm
// học 2022-2023"): the year it ends in. Such a review has no period of calendar months.
std::optional<int> reviewed_school_year(const Context& c) {
  std::vector<ByteRange> where;
  if (c.title_line) where.push_back(c.lines[*c.title_line]);
  if (!c.sentences.empty()) where.push_back(c.sentence_of(c.body_start));  // the lead, as meeting_location
  for (ByteRange region : where)
    for (const auto& m : c.find("meeting.type", region)) {
      if (m.rule->value != "tong_ket") continue;
      const auto years = c.find("year", {m.span.end, region.end});
      if (!years.empty() && years.front().group("end_year"))
        return std::stoi(std::string(c.slice(*years.front().group("end_year"))));
    }
  return std::nullopt;
}

// The date the record's time is told by: the meeting's with its year, else the publication's (YYYY-MM...).
const std::optional<std::string>& dated_by(const Record& r) {
  static const std::optional<std::string> none;
  const auto& when = r.meeting.date && r.meeting.date->front() != '-' ? r.meeting.date : r.published;
  return when && when->size() >= 7 && when->front() != '-' ? when : none;
}

std::optional<Horizon> horizon_of(const Context& c, const Record& r) {
  bool year_end = r.meeting.type == "tong_ket";
  bool ahead = !year_end;
  if (r.meeting.period) return Horizon{std::stoi(r.meeting.period->substr(year_end ? 8 : 0, 4)), ahead};
  if (year_end)
    if (auto school = reviewed_school_year(c)) return Horizon{*school, false};
  const std::optional<std::string>& when = dated_by(r);
  if (!when) return std::nullopt;
  int year = std::stoi(when->substr(0, 4));
  const int month = std::stoi(when->substr(5, 2));
  if (year_end && month <= 6) --year;
  if (year_end) return Horizon{year, ahead};
  return Horizon{year, ahead, month >= 8 ? year + 1 : year};
}

// A quarter's or a month's lead ("Quý I/2024,", "Tháng 3/2024,") against the meeting's month, both counted
// as year * 12 + month: where the period ends, and the month the meeting was held (the publication's when
// the date is unknown); nothing when either is unknown.
struct MonthSpan {
  int ends, held;
};
std::optional<MonthSpan> month_span(const Context& c, const Record& r, const RuleMatch& lead) {
  const auto quarter = lead.group("quarter"), month = lead.group("month");
  const auto year = quarter ? lead.group("quarter_year") : lead.group("month_year");
  if ((!quarter && !month) || !year) return std::nullopt;
  const std::optional<std::string>& when = dated_by(r);
  if (!when) return std::nullopt;
  const int last = quarter ? 3 * quarter_number(c.slice(*quarter)) : std::stoi(std::string(c.slice(*month)));
  return MonthSpan{std::stoi(std::string(c.slice(*year))) * 12 + last,
                   std::stoi(when->substr(0, 4)) * 12 + std::stoi(when->substr(5, 2))};
}

// Whether the year written at `year` is before the one the meeting looks back on: the year a review
// reviews, the year before a launch's or a briefing's own. Such a year was closed at another meeting.
bool before_looked_back_on(const Context& c, const Record& r, ByteRange year) {
  const auto horizon = horizon_of(c, r);
  const bool reviews_own_year = r.meeting.type == "tong_ket" || r.meeting.type == "so_ket";
  return horizon && std::stoi(std::string(c.slice(year))) < horizon->year - (reviews_own_year ? 0 : 1);
}

// `known_only`: only when the period is known to be past (a year at most the one the meeting reviews).
bool in_past_period(const Context& c, const Record& r, ByteRange trigger, bool known_only = false);

// The past markers in `range` ("đã", "đạt được", ...) but those inside a relative clause that qualifies a
// noun ("những kết quả đã đạt được", "nội dung giao ước đã ký kết"): what the plan builds on. (The
// relative clauses are the article's, found once; they never overlap, so a binary search finds the one
// that could hold a marker.)
std::vector<RuleMatch> past_markers(const Context& c, ByteRange range) {
  auto past = c.find("decision.past", range);
  if (past.empty()) return past;
  const auto& relative = c.find("decision.past_relative");
  past.erase(std::remove_if(past.begin(), past.end(),
                            [&](const RuleMatch& p) {
                              auto after = std::upper_bound(
                                  relative.begin(), relative.end(), p.span.begin,
                                  [](std::size_t pos, const RuleMatch& m) { return pos < m.span.begin; });
                              return after != relative.begin() && p.span.end <= std::prev(after)->span.end;
                            }),
             past.end());
  return past;
}

// The meeting's own act that opens `report` ("Hội nghị đã ..."), if one does.
std::optional<RuleMatch> opening_meeting_act(const Context& c, ByteRange report) {
  auto acts = c.find_at("decision.meeting_act", {trim(c.t, report).begin, report.end});
  if (acts.empty()) return std::nullopt;
  return acts.front();
}

// Whether the words before a plan word report what was done ("các đơn vị đã phát huy ..., đề ra"); a
// past verb whose subject is the meeting itself ("Hội nghị đã đề ra giải pháp") reports what it did, as
// does one in a sentence that opens on the meeting ("Dịp này, đại diện các tỉnh đã đăng ký kế hoạch ...":
// decision.at_meeting).
bool reports_past(const Context& c, ByteRange before, ByteRange report) {
  if (!c.find("decision.habit", before).empty()) return true;
  if (!c.find_at("decision.at_meeting", c.sentence_of(before.begin)).empty()) return false;
  const auto act = opening_meeting_act(c, report);
  for (const auto& p : past_markers(c, before))
    if (!(act && p.span.begin < act->span.end)) return true;
  return false;
}

// How far from a trigger a count that overlaps it can start or end (decision.counted spans a few words).
constexpr std::size_t kNearCount = 512;

// "năm học qua có 04 đơn vị được UBND tỉnh tặng Bằng khen": awards counted among the results, unless the
// sentence opens on the meeting ("Tại hội nghị, 5 tập thể được tặng Bằng khen": given there) or the units
// were proposed for them ("2 đơn vị được đề nghị tặng Cờ": the vote's outcome).
bool counted_among_results(const Context& c, ByteRange trigger) {
  // (only a count that overlaps the trigger matters: asked near it, not over the whole sentence, which
  // a long one would make every trigger read)
  const ByteRange sentence = c.sentence_of(trigger.begin);
  const ByteRange near{std::max(sentence.begin, trigger.begin > kNearCount ? trigger.begin - kNearCount : 0),
                       std::min(sentence.end, trigger.end + kNearCount)};
  auto counted = c.find("decision.counted", {char_start_at_or_before(c.t, near.begin), near.end});
  counted.erase(std::remove_if(counted.begin(), counted.end(),
                               [](const RuleMatch& m) { return m.group("proposal").has_value(); }),
                counted.end());
  return negated_at(counted, trigger) &&
         c.find_at("decision.at_meeting", c.sentence_of(trigger.begin)).empty();
}

// Whether an award or a vote is reported after `pos` (a vote named on the agenda is then told again).
bool awarded_after(const Context& c, std::size_t pos) {
  const auto later = c.find("decision", {pos, c.article.end});
  return std::any_of(later.begin(), later.end(),
                     [](const RuleMatch& m) { return m.rule->value == "awarded"; });
}

// A clause longer than this (a run of text with no ';' or stop: a scraped list, hostile input) is read
// only within kNearTrigger bytes of the trigger, from comma to comma: every trigger of it would otherwise
// read all of it, and a decision is never that long.
constexpr std::size_t kLongClause = 4096, kNearTrigger = 1024;

// The clause a trigger stands in, or nothing where it cannot be read whole. `cut_at`: where a page cut
// off mid-sentence stops being whole.
std::optional<ByteRange> trigger_clause(const Context& c, const RuleMatch& m, ByteRange cut_sentence,
                                        std::size_t cut_at) {
  if (cut_sentence.size() > 0 && m.span.end > cut_at) return std::nullopt;
  ByteRange clause = c.clause_of(m.span.begin);
  if (clause.size() > kLongClause) {
    if (m.span.begin > clause.begin + kNearTrigger) {
      std::size_t comma = c.t.substr(0, m.span.begin).find(", ", m.span.begin - kNearTrigger);
      clause.begin = comma != std::string_view::npos ? comma + 2 : m.span.begin - kNearTrigger;
    }
    if (m.span.end + kNearTrigger < clause.end) {
      std::size_t comma = c.t.substr(0, m.span.end + kNearTrigger).rfind(", ");
      clause.end = comma != std::string_view::npos && comma >= m.span.end ? comma : m.span.end + kNearTrigger;
    }
    clause.begin = char_start_at_or_before(c.t, clause.begin);
    clause.end = char_start_at_or_before(c.t, clause.end);
  }
  if (cut_sentence.size() > 0 && clause.end > cut_at) {
    clause.end = cut_at;
    if (!has_words(c.t, clause, 8)) return std::nullopt;
  }
  if (m.rule->value == "directed") {
    // "... nhấn mạnh: Các hội cần bám sát ...": an instruction after the leader's colon starts there (as
    // add_speech_clauses reads it), without the speaker
    const auto speech = c.find("decision.speech", {clause.begin, m.span.begin});
    if (!speech.empty()) clause = trim(c.t, {speech.back().span.end, clause.end});
  } else {
    // "... đã thảo luận và thông qua Báo cáo ... và đề nghị: A. B.": the words after the colon are
    // decisions of their own (add_speech_clauses); the clause ends before them. A trigger that only
    // leads into them ("Hội nghị thống nhất đề nghị: A; B") is no decision itself.
    const auto speech = c.find("decision.speech", {m.span.begin, clause.end});
    if (!speech.empty()) {
      clause.end = speech.front().span.begin;
      std::size_t joiner = c.phrases("decision_joiners").ending_at(c.t, trim(c.t, clause, ", "));
      if (joiner != std::string_view::npos) clause.end = joiner;
      clause = trim(c.t, clause, ", ");
      if (clause.end <= m.span.end) return std::nullopt;
    }
  }
  if (clause.size() == 0) return std::nullopt;
  return clause;
}

// Whether a year written with an award or a head puts the act at another meeting.
bool dated_elsewhere(const Context& c, const Record& r, const RuleMatch& m, ByteRange clause) {
  // "Sở Y tế được UBND tỉnh tặng Cờ thi đua dẫn đầu năm 2023", in the review of 2024: an award of an
  // earlier year, told among the results; unless the sentence opens on the meeting ("Dịp này, ... được
  // tặng cờ ... dẫn đầu năm 2019", at the interim review of 2020: handed over there)
  if (m.rule->value == "awarded" && c.find_at("decision.at_meeting", c.sentence_of(m.span.begin)).empty())
    for (const auto& named : c.find("decision.award_year", {m.span.begin, clause.end}))
      if (before_looked_back_on(c, r, *named.group("year"))) return true;
  const auto horizon = horizon_of(c, r);
  const auto year_of = [&](ByteRange y) { return std::stoi(std::string(c.slice(y))); };
  // "Sở Y tế được bầu làm Khối trưởng năm 2024 đã ...", in the review of 2024: the head in office
  if (m.rule->value == "elected" && horizon && (r.meeting.type == "tong_ket" || r.meeting.type == "so_ket"))
    for (const auto& term : c.find("decision.role_term", clause))
      if (year_of(*term.group("year")) <= horizon->year) return true;
  // "Khối trưởng năm 2025 là Sở Nội vụ": elected in the review of 2024; at a launch of 2025, the head in
  // office
  if (auto year = m.group("role_year")) return !horizon || year_of(*year) <= horizon->year;
  return false;
}

// Whether the words around a trigger report something other than a decision of this meeting: a result
// of the period reviewed, an agenda item, an aim, a photo caption, a draft presented.
bool decides_nothing(const Context& c, const Record& r, const RuleMatch& m, ByteRange clause,
                     const Rule* vote) {
  // "các đơn vị đã phát huy ..., đề ra các nội dung": a plan word in a report of what was done, the
  // meeting's aim or agenda, or a side phrase
  const ByteRange before{clause.begin, m.span.begin};
  const ByteRange report = after_lead_in(c, before);
  // "... đã ký kết giao ước, đồng thời phát động phong trào ...": a plan joined to the act before it
  // shares that act's time; the words before the joiner are the act's, not a report around the plan word
  const bool joined = m.group("joined").has_value();
  // "...; đồng thời phát động ...": after ';' the joiner opens one more item of the sentence's list (the
  // contents of the plan it continues), not an act of its own
  if (joined && m.group("joined")->begin > 0) {
    const std::size_t mark = c.t.find_last_not_of(' ', m.group("joined")->begin - 1);
    if (mark != std::string_view::npos && c.t[mark] == ';') return true;
  }
  // (a plan word far from its subject is some other clause's word, unless the meeting is the subject of
  // every verb: "Hội nghị đã thảo luận và thông qua dự thảo Báo cáo ..., đề ra phương hướng ...")
  if (m.rule->value == "planned" &&
      ((!joined && reports_past(c, before, report)) || names_agenda(c, report) ||
       (!joined && has_words(c.t, report, kPlanWordReach + 1) && !opening_meeting_act(c, report))))
    return true;
  // A sentence that opens on a period behind the meeting reports it. "Năm 2023, Khối đã ký kết giao ước
  // thi đua ...", in the review of 2023: a signing early in the year it reviews (and "Năm 2024, UBND tỉnh
  // đã tặng Cờ thi đua cho 2 đơn vị": an award counted among its results; "Năm qua, Khối đã thống nhất
  // ...", "Trong năm, Khối trưởng đã nhiều lần đề nghị ...": the year's work) needs its "đã" and a period
  // known to be past; a plan word does not, nor a head ("Năm 2024, UBND tỉnh giao Sở Nội vụ làm Khối
  // trưởng": the head of the year reviewed, not one chosen at this meeting)
  const bool known_only = m.rule->value != "planned" && m.rule->value != "elected";
  if (in_past_period(c, r, m.span, known_only)) return true;
  // "Nhiều đơn vị đã được Thủ tướng Chính phủ tặng Bằng khen": many units' awards are results of the
  // year, unless the sentence opens on the meeting
  if (m.rule->value == "awarded" && !c.find("decision.habit", before).empty() &&
      c.find_at("decision.at_meeting", c.sentence_of(m.span.begin)).empty())
    return true;
  if (dated_elsewhere(c, r, m, clause)) return true;
  // "tổ chức Hội nghị tổng kết công tác thi đua, bình xét khen thưởng năm 2021": a vote named with
  // the meeting is on its agenda too. Joined to the meeting by "và" with no comma ("tổ chức hội nghị
  // đánh giá ... và suy tôn đơn vị dẫn đầu") it is an act of the meeting, its decision unless the body
  // reports the vote again. (A vote, rule decision.voting, not an award itself: "trao cờ" is one.)
  if (m.rule == vote && names_agenda(c, report) &&
      (awarded_after(c, clause.end) || !heads_clause(c, c.find("decision.meeting_named", before), before)))
    return true;
  // "... căn cứ Giao ước để họp bình xét, suy tôn ...", "Hội nghị nhằm thống nhất ...": an act named as
  // the purpose of something else (with no comma between) was not done there
  if (heads_clause(c, c.find("decision.aim", before), before)) return true;
  if (caption_line(c, c.line_index(m.span.begin)))
    return true;  // "Các Sở TN&MT ký kết giao ước thi đua" under a photo
  // "ông X ... đã thông qua dự thảo báo cáo", "... thông qua các dự thảo để các đơn vị góp ý": a draft
  // presented, not approved
  return m.rule->value == "approved" &&
         (!c.find("person", before).empty() ||
          !c.find("decision.for_discussion", {m.span.end, clause.end}).empty());
}

// How far before its verb a decision's subject of a few words can start.
constexpr std::size_t kSubjectReach = 256;

// The trigger a match makes: its rule's kind, or the vote's for a ranking ("bầu chọn X là đơn vị dẫn
// đầu"); starting after a joining word its subject was read across.
Trigger trigger_of(const Context& c, const RuleMatch& m, const Rule* vote) {
  Trigger tr{m.span, m.rule->value, m.rule->priority, m.rule->name};
  if (m.group("ranking") && vote) tr = Trigger{m.span, vote->value, vote->priority, vote->name};
  // "Ngoài ra hoạt động thi đua cần tập trung ...": what a kind of work needs is the bloc's plan, not an
  // instruction to the units (decision.work_needs: its subject is a few words, read just before "cần")
  if (auto need = m.group("need")) {
    const std::size_t from = std::max(c.sentence_of(need->begin).begin,
                                      need->begin > kSubjectReach ? need->begin - kSubjectReach : 0);
    for (const auto& w : c.find("decision.work_needs", {char_start_at_or_before(c.t, from), need->end}))
      if (w.group("need") && w.group("need")->begin == need->begin) tr.kind = "planned";
  }
  // "Hội nghị đã thông qua Quy chế của Khối và thống nhất tổ chức hội thao": a subject read across a
  // joining word belongs to the words before it; the trigger starts after the joiner
  if (auto subject = m.group("subject")) {
    const PhraseList joiners = c.phrases("decision_joiners");
    std::size_t joiner = joiners.rfind_in(c.t, *subject);
    if (joiner != std::string_view::npos)
      tr.span.begin = trim(c.t, {joiner + joiners.match_at(c.t, joiner), m.span.end}).begin;
  }
  return tr;
}

// The decision triggers of the body, grouped by clause, in order. `cut_at`: where a page cut off
// mid-sentence stops being whole.
Clauses trigger_clauses(const Context& c, const Record& r, ByteRange cut_sentence, std::size_t cut_at) {
  const auto& negated = c.find("decision.not");
  const std::vector<ByteRange> quoted = quotations(c);
  const Rule* vote = c.rules.find("decision.voting");
  Clauses clauses;
  for (const auto& m : c.find("decision", {c.body_start, c.article.end})) {
    if (negated_at(negated, m.span) || counted_among_results(c, m.span)) continue;
    if (inside_any(quoted, m.span.begin))
      continue;  // "chủ đề thi đua: “...; thi đua phấn đấu hoàn thành ...”"
    if (c.in_title(m.span.begin) || (c.published_line && c.line_index(m.span.begin) == *c.published_line))
      continue;
    // "Được sự nhất trí cao của các thành viên, Sở Nội vụ được bầu ...": the consent the sentence opens on
    const auto consent = c.find_at("decision.consent_lead", c.sentence_of(m.span.begin));
    if (!consent.empty() && m.span.end <= consent.front().span.end) continue;
    const auto clause = trigger_clause(c, m, cut_sentence, cut_at);
    if (!clause || decides_nothing(c, r, m, *clause, vote)) continue;
    const Trigger tr = trigger_of(c, m, vote);
    if (!clauses.empty() && clauses.back().first == *clause) {
      auto& last = clauses.back().second.back();
      if (tr.span.begin < last.span.end) {  // two readings of one place: keep the stronger
        // ... unless an agreement stands inside a wider reading ("Kết quả bình xét, Cụm đã thống nhất suy
        // tôn X dẫn đầu"): what was agreed on names the kind, as below
        const bool agreement_inside = tr.kind == "agreed" && tr.span.end < last.span.end;
        if (tr.priority > last.priority && !agreement_inside) last = tr;
        continue;
      }
      clauses.back().second.push_back(tr);
    } else {
      clauses.push_back({*clause, {tr}});
    }
  }
  return clauses;
}

// Whether a range lies inside one of a set of clauses: a binary search over their ranges, sorted by start,
// with the furthest end reached so far (built once; each question logarithmic, however many clauses and
// items a document has).
class ClauseCover {
 public:
  explicit ClauseCover(const Clauses& clauses) {
    for (const auto& x : clauses) ranges_.push_back(x.first);
    std::sort(ranges_.begin(), ranges_.end(), [](ByteRange a, ByteRange b) { return a.begin < b.begin; });
    reach_.resize(ranges_.size());
    for (std::size_t k = 0; k < ranges_.size(); ++k)
      reach_[k] = std::max(k > 0 ? reach_[k - 1] : 0, ranges_[k].end);
  }
  bool holds(ByteRange r) const {
    auto after = std::upper_bound(ranges_.begin(), ranges_.end(), r.begin,
                                  [](std::size_t pos, ByteRange x) { return pos < x.begin; });
    return after != ranges_.begin() && reach_[static_cast<std::size_t>(after - ranges_.begin()) - 1] >= r.end;
  }

 private:
  std::vector<ByteRange> ranges_;
  std::vector<std::size_t> reach_;  // the furthest end of ranges_[0..k]
};

// Whether the words before a speech colon give it to the meeting or its members, with no person or
// title named ("Hội nghị đã nghe Phó Chủ tịch UBND tỉnh phát biểu, yêu cầu: ..." is the leader's): "Tại
// hội nghị, các đơn vị ... đã thảo luận và đề nghị: ..." (decision.collective_speaker).
bool collective_speaker(const Context& c, const RuleMatch& speech) {
  const ByteRange before = after_lead_in(c, {c.clause_of(speech.span.begin).begin, speech.span.end});
  return !c.find_at("decision.collective_speaker", before).empty() && c.find("person", before).empty() &&
         !c.titles.occurs_in(c.t, before);
}

// Instructions after "nhấn mạnh:" and the like, clause by clause to the end of the paragraph (on a page cut
// off mid-sentence, those that end before its last whole place); where the colon ends its line, the lines
// below that open on a bullet or a number ("- Các đơn vị tiếp tục ...", "2. Khối trưởng chủ động ..."),
// each one instruction. Spoken by the meeting or its members, they are its proposals: agreed.
void add_speech_clauses(const Context& c, Clauses& clauses, ByteRange cut_sentence, std::size_t cut_at) {
  const auto& negated = c.find("decision.not");
  const ClauseCover held(clauses);
  // the items added here come in text order, each from a later place than the one before: one inside an
  // earlier item ends before the furthest end so far
  std::size_t added_reach = 0;
  std::string_view kind;
  const auto add = [&](ByteRange clause, const Rule* rule) {
    if (clause.size() > 0 && word_count(c.t, clause) >= 4 &&
        !(cut_sentence.size() > 0 && clause.end > cut_at) && !held.holds(clause) &&
        clause.end > added_reach) {
      clauses.push_back({clause, {Trigger{{clause.begin, clause.begin}, std::string(kind), 0, rule->name}}});
      added_reach = clause.end;
    }
  };
  const auto speeches = c.find("decision.speech", {c.body_start, c.article.end});
  for (std::size_t k = 0; k < speeches.size(); ++k) {
    const RuleMatch& m = speeches[k];
    if (negated_at(negated, m.span)) continue;
    kind = collective_speaker(c, m) ? "agreed" : "directed";
    const std::size_t li = c.line_index(m.span.begin);
    ByteRange para = c.lines[li];
    if (trim(c.t, {m.span.end, para.end}).size() == 0) {
      for (std::size_t next = li + 1; next < c.lines.size() && c.lines[next].begin < c.article.end; ++next) {
        ByteRange item = trim(c.t, c.lines[next], ".;");
        if (item.size() == 0) continue;
        if (c.find_at("decision.enumerator", item).empty()) break;
        add(item, m.rule);
      }
      continue;
    }
    // to the paragraph's end, or to the clause of the next speech in it ("...; ông B đề nghị: Y"), whose
    // words are its own (each stretch of text read once, however many speeches a paragraph holds)
    const std::string_view upto = c.t.substr(0, para.end);
    std::size_t stop_at = para.end;
    if (k + 1 < speeches.size() && speeches[k + 1].span.begin < para.end) {
      std::size_t mark = upto.find_last_of(";.", speeches[k + 1].span.begin);
      stop_at = mark != std::string_view::npos && mark > m.span.end ? mark : m.span.end;
    }
    for (std::size_t pos = m.span.end; pos < stop_at;) {
      std::size_t end = std::min(upto.find_first_of(";.", pos), stop_at);
      add(trim(c.t, {pos, end}), m.rule);
      pos = end + 1;
    }
  }
}

// The clause that overlaps a range, for ranges asked in text order over clauses in text order: one pass
// over both, however many items and clauses a document has.
class ClauseCursor {
 public:
  explicit ClauseCursor(const Clauses& clauses) : clauses_(clauses) {}
  const std::vector<Trigger>* overlapping(ByteRange r) {
    while (next_ < clauses_.size() && clauses_[next_].first.end <= r.begin) ++next_;
    return next_ < clauses_.size() && clauses_[next_].first.begin < r.end ? &clauses_[next_].second : nullptr;
  }

 private:
  const Clauses& clauses_;
  std::size_t next_ = 0;
};

void sort_clauses(Clauses& clauses) {
  std::sort(clauses.begin(), clauses.end(),
            [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
}

// Adds `added` to clauses, keeping text order.
void merge_clauses(Clauses& clauses, const Clauses& added) {
  clauses.insert(clauses.end(), added.begin(), added.end());
  sort_clauses(clauses);
}

// "... đề nghị, các đơn vị tiếp tục ... . Đẩy mạnh công tác ... . Làm tốt công tác ...": a run of at least
// two sentences in the paragraph of a leader's instruction that open on a bare verb of action
// (decision.imperative) lists more instructions. One such sentence alone may as well be the writer's,
// unless it is numbered ("... đề nghị các đơn vị tiếp tục ... . Hai là, nâng cao ..."): then it is one
// more item of the leader's list, whatever its first verb. So is a numbered sentence after a plan ("Khối
// đề ra các giải pháp sau: Một là, ... . Hai là, ..."): one more item of the plan.
void add_instruction_continuations(const Context& c, Clauses& clauses, ByteRange cut_sentence) {
  Clauses added;
  std::vector<std::pair<ByteRange, bool>> run;  // imperative or numbered (true) sentences, not yet taken
  bool numbered_run = false;
  std::string_view after;  // the kind of the list the sentence in hand may continue, if any
  auto close_run = [&] {
    if (run.size() >= 2 || numbered_run)
      for (const auto& [item, numbered] : run)
        added.push_back({item,
                         {Trigger{{item.begin, item.begin},
                                  std::string(after),
                                  0,
                                  numbered ? "decision.enumerator" : "decision.imperative"}}});
    run.clear();
    numbered_run = false;
  };
  std::size_t next = 0;  // clauses before this one end before the sentence in hand
  std::optional<std::size_t> line;
  for (ByteRange s : c.sentences) {
    if (s.begin < c.body_start || s.begin >= c.article.end) continue;
    std::size_t li = c.line_index(s.begin);
    if (line != li) {
      close_run();
      after = {};
    }
    line = li;
    while (next < clauses.size() && clauses[next].first.end <= s.begin) ++next;
    bool held = false, directed = false, planned = true;
    for (std::size_t k = next; k < clauses.size() && clauses[k].first.begin < s.end; ++k) {
      held = true;
      for (const auto& tr : clauses[k].second) {
        directed |= tr.kind == "directed";
        planned &= tr.kind == "planned";
      }
    }
    if (held && planned && after == "directed") continue;  // "Tăng cường kiểm tra ...": a plan in the list
    ByteRange item = trim(c.t, s, ".");
    const bool numbered = !c.find_at("decision.enumerator", item).empty();
    const bool imperative = after == "directed" && !c.find_at("decision.imperative", item).empty();
    if (!held && !after.empty() && (numbered || imperative) && word_count(c.t, item) >= 4 &&
        !(cut_sentence.size() > 0 && s.begin >= cut_sentence.begin)) {
      run.push_back({item, numbered});
      numbered_run |= numbered;
      continue;
    }
    close_run();
    after = !held ? "" : directed ? "directed" : planned ? "planned" : "";
  }
  close_run();
  merge_clauses(clauses, added);
}

// "Hội nghị thống nhất các nội dung sau:" or "Khối đề ra các giải pháp:" closing its line, then lines that
// open on a bullet or a number ("- Tổ chức giải bóng đá ...", "2. Nâng cao ..."): each such line is an
// item of that decision, of its kind, unless a trigger of its own already holds it.
// (Each line is read once, however many leads stand above it; whether a clause holds an item is a binary
// search over the clauses, in text order, with the furthest end reached so far: linear in the text.)
void add_bullet_items(const Context& c, Clauses& clauses) {
  const ClauseCover held(clauses);
  Clauses added;
  std::size_t read_to = 0;  // lines before this one were read as items already
  for (const auto& [clause, triggers] : clauses) {
    std::size_t li = c.line_index(clause.begin);
    ByteRange line = trim(c.t, c.lines[li]);
    if (line.size() == 0 || c.t[line.end - 1] != ':' || clause.end + 1 < line.end) continue;
    for (std::size_t next = std::max(li + 1, read_to);
         next < c.lines.size() && c.lines[next].begin < c.article.end; read_to = ++next) {
      ByteRange item = trim(c.t, c.lines[next], ".;");
      if (item.size() == 0) continue;
      const auto numbered = c.find_at("decision.enumerator", item);
      if (numbered.empty() || word_count(c.t, item) < 4) break;
      // a trigger of its own holds the item from its first word on, after the number ("2. Giao Sở Y tế
      // làm Khối trưởng ...")
      if (!held.holds(item) && !held.holds(trim(c.t, {numbered.front().span.end, item.end})))
        added.push_back(
            {item, {Trigger{{item.begin, item.begin}, triggers.front().kind, 0, "decision.enumerator"}}});
    }
  }
  merge_clauses(clauses, added);
}

// Whether a sentence's opening period ("Năm 2024,", "Trong 6 tháng cuối năm,") is still to come.
bool period_ahead(const Context& c, const Record& r, const RuleMatch& m) {
  if (m.group("ahead")) return true;
  if (m.group("past")) return false;
  if (m.group("late")) return r.meeting.type == "so_ket";
  if (m.group("this_year")) return r.meeting.type != "tong_ket";
  // "Quý III/2024, ..." at the review of 12/7/2024: ahead (the meeting's own month counts as ahead)
  if (m.group("quarter") || m.group("month")) {
    const auto span = month_span(c, r, m);
    return span && span->ends >= span->held;
  }
  auto horizon = horizon_of(c, r);
  // "6 tháng đầu năm (2025)": behind a review of its year, ahead of a launch or of the year before
  if (m.group("early")) {
    const bool launch = r.meeting.type == "phat_dong";
    if (auto year = m.group("early_year"); year && horizon) {
      const int y = std::stoi(std::string(c.slice(*year)));
      return y > horizon->year || (y == horizon->year && launch);
    }
    return launch;
  }
  auto year = m.group("year") ? m.group("year") : m.group("school");
  if (!year || !horizon) return false;  // unknown: no guess
  int y = std::stoi(std::string(c.slice(*year)));
  // "Năm học 2023-2024, ..." at a launch in September 2024: the school year just ended
  if (m.group("school") && horizon->school_year_end) return y >= *horizon->school_year_end;
  return y > horizon->year || (y == horizon->year && horizon->same_year_ahead);
}

// "Năm 2020, các trường đã phối hợp ...; đồng thời tập trung thực hiện ...", in the review of 2020: a
// sentence that opens on a period not still to come and reports what was done ("đã") before the plan
// word reports that period; the plan word sets nothing out. A plan word needs no "đã" when the period is
// known to be behind the meeting ("Năm 2023, các đơn vị tập trung đẩy mạnh ..., đạt nhiều kết quả", in
// the review of 2023); a signing or an award (`known_only`) does.
bool in_past_period(const Context& c, const Record& r, ByteRange trigger, bool known_only) {
  auto leads = c.find_at("decision.plan_period", c.sentence_of(trigger.begin));
  // (a trigger inside the lead names an earlier meeting: "Tại Hội nghị ký kết giao ước đầu năm, ...")
  if (leads.empty() || leads.front().span.begin > trigger.begin) return false;
  const RuleMatch& lead = leads.front();
  if (lead.group("past")) return true;  // "Năm qua, Thủ tướng tặng Bằng khen cho ...": behind any meeting
  const bool known = ((lead.group("this_year") || lead.group("early")) && r.meeting.type) ||
                     (horizon_of(c, r) && (lead.group("year") || lead.group("school"))) ||
                     month_span(c, r, lead).has_value();
  if (known_only && !known) return false;
  if (period_ahead(c, r, lead)) return false;
  if (known && !known_only) return true;
  if (trigger.begin < lead.span.end) return true;  // the earlier meeting's own act, named in the lead
  // "Năm 2023, Sở Nội vụ được UBND tỉnh tặng Cờ thi đua", in the review of 2024: a year before the one the
  // meeting looks back on (a launch or a briefing looks back on the year before its own) was closed at
  // another meeting, "đã" or not
  if (const auto year = lead.group("year"); year && before_looked_back_on(c, r, *year)) return true;
  // (a signing trigger may hold its own "đã": "đã ký kết giao ước")
  return !past_markers(c, {lead.span.end, known_only ? trigger.end : trigger.begin}).empty();
}

// The parts of a sentence between `mark`s (the `;` items), in order. A mark inside a quotation parts the
// quoted title of a movement ("“Toàn ngành Tư pháp tiếp tục đổi mới ...; nâng cao hiệu lực ...”"), not
// the sentence.
std::vector<ByteRange> parts_outside_quotes(std::string_view t, ByteRange s, char mark) {
  std::vector<ByteRange> items;
  std::size_t start = s.begin;
  QuoteState q;
  for (std::size_t i = s.begin; i < s.end; ++i) {
    if (t[i] == mark && !q.inside()) {
      items.push_back({start, i});
      start = i + 1;
    }
    q.step(t, i);
  }
  items.push_back({start, s.end});
  return items;
}

// How far into a plan item a past marker ("đã", "đạt được") makes it a report of what was done.
constexpr std::size_t kPastReach = 8;

// "Năm 2024, các đơn vị tiếp tục ...; tăng cường ...; phát huy ...": a sentence that opens on a period
// still to come lists the plan for it; each `;` item that no trigger holds is a planned decision, unless
// it reports what was done ("đã ...").
void add_plan_lists(const Context& c, const Record& r, Clauses& clauses, ByteRange cut_sentence,
                    std::size_t cut_at) {
  Clauses added;
  ClauseCursor held(clauses);
  for (ByteRange s : c.sentences) {
    if (s.begin < c.body_start || s.begin >= c.article.end) continue;
    // a sentence the page cut off: its items before the last whole place still count
    if (cut_sentence.size() > 0 && s.begin >= cut_sentence.begin) s.end = std::min(s.end, cut_at);
    auto leads = c.find_at("decision.plan_period", s);
    if (leads.empty() || !period_ahead(c, r, leads.front())) continue;
    if (caption_line(c, c.line_index(s.begin))) continue;
    const RuleMatch& lead = leads.front();
    // "Năm 2025 là năm ..., các đơn vị tiếp tục ...", "Phương hướng năm 2025 của Khối là ...": a period
    // with no comma after it, followed by a copula or "của", is the sentence's subject, not its lead; the
    // first item reads from it. (Its trigger then stands after the period's words, inside the item, so
    // that they are not cut off as a lead-in.)
    const ByteRange lead_words = trim(c.t, lead.span);
    const bool subject = lead_words.size() > 0 && c.t[lead_words.end - 1] != ',' &&
                         !c.find_at("decision.period_subject", {lead.span.end, s.end}).empty();
    bool first = true;
    for (ByteRange raw : parts_outside_quotes(c.t, {subject ? lead.span.begin : lead.span.end, s.end}, ';')) {
      ByteRange item = trim_joiners(c, trim(c.t, raw, "."));
      const std::size_t plan_at = first && subject ? lead.span.end : item.begin;
      if (std::exchange(first, false)) {
        // "Năm 2018, các đơn vị ... đã tích cực ...; coi trọng ...": the sentence reports the year
        if (!past_markers(c, item).empty()) break;
        // "..., các đơn vị tập trung vào một số nội dung như: A; B; C": the items are the contents of
        // the one plan the colon opens, not plans of their own; unless they are counted ("3 nội dung cụ
        // thể: A; B; C"), then each is one
        auto colon = parts_outside_quotes(c.t, item, ':');
        if (colon.size() > 1 && c.find("decision.counted_list", colon.front()).empty()) {
          if (!held.overlapping(item) && word_count(c.t, item) >= 4)
            added.push_back({item, {Trigger{{plan_at, plan_at}, "planned", 0, lead.rule->name}}});
          break;
        }
      }
      // "phấn đấu 100% đơn vị ...; 100% Chi bộ ...": a figure goes on with the targets before it
      if (item.size() > 0 && c.t[item.begin] >= '0' && c.t[item.begin] <= '9') continue;
      if (word_count(c.t, item) < 4 || held.overlapping(item)) continue;
      if (cut_sentence.size() > 0 && item.end > cut_at) continue;
      if (!past_markers(c, first_words(c.t, item, kPastReach)).empty()) continue;
      // "Năm 2022, Cục Thuế tỉnh được giao làm Khối trưởng; ...": a role held, stated with the members
      if (!c.find("member.role", item).empty()) continue;
      if (!c.find_at("decision.consequence", item).empty()) continue;  // "...; tạo sự lan tỏa ...
      added.push_back({item, {Trigger{{plan_at, plan_at}, "planned", 0, lead.rule->name}}});
    }
  }
  merge_clauses(clauses, added);
}

// "Bên cạnh đó, mỗi đơn vị tiếp tục phấn đấu ... . Tăng cường công tác tuyên truyền ...", "... phấn đấu hoàn
// thành 8 chỉ tiêu ... . Qua đó ...; Tăng cường tổ chức ...": in the paragraph of a plan, a later sentence
// or `;` item that opens on a bare verb of action (decision.imperative, after "Đồng thời," or a lead-in)
// goes on with the plan. The `;` items of the plan's own sentence are its contents ("nhiệm vụ trọng tâm
// là A; B; C": one plan). Another kind of decision in between ends the plan; so does a new paragraph.
// After a pledge signed with its contents ("ký kết giao ước thi đua thực hiện tốt ...") only a sentence
// joined on ("Đồng thời, nâng cao ...") goes on with it. After an agreement to act, in its own sentence
// ("các đơn vị thống nhất đổi mới ...; tiếp tục phát huy ..."), each such `;` item is one more thing agreed;
// after an agreement on a noun ("thống nhất nội dung kế hoạch ...; đẩy mạnh ...") they are its contents.
// Not an item that reports what was done (a past marker) or what followed (decision.consequence).
void add_plan_continuations(const Context& c, Clauses& clauses, ByteRange cut_sentence, std::size_t cut_at) {
  Clauses added;
  ClauseCursor held(clauses);
  bool after_plan = false;
  bool after_pledge = false;
  std::optional<std::size_t> line;
  for (ByteRange s : c.sentences) {
    if (s.begin < c.body_start || s.begin >= c.article.end) continue;
    std::size_t li = c.line_index(s.begin);
    if (line != li) after_plan = after_pledge = false;
    line = li;
    if (caption_line(c, li)) continue;
    bool plan_sentence = false;    // the `;` items after a plan in its own sentence are its contents
    bool after_agreement = false;  // the `;` items after an agreement to act in its own sentence
    for (ByteRange raw : parts_outside_quotes(c.t, trim(c.t, s, "."), ';')) {
      if (const auto* triggers = held.overlapping(raw)) {
        const auto of = [&](auto kinds) {
          return std::all_of(triggers->begin(), triggers->end(),
                             [&](const Trigger& tr) { return kinds(tr.kind); });
        };
        after_plan = of([](const std::string& k) { return k == "planned"; });
        after_pledge =
            !after_plan && of([](const std::string& k) { return k == "planned" || k == "signed"; });
        plan_sentence = after_plan || after_pledge;
        const Trigger& last = triggers->back();
        after_agreement = last.kind == "agreed" && last.span.end <= raw.end &&
                          !c.find_at("decision.imperative", trim(c.t, {last.span.end, raw.end})).empty();
        continue;
      }
      const bool continues_plan = (after_plan || after_pledge) && !plan_sentence;
      if (!continues_plan && !after_agreement) continue;
      ByteRange item = trim_joiners(c, trim(c.t, raw, "."));
      if (continues_plan) {
        for (const auto& m : c.find_at("decision.lead_in", item)) item = trim(c.t, {m.span.end, item.end});
        if (!after_plan && item.begin == trim(c.t, raw).begin) continue;  // after a pledge: joined only
      }
      if (cut_sentence.size() > 0 && item.end > cut_at) continue;
      if (word_count(c.t, item) < 4 || c.find_at("decision.imperative", item).empty() ||
          !c.find_at("decision.consequence", item).empty())
        continue;
      // "Tăng cường giao lưu giữa các đơn vị đã giúp ...": a verb of action as the subject of a report;
      // with no plan word of its own, a past marker anywhere in the item makes it one
      if (!past_markers(c, item).empty()) continue;
      added.push_back(
          {item,
           {Trigger{
               {item.begin, item.begin}, continues_plan ? "planned" : "agreed", 0, "decision.imperative"}}});
    }
  }
  merge_clauses(clauses, added);
}

// Which clause reports the signing. A clause that reports the act ("các đơn vị đã tiến hành ký kết giao
// ước") is preferred to one that names the meeting ("tổ chức Lễ ký kết giao ước") and to a photo caption
// (a short line: "Các Sở TN&MT ký kết giao ước thi đua"); among equals, the first.
std::optional<std::size_t> signing_clause(const Context& c, const Clauses& clauses) {
  std::optional<std::size_t> chosen;
  int chosen_score = 0;
  for (std::size_t k = 0; k < clauses.size(); ++k) {
    const auto& trs = clauses[k].second;
    auto it = std::find_if(trs.begin(), trs.end(), [](const Trigger& x) { return x.kind == "signed"; });
    if (it == trs.end()) continue;
    ByteRange before{clauses[k].first.begin, it->span.begin};
    int score = heads_clause(c, c.find("decision.meeting_named", before), before) ? -2 : 0;
    // the trigger itself may hold the report ("đã ký kết giao ước", "tiến hành ký kết")
    if (score == 0 && !c.find("decision.signing_reported", {before.begin, it->span.end}).empty()) score = 2;
    // one unit's part in it ("Sở Tư pháp ... đã tham gia ký kết"), when the bloc's signing is also told
    if (score == 2 && !c.find("decision.signing_side", before).empty()) score = 1;
    // told as done at the meeting ("Cũng tại Hội nghị, đại diện ... đã ký giao ước"): the body's account,
    // where the lead may only sum the meeting up
    if (score == 2 && !c.find_at("decision.at_meeting", c.sentence_of(it->span.begin)).empty()) score = 3;
    // "Bên cạnh việc ký kết ...": a signing recalled, told in full elsewhere
    for (const auto& m : c.find("decision.signing_recalled", before))
      if (m.span.end == it->span.begin) score = -3;
    // a line with no closing stop reads as a caption or a headline, however long (unless the page was
    // cut off in it)
    ByteRange line = trim(c.t, c.lines[c.line_index(it->span.begin)]);
    bool cut_off = c.truncated && !c.sentences.empty() && line.end >= c.sentences.back().end;
    if (line.size() > 0 && !cut_off &&
        std::string_view(".;:!?").find(c.t[line.end - 1]) == std::string_view::npos)
      score -= 1;
    if (!chosen || score > chosen_score) {
      chosen = k;
      chosen_score = score;
    }
  }
  return chosen;
}

// Where a decision's text starts and ends within its clause: from the subject or the verb (a lead-in such
// as "Tại hội nghị," or "Năm 2024," is not part of it; a leader's instruction starts at its verb, "đề nghị
// các đơn vị ..."; a signing or a vote named with the meeting at "ký kết ...", "suy tôn ..."), without the
// closing full stop.
ByteRange decision_text(const Context& c, ByteRange part, const Trigger& trigger) {
  bool inside = trigger.span.begin > part.begin && trigger.span.begin < part.end;
  bool from_verb = false;
  if (inside) {
    ByteRange before{part.begin, trigger.span.begin};
    if (trigger.kind == "directed")
      for (const auto& m : c.find("decision.speaker_verb", {trigger.span.begin, trigger.span.end}))
        from_verb |= m.span.begin == trigger.span.begin;
    if (trigger.kind == "signed" || (trigger.rule == "decision.voting" && names_agenda(c, before)))
      from_verb |= heads_clause(c, c.find("decision.meeting_named", before), before);
  }
  // "Phát biểu chỉ đạo, đồng chí X nhấn mạnh, các đơn vị cần ...": an instruction read from its "cần"
  // starts at the verb of speech before it
  const auto speech = inside && trigger.kind == "directed"
                          ? c.find("decision.speech_comma", {part.begin, trigger.span.begin})
                          : std::vector<RuleMatch>{};
  if (from_verb) {
    part.begin = trigger.span.begin;
  } else if (!speech.empty()) {
    part.begin = speech.back().span.begin;
  } else {
    // lead-ins and item numbers ("(2) Nâng cao ...", "Hai là, đổi mới ..."), as many as stand there
    for (bool again = true; again;) {
      again = false;
      auto leads = c.find_at("decision.lead_in", part);
      for (auto& m : c.find_at("decision.enumerator", part)) leads.push_back(std::move(m));
      for (const auto& m : leads) {
        if (inside && m.span.end > trigger.span.begin) continue;
        part = trim(c.t, {m.span.end, part.end});
        again = true;
        break;
      }
    }
  }
  // "..., góp phần thực hiện thắng lợi ...", "..., trong đó ...": what the decision serves or holds is
  // not part of it
  const auto tail = c.find("decision.tail", {std::max(part.begin, trigger.span.end), part.end});
  if (!tail.empty()) part.end = tail.front().span.begin;
  return trim(c.t, part, ".,…");  // "…": a page cut short, or the writer trailing off
}

// Whether only joining words stand between two triggers ("thảo luận, thống nhất, thông qua"): then
// they are one decision, not two.
bool only_joiners(const Context& c, std::size_t from, std::size_t to) {
  ByteRange between = trim(c.t, {from, std::max(from, to)}, ",");
  return between.size() == 0 || c.phrases("decision_joiners").match_at(c.t, between.begin) == between.size();
}

}  // namespace

void extract_decisions(Context& c, Record& r) {
  if (!r.meeting.type) return;  // not a meeting: nothing was decided
  // A page cut off mid-sentence: its last clause is not whole. What stands before its last comma still
  // is, if it says enough ("yêu cầu Công an các tỉnh thường xuyên tổ chức ..., triển khai các biện pháp
  // ngh").
  ByteRange cut_sentence = c.truncated && !c.sentences.empty() ? c.sentences.back() : ByteRange{0, 0};
  std::size_t cut_at = cut_sentence.end;
  if (cut_sentence.size() > 0) {
    // the last place where what stands before is whole: a comma, a ';', or a joining word between two
    // acts (lists/decision_joiners.txt: "bầu Thuế Quảng Ninh làm Cụm trưởng và phát động phong trào thi")
    cut_at = cut_sentence.begin;
    for (std::string_view mark : {", ", "; "}) {
      std::size_t at = c.t.rfind(mark, cut_sentence.end);
      if (at != std::string_view::npos && at > cut_sentence.begin) cut_at = std::max(cut_at, at);
    }
    std::size_t joiner = c.phrases("decision_joiners").rfind_in(c.t, cut_sentence);
    if (joiner != std::string_view::npos) cut_at = std::max(cut_at, joiner - 1);
  }

  Clauses clauses = trigger_clauses(c, r, cut_sentence, cut_at);
  add_speech_clauses(c, clauses, cut_sentence, cut_at);
  sort_clauses(clauses);
  add_instruction_continuations(c, clauses, cut_sentence);
  add_plan_lists(c, r, clauses, cut_sentence, cut_at);
  add_plan_continuations(c, clauses, cut_sentence, cut_at);
  add_bullet_items(c, clauses);

  std::optional<std::size_t> signing = signing_clause(c, clauses);
  bool signed_once = false;
  for (std::size_t ci = 0; ci < clauses.size(); ++ci) {
    const auto& [clause, triggers] = clauses[ci];
    std::size_t part_begin = clause.begin;
    for (std::size_t k = 0; k < triggers.size(); ++k) {
      std::size_t part_end = clause.end;
      if (k + 1 < triggers.size()) {
        // (a plan word inside a leader's instruction is what the units are told to do: "yêu cầu từng đơn vị
        // rà soát, đăng ký danh hiệu thi đua" is one instruction)
        const bool told = triggers[k].kind == "directed" && triggers[k + 1].kind == "planned";
        auto at = told || only_joiners(c, triggers[k].span.end, triggers[k + 1].span.begin)
                      ? std::nullopt
                      : split_point(c, triggers[k].span.end, triggers[k + 1].span.begin);
        if (!at) continue;  // no place to split: the next trigger joins this part
        part_end = *at;
      }
      // the strongest trigger of the part names its kind; of equals, the first ("đề nghị các cơ quan, đơn
      // vị cần quan tâm ...": the instruction's verb, not the "cần" inside it)
      const Trigger* best = &triggers[k];
      for (std::size_t j = k; j > 0 && triggers[j - 1].span.begin >= part_begin; --j)
        if (triggers[j - 1].priority >= best->priority) best = &triggers[j - 1];
      // "thống nhất bình xét khen thưởng", "nhất trí bầu ...": what was agreed on names the kind
      if (best->kind == "agreed")
        for (std::size_t j = k + 1; j-- > 0 && triggers[j].span.begin >= part_begin;)
          if (&triggers[j] != best && trim(c.t, {best->span.end, triggers[j].span.begin}).size() == 0 &&
              triggers[j].kind != "planned" && triggers[j].kind != "directed")
            best = &triggers[j];
      ByteRange part = decision_text(c, trim_joiners(c, {part_begin, part_end}), *best);
      part_begin = part_end;
      if (part.size() == 0) continue;
      // One signing per meeting: later mentions (captions, summaries) repeat it.
      if (best->kind == "signed") {
        if (signed_once || ci != signing) continue;
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

}  // namespace thidua::extract
