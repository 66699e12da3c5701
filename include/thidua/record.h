// Record: what one document yields, as our own types (record assembly fills it, printers write it).
// Field meanings: ../shared/spec/FIELDS.md; JSON contract: the record schema ("thidua/1").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "thidua/offset_map.h"
#include "thidua/status.h"

namespace thidua {

using Span = std::optional<ByteRange>;  // `at`: [begin, end) in the ORIGINAL input bytes

struct Source {
  std::string path;  // as given; "-" for standard input
  std::size_t bytes = 0;
  std::string sha256;
  std::string encoding;
};

struct Meeting {
  std::optional<std::string> date;  // YYYY-MM-DD, or --MM-DD when no year is known
  bool date_inferred = false;
  std::optional<std::string> time_of_day;  // sáng, trưa, chiều, tối
  std::optional<std::string> type;         // so_ket, tong_ket, phat_dong, other
  std::optional<std::string> period;       // YYYY-MM/YYYY-MM
  std::optional<std::string> location;
  Span at;
};

struct Member {
  std::string name;
  std::optional<std::string> role;  // head, deputy
  Span at;
};

struct Bloc {
  std::optional<std::string> name;
  std::optional<std::string> kind;  // khoi, cum
  std::optional<std::string> number;
  std::optional<std::string> province;
  std::optional<int> stated_member_count;
  std::vector<Member> members;
  Span at;
};

struct Person {
  std::string name;
  std::optional<std::string> title;
  std::optional<std::string> organization;
  std::vector<std::string> roles;  // chair, director, presenter, speaker, concluder, attendee
  Span at;
};

struct Decision {
  std::string kind;  // agreed, approved, elected, awarded, signed, planned, directed
  std::string text;
  Span at;
};

struct DocumentRef {
  std::optional<std::string> kind;
  std::optional<std::string> number;
  std::optional<std::string> date;
  std::optional<std::string> issuer;
  Span at;
};

struct Record {
  Source source;
  std::optional<std::string> title;
  std::optional<std::string> published;
  Meeting meeting;
  Bloc bloc;
  std::vector<Person> chairpersons;  // the same persons as `people` with the role chair
  std::vector<Person> people;
  std::vector<Decision> decisions;
  std::vector<DocumentRef> documents;
  std::optional<std::string> byline;
  std::vector<Warning> warnings;
  // For --explain: value path ("meeting.date", "bloc.members[2].role", "decisions[0]") -> the rule that
  // produced it. Printed only when asked for.
  std::map<std::string, std::string> explain;
};

inline constexpr const char* kSchemaId = "thidua/1";

}  // namespace thidua
