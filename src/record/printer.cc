#include "printer.h"

#include <nlohmann/json.hpp>
#include <variant>

#include "fields.h"
#include "utf8.h"

namespace thidua {
namespace {

using Json = nlohmann::ordered_json;

Json to_json(const FieldValue& v) {
  struct Visit {
    Json operator()(Null) const { return nullptr; }
    Json operator()(const std::string& s) const { return s; }
    Json operator()(long long n) const { return n; }
    Json operator()(bool b) const { return b; }
    Json operator()(const ByteRange& at) const { return Json::array({at.begin, at.end}); }
    Json operator()(const std::vector<std::string>& xs) const { return xs; }
  };
  return std::visit(Visit{}, v);
}

// Sets `value` at a dotted path below `j` ("meeting.date"), making the objects on the way in order.
void put(Json& j, std::string_view path, Json value) {
  Json* at = &j;
  for (std::size_t dot; (dot = path.find('.')) != std::string_view::npos; path.remove_prefix(dot + 1))
    at = &(*at)[std::string(path.substr(0, dot))];
  (*at)[std::string(path)] = std::move(value);
}

// Writes field `f` (of list item `i`) into `j`: nothing for a span or extra field left unknown.
void put_field(Json& j, std::string_view path, const FieldDecl& f, const Record& r, std::size_t i) {
  FieldValue v = f.value(r, i);
  if (f.omit_null && std::holds_alternative<Null>(v)) return;
  put(j, path, to_json(v));
}

// Input that is not valid UTF-8 never reaches a value (decoding repairs it), but a path given on the
// command line can hold any bytes: replace rather than throw.
std::string dump(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// The record as the declaration of its fields (fields.h) lays it out.
Json record_json(const Record& r, bool explain) {
  Json j;
  const auto& fields = record_fields();
  for (std::size_t k = 0; k < fields.size(); ++k) {
    const FieldDecl& f = fields[k];
    if (!list_of(f.path).empty()) continue;  // written with its list
    if (f.type != FieldType::kList) {
      put_field(j, f.path, f, r, 0);
      continue;
    }
    Json items = Json::array();
    const std::string prefix = f.path + "[].";
    for (std::size_t i = 0, n = f.count(r); i < n; ++i) {
      Json item = Json::object();
      for (std::size_t m = k + 1; m < fields.size() && list_of(fields[m].path) == f.path; ++m)
        put_field(item, std::string_view(fields[m].path).substr(prefix.size()), fields[m], r, i);
      items.push_back(std::move(item));
    }
    put(j, f.path, std::move(items));
  }
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
