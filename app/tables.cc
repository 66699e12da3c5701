#include "tables.h"

#include <cstdio>
#include <map>
#include <variant>

#include "fields.h"

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
        {"title", "the article's headline", "title"},
        {"published", "publication date", "published", true},
        {"meeting_date", "the day the meeting was held (--MM-DD when no year is known)", "meeting.date",
         true},
        {"date_inferred", "yes when the year was taken from elsewhere in the text"},
        {"time_of_day", "sáng, trưa, chiều or tối", "meeting.time_of_day"},
        {"type", "so_ket, tong_ket, phat_dong or other; empty when not a bloc meeting", "meeting.type"},
        {"period", "the period reviewed, YYYY-MM/YYYY-MM", "meeting.period"},
        {"location", "where the meeting was held", "meeting.location"},
        {"bloc_name", "the bloc's name", "bloc.name"},
        {"bloc_kind", "khoi or cum", "bloc.kind"},
        {"bloc_number", "the bloc's number, if its name has one", "bloc.number"},
        {"province", "the bloc's province, standard spelling", "bloc.province"},
        {"stated_member_count", "how many members the text says the bloc has", "bloc.stated_member_count"},
        {"found_member_count", "how many members were found"},
        {"head_unit", "the member that heads the bloc"},
        {"deputy_unit", "the deputy member"},
        {"chairpersons", "who chaired, joined by '; '"},
        {"decision_count", "how many decisions were found"},
        {"warnings", "warning codes, joined by '; '"},
        {"error", "why the input gave no record (then every other column but file is empty)"},
        {"encoding", "the input's encoding", "source.encoding"},
        {"sha256", "SHA-256 of the input bytes", "source.sha256"}}},
      {"members",
       {{"file", "the input"},
        {"bloc_name", "the bloc's name, as in the documents table", "bloc.name"},
        {"meeting_date", "the meeting's date, as in the documents table", "meeting.date", true},
        {"position", "1 for the first member listed"},
        {"name", "the unit as written", "bloc.members[].name"},
        {"role", "head, deputy or empty", "bloc.members[].role"}}},
      {"people",
       {{"file", "the input"},
        {"bloc_name", "the bloc's name, as in the documents table", "bloc.name"},
        {"meeting_date", "the meeting's date, as in the documents table", "meeting.date", true},
        {"position", "1 for the first person named"},
        {"name", "the person's name", "people[].name"},
        {"title", "position title", "people[].title"},
        {"organization", "organization, when written apart from the title", "people[].organization"},
        {"roles", "chair, director, presenter, speaker, concluder, attendee; joined by '; '",
         "people[].roles"}}},
      {"decisions",
       {{"file", "the input"},
        {"bloc_name", "the bloc's name, as in the documents table", "bloc.name"},
        {"meeting_date", "the meeting's date, as in the documents table", "meeting.date", true},
        {"position", "1 for the first decision"},
        {"kind", "agreed, approved, elected, awarded, signed, planned or directed", "decisions[].kind"},
        {"text", "the clause as written", "decisions[].text"}}},
      {"documents_referenced",
       {{"file", "the input"},
        {"position", "1 for the first document"},
        {"kind", "Kế hoạch, Quyết định, Chỉ thị ...", "documents[].kind"},
        {"number", "the document's number", "documents[].number"},
        {"date", "the document's date", "documents[].date", true},
        {"issuer", "who issued it", "documents[].issuer"}}},
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

namespace {

Cell cell_of(const FieldValue& v, bool date) {
  if (const auto* s = std::get_if<std::string>(&v)) return date ? Cell::date(*s) : Cell::of(*s);
  if (const auto* n = std::get_if<long long>(&v)) return Cell::num(static_cast<double>(*n));
  if (const auto* xs = std::get_if<std::vector<std::string>>(&v))
    return xs->empty() ? Cell::empty() : Cell::of(join(*xs));
  return Cell::empty();
}

// The columns worked out from a record rather than read from one field, by name.
using Derived = std::map<std::string_view, Cell>;

// Each table's columns' record fields (null for a derived column) and, for an item table, the list whose
// items are its rows: looked up in the declaration once, not for every cell.
struct TablePlan {
  std::vector<const FieldDecl*> fields;
  const FieldDecl* list = nullptr;
};

const std::vector<TablePlan>& table_plans() {
  static const std::vector<TablePlan> plans = [] {
    std::vector<TablePlan> out;
    for (const auto& spec : table_specs()) {
      TablePlan plan;
      for (const auto& col : spec.columns) {
        plan.fields.push_back(col.field.empty() ? nullptr : find_field(col.field));
        if (!plan.list && !list_of(col.field).empty()) plan.list = find_field(list_of(col.field));
      }
      out.push_back(std::move(plan));
    }
    return out;
  }();
  return plans;
}

// One row of table `k`: each column read from its record field (of list item `item`) or taken from
// `derived` by name; a column in neither stays empty.
Row row_of(std::size_t k, const Record* r, std::size_t item, const Derived& derived) {
  const TableSpec& spec = table_specs()[k];
  const TablePlan& plan = table_plans()[k];
  Row row;
  row.reserve(spec.columns.size());
  for (std::size_t c = 0; c < spec.columns.size(); ++c) {
    if (plan.fields[c] && r) {
      row.push_back(cell_of(plan.fields[c]->value(*r, item), spec.columns[c].date));
      continue;
    }
    auto d = derived.find(spec.columns[c].name);
    row.push_back(d == derived.end() ? Cell::empty() : d->second);
  }
  return row;
}

}  // namespace

std::vector<std::vector<Row>> flatten(const Record& r) {
  const auto& specs = table_specs();
  std::vector<std::vector<Row>> t(specs.size());
  const Cell file = file_cell(r.source.path);
  std::vector<std::string> chairs, warnings;
  for (const auto& c : r.chairpersons) chairs.push_back(c.name);
  for (const auto& w : r.warnings) warnings.push_back(w.code);
  t[0].push_back(
      row_of(0, &r, 0,
             {{"file", file},
              {"date_inferred", r.meeting.date ? Cell::of(std::string(r.meeting.date_inferred ? "yes" : "no"))
                                               : Cell::empty()},
              {"found_member_count", Cell::num(static_cast<double>(r.bloc.members.size()))},
              {"head_unit", Cell::of(unit_with_role(r, "head"))},
              {"deputy_unit", Cell::of(unit_with_role(r, "deputy"))},
              {"chairpersons", chairs.empty() ? Cell::empty() : Cell::of(join(chairs))},
              {"decision_count", Cell::num(static_cast<double>(r.decisions.size()))},
              {"warnings", warnings.empty() ? Cell::empty() : Cell::of(join(warnings))}}));
  // the other tables: one row per item of the list their item columns read
  for (std::size_t k = 1; k < specs.size(); ++k)
    for (std::size_t i = 0, n = table_plans()[k].list->count(r); i < n; ++i)
      t[k].push_back(row_of(k, &r, i, {{"file", file}, {"position", Cell::num(static_cast<double>(i + 1))}}));
  return t;
}

Row flatten_error(const std::string& path, const Status& error) {
  return row_of(0, nullptr, 0,
                {{"file", file_cell(path)}, {"error", Cell::of(error.code + ": " + error.message)}});
}

}  // namespace thidua
