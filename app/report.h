// The yearly report (`thidua report ARCHIVE`): from an archive's documents, grouped into meetings
// (app/meetings.h), the views an Emulation and Commendation Board compiles per bloc and year. Built
// from the archive alone; nothing is extracted again.
//
// Views (each a table, the same in every output format):
//   blocs      one row per bloc and year: meetings held by type, the head and deputy units, who was
//              elected for next year, awards proposed, decisions by kind, members gained and lost since
//              the previous year with a member list, what is missing, disagreements between sources
//   meetings   one row per meeting, with its sources
//   provinces  one row per province: blocs, meetings, articles, values given with a warning
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "meetings.h"
#include "tables.h"

namespace thidua {

struct ReportFilter {
  std::string province;     // empty: every province; "unknown": the blocs whose province is not known
  std::optional<int> year;  // the emulation year (meeting_year())
  std::string bloc;  // words the bloc's name must have ("Khối 4", "nội chính"), any case and tones
};

struct ReportView {
  TableSpec spec;
  std::vector<Row> rows;
};

// One bloc's meetings on a time line (the HTML report's chart).
struct TimelinePoint {
  std::string date;  // YYYY-MM-DD
  std::string type;
  std::size_t sources = 0;
  bool disputed = false;
};
struct BlocTimeline {
  std::string title;  // "Khối thi đua số 4 · Quảng Ninh"
  std::vector<TimelinePoint> points;
  std::vector<std::size_t> rows;  // its rows in the blocs view
};

struct Report {
  std::size_t documents = 0;  // archived documents (all, whatever the filter)
  ReportView blocs, meetings, provinces;
  std::vector<BlocTimeline> timelines;
};

Report build_report(const std::vector<ArticleFacts>& articles, const ReportFilter& filter);

// Whether a bloc's name has every word of `query` (tone-, case- and "số"-insensitive; IV = 4).
bool bloc_matches(const std::string& bloc_name, const std::string& query);

// Printers. Text: the blocs view as one block per bloc and year, then the provinces view as a table.
void write_report_text(const Report& report, std::ostream& out);
// One view as CSV (RFC 4180, CRLF; a byte-order mark for Excel with `bom`).
void write_report_csv(const ReportView& view, std::ostream& out, bool bom);
// One self-contained page: the provinces view, then per bloc a time line (inline SVG) and its rows.
void write_report_html(const Report& report, const std::string& title, std::ostream& out);

}  // namespace thidua
