#include "printer.h"

#include <nlohmann/json.hpp>

#include "utf8.h"

namespace thidua {
namespace {

using Json = nlohmann::ordered_json;

Json opt(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

void put_at(Json& j, const Span& at) {
  if (at) j["at"] = Json::array({at->begin, at->end});
}

Json person(const Person& p, bool with_roles) {
  Json j{{"name", p.name}, {"title", opt(p.title)}, {"organization", opt(p.organization)}};
  if (with_roles) j["roles"] = p.roles;
  put_at(j, p.at);
  return j;
}

// Input that is not valid UTF-8 never reaches a value (decoding repairs it), but a path given on the
// command line can hold any bytes: replace rather than throw.
std::string dump(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

Json record_json(const Record& r, bool explain) {
  Json j;
  j["schema"] = kSchemaId;
  j["source"] = {{"path", valid_utf8(r.source.path)},
                 {"bytes", r.source.bytes},
                 {"sha256", r.source.sha256},
                 {"encoding", r.source.encoding}};
  // a file name that is not UTF-8: the exact bytes too, escaped, so that two names never read as one
  if (!is_valid_utf8(r.source.path)) j["source"]["path_escaped"] = escape_invalid_utf8(r.source.path);
  j["title"] = opt(r.title);
  j["published"] = opt(r.published);

  const Meeting& m = r.meeting;
  Json meeting{{"date", opt(m.date)}, {"date_inferred", m.date_inferred}, {"time_of_day", opt(m.time_of_day)},
               {"type", opt(m.type)}, {"period", opt(m.period)},          {"location", opt(m.location)}};
  put_at(meeting, m.at);
  j["meeting"] = std::move(meeting);

  const Bloc& b = r.bloc;
  Json members = Json::array();
  for (const auto& mem : b.members) {
    Json x{{"name", mem.name}, {"role", opt(mem.role)}};
    put_at(x, mem.at);
    members.push_back(std::move(x));
  }
  Json bloc{{"name", opt(b.name)},
            {"kind", opt(b.kind)},
            {"number", opt(b.number)},
            {"province", opt(b.province)},
            {"stated_member_count", b.stated_member_count ? Json(*b.stated_member_count) : Json(nullptr)},
            {"members", std::move(members)}};
  put_at(bloc, b.at);
  j["bloc"] = std::move(bloc);

  j["chairpersons"] = Json::array();
  for (const auto& p : r.chairpersons) j["chairpersons"].push_back(person(p, false));
  j["people"] = Json::array();
  for (const auto& p : r.people) j["people"].push_back(person(p, true));
  j["decisions"] = Json::array();
  for (const auto& d : r.decisions) {
    Json x{{"kind", d.kind}, {"text", d.text}};
    put_at(x, d.at);
    j["decisions"].push_back(std::move(x));
  }
  j["documents"] = Json::array();
  for (const auto& d : r.documents) {
    Json x{
        {"kind", opt(d.kind)}, {"number", opt(d.number)}, {"date", opt(d.date)}, {"issuer", opt(d.issuer)}};
    put_at(x, d.at);
    j["documents"].push_back(std::move(x));
  }
  j["byline"] = opt(r.byline);
  j["warnings"] = Json::array();
  for (const auto& w : r.warnings) j["warnings"].push_back({{"code", w.code}, {"message", w.message}});
  if (explain) j["explain"] = r.explain;
  return j;
}

Json error_json(const Status& e, const std::string& path) {
  Json err{{"code", e.code}, {"message", e.message}};
  if (e.line > 0) err["line"] = e.line;
  if (!e.rule.empty()) err["rule"] = e.rule;
  Json source{{"path", valid_utf8(path)}};
  if (!is_valid_utf8(path)) source["path_escaped"] = escape_invalid_utf8(path);
  return Json{{"error", std::move(err)}, {"source", std::move(source)}};
}

}  // namespace

std::string record_to_json_line(const Record& r, bool explain) { return dump(record_json(r, explain)); }
std::string error_to_json_line(const Status& e, const std::string& path) { return dump(error_json(e, path)); }
std::string record_to_pretty_json(const Record& r, bool explain) { return dump(record_json(r, explain), 2); }
std::string error_to_pretty_json(const Status& e, const std::string& path) {
  return dump(error_json(e, path), 2);
}

}  // namespace thidua
