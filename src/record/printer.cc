#include "printer.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
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

// The same line written straight out, without the document tree (most of the printer's time, and an
// allocation per value): as nlohmann's dump writes it, byte for byte (tests/printer_test.cc).

// A string as nlohmann's dump writes it (UTF-8 kept): '"', '\\' and the control characters escaped,
// \b \f \n \r \t by name and the rest as \u00xx. Bytes that are not UTF-8 go through nlohmann's own
// replacement.
void append_string(std::string& out, std::string_view s) {
  if (!is_valid_utf8(s)) {
    out += dump(Json(std::string(s)));
    return;
  }
  out += '"';
  for (char ch : s) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(static_cast<unsigned char>(ch) >> 4) & 0xF];
          out += kHex[static_cast<unsigned char>(ch) & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void append_value(std::string& out, const FieldValue& v) {
  struct Visit {
    std::string& out;
    void operator()(Null) const { out += "null"; }
    void operator()(const std::string& s) const { append_string(out, s); }
    void operator()(long long n) const { out += std::to_string(n); }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(const ByteRange& at) const {
      out += '[' + std::to_string(at.begin) + ',' + std::to_string(at.end) + ']';
    }
    void operator()(const std::vector<std::string>& xs) const {
      out += '[';
      for (std::size_t i = 0; i < xs.size(); ++i) {
        if (i) out += ',';
        append_string(out, xs[i]);
      }
      out += ']';
    }
  };
  std::visit(Visit{out}, v);
}

// Where each field goes in a one-pass line, worked out once from the field list: its top-level object
// ("meeting" for "meeting.date", empty for none) and its key there; a list's item fields with their keys.
struct LineSlot {
  const FieldDecl* field;
  std::string_view object, key;
  std::vector<std::pair<const FieldDecl*, std::string_view>> items;
};

// The slots in declaration order; nullopt if the fields cannot be written in one pass: a path more than
// "object.field" deep, an object whose fields are not next to each other, or a nested item field. Else
// the order the tree gives (an object where its first written field is) is the order of the pass.
const std::optional<std::vector<LineSlot>>& line_layout() {
  static const std::optional<std::vector<LineSlot>> layout = []() -> std::optional<std::vector<LineSlot>> {
    std::vector<LineSlot> slots;
    std::vector<std::string_view> closed;
    for (const FieldDecl& f : record_fields()) {
      const std::string_view path = f.path, list = list_of(path);
      if (!list.empty()) {  // an item field: "list[].key"
        const std::string_view key = path.substr(list.size() + 3);
        if (slots.empty() || slots.back().field->path != list || key.find('.') != std::string_view::npos)
          return std::nullopt;
        slots.back().items.emplace_back(&f, key);
        continue;
      }
      const std::size_t dot = path.find('.');
      if (dot != std::string_view::npos && path.find('.', dot + 1) != std::string_view::npos)
        return std::nullopt;
      LineSlot slot{&f, {}, path, {}};
      if (dot != std::string_view::npos) slot = LineSlot{&f, path.substr(0, dot), path.substr(dot + 1), {}};
      const std::string_view open = slots.empty() ? std::string_view() : slots.back().object;
      if (slot.object != open) {
        if (std::find(closed.begin(), closed.end(), slot.object) != closed.end()) return std::nullopt;
        if (!open.empty()) closed.push_back(open);  // top-level fields belong to no object
      }
      slots.push_back(std::move(slot));
    }
    return slots;
  }();
  return layout;
}

// A record without its explanation, in one pass (line_layout).
std::string record_line(const Record& r, const std::vector<LineSlot>& slots) {
  std::string out = "{";
  bool first_top = true, first_inner = true;
  std::string_view open;  // the object being written, empty for none
  const auto key = [&](std::string_view k, bool& first) {
    if (!first) out += ',';
    first = false;
    append_string(out, k);
    out += ':';
  };
  for (const LineSlot& slot : slots) {
    const FieldDecl& f = *slot.field;
    FieldValue value;
    if (f.type != FieldType::kList) {
      value = f.value(r, 0);
      if (f.omit_null && std::holds_alternative<Null>(value)) continue;
    }
    if (slot.object != open) {
      if (!open.empty()) out += '}';
      open = slot.object;
      if (!open.empty()) {
        key(open, first_top);
        out += '{';
        first_inner = true;
      }
    }
    key(slot.key, open.empty() ? first_top : first_inner);
    if (f.type != FieldType::kList) {
      append_value(out, value);
      continue;
    }
    out += '[';
    for (std::size_t i = 0, n = f.count(r); i < n; ++i) {
      out += i ? ",{" : "{";
      bool first_field = true;
      for (const auto& [item, item_key] : slot.items) {
        const FieldValue v = item->value(r, i);
        if (item->omit_null && std::holds_alternative<Null>(v)) continue;
        key(item_key, first_field);
        append_value(out, v);
      }
      out += '}';
    }
    out += ']';
  }
  if (!open.empty()) out += '}';
  return out + '}';
}

}  // namespace

bool record_lines_in_one_pass() { return line_layout().has_value(); }

std::string record_to_json_line(const Record& r, bool explain) {
  if (const auto& layout = line_layout(); !explain && layout) return record_line(r, *layout);
  return dump(record_json(r, explain));
}
std::string error_to_json_line(const Status& e, const std::string& path) { return dump(error_json(e, path)); }
std::string record_to_pretty_json(const Record& r, bool explain) { return dump(record_json(r, explain), 2); }
std::string error_to_pretty_json(const Status& e, const std::string& path) {
  return dump(error_json(e, path), 2);
}

}  // namespace thidua
