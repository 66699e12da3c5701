// Meetings, not articles: the articles of an archive that report the same meeting, grouped, their values
// merged and their disagreements kept. A pure function of the archived documents (no database here), so
// the archive and the report group the same way and tests need no SQLite.
//
// Which articles report one meeting: a meeting article (one with a meeting type) whose bloc is known
// goes with every other of the same bloc (bloc_key) and the same meeting date, and with every other of
// the same bloc, type and period when the bloc's province is known (so an article without a date joins
// the one with it, and two articles that give one bloc's review of one period two different dates are one
// meeting whose date is disputed).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace thidua {

struct UnitFact {
  std::string name;
  std::optional<std::string> role;  // head, deputy
};

struct DecisionFact {
  std::string kind;
  std::string text;
};

// What grouping and the report need of one archived document (a row of the archive's documents table
// with its members, chairpersons and decisions).
struct ArticleFacts {
  long long id = 0;
  std::string file;
  std::optional<std::string> title, published;
  std::optional<std::string> date, type, period, location;
  std::optional<std::string> bloc_name, bloc_kind, bloc_number, province;
  std::vector<UnitFact> members;
  std::vector<std::string> chairs;
  std::vector<DecisionFact> decisions;
  std::size_t warnings = 0;
};

// The values that sources of one meeting disagree on: each value with the files that give it.
struct Disagreement {
  std::string field;  // "meeting.date", "meeting.type", "meeting.period", "bloc.members[].role"
  std::vector<std::pair<std::string, std::vector<std::string>>> values;
  // "meeting.date: 2023-07-10 (a.txt) / 2023-07-12 (b.txt, c.txt)"
  std::string describe() const;
};

struct MergedMeeting {
  std::string bloc_key;
  std::string bloc_name;  // the name most sources give
  std::optional<std::string> bloc_kind, bloc_number, province;
  std::optional<std::string> date, type, period, location;  // the value most sources give
  std::optional<int> year;                                  // the emulation year: see meeting_year()
  std::vector<std::size_t> sources;                         // indices into the facts, in archive order
  std::vector<UnitFact> members;  // every source's members, once each (by name_key), roles merged
  std::vector<std::string> chairs;
  std::vector<DecisionFact> decisions;  // once each (by kind and name_key of the text)
  std::vector<Disagreement> conflicts;
};

// A name as grouping compares it: case, tone marks and diacritics (đ -> d), punctuation and spacing
// ignored. "Sở Tài chính" and "SỞ TÀI CHÍNH" and "Sở Tài Chính," get one key.
std::string name_key(std::string_view name);

// The bloc an article is about, as a key: kind, province and number when the name has a number
// ("Khối thi đua số 4" = "Khối Thi đua 4" = "Khối thi đua IV" of one province), else kind, province and
// the name's own words (without "khối", "cụm", "thi đua", "số", "các"). Empty when no bloc is named. An
// unknown province is a province of its own: blocs are never matched across provinces by guess.
std::string bloc_key(const ArticleFacts& article);

// A bloc's number in Arabic digits: "IV" -> "4", "iv" -> "4"; anything else as it is.
std::string arabic_number(const std::string& number);

// The year a meeting counts for: the end of the period it reviews ("tổng kết năm 2023" held in January
// 2024 counts for 2023), else the year of its date, else none.
std::optional<int> meeting_year(const std::optional<std::string>& date,
                                const std::optional<std::string>& period);

// The meetings the articles report, ordered by bloc key, year and date. Articles that are not meeting
// reports, or that name no bloc, belong to no meeting.
std::vector<MergedMeeting> group_meetings(const std::vector<ArticleFacts>& articles);

}  // namespace thidua
