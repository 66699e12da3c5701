// The one declaration of the record's fields (src/record/fields.h) against what depends on it: the
// record schema (every field it names is declared, with its type and nullability, and nothing else is
// but what is marked beyond it), score.py's slots (eval scores the same ones in the same order, and the
// same core), the tables (each column that reads a field names a declared one) and the printer (a record
// prints its keys in declaration order).
#include "fields.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "printer.h"
#include "tables.h"
#include "test_support.h"

using namespace thidua;
using json = nlohmann::json;
using test::read_file;
using test::source_path;

namespace {

// The schema's fields: path ("meeting", "bloc.members", "bloc.members[].name") -> its node. A span ("at",
// $ref to $defs/at) is one field; another $ref ("person") is read where it stands.
void schema_fields(const json& root, const json& node, const std::string& path,
                   std::map<std::string, json>& out) {
  const json* n = &node;
  if (n->contains("$ref")) {
    std::string def = (*n)["$ref"].get<std::string>();
    def = def.substr(def.rfind('/') + 1);
    if (def == "at") {
      out[path] = *n;
      return;
    }
    n = &root["$defs"][def];
  }
  if (!path.empty()) out[path] = *n;
  // "allOf": [person] beside properties of its own (people's roles): both sets of fields
  if (n->contains("allOf"))
    for (const auto& part : (*n)["allOf"]) schema_fields(root, part, path, out);
  if (n->contains("properties")) {
    for (const auto& [k, v] : (*n)["properties"].items())
      schema_fields(root, v, path.empty() ? k : path + "." + k, out);
    return;
  }
  // a list of objects: its items' fields
  if (n->contains("items") && (*n)["items"].is_object()) {
    const json& items = (*n)["items"];
    if (items.contains("properties") || items.contains("$ref")) schema_fields(root, items, path + "[]", out);
  }
}

std::set<std::string> types_of(const json& node) {
  std::set<std::string> out;
  if (node.contains("type")) {
    if (node["type"].is_array())
      for (const auto& t : node["type"]) out.insert(t.get<std::string>());
    else
      out.insert(node["type"].get<std::string>());
  }
  if (node.contains("enum"))
    for (const auto& v : node["enum"]) out.insert(v.is_null() ? "null" : v.is_string() ? "string" : "other");
  if (node.contains("$ref")) out.insert("span");
  if (node.contains("const") && node["const"].is_string()) out.insert("string");
  return out;
}

}  // namespace

TEST_CASE("every field of the record schema is declared once, with its type", "[declaration][schema]") {
  json root = json::parse(read_file(source_path("tests/data/record.schema.json")));
  std::map<std::string, json> leaves;
  schema_fields(root, root, "", leaves);
  std::set<std::string> declared;
  for (const auto& f : record_fields()) {
    INFO(f.path);
    CHECK(declared.insert(f.path).second);  // once
    auto it = leaves.find(f.path);
    if (f.beyond_schema) {
      CHECK(it == leaves.end());
      continue;
    }
    REQUIRE(it != leaves.end());
    std::set<std::string> types = types_of(it->second);
    CHECK(types.count("null") == (f.nullable && f.type != FieldType::kSpan ? 1u : 0u));
    switch (f.type) {
      case FieldType::kString:
        CHECK(types.count("string") == 1);
        break;
      case FieldType::kInteger:
        CHECK(types.count("integer") == 1);
        break;
      case FieldType::kBoolean:
        CHECK(types.count("boolean") == 1);
        break;
      case FieldType::kSpan:
        CHECK(types.count("span") == 1);
        break;
      case FieldType::kStrings:
        CHECK(types.count("array") == 1);
        break;
      case FieldType::kList:
        CHECK(types.count("array") == 1);
        break;
    }
    // a list's item fields follow it
    if (!list_of(f.path).empty()) CHECK(declared.count(std::string(list_of(f.path))) == 1);
    // a value has a getter, a list a count
    CHECK(static_cast<bool>(f.type == FieldType::kList ? bool(f.count) : bool(f.value)));
  }
  for (const auto& [path, node] : leaves) {
    INFO(path);
    bool object = node.contains("properties");  // "meeting", "bloc.members[]": read field by field
    if (!object) CHECK(declared.count(path) == 1);
  }
}

TEST_CASE("eval scores score.py's slots, in its order, with its core", "[declaration][eval]") {
  std::ifstream probe(source_path("../shared/tools/score.py"));
  if (!probe) {
    WARN("no ../shared beside the checkout: slot check skipped");
    return;
  }
  std::string py = read_file(source_path("../shared/tools/score.py"));
  // score.py's SCALARS ("('title', 0.8), ...") and the keys of its LISTS ("\n    'bloc.members': ...")
  auto quoted_after = [&](std::string_view from, std::string_view to, std::string_view open) {
    std::vector<std::string> out;
    std::size_t b = py.find(from), e = py.find(to, b);
    for (std::size_t i = py.find(open, b); i < e; i = py.find(open, i + 1)) {
      std::size_t start = i + open.size(), stop = py.find('\'', start);
      out.push_back(py.substr(start, stop - start));
    }
    return out;
  };
  std::vector<std::string> expected = quoted_after("SCALARS = ", "CORE = ", "('");
  for (const auto& l : quoted_after("LISTS = {", "def errors", "\n    '")) expected.push_back(l);
  std::vector<std::string> py_core = quoted_after("CORE = ", "\n", "'");
  REQUIRE(expected.size() > 15);
  std::vector<std::string> slots, core;
  for (const FieldDecl* f : scored_fields()) {
    slots.push_back(std::string(f->slot.name));
    if (f->slot.core) core.push_back(std::string(f->slot.name));
  }
  CHECK(slots == expected);
  CHECK(core == std::vector<std::string>{"meeting.date", "bloc.members", "chairpersons", "decisions"});
  // (every other quote in CORE closes a name)
  std::vector<std::string> core_names;
  for (std::size_t k = 0; k < py_core.size(); k += 2) core_names.push_back(py_core[k]);
  CHECK(core == core_names);
}

TEST_CASE("each table column that shows a field names a declared one", "[declaration][tables]") {
  for (const auto& spec : table_specs()) {
    std::set<std::string_view> lists;
    for (const auto& col : spec.columns) {
      if (col.field.empty()) continue;
      INFO(spec.name << "." << col.name << " <- " << col.field);
      const FieldDecl* f = find_field(col.field);
      REQUIRE(f != nullptr);
      CHECK(f->type != FieldType::kList);
      if (!list_of(f->path).empty()) lists.insert(list_of(f->path));
    }
    INFO(spec.name);
    // the documents table has one row per record; every other one row per item of one list
    CHECK(lists.size() == (spec.name == "documents" ? 0u : 1u));
  }
}

TEST_CASE("the printer writes a record's keys in the declaration's order", "[declaration][printer]") {
  Record r;
  r.source = {"a.txt", 3, std::string(64, '0'), "utf-8"};
  r.meeting.date = "2024-01-05";
  r.meeting.at = ByteRange{1, 2};
  r.bloc.members.push_back({"Sở Tư pháp", std::string("head"), ByteRange{3, 4}});
  r.people.push_back({"Nguyễn Văn A", std::nullopt, std::nullopt, {"chair"}, std::nullopt});
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(record_to_json_line(r));
  std::vector<std::string> printed, want;
  std::function<void(const nlohmann::ordered_json&, const std::string&)> walk =
      [&](const nlohmann::ordered_json& x, const std::string& path) {
        for (const auto& [k, v] : x.items()) {
          std::string p = path.empty() ? k : path + "." + k;
          if (v.is_object()) {
            walk(v, p);
          } else if (v.is_array() && !v.empty() && v[0].is_object()) {
            printed.push_back(p);
            walk(v[0], p + "[]");
          } else {
            printed.push_back(p);
          }
        }
      };
  walk(j, "");
  for (const auto& f : record_fields()) want.push_back(f.path);
  // every printed key is declared, in the same order (spans left unknown are not printed)
  std::size_t k = 0;
  for (const auto& p : printed) {
    INFO(p);
    while (k < want.size() && want[k] != p) ++k;
    CHECK(k < want.size());
  }
  CHECK(std::find(printed.begin(), printed.end(), "bloc.members[].role") != printed.end());
  CHECK(std::find(printed.begin(), printed.end(), "people[].at") == printed.end());  // unknown span
}
