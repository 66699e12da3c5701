// The bloc's members: the lists that name them ("gồm các đơn vị: A, B và C"), split into units with
// the roles written beside them, and the unit a role word stands beside.
#include <algorithm>
#include <set>
#include <string>

#include "extract_bloc_parts.h"

namespace thidua::extract::bloc {
namespace {

// Whether a local government unit is named at pos: a word of lists/place_units.txt, then a capital
// ("huyện Cam Lộ", "phường Đông Hà", "Xã Cửa Việt"; not "huyện miền núi").
bool place_unit_at(const Context& c, std::size_t pos) {
  const std::size_t n = c.phrases("place_units").match_at(c.t, pos);
  return n > 0 && starts_upper(c.t, skip_spaces(c.t, pos + n));
}

struct Item {
  ByteRange range;
  std::optional<std::string> role;
  std::string rule;  // the rule that gave the role
};

}  // namespace

// Whether a unit's name starts at pos: a unit word ("Sở", "Ban", "Công an"), a province, bare or after
// "tỉnh"/"thành phố" ("tỉnh Kiên Giang"), or a local government unit ("huyện Cam Lộ", "phường Đông Hà").
bool opens_unit(const Context& c, std::size_t pos) {
  return c.units.match_at(c.t, pos) > 0 || c.provinces.match_at(c.t, pos) > 0 ||
         province_mention_at(c, pos) || place_unit_at(c, pos);
}

namespace {

// The longest unit name read beside a role word, in words ("Công ty TNHH Một thành viên Khai thác công
// trình Thủy lợi Xuân Thủy" has 14; "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh" 13).
constexpr std::size_t kUnitWords = 16;
// ... and the longest one a member list names when it opens with a unit word.
constexpr std::size_t kListedUnitWords = 24;

// A unit named in `r`: what is left once a leading person ("Ông Hồ Sĩ Dũng – ") and position title
// ("Chủ tịch", "Viện trưởng", "Phó Giám đốc") are dropped, if it opens with a unit word or a province.
std::optional<ByteRange> unit_in(const Context& c, ByteRange r) {
  const std::string_view t = c.t;
  const ByteRange whole = trim(t, r);
  ByteRange unit = whole;
  // "Ông Hồ Sĩ Dũng – Phó Chủ tịch UBMTTQ ...": a person before a dash and a title or unit after it
  // (but "Sở Văn hóa – Thể thao và Du lịch" is one name)
  for (std::string_view dash : {" – ", " - "}) {
    std::size_t d = c.slice(unit).rfind(dash);
    if (d == std::string_view::npos) continue;
    std::size_t after = unit.begin + d + dash.size();
    if (c.titles.match_at(t, after) > 0 || c.units.match_at(t, after) > 0) unit = trim(t, {after, unit.end});
  }
  // "các đơn vị đã ký giao ước và Trung tâm Chính trị Định Hóa được bầu ...", "Hội nghị tổ chức tại
  // Trường Chính trị tỉnh Hòa Bình - đơn vị Cụm trưởng": the unit after "và", "tại"
  const PhraseList separators = c.phrases("unit_separators");
  std::size_t sep = separators.rfind_in(t, unit);
  if (sep != std::string_view::npos) {
    std::size_t after = skip_spaces(t, sep + separators.match_at(t, sep));
    if (opens_unit(c, after)) unit = trim(t, {after, unit.end});
  }
  // a title before the unit ("Phó Giám đốc Sở Tư pháp"), but not a unit that is also a title ("Thanh tra")
  // ("Cục trưởng Cục Thuế tỉnh": a title longer than the unit word it opens with is a title)
  for (std::size_t len;
       unit.size() > 0 && (len = c.titles.match_at(t, unit.begin)) > c.units.match_at(t, unit.begin);) {
    // "Chánh Thanh tra tỉnh", "Chánh Văn phòng UBND tỉnh": a title that holds its unit's name ends where
    // a shorter title does and the unit begins
    std::size_t unit_at = unit.begin + len;
    for (std::size_t p = unit.begin; p < unit.begin + len; ++p)
      if (t[p] == ' ' && starts_upper(t, p + 1) && c.titles.contains(c.slice({unit.begin, p})) &&
          c.units.match_at(t, p + 1) > 0) {
        unit_at = p + 1;
        break;
      }
    unit = trim(t, {unit_at, unit.end});
  }
  // a person's name after the unit ("UBND tỉnh Sóc Trăng Trần Văn Lâu", "Phó Chủ tịch UBND huyện Gio Linh
  // Nguyễn Văn Tâm": the rule reads the title with it): the unit ends before it
  for (const auto& p : c.find("person", {whole.begin, unit.end})) {
    auto name = p.group("name");
    if (!name || name->begin <= unit.begin || !names_a_person(c, p)) continue;
    unit = trim(t, {unit.begin, std::min(unit.end, name->begin)});
  }
  if (unit.size() == 0 || word_count(t, unit) > kUnitWords) return std::nullopt;
  if (!c.find("member.not_unit", unit).empty()) return std::nullopt;  // "Hội nghị đã bầu"
  if (!opens_unit(c, unit.begin)) return std::nullopt;
  return unit;
}

// The unit named from `b` to the clause's next stop, cut before the words that go on with the sentence
// ("là Sở Y tế chủ trì hội nghị": lists/title_cuts.txt; not the "và" of "Sở Giáo dục và Đào tạo").
std::optional<ByteRange> unit_from(const Context& c, std::size_t b, ByteRange sentence) {
  std::size_t e = b;
  while (e < sentence.end && c.t[e] != ',' && c.t[e] != ';' && c.t[e] != '.' && c.t[e] != '(') ++e;
  return unit_in(c, cut_after_joined_names(c, c.phrases("title_cuts"), {b, e}));
}

// "A, B; C, D, E": where every comma part of a ';' item opens with a unit word, the commas part units
// too.
std::vector<Item> split_unit_commas(const Context& c, const std::vector<Item>& items) {
  const std::string_view t = c.t;
  std::vector<Item> split;
  for (const auto& item : items) {
    std::vector<ByteRange> parts;
    std::size_t part_start = item.range.begin;
    for (std::size_t i = item.range.begin; i <= item.range.end; ++i) {
      if (i == item.range.end || t[i] == ',') {
        parts.push_back(trim(t, {part_start, i}));
        part_start = i + 1;
      }
    }
    bool units = parts.size() >= 2 && std::all_of(parts.begin(), parts.end(), [&](ByteRange p) {
                   return p.size() > 0 && c.units.match_at(t, p.begin) > 0;
                 });
    // "các sở Nội vụ, Tài chính, Tư pháp": a plural unit word shared by the names after it
    std::size_t plural = c.phrases("plural_words").match_at(t, item.range.begin);
    units |=
        parts.size() >= 2 && plural > 0 && c.units.match_at(t, skip_spaces(t, item.range.begin + plural)) > 0;
    if (!units) {
      split.push_back(item);
      continue;
    }
    for (ByteRange p : parts) split.push_back({p, std::nullopt, ""});
  }
  return split;
}

// Whether the comma parts after a ';' (to the next ';' or `end`) all open with a unit word: the list goes
// on in another group ("các sở Nội vụ, Tài chính, ...; Ban Dân tộc tỉnh, Văn phòng UBND tỉnh").
bool units_follow(const Context& c, std::size_t from, std::size_t end) {
  const std::string_view t = c.t;
  std::size_t stop = std::min(end, t.find(';', from));
  for (std::size_t part = from; part < stop;) {
    std::size_t comma = std::min(stop, t.find(',', part));
    if (!c.units.match_at(t, skip_spaces(t, part))) return false;
    part = comma + 1;
  }
  return stop > from;
}

// Splits a member list into items: ';' if the list uses it (then commas belong to names), else ',' and
// a final "và" where what follows opens another unit ("... và Thị ủy Buôn Hồ").
// Whether a list holds ';' items. A ';' after a comma list ("A, B, ..., H; các đơn vị đã ...") ends the
// list rather than parting it (`list` then ends there), unless units go on after it ("A, B; C, D").
bool parted_by_semicolons(const Context& c, ByteRange& list) {
  const std::string_view t = c.t;
  if (c.slice(list).find(';') == std::string_view::npos) return false;
  std::size_t first = t.find(';', list.begin);
  bool commas_before = c.slice({list.begin, first}).find(',') != std::string_view::npos;
  bool one_semicolon = c.slice({first + 1, list.end}).find(';') == std::string_view::npos;
  if (commas_before && ((word_count(t, {list.begin, first}) > 16 && !units_follow(c, first + 1, list.end)) ||
                        (one_semicolon && !c.units.match_at(t, skip_spaces(t, first + 1))))) {
    list.end = first;
    return false;
  }
  return true;
}

// The items of a list between its separators (outside parentheses, and not inside a name that holds a
// comma).
std::vector<Item> items_between(const Context& c, ByteRange list, char sep) {
  const std::string_view t = c.t;
  std::vector<Item> items;
  int depth = 0;
  std::size_t start = list.begin;
  std::size_t name_end = 0;  // the end of a name holding a comma, at the start of the current item
  const PhraseList comma_names = c.phrases("comma_names");
  for (std::size_t i = list.begin; i <= list.end; ++i) {
    if (i == start && sep == ',') {
      // "Sở Văn hóa, Thể thao và Du lịch", "Văn hóa, Thể thao và Du lịch": one name, two commas' worth
      std::size_t b = skip_spaces(t, start);
      if (std::size_t unit = c.units.match_at(t, b); unit > 0) b = skip_spaces(t, b + unit);
      if (std::size_t n = comma_names.match_at(t, b); n > 0) name_end = b + n;
    } else if (sep == ',' && i > name_end && i < list.end && t[i - 1] == ' ' && c.units.match_at(t, i) > 0) {
      // ... also after a unit word inside an item: "Sở Y tế và Sở Văn hóa, Thể thao và Du lịch"
      std::size_t b = skip_spaces(t, i + c.units.match_at(t, i));
      if (std::size_t n = comma_names.match_at(t, b); n > 0) name_end = b + n;
    }
    char ch = i < list.end ? t[i] : sep;
    if (i < name_end && i < list.end) continue;
    if (ch == '(') ++depth;
    if (ch == ')') depth = std::max(0, depth - 1);
    if ((ch == sep && depth == 0) || i == list.end) {
      ByteRange it = trim(c.t, {start, i});
      if (it.size() > 0) items.push_back({it, std::nullopt, ""});
      start = i + 1;
    }
  }
  return items;
}

// The last item may hold two units joined by "và" (a list of two: "A và B", when B opens a unit).
void split_last_pair(const Context& c, std::vector<Item>& items) {
  if (items.empty()) return;
  const std::string_view t = c.t;
  Item& last = items.back();
  const PhraseList conjunctions = c.phrases("conjunctions");
  std::size_t va = conjunctions.rfind_in(t, last.range);
  // the "và" that opens a unit, the last one first: "Thanh tra tỉnh và Sở Thông tin và Truyền thông"
  // joins two units at its first "và", the second belongs to a unit's name
  for (std::size_t earlier = va; earlier != std::string_view::npos && earlier > last.range.begin;) {
    std::size_t opens = skip_spaces(t, earlier + conjunctions.match_at(t, earlier));
    if (opens_unit(c, opens)) {
      va = earlier;
      break;
    }
    earlier = conjunctions.rfind_in(t, {last.range.begin, earlier});
  }
  if (va != std::string_view::npos) {
    std::size_t after = skip_spaces(t, va + conjunctions.match_at(t, va));
    va -= 1;  // the space before it
    bool unit = opens_unit(c, after);
    bool short_items = true;
    // (an item's description before a colon does not count: "gồm 7 huyện, thị xã: Yên Thành, ...")
    auto listed = [&](ByteRange r) {
      std::size_t colon = c.slice(r).rfind(": ");
      return colon == std::string_view::npos ? r : ByteRange{r.begin + colon + 2, r.end};
    };
    for (std::size_t k = 0; k + 1 < items.size(); ++k)
      short_items &= word_count(t, listed(items[k].range)) <= 3;
    short_items &= word_count(t, {after, last.range.end}) <= 3;
    if (unit || (short_items && items.size() >= 2)) {
      ByteRange second{after, last.range.end};
      last.range.end = va;
      items.push_back({trim(c.t, second), std::nullopt, ""});
    }
  }
}

// Roles written beside an item: "Văn phòng ... (Trưởng khối)".
void roles_beside_items(const Context& c, std::vector<Item>& items) {
  for (auto& item : items) {
    auto roles = c.matcher.find("member.role", item.range);
    if (!roles.empty()) {
      std::size_t paren = c.t.find('(', item.range.begin);
      const RuleMatch* best = &roles[0];
      for (const auto& rm : roles)
        if (rm.rule->priority > best->rule->priority) best = &rm;
      if (paren != std::string_view::npos && paren < best->span.end) {
        item.role = best->rule->value;
        item.rule = best->rule->name;
        item.range = trim(c.t, {item.range.begin, paren});
      }
    }
  }
}

std::vector<Item> split_items(const Context& c, ByteRange list) {
  const std::string_view t = c.t;
  const bool semicolons = parted_by_semicolons(c, list);
  std::vector<Item> items = items_between(c, list, semicolons ? ';' : ',');
  if (semicolons) items = split_unit_commas(c, items);
  // "gồm 4 huyện Đạ Huoai, Đạ Tẻh, ...": the count and its noun before the first name are no part of it;
  // before a unit's name only the figure is ("gồm 3 Sở Tư pháp, Sở Y tế ...")
  // (in a list: "gồm 7 trường THPT khu vực thành phố" alone describes the members)
  if (items.size() >= 2)
    for (const auto& count : c.find("bloc.count_phrase", items[0].range)) {
      if (trim(c.t, {items[0].range.begin, count.span.begin}).size() != 0) continue;
      if (auto unit = count.group("unit")) {
        items[0].range = trim(c.t, {unit->begin, items[0].range.end});
        break;
      }
      if (count.span.end < items[0].range.end && starts_upper(t, skip_spaces(t, count.span.end))) {
        items[0].range = trim(c.t, {count.span.end, items[0].range.end});
        break;
      }
    }
  split_last_pair(c, items);
  roles_beside_items(c, items);
  return items;
}

// Where a member list that starts at `begin` ends: the closing parenthesis if it opened one, else the
// sentence end, a line end followed by a new paragraph, or where the sentence goes on with a verb.
std::size_t list_end(const Context& c, std::size_t begin, bool in_parens) {
  const std::string_view t = c.t;
  int depth = 0;
  // a list runs at most ~1,500 bytes, ended on a character's first byte: the last item is cut there
  std::size_t limit = char_start_at_or_before(t, std::min(c.article.end, begin + 1500));
  for (std::size_t i = begin; i < limit; ++i) {
    char ch = t[i];
    if (ch == '(') ++depth;
    if (ch == ')') {
      if (depth == 0) return i;
      --depth;
    }
    if (in_parens) continue;
    if (ch == '.' && (i + 1 >= t.size() || t[i + 1] == ' ' || t[i + 1] == '\n')) return i;
    if (ch == '\n' && (i + 1 >= t.size() || t[i + 1] == '\n' || starts_upper(t, i + 1))) {
      // a hard-wrapped list goes on in lower case; a new line in upper case starts something else,
      // unless the line broke after a comma or before the last item ("Hội Nông dân tỉnh và" + newline)
      ByteRange prev = trim(t, c.lines[c.line_index(i)]);
      bool before_last_item = c.phrases("conjunctions").ends(t, prev);
      if (!before_last_item && (prev.size() < 60 || t[prev.end - 1] != ',')) return i;
    }
  }
  return limit;
}

// "gồm 7 Quân khu (1, 2, 3, 4, 5, 7, 9) và Bộ Tư lệnh Thủ đô Hà Nội": a unit joined by "và" after the
// closing parenthesis at `close` ends the list. It runs to the next mark or verb.
std::optional<ByteRange> unit_after_parenthesis(const Context& c, std::size_t close) {
  const std::string_view t = c.t;
  if (close >= t.size() || t[close] != ')') return std::nullopt;
  std::size_t va = skip_blanks(t, close + 1);
  std::size_t joiner = c.phrases("conjunctions").match_at(t, va);
  if (joiner == 0) return std::nullopt;
  std::size_t begin = skip_blanks(t, va + joiner);
  if (c.units.match_at(t, begin) == 0) return std::nullopt;
  std::size_t end = begin;
  while (end < t.size() && std::string_view(".,;:()\n").find(t[end]) == std::string_view::npos) ++end;
  for (const auto& stop : c.find("members.end", {begin, end})) {
    end = stop.span.begin;
    break;
  }
  ByteRange unit = trim(t, {begin, end});
  if (unit.size() == 0 || word_count(t, unit) > kUnitWords) return std::nullopt;
  return unit;
}

// A listed member: the item as split, its display name, and whether a broken page cut it off ("Văn ph&og").
struct MemberItem {
  Item item;
  std::string name;
  bool cut_off = false;
};

// Whether a list names units, not topics ("gồm công tác đảm bảo an ninh, trật tự ..."): most items open
// with a capital, a figure or a unit word, and not with a person's title ("gồm các đồng chí Chủ tịch, ...").
bool names_units(const Context& c, const std::vector<MemberItem>& items) {
  std::size_t units = 0;
  for (const auto& item : items) {
    std::size_t b = item.item.range.begin;
    if (c.titles.match_at(c.t, b) > 0 || c.honorifics.match_at(c.t, b) > 0) continue;  // people
    if (starts_upper(c.t, b) || (c.t[b] >= '0' && c.t[b] <= '9') || opens_unit(c, b)) ++units;
  }
  return 2 * units > items.size();
}

// How many comma parts a description of the members may run to before the colon that opens their list
// ("Hội Luật gia các tỉnh, thành phố: ...").
constexpr std::size_t kDescriptionItems = 3;

// The units listed after an introduction ("gồm các đơn vị: A, B và C").
std::vector<MemberItem> read_member_list(const Context& c, const RuleMatch& intro) {
  std::size_t begin = intro.span.end;
  // Inside parentheses ("Khối thi đua số 6 (gồm các đơn vị: ...)") the list ends at the ")".
  ByteRange sentence = c.sentence_of(intro.span.begin);
  int open = 0;
  for (std::size_t i = sentence.begin; i < intro.span.end; ++i)
    open += c.t[i] == '(' ? 1 : c.t[i] == ')' ? -1 : 0;
  std::size_t end = list_end(c, begin, open > 0);
  for (const auto& stop : c.find("members.end", {begin, end})) {
    end = stop.span.begin;
    break;
  }
  std::vector<Item> items = split_items(c, trim(c.t, {begin, end}, ";,.:"));
  // "đại diện của 09 đơn vị trong Khối: Sở Nội vụ, ...", "gồm Hội Luật gia các tỉnh, thành phố: Đồng Nai,
  // ...": the list proper starts after a colon in its first items; what stands before it describes them
  for (std::size_t k = 0; k < items.size() && k < kDescriptionItems; ++k) {
    std::size_t colon = c.slice(items[k].range).rfind(": ");
    if (colon == std::string_view::npos) continue;
    items[k].range = trim(c.t, {items[k].range.begin + colon + 1, items[k].range.end});
    items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(k));
    break;
  }
  // "chia thành 3 cụm: cụm thi đua số 1 gồm Vĩnh Long, Trà Vinh, ...": a group introduced inside the first
  // item lists its own units
  if (!items.empty())
    for (const auto& inner : c.find("members.intro", items[0].range))
      if (inner.span.end < items[0].range.end)
        items[0].range = trim(c.t, {inner.span.end, items[0].range.end});
  // A list of short names that runs on into the sentence ("Bắc Giang, ..., Bắc Kạn và cán bộ làm công tác
  // thi đua, khen thưởng ..."): it ends at the "và" that goes on in lower case.
  const PhraseList conjunctions = c.phrases("conjunctions");
  for (std::size_t i = 2; i < items.size(); ++i) {
    bool short_before = std::all_of(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(i),
                                    [&](const Item& x) { return word_count(c.t, x.range) <= 3; });
    std::size_t va = conjunctions.find_in(c.t, items[i].range);
    if (!short_before || va == std::string_view::npos ||
        !starts_lower(c.t, skip_spaces(c.t, va + conjunctions.match_at(c.t, va))))
      continue;
    items[i].range.end = va - 1;
    items.resize(i + 1);
    break;
  }
  if (open > 0 && !items.empty()) {
    if (auto last = unit_after_parenthesis(c, end)) items.push_back({*last, std::nullopt, ""});
  }
  std::vector<MemberItem> out;
  for (auto& item : items) {
    std::string name = c.value(item.range);
    // a long item is a sentence the list ran into, unless it opens with a unit word: "Ban Quản lý dự án
    // đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn tỉnh" has 17 words
    std::size_t words = word_count(c.t, item.range);
    if (name.empty() || words > kListedUnitWords || (words > kUnitWords && !opens_unit(c, item.range.begin)))
      continue;
    if (!c.find("members.guest", item.range).empty()) continue;            // "Sóc Trăng (khách mời)"
    if (!c.find_at("members.people_count", item.range).empty()) continue;  // "gồm 27 đồng chí"
    // "Khối gồm 6 đơn vị.": a count, not a member; nor the noun it counts alone ("gồm 13 tỉnh, thành
    // phố tổ chức ...": "thành phố")
    // (nor, as the list's only item, a count that describes them: "gồm 7 trường THPT khu vực thành phố")
    auto count_phrase = c.find("bloc.count_phrase", item.range);
    if (!count_phrase.empty() &&
        (count_phrase[0].span == item.range ||
         (items.size() == 1 && trim(c.t, {item.range.begin, count_phrase[0].span.begin}).size() == 0)))
      continue;
    auto noun = c.find("members.noun_only", item.range);
    if (!noun.empty() && noun[0].span == item.range) continue;
    std::size_t amp = name.find('&');
    bool cut_off =
        amp != std::string::npos && amp + 1 < name.size() && name[amp + 1] >= 'a' && name[amp + 1] <= 'z';
    out.push_back({item, name, cut_off});
  }
  return out;
}

// Whether a member list introduced at `intro` is another bloc's: the bloc named last before it in its
// sentence (with "thi đua" or a number) is not the record's ("Cùng ngày, cụm thi đua các đơn vị trực
// thuộc gồm: ..." in an article about the cluster of the province's military agencies).
bool lists_another_bloc(const Context& c, const Record& r, const RuleMatch& intro) {
  if (!r.bloc.name) return false;
  ByteRange sentence = c.sentence_of(intro.span.begin);
  // the nearest strong mention before the intro: read back from it, over a stretch that doubles until one
  // is found (each list of a long sentence would otherwise read every mention before it)
  std::optional<Mention> last;
  for (std::size_t back = 1024, from = intro.span.begin; !last && from > sentence.begin; back *= 2) {
    const std::size_t to = from;
    from = intro.span.begin > sentence.begin + back ? char_start_at_or_before(c.t, intro.span.begin - back)
                                                    : sentence.begin;
    const auto found = c.find("bloc.mention", {from, intro.span.begin});
    for (auto rm = found.rbegin(); rm != found.rend() && !last; ++rm) {
      if (rm->span.begin >= to) continue;  // read in the stretch before
      if (auto mention = read_mention(c, *rm);
          mention && mention->strong && mention->name.end <= intro.span.begin)
        last = mention;
    }
  }
  if (!last) return false;
  // "Khối ... chia làm hai cụm: Cụm 1 gồm ...": a group the bloc is divided into
  if (!c.find("members.division", {sentence.begin, last->name.begin}).empty()) return false;
  std::string named = fold(match_form(c.value(last->name))), own = fold(match_form(*r.bloc.name));
  return named.find(own) == std::string::npos && own.find(named) == std::string::npos &&
         !same_unit(named, own);
}

constexpr std::size_t kTopicReach = 512;

// Whether a list introduced at `intro` lists contents ("nội dung trọng tâm năm 2023 gồm: ..."), not units.
bool introduces_topics(const Context& c, const RuleMatch& intro) {
  ByteRange sentence = c.sentence_of(intro.span.begin);
  // (a topic phrase runs a few words: read near the intro, not from the start of a long sentence)
  const std::size_t from = intro.span.begin > sentence.begin + kTopicReach
                               ? char_start_at_or_before(c.t, intro.span.begin - kTopicReach)
                               : sentence.begin;
  for (const auto& m : c.find("members.topics", {from, intro.span.end}))
    if (m.span.end > intro.span.begin && c.find("bloc.mention", m.span).empty()) return true;
  return false;
}

// How far after a ';' a sub-group's own list may be introduced ("; cụm thi đua số 2 gồm ").
constexpr std::size_t kSubGroupIntroBytes = 60;

// "chia thành 3 cụm: cụm số 1 gồm A, B; cụm số 2 gồm C, D; ...": after a ';' that ends the list read,
// each further group the bloc is divided into lists its own units, and they are the bloc's members too.
void append_sub_group_lists(const Context& c, const RuleMatch& intro, std::vector<MemberItem>& members) {
  if (members.empty()) return;
  ByteRange sentence = c.sentence_of(intro.span.begin);
  // without the division ("Khối thi đua số 1 gồm A, B; Khối thi đua số 2 gồm C, D") the next group is
  // another bloc
  if (c.find("members.division", {sentence.begin, members.front().item.range.begin}).empty()) return;
  std::size_t end = members.back().item.range.end;
  while (true) {
    std::size_t semi = skip_spaces(c.t, end);
    if (semi >= sentence.end || c.t[semi] != ';') return;
    std::size_t group = skip_spaces(c.t, semi + 1);
    auto inner = c.find("members.intro", {group, std::min(sentence.end, group + kSubGroupIntroBytes)});
    if (inner.empty() || c.find_at("bloc.mention", {group, inner[0].span.begin}).empty()) return;
    std::vector<MemberItem> items = read_member_list(c, inner[0]);
    if (items.empty() || !names_units(c, items)) return;
    end = items.back().item.range.end;
    for (auto& item : items) members.push_back(std::move(item));
  }
}

}  // namespace

// Whether two names stand for one unit: the words of the shorter (two at least) all in the longer
// ("Phú Thọ" and "Hội CCB tỉnh Phú Thọ", "Viện Kiểm sát tỉnh" and "Viện Kiểm sát nhân dân tỉnh").
bool same_unit(const std::string& a, const std::string& b) {
  auto words = [](const std::string& s) {
    std::set<std::string> out;
    std::string f = fold(s);
    for (std::size_t i = 0, j; i < f.size(); i = j + 1) {
      j = f.find_first_of(" ,-()", i);
      if (j == std::string::npos) j = f.size();
      if (j > i) out.insert(f.substr(i, j - i));
    }
    return out;
  };
  const std::set<std::string> x = words(a), y = words(b);
  const auto& shorter = x.size() <= y.size() ? x : y;
  const auto& longer = x.size() <= y.size() ? y : x;
  return x == y ||
         (shorter.size() >= 2 && std::includes(longer.begin(), longer.end(), shorter.begin(), shorter.end()));
}

// The unit named after the role: "đơn vị Cụm trưởng ... năm 2018 là Công an tỉnh Quảng Trị". *one_phrase
// says whether the role and the "là" stand in one phrase (no comma between them).
std::optional<ByteRange> unit_after_copula(const Context& c, ByteRange role, ByteRange sentence,
                                           bool* one_phrase) {
  const std::string_view t = c.t;
  const PhraseList copulas = c.phrases("copulas"), agents = c.phrases("role_agents");
  const ByteRange reach{role.end, std::min(sentence.end, role.end + 80)};
  std::size_t la = copulas.find_in(t, reach);
  std::size_t la_size = la == std::string_view::npos ? 0 : copulas.match_at(t, la);
  // "Khối trưởng năm 2025 do Sở Y tế đảm nhiệm": the unit that takes the role on, in its phrase
  std::size_t by = agents.find_in(t, reach);
  if (by != std::string_view::npos && by < la &&
      c.slice({role.end, by}).find(',') == std::string_view::npos) {
    la = by;
    la_size = agents.match_at(t, by);
  }
  if (la == std::string_view::npos) return std::nullopt;
  // "Khối trưởng năm 2025 do Sở Y tế đảm nhiệm, Khối phó là Sở Tư pháp": the "là" of another role word
  if (!c.find("member.role", {role.end, la}).empty()) return std::nullopt;
  std::size_t after_la = skip_spaces(t, la + la_size);
  bool no_comma = c.slice({role.end, la}).find(',') == std::string_view::npos;
  if (one_phrase) *one_phrase = no_comma;
  if (!no_comma && c.units.match_at(t, after_la) == 0) return std::nullopt;
  return unit_from(c, after_la, sentence);
}

// "Đơn vị Khối trưởng Sở Y tế chủ trì hội nghị", "Khối trưởng: Sở Y tế; Khối phó: Sở Tư pháp": the unit
// written right after the role word (or its colon).
std::optional<ByteRange> unit_right_after(const Context& c, ByteRange role, ByteRange sentence) {
  std::size_t b = skip_spaces(c.t, role.end);
  if (b < sentence.end && c.t[b] == ':') b = skip_spaces(c.t, b + 1);
  if (b >= sentence.end || c.units.match_at(c.t, b) == 0) return std::nullopt;
  return unit_from(c, b, sentence);
}

// The unit a role word stands beside, when no member list names it: "do Ban Tuyên giáo Tỉnh ủy làm
// Khối trưởng", "Chủ tịch Hội Chữ thập đỏ tỉnh, Trưởng khối", "Viện trưởng VKSND huyện Phú Tân - đơn vị
// Cụm trưởng". The words before the role (back to a comma, parenthesis, "do" or the clause start) lose
// their leading position title; what is left must open with a unit word.
std::optional<ByteRange> unit_beside_role(const Context& c, ByteRange role, ByteRange sentence) {
  const std::string_view t = c.t;
  std::size_t end = role.begin;
  // step back over the joining words: ", ", " - ", "(đơn vị ", "(đại diện đơn vị ", " làm ", " là ", " được
  // giao làm "
  const PhraseList joiners = c.phrases("role_joiners");
  for (bool again = true; again;) {
    again = false;
    ByteRange before = trim(t, {sentence.begin, end}, ",-(");
    if (before.end < end) {
      end = before.end;
      again = true;
    }
    std::size_t starts =
        end - sentence.begin >= 3 && t.compare(end - 3, 3, "–") == 0 ? end - 3 : std::string_view::npos;
    if (starts == std::string_view::npos) starts = joiners.ending_at(t, {sentence.begin, end});
    if (starts != std::string_view::npos && starts < end) {
      end = starts;
      again = true;
    }
  }
  const auto back_to_stop = [&](std::size_t from) {
    std::size_t b = from;
    while (b > sentence.begin && t[b - 1] != ',' && t[b - 1] != '(' && t[b - 1] != ';' && t[b - 1] != ':')
      --b;
    return b;
  };
  std::size_t begin = back_to_stop(end);
  std::optional<ByteRange> unit = unit_in(c, {begin, end});
  // a unit whose name holds a comma: "Ban quản lý Khu kinh tế, công nghiệp tỉnh ..., Khối trưởng"
  if (!unit && begin > sentence.begin + 1 && t[begin - 1] == ',')
    unit = unit_in(c, {back_to_stop(begin - 1), end});
  if (unit) return unit;
  if (auto named = unit_after_copula(c, role, sentence)) return named;
  if (auto named = unit_right_after(c, role, sentence)) return named;
  // "Với vai trò là Khối trưởng Khối Thi đua, Trường Văn hóa 3 thời gian qua ..."
  std::size_t comma = t.find(',', role.end);
  if (comma == std::string_view::npos || comma >= sentence.end || comma - role.end > 60) return std::nullopt;
  std::size_t b = skip_spaces(t, comma + 1);
  // "Thay mặt đơn vị Khối trưởng, đồng chí Nguyễn Văn A, Giám đốc Sở Y tế phát biểu": the unit in the
  // title of the person who speaks for the role
  for (const auto& p : c.find("person", {b, sentence.end})) {
    auto name = p.group("name");
    if (p.span.begin != b || !name || !names_a_person(c, p)) break;
    std::size_t after = skip_spaces(t, name->end);
    if (after < sentence.end && t[after] == ',')
      if (auto titled = unit_from(c, skip_spaces(t, after + 1), sentence)) return titled;
    break;
  }
  if (!c.units.match_at(t, b)) return std::nullopt;
  const auto named = unit_from(c, b, sentence);  // "UBND huyện Hải Lăng đã ...": to the verb
  if (!named) return std::nullopt;
  const ByteRange after = *named;
  // "... làm Khối trưởng năm 2025, Sở Giáo dục và Đào tạo làm Khối phó": the unit after the comma has a
  // role word of its own
  for (const auto& other : c.find("member.role", after))
    if (other.span.begin > after.begin) return std::nullopt;
  return after;
}

// The members as listed: the first introduced list that names at least two units (else the first that
// names one). Returns whether an item was cut off by a broken page.
bool listed_members(Context& c, Record& r) {
  bool truncated_item = false;
  std::vector<MemberItem> members;
  const RuleMatch* intro = nullptr;
  const std::vector<RuleMatch> intros = c.find("members.intro", {c.body_start, c.article.end});
  for (const auto& m : intros) {
    bool paren_list = m.rule->value == "list";
    // "Cụm thi đua 1 (gồm 4 huyện: ...)": the list inside has an introduction of its own
    if (paren_list && std::any_of(intros.begin(), intros.end(), [&](const RuleMatch& x) {
          return x.span.begin >= m.span.end && x.span.begin <= m.span.end + 2;
        }))
      continue;
    if (lists_another_bloc(c, r, m)) continue;
    if (introduces_topics(c, m)) continue;
    std::vector<MemberItem> items = read_member_list(c, m);
    std::size_t least = paren_list ? 3 : 1;  // "Khối ... số 2 (Bộ Quốc phòng)" is no list
    if (items.size() < least || !names_units(c, items)) continue;
    if (!intro || (members.size() < 2 && items.size() >= 2)) {
      intro = &m;
      members = std::move(items);
    }
    if (members.size() >= 2) break;
  }
  if (intro) append_sub_group_lists(c, *intro, members);
  // No list: the members the text names as examples ("một số đơn vị trong khối ... như A, B, C")
  std::vector<RuleMatch> examples;  // outlives the loop: `intro` may point into it
  if (members.empty()) {
    examples = c.find("members.examples", {c.body_start, c.article.end});
    for (const auto& m : examples) {
      std::vector<MemberItem> items = read_member_list(c, m);
      // "…" closing the examples is no unit
      items.erase(std::remove_if(items.begin(), items.end(),
                                 [&](const MemberItem& x) { return !has_letter(c.t, x.item.range); }),
                  items.end());
      // examples are read strictly: every one opens with a unit word and names no event ("như Hội thao,
      // Hội thảo khoa học")
      bool units = items.size() >= 2 && std::all_of(items.begin(), items.end(), [&](const MemberItem& x) {
                     return c.units.match_at(c.t, x.item.range.begin) > 0 &&
                            c.find("meeting.other_event", x.item.range).empty();
                   });
      if (!units) continue;
      intro = &m;
      members = std::move(items);
      break;
    }
  }
  for (const auto& [item, name, cut_off] : members) {
    if (cut_off) {
      truncated_item = true;
      r.warnings.push_back({"truncated", "member list cut off at \"" + name + "\""});
      continue;
    }
    r.explain["bloc.members[" + std::to_string(r.bloc.members.size()) + "]"] = intro->rule->name;
    if (item.role) r.explain["bloc.members[" + std::to_string(r.bloc.members.size()) + "].role"] = item.rule;
    r.bloc.members.push_back({name, item.role, c.at(item.range)});
  }

  return truncated_item;
}

}  // namespace thidua::extract::bloc
