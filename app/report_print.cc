// The report's printers: text for a terminal, CSV, and one self-contained HTML page (the XLSX is written
// by the report command through app/workbook.h).
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "output.h"
#include "report.h"
#include "review_page.h"
#include "utf8.h"

namespace thidua {

namespace {

// A column's name as a reader sees it: "year_end_review" -> "year-end review".
std::string label_of(const std::string& column) {
  if (column == "six_month_review") return "six-month review";
  if (column == "year_end_review") return "year-end review";
  std::string out = column;
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string pad(const std::string& s, std::size_t w) {
  return s + std::string(w > utf8_length(s) ? w - utf8_length(s) : 0, ' ');
}

std::size_t column_of(const TableSpec& spec, const std::string& name) {
  for (std::size_t i = 0; i < spec.columns.size(); ++i)
    if (spec.columns[i].name == name) return i;
  return spec.columns.size();
}

std::string summary(const Report& r) {
  std::size_t meetings = r.meetings.rows.size();
  return std::to_string(r.documents) + " archived documents; " + std::to_string(meetings) + " meeting" +
         (meetings == 1 ? "" : "s") + " of " + std::to_string(r.timelines.size()) + " bloc" +
         (r.timelines.size() == 1 ? "" : "s") + " in this report";
}

std::string escape_html(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

void write_report_text(const Report& r, std::ostream& out) {
  out << summary(r) << "\n";
  const TableSpec& spec = r.blocs.spec;
  const std::size_t first_value = column_of(spec, "launch");
  std::size_t label_width = 0;
  for (std::size_t c = first_value; c < spec.columns.size(); ++c)
    label_width = std::max(label_width, utf8_length(label_of(spec.columns[c].name)));
  for (const BlocTimeline& line : r.timelines) {
    out << "\n" << line.title << "\n";
    for (std::size_t k : line.rows) {
      const Row& row = r.blocs.rows[k];
      const Cell& year = row[column_of(spec, "year")];
      out << "  " << (year.kind == Cell::Kind::kEmpty ? "year not known" : year.text) << "\n";
      for (std::size_t c = first_value; c < row.size(); ++c)
        if (row[c].kind != Cell::Kind::kEmpty && !(row[c].kind == Cell::Kind::kNumber && row[c].number == 0))
          out << "    " << pad(label_of(spec.columns[c].name), label_width) << "  " << row[c].text << "\n";
    }
  }
  // the provinces as a table
  const ReportView& p = r.provinces;
  std::vector<std::size_t> widths;
  for (const auto& c : p.spec.columns) widths.push_back(utf8_length(c.name));
  for (const Row& row : p.rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] =
          std::max(widths[c], utf8_length(c == 0 && row[c].text.empty() ? "(not known)" : row[c].text));
  out << "\nprovinces\n";
  for (std::size_t c = 0; c < widths.size(); ++c) out << "  " << pad(p.spec.columns[c].name, widths[c]);
  out << "\n";
  for (const Row& row : p.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string v = c == 0 && row[c].text.empty() ? "(not known)" : row[c].text;
      out << "  " << (c == 0 ? pad(v, widths[c]) : std::string(widths[c] - utf8_length(v), ' ') + v);
    }
    out << "\n";
  }
}

void write_report_csv(const ReportView& view, std::ostream& out, bool bom) {
  write_csv_header(out, view.spec, bom);
  for (const Row& row : view.rows) write_csv_row(out, row);
}

namespace {

constexpr const char* kReportCss =
    "body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#222}"
    "h1{font-size:22px}h2{font-size:17px;margin:28px 0 6px}table{border-collapse:collapse;margin:6px 0 12px}"
    "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f2f2f2}"
    "td.n{text-align:right}svg{display:block;max-width:100%;height:auto}.tick{stroke:#bbb}"
    ".year{font-size:11px;fill:#555}.phat_dong{fill:#2e7d32}.so_ket{fill:#1565c0}.tong_ket{fill:#c62828}"
    ".other{fill:#777}.disputed{stroke:#000;stroke-width:2;stroke-dasharray:2 2}"
    ".legend span{display:inline-block;margin-right:14px}.dot{display:inline-block;width:10px;height:10px;"
    "border-radius:5px;margin-right:4px}.dot.phat_dong{background:#2e7d32}.dot.so_ket{background:#1565c0}"
    ".dot.tong_ket{background:#c62828}.dot.other{background:#777}.missing{color:#b00}";

std::string type_label(const std::string& type) {
  if (type == "phat_dong") return "launch (phát động)";
  if (type == "so_ket") return "six-month review (sơ kết)";
  if (type == "tong_ket") return "year-end review (tổng kết)";
  return "other meeting";
}

// Where a date falls on a scale of years: 2023-07-01 -> 2023.5.
double year_position(const std::string& date) {
  int y = 0, m = 1, d = 1;
  std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d);
  return y + (m - 1 + (d - 1) / 31.0) / 12.0;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The bloc's meetings as dots on a line of years, coloured by type; a dot's title says what it is.
std::string timeline_svg(const BlocTimeline& line, int first, int last) {
  const double left = 10, span = 740, w = 760, h = 56;
  const auto x = [&](double year) { return left + (year - first) / (last + 1 - first) * span; };
  std::string svg = "<svg viewBox=\"0 0 " + number(w) + " " + number(h) + "\" width=\"" + number(w) +
                    "\" height=\"" + number(h) + "\" role=\"img\" aria-label=\"meetings by date\">";
  for (int y = first; y <= last + 1; ++y) {
    svg +=
        "<line class=\"tick\" x1=\"" + number(x(y)) + "\" y1=\"8\" x2=\"" + number(x(y)) + "\" y2=\"40\"/>";
    if (y <= last)
      svg += "<text class=\"year\" x=\"" + number(x(y) + 4) + "\" y=\"52\">" + std::to_string(y) + "</text>";
  }
  svg += "<line class=\"tick\" x1=\"" + number(left) + "\" y1=\"24\" x2=\"" + number(left + span) +
         "\" y2=\"24\"/>";
  for (const TimelinePoint& p : line.points) {
    double r = 4 + 1.5 * static_cast<double>(std::min<std::size_t>(p.sources, 4) - 1);
    svg += "<circle class=\"" + escape_html(p.type) + (p.disputed ? " disputed" : "") + "\" cx=\"" +
           number(x(year_position(p.date))) + "\" cy=\"24\" r=\"" + number(r) + "\"><title>" +
           escape_html(p.date + " · " + type_label(p.type) + " · " + std::to_string(p.sources) + " article" +
                       (p.sources == 1 ? "" : "s") + (p.disputed ? " · sources disagree" : "")) +
           "</title></circle>";
  }
  return svg + "</svg>";
}

std::string cell_html(const Cell& c) {
  return c.kind == Cell::Kind::kNumber ? "<td class=\"n\">" + escape_html(c.text) + "</td>"
                                       : "<td>" + escape_html(c.text) + "</td>";
}

// A bloc's rows turned on their side: one column per year, one row per field that has a value.
std::string bloc_table(const Report& r, const BlocTimeline& line) {
  const TableSpec& spec = r.blocs.spec;
  const std::size_t year = column_of(spec, "year");
  std::string html = "<table><tr><th></th>";
  for (std::size_t k : line.rows) {
    const Cell& y = r.blocs.rows[k][year];
    html += "<th>" + escape_html(y.kind == Cell::Kind::kEmpty ? "year not known" : y.text) + "</th>";
  }
  html += "</tr>";
  for (std::size_t c = column_of(spec, "launch"); c < spec.columns.size(); ++c) {
    bool any = std::any_of(line.rows.begin(), line.rows.end(),
                           [&](std::size_t k) { return r.blocs.rows[k][c].kind != Cell::Kind::kEmpty; });
    if (!any) continue;
    html += "<tr><th title=\"" + escape_html(spec.columns[c].meaning) + "\">" +
            escape_html(label_of(spec.columns[c].name)) + "</th>";
    for (std::size_t k : line.rows)
      html += spec.columns[c].name == "missing"
                  ? "<td class=\"missing\">" + escape_html(r.blocs.rows[k][c].text) + "</td>"
                  : cell_html(r.blocs.rows[k][c]);
    html += "</tr>";
  }
  return html + "</table>";
}

std::string provinces_table(const ReportView& p) {
  std::string html = "<table><tr>";
  for (const auto& c : p.spec.columns)
    html += "<th title=\"" + escape_html(c.meaning) + "\">" + escape_html(c.name) + "</th>";
  html += "</tr>";
  for (const Row& row : p.rows) {
    html += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c)
      html += c == 0 && row[c].text.empty() ? "<td><i>not known</i></td>" : cell_html(row[c]);
    html += "</tr>";
  }
  return html + "</table>";
}

}  // namespace

void write_report_html(const Report& r, const std::string& title, std::ostream& out) {
  const std::string css = kReportCss;
  out << "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      << csp_hash(css) << "\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
      << escape_html(title) << "</title><style>" << css << "</style></head><body>\n";
  out << "<h1>" << escape_html(title) << "</h1><p>" << escape_html(summary(r)) << "</p>\n";
  out << "<h2>Provinces</h2>" << provinces_table(r.provinces) << "\n";
  out << "<p class=\"legend\">";
  for (const char* t : {"phat_dong", "so_ket", "tong_ket", "other"})
    out << "<span><span class=\"dot " << t << "\"></span>" << escape_html(type_label(t)) << "</span>";
  out << "</p>\n";
  const std::size_t year = column_of(r.blocs.spec, "year");
  for (const BlocTimeline& line : r.timelines) {
    int first = 9999, last = 0;
    for (std::size_t k : line.rows) {
      const Cell& y = r.blocs.rows[k][year];
      if (y.kind == Cell::Kind::kEmpty) continue;
      first = std::min(first, static_cast<int>(y.number));
      last = std::max(last, static_cast<int>(y.number));
    }
    for (const TimelinePoint& p : line.points) {
      first = std::min(first, static_cast<int>(year_position(p.date)));
      last = std::max(last, static_cast<int>(year_position(p.date)));
    }
    out << "<section><h2>" << escape_html(line.title) << "</h2>";
    if (!line.points.empty()) out << timeline_svg(line, first, last);
    out << bloc_table(r, line) << "</section>\n";
  }
  out << "</body></html>\n";
}

}  // namespace thidua
