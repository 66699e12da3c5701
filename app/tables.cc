#include "tables.h"

#include <cstdio>

namespace thidua {

Cell Cell::num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return Cell{Kind::kNumber, buf, v};
}

Cell Cell::date(const std::optional<std::string>& s) {
  if (!s) return {};
  bool iso = s->size() == 10 && (*s)[4] == '-' && (*s)[7] == '-' && (*s)[0] != '-';
  return Cell{iso ? Kind::kDate : Kind::kText, *s, 0};
}

const std::vector<TableSpec>& table_specs() {
  static const std::vector<TableSpec> specs = {
      {"documents",
       {{"file", "the input as given (or as found below a directory)"},
        {"title", "the article's headline"},
        {"published", "publication date"},
        {"meeting_date", "the day the meeting was held (--MM-DD when no year is known)"},
        {"date_inferred", "yes when the year was taken from elsewhere in the text"},
        {"time_of_day", "sáng, trưa, chiều or tối"},
        {"type", "so_ket, tong_ket, phat_dong or other; empty when not a bloc meeting"},
        {"period", "the period reviewed, YYYY-MM/YYYY-MM"},
        {"location", "where the meeting was held"},
        {"bloc_name", "the bloc's name"},
        {"bloc_kind", "khoi or cum"},
        {"bloc_number", "the bloc's number, if its name has one"},
        {"province", "the bloc's province, standard spelling"},
        {"stated_member_count", "how many members the text says the bloc has"},
        {"found_member_count", "how many members were found"},
        {"head_unit", "the member that heads the bloc"},
        {"deputy_unit", "the deputy member"},
        {"chairpersons", "who chaired, joined by '; '"},
        {"decision_count", "how many decisions were found"},
        {"warnings", "warning codes, joined by '; '"},
        {"error", "why the input gave no record (then every other column but file is empty)"},
        {"encoding", "the input's encoding"},
        {"sha256", "SHA-256 of the input bytes"}}},
      {"members",
       {{"file", "the input"},
        {"bloc_name", "the bloc's name, as in the documents table"},
        {"meeting_date", "the meeting's date, as in the documents table"},
        {"position", "1 for the first member listed"},
        {"name", "the unit as written"},
        {"role", "head, deputy or empty"}}},
      {"people",
       {{"file", "the input"},
        {"bloc_name", "the bloc's name, as in the documents table"},
        {"meeting_date", "the meeting's date, as in the documents table"},
        {"position", "1 for the first person named"},
        {"name", "the person's name"},
        {"title", "position title"},
        {"organization", "organization, when written apart from the title"},
        {"roles", "chair, director, presenter, speaker, concluder, attendee; joined by '; '"}}},
      {"decisions",
       {{"file", "the input"},
        {"bloc_name", "the bloc's name, as in the documents table"},
        {"meeting_date", "the meeting's date, as in the documents table"},
        {"position", "1 for the first decision"},
        {"kind", "agreed, approved, elected, awarded, signed, planned or directed"},
        {"text", "the clause as written"}}},
      {"documents_referenced",
       {{"file", "the input"},
        {"position", "1 for the first document"},
        {"kind", "Kế hoạch, Quyết định, Chỉ thị ..."},
        {"number", "the document's number"},
        {"date", "the document's date"},
        {"issuer", "who issued it"}}},
  };
  return specs;
}

int table_index(std::string_view name) {
  const auto& specs = table_specs();
  for (std::size_t i = 0; i < specs.size(); ++i)
    if (specs[i].name == name) return static_cast<int>(i);
  return -1;
}

namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::optional<std::string> unit_with_role(const Record& r, const char* role) {
  for (const auto& m : r.bloc.members)
    if (m.role && *m.role == role) return m.name;
  return std::nullopt;
}

}  // namespace

// A file name that is not UTF-8 is shown in its exact, escaped form ("caf\xE9.txt"): two such files
// never share a row label, and the name can be typed back.
Cell file_cell(const std::string& path) {
  return Cell::of(is_valid_utf8(path) ? path : escape_invalid_utf8(path));
}

std::vector<std::vector<Row>> flatten(const Record& r) {
  std::vector<std::vector<Row>> t(table_specs().size());
  const Cell file = file_cell(r.source.path);
  const Cell bloc = Cell::of(r.bloc.name), date = Cell::date(r.meeting.date);
  std::vector<std::string> chairs, warnings;
  for (const auto& c : r.chairpersons) chairs.push_back(c.name);
  for (const auto& w : r.warnings) warnings.push_back(w.code);
  t[0].push_back(
      {file,
       Cell::of(r.title),
       Cell::date(r.published),
       Cell::date(r.meeting.date),
       r.meeting.date ? Cell::of(std::string(r.meeting.date_inferred ? "yes" : "no")) : Cell::empty(),
       Cell::of(r.meeting.time_of_day),
       Cell::of(r.meeting.type),
       Cell::of(r.meeting.period),
       Cell::of(r.meeting.location),
       Cell::of(r.bloc.name),
       Cell::of(r.bloc.kind),
       Cell::of(r.bloc.number),
       Cell::of(r.bloc.province),
       r.bloc.stated_member_count ? Cell::num(*r.bloc.stated_member_count) : Cell::empty(),
       Cell::num(static_cast<double>(r.bloc.members.size())),
       Cell::of(unit_with_role(r, "head")),
       Cell::of(unit_with_role(r, "deputy")),
       chairs.empty() ? Cell::empty() : Cell::of(join(chairs)),
       Cell::num(static_cast<double>(r.decisions.size())),
       warnings.empty() ? Cell::empty() : Cell::of(join(warnings)),
       Cell::empty(),
       Cell::of(r.source.encoding),
       Cell::of(r.source.sha256)});
  for (std::size_t i = 0; i < r.bloc.members.size(); ++i) {
    const auto& m = r.bloc.members[i];
    t[1].push_back(
        {file, bloc, date, Cell::num(static_cast<double>(i + 1)), Cell::of(m.name), Cell::of(m.role)});
  }
  for (std::size_t i = 0; i < r.people.size(); ++i) {
    const auto& p = r.people[i];
    t[2].push_back({file, bloc, date, Cell::num(static_cast<double>(i + 1)), Cell::of(p.name),
                    Cell::of(p.title), Cell::of(p.organization),
                    p.roles.empty() ? Cell::empty() : Cell::of(join(p.roles))});
  }
  for (std::size_t i = 0; i < r.decisions.size(); ++i) {
    const auto& d = r.decisions[i];
    t[3].push_back(
        {file, bloc, date, Cell::num(static_cast<double>(i + 1)), Cell::of(d.kind), Cell::of(d.text)});
  }
  for (std::size_t i = 0; i < r.documents.size(); ++i) {
    const auto& d = r.documents[i];
    t[4].push_back({file, Cell::num(static_cast<double>(i + 1)), Cell::of(d.kind), Cell::of(d.number),
                    Cell::date(d.date), Cell::of(d.issuer)});
  }
  return t;
}

Row flatten_error(const std::string& path, const Status& error) {
  Row row(table_specs()[0].columns.size());
  row[0] = file_cell(path);
  row[20] = Cell::of(error.code + ": " + error.message);
  return row;
}

}  // namespace thidua
