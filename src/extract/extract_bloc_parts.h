// Shared by the three files of the bloc's extractor: extract_bloc.cc (the bloc's mention, name, count and
// province), extract_members.cc (its member lists and the units named beside a role) and extract_roles.cc
// (the roles written in sentences); extract_decisions.cc reads opens_unit. Not a public header.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "extract_context.h"

namespace thidua::extract::bloc {

// Past the spaces and line breaks at i.
inline std::size_t skip_spaces(std::string_view t, std::size_t i) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '\n')) ++i;
  return i;
}

// Past the spaces at i, on the same line (names stay on their line).
inline std::size_t skip_blanks(std::string_view t, std::size_t i) {
  while (i < t.size() && t[i] == ' ') ++i;
  return i;
}

// A mention of a bloc in the text: its name as read, and what the name says of it.
struct Mention {
  ByteRange name;
  std::string kind;
  std::optional<std::string> number;
  std::optional<int> count;  // "Cụm thi đua 5 thành phố ...": a size, not a number
  std::optional<std::string> province;
  bool strong = false;  // says "thi đua" or has a number
};

// A mention of a bloc read from its rule match (extract_bloc.cc), if it names one.
std::optional<Mention> read_mention(const Context& c, const RuleMatch& rm);
// Whether a province is named at pos ("tỉnh Quảng Trị", "Quảng Trị").
bool province_mention_at(const Context& c, std::size_t pos);
// Whether a unit's name starts at pos (extract_members.cc; also read by the decisions' extractor, where two
// names joined by "và" are one object: "suy tôn tỉnh Thanh Hóa và tỉnh Nghệ An ...").
bool opens_unit(const Context& c, std::size_t pos);

// Whether two names stand for one unit.
bool same_unit(const std::string& a, const std::string& b);
// The unit named after a role's "là" (extract_members.cc).
std::optional<ByteRange> unit_after_copula(const Context& c, ByteRange role, ByteRange sentence,
                                           bool* one_phrase = nullptr);
// The unit written right after a role word or its colon.
std::optional<ByteRange> unit_right_after(const Context& c, ByteRange role, ByteRange sentence);
// The unit beside a role word that no member list names.
std::optional<ByteRange> unit_beside_role(const Context& c, ByteRange role, ByteRange sentence);
// The listed members, into r; whether a broken page cut the last item off.
bool listed_members(Context& c, Record& r);

// The roles written in sentences ("Khối trưởng là X", "X (Khối trưởng)"), into r (extract_roles.cc).
void roles_in_sentences(Context& c, Record& r);

}  // namespace thidua::extract::bloc
