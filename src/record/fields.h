// The record's fields, declared once (record_fields()): the JSON printer writes them in this order, the
// spreadsheet tables take their columns from them by path, `thidua eval` scores the slots they carry, and
// a test holds the list to the record schema (tests/data/record.schema.json). Adding a field means: its
// rules, its extractor module, its line here, its field tests.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "thidua/record.h"

namespace thidua {

// One value of a field, as the printer and the tables take it.
struct Null {};
using FieldValue = std::variant<Null, std::string, long long, bool, ByteRange, std::vector<std::string>>;

// What a field holds in JSON (the schema test compares it with the schema's type).
enum class FieldType { kString, kInteger, kBoolean, kSpan, kStrings, kList };

// How `thidua eval` compares gold and prediction in a slot (the definitions of score.py).
enum class Scoring {
  kNone,
  kExact,    // one value, equal after canonical folding
  kSimilar,  // one value, its words overlapping at least `threshold` (headlines, places, bylines)
  kName,     // list items matched one to one by name (units, persons)
  kClause,   // list items matched by overlapping words (decisions)
  kKey,      // list items matched by an exact key (documents by number)
};

// The evaluation slot a field fills.
struct Slot {
  std::string_view name;  // as eval reports it: "meeting.date", "bloc.member_roles"; empty: not scored
  Scoring scoring = Scoring::kNone;
  double threshold = 0;     // kSimilar
  bool core = false;        // counted in the core F1
  bool refinement = false;  // a list item's key scored together with this field (a role, a kind): left
                            // out of the all-slot figure
};

struct FieldDecl {
  std::string path;  // "meeting.date"; a list: "bloc.members"; a list item's: "bloc.members[].name"
  FieldType type;
  bool nullable = false;       // null when unknown
  bool omit_null = false;      // left out when unknown instead of written as null (the spans, "at")
  bool beyond_schema = false;  // written in addition to what the schema names
  // A value's: its value in the record (for a list item's, of item `i`).
  std::function<FieldValue(const Record& r, std::size_t i)> value;
  // A list's: how many items the record has.
  std::function<std::size_t(const Record& r)> count;
  Slot slot;
};

// Every field of the record, in the order the JSON record writes them; a list's item fields follow it.
const std::vector<FieldDecl>& record_fields();

// The field at `path`, or nullptr.
const FieldDecl* find_field(std::string_view path);

// The list a list item's field belongs to ("bloc.members" for "bloc.members[].name"), or "".
std::string_view list_of(std::string_view path);

// The evaluation slots, in the order eval reports them (score.py's): single values, then lists.
std::vector<const FieldDecl*> scored_fields();

}  // namespace thidua
