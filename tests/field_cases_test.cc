// Field-level cases, Duckling-style: tests/data/field_cases.tsv holds, per field, short texts written
// for the forms the rules must read, each with the value a careful reader takes from it (FIELDS.md).
// One test runs every row and reports each row that reads otherwise.
//
// A row is `field<TAB>expected<TAB>text`. `text` is the body of a small article: the test puts a
// neutral headline above it, unless the text holds "\n" (then it is the whole document, headline
// included). `expected` is the field's value as rendered below; "-" is null or an empty list.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "pipeline.h"
#include "rules.h"
#include "test_support.h"

using namespace thidua;

namespace {

struct FieldCase {
  int line = 0;
  std::string field, expected, text;
};

std::vector<FieldCase> load_cases() {
  std::ifstream in(test::source_path("tests/data/field_cases.tsv"));
  std::vector<FieldCase> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t a = line.find('\t'), b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos) FAIL("field_cases.tsv:" << n << ": want field<TAB>expected<TAB>text");
    out.push_back({n, line.substr(0, a), line.substr(a + 1, b - a - 1), test::unescape(line.substr(b + 1))});
  }
  return out;
}

std::string or_dash(const std::optional<std::string>& v) { return v ? *v : "-"; }

template <typename T, typename F>
std::string joined(const std::vector<T>& items, F&& render) {
  std::string out;
  for (const auto& x : items) {
    std::string s = render(x);
    if (s.empty()) continue;
    out += (out.empty() ? "" : " | ") + s;
  }
  return out.empty() ? "-" : out;
}

// The field's value in the form the table writes it.
std::string render(const Record& r, const std::string& field) {
  if (field == "title") return or_dash(r.title);
  if (field == "published") return or_dash(r.published);
  if (field == "meeting.date") return or_dash(r.meeting.date);
  if (field == "meeting.time_of_day") return or_dash(r.meeting.time_of_day);
  if (field == "meeting.type") return or_dash(r.meeting.type);
  if (field == "meeting.period") return or_dash(r.meeting.period);
  if (field == "meeting.location") return or_dash(r.meeting.location);
  if (field == "bloc.name") return or_dash(r.bloc.name);
  if (field == "bloc.kind") return or_dash(r.bloc.kind);
  if (field == "bloc.number") return or_dash(r.bloc.number);
  if (field == "bloc.province") return or_dash(r.bloc.province);
  if (field == "bloc.stated_member_count")
    return r.bloc.stated_member_count ? std::to_string(*r.bloc.stated_member_count) : "-";
  if (field == "byline") return or_dash(r.byline);
  if (field == "bloc.members") return joined(r.bloc.members, [](const Member& m) { return m.name; });
  if (field == "bloc.member_roles")
    return joined(r.bloc.members, [](const Member& m) { return m.role ? m.name + "=" + *m.role : ""; });
  if (field == "chairpersons") return joined(r.chairpersons, [](const Person& p) { return p.name; });
  if (field == "people") return joined(r.people, [](const Person& p) { return p.name; });
  if (field == "people.roles")
    return joined(r.people, [](const Person& p) {
      std::string roles;
      for (const auto& x : p.roles) roles += (roles.empty() ? "" : ",") + x;
      return p.name + "=" + roles;
    });
  if (field == "people.titles")
    return joined(r.people, [](const Person& p) { return p.name + "=" + or_dash(p.title); });
  if (field == "decisions")
    return joined(r.decisions, [](const Decision& d) { return d.kind + ": " + d.text; });
  if (field == "decisions.kind") return joined(r.decisions, [](const Decision& d) { return d.kind; });
  if (field == "documents")
    return joined(r.documents, [](const DocumentRef& d) {
      return or_dash(d.kind) + " ~ " + or_dash(d.number) + " ~ " + or_dash(d.date) + " ~ " +
             or_dash(d.issuer);
    });
  if (field == "warnings") return joined(r.warnings, [](const Warning& w) { return w.code; });
  return "(no such field: " + field + ")";
}

constexpr const char* kHeadline = "Tin hoạt động của các cơ quan, đơn vị trong tỉnh\n";

}  // namespace

TEST_CASE("every field reads each form of text in tests/data/field_cases.tsv as written there", "[fields]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_directory(test::source_path("rules"), errors);
  REQUIRE(errors.empty());
  std::vector<FieldCase> cases = load_cases();
  std::map<std::string, int> per_field;
  for (const auto& fc : cases) {
    std::string doc = fc.text.find('\n') == std::string::npos ? kHeadline + fc.text + "\n" : fc.text + "\n";
    auto rec = extract_record(doc, "case", rules, ExtractOptions{});
    REQUIRE(rec.ok());
    std::string got = render(rec.value(), fc.field);
    INFO("field_cases.tsv:" << fc.line << " " << fc.field << "\n  text: " << fc.text);
    CHECK(got == fc.expected);
    ++per_field[fc.field];
  }
  // The table is the specification of the extractors: it covers every field, several forms each.
  CHECK(cases.size() >= 300);
  for (std::string_view f :
       {"meeting.date", "meeting.time_of_day", "meeting.type", "meeting.period", "meeting.location",
        "bloc.name",    "bloc.kind",           "bloc.number",  "bloc.province",  "bloc.stated_member_count",
        "bloc.members", "bloc.member_roles",   "chairpersons", "people",         "people.roles",
        "decisions",    "documents",           "title",        "published",      "byline"}) {
    INFO(f);
    CHECK(per_field[std::string(f)] >= 5);
  }
}
