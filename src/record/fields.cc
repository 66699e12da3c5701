#include "fields.h"

#include "utf8.h"

namespace thidua {
namespace {

using Get = std::function<FieldValue(const Record&, std::size_t)>;
using T = FieldType;
using S = Scoring;

FieldValue of(const std::optional<std::string>& s) { return s ? FieldValue(*s) : FieldValue(Null{}); }
FieldValue of(const Span& at) { return at ? FieldValue(*at) : FieldValue(Null{}); }

// A field that always has a value; one that may be null; a span, left out when unknown.
FieldDecl given(std::string path, T type, Get get, Slot slot = {}) {
  return FieldDecl{std::move(path), type, false, false, false, std::move(get), nullptr, slot};
}
FieldDecl maybe(std::string path, Get get, Slot slot = {}) {
  return FieldDecl{std::move(path), T::kString, true, false, false, std::move(get), nullptr, slot};
}
FieldDecl span(std::string path, Get get) {
  return FieldDecl{std::move(path), T::kSpan, true, true, false, std::move(get), nullptr, {}};
}
FieldDecl list(std::string path, std::function<std::size_t(const Record&)> count) {
  return FieldDecl{std::move(path), T::kList, false, false, false, nullptr, std::move(count), {}};
}

// The fields of a person, in the lists `chairpersons` and `people`.
template <typename People>
void add_person_fields(std::vector<FieldDecl>& f, const std::string& name, People people, bool with_roles,
                       Slot name_slot, Slot roles_slot) {
  auto path = [&](const char* field) { return name + "[]." + field; };
  f.push_back(list(name, [people](const Record& r) { return people(r).size(); }));
  f.push_back(given(
      path("name"), T::kString, [people](auto& r, auto i) { return people(r)[i].name; }, name_slot));
  f.push_back(maybe(path("title"), [people](auto& r, auto i) { return of(people(r)[i].title); }));
  f.push_back(
      maybe(path("organization"), [people](auto& r, auto i) { return of(people(r)[i].organization); }));
  if (with_roles)
    f.push_back(given(
        path("roles"), T::kStrings, [people](auto& r, auto i) { return people(r)[i].roles; }, roles_slot));
  f.push_back(span(path("at"), [people](auto& r, auto i) { return of(people(r)[i].at); }));
}

std::vector<FieldDecl> declare() {
  std::vector<FieldDecl> f = {
      given("schema", T::kString, [](auto&, auto) { return std::string(kSchemaId); }),
      given("source.path", T::kString, [](auto& r, auto) { return valid_utf8(r.source.path); }),
      given("source.bytes", T::kInteger,
            [](auto& r, auto) { return static_cast<long long>(r.source.bytes); }),
      given("source.sha256", T::kString, [](auto& r, auto) { return r.source.sha256; }),
      given("source.encoding", T::kString, [](auto& r, auto) { return r.source.encoding; }),
      // a file name that is not UTF-8: its exact bytes too, escaped, so two names never read as one
      FieldDecl{"source.path_escaped",
                T::kString,
                true,
                true,
                true,
                [](auto& r, auto) -> FieldValue {
                  if (is_valid_utf8(r.source.path)) return Null{};
                  return escape_invalid_utf8(r.source.path);
                },
                nullptr,
                {}},
      maybe("title", [](auto& r, auto) { return of(r.title); }, {"title", S::kSimilar, 0.8}),
      maybe("published", [](auto& r, auto) { return of(r.published); }, {"published", S::kExact}),
      maybe("meeting.date", [](auto& r, auto) { return of(r.meeting.date); },
            {"meeting.date", S::kExact, 0, true}),
      given("meeting.date_inferred", T::kBoolean, [](auto& r, auto) { return r.meeting.date_inferred; }),
      maybe("meeting.time_of_day", [](auto& r, auto) { return of(r.meeting.time_of_day); },
            {"meeting.time_of_day", S::kExact}),
      maybe("meeting.type", [](auto& r, auto) { return of(r.meeting.type); }, {"meeting.type", S::kExact}),
      maybe("meeting.period", [](auto& r, auto) { return of(r.meeting.period); },
            {"meeting.period", S::kExact}),
      maybe("meeting.location", [](auto& r, auto) { return of(r.meeting.location); },
            {"meeting.location", S::kSimilar, 0.6}),
      span("meeting.at", [](auto& r, auto) { return of(r.meeting.at); }),
      maybe("bloc.name", [](auto& r, auto) { return of(r.bloc.name); }, {"bloc.name", S::kSimilar, 0.8}),
      maybe("bloc.kind", [](auto& r, auto) { return of(r.bloc.kind); }, {"bloc.kind", S::kExact}),
      maybe("bloc.number", [](auto& r, auto) { return of(r.bloc.number); }, {"bloc.number", S::kExact}),
      maybe("bloc.province", [](auto& r, auto) { return of(r.bloc.province); }, {"bloc.province", S::kExact}),
      FieldDecl{"bloc.stated_member_count",
                T::kInteger,
                true,
                false,
                false,
                [](auto& r, auto) -> FieldValue {
                  if (!r.bloc.stated_member_count) return Null{};
                  return static_cast<long long>(*r.bloc.stated_member_count);
                },
                nullptr,
                {"bloc.stated_member_count", S::kExact}},
      list("bloc.members", [](const Record& r) { return r.bloc.members.size(); }),
      given("bloc.members[].name", T::kString, [](auto& r, auto i) { return r.bloc.members[i].name; },
            {"bloc.members", S::kName, 0, true}),
      maybe("bloc.members[].role", [](auto& r, auto i) { return of(r.bloc.members[i].role); },
            {"bloc.member_roles", S::kName, 0, false, true}),
      span("bloc.members[].at", [](auto& r, auto i) { return of(r.bloc.members[i].at); }),
      span("bloc.at", [](auto& r, auto) { return of(r.bloc.at); }),
  };
  add_person_fields(f, "chairpersons", [](const Record& r) -> const auto& { return r.chairpersons; }, false,
                    {"chairpersons", S::kName, 0, true}, {});
  add_person_fields(f, "people", [](const Record& r) -> const auto& { return r.people; }, true,
                    {"people", S::kName}, {"people.roles", S::kName, 0, false, true});
  std::vector<FieldDecl> tail = {
      list("decisions", [](const Record& r) { return r.decisions.size(); }),
      given("decisions[].kind", T::kString, [](auto& r, auto i) { return r.decisions[i].kind; },
            {"decisions.kind", S::kClause, 0, false, true}),
      given("decisions[].text", T::kString, [](auto& r, auto i) { return r.decisions[i].text; },
            {"decisions", S::kClause, 0, true}),
      span("decisions[].at", [](auto& r, auto i) { return of(r.decisions[i].at); }),
      list("documents", [](const Record& r) { return r.documents.size(); }),
      maybe("documents[].kind", [](auto& r, auto i) { return of(r.documents[i].kind); }),
      maybe("documents[].number", [](auto& r, auto i) { return of(r.documents[i].number); },
            {"documents", S::kKey}),
      maybe("documents[].date", [](auto& r, auto i) { return of(r.documents[i].date); }),
      maybe("documents[].issuer", [](auto& r, auto i) { return of(r.documents[i].issuer); }),
      span("documents[].at", [](auto& r, auto i) { return of(r.documents[i].at); }),
      maybe("byline", [](auto& r, auto) { return of(r.byline); }, {"byline", S::kSimilar, 0.6}),
      list("warnings", [](const Record& r) { return r.warnings.size(); }),
      given("warnings[].code", T::kString, [](auto& r, auto i) { return r.warnings[i].code; }),
      given("warnings[].message", T::kString, [](auto& r, auto i) { return r.warnings[i].message; }),
  };
  f.insert(f.end(), tail.begin(), tail.end());
  return f;
}

}  // namespace

const std::vector<FieldDecl>& record_fields() {
  static const std::vector<FieldDecl> fields = declare();
  return fields;
}

const FieldDecl* find_field(std::string_view path) {
  for (const auto& f : record_fields())
    if (f.path == path) return &f;
  return nullptr;
}

std::string_view list_of(std::string_view path) {
  std::size_t items = path.find("[].");
  return items == std::string_view::npos ? std::string_view() : path.substr(0, items);
}

std::vector<const FieldDecl*> scored_fields() {
  std::vector<const FieldDecl*> out;
  for (const auto& f : record_fields())
    if (!f.slot.name.empty() && list_of(f.path).empty()) out.push_back(&f);
  // then each list's slot, followed by its refinements ("bloc.members", "bloc.member_roles")
  for (const auto& l : record_fields()) {
    if (l.type != FieldType::kList) continue;
    for (bool refinement : {false, true})
      for (const auto& f : record_fields())
        if (!f.slot.name.empty() && list_of(f.path) == l.path && f.slot.refinement == refinement)
          out.push_back(&f);
  }
  return out;
}

}  // namespace thidua
