// The bloc: its name, kind, number and province, the member count it states, its members in order
// and the roles (head, deputy) they hold.
#include <algorithm>
#include <set>
#include <string>

#include "extract_context.h"

namespace thidua::extract {
namespace {

bool is_roman(std::string_view s) {
  return !s.empty() && s.find_first_not_of("IVX") == std::string_view::npos;
}

std::size_t skip_spaces(std::string_view t, std::size_t i) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '\n')) ++i;
  return i;
}

// Past the spaces at i, on the same line (names stay on their line).
std::size_t skip_blanks(std::string_view t, std::size_t i) {
  while (i < t.size() && t[i] == ' ') ++i;
  return i;
}

std::size_t word_end(std::string_view t, std::size_t i) {
  while (i < t.size() && t[i] != ' ' && t[i] != '\n' && t[i] != ',' && t[i] != '.' && t[i] != ';' &&
         t[i] != ':' && t[i] != '(' && t[i] != ')')
    ++i;
  return i;
}

// "KCN", "LĐLĐ", "VH&TT", "ĐH": capitals (and '&'), no lower-case letter.
bool is_abbreviation(std::string_view w) {
  if (w.size() < 2) return false;
  bool upper = false;
  for (std::size_t i = 0; i < w.size();) {
    if (w[i] == '&' || w[i] == ' ' || w[i] == '-') {
      ++i;
      continue;
    }
    if (w.compare(i, 3, "–") == 0) {  // an en dash: "VH – TT & TT – TH"
      i += 3;
      continue;
    }
    if (starts_lower(w, i)) return false;
    upper |= starts_upper(w, i);
    auto lead = static_cast<unsigned char>(w[i]);
    i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  return upper;
}

// Where the `n` words that start at i end (a window counted in words, not bytes).
std::size_t words_end(std::string_view t, std::size_t i, std::size_t n) {
  for (std::size_t k = 0; k < n && i < t.size(); ++k) i = word_end(t, skip_spaces(t, i));
  return i;
}

struct Mention {
  ByteRange name;
  std::string kind;
  std::optional<std::string> number;
  std::optional<int> count;  // "Cụm thi đua 5 thành phố ...": a size, not a number
  std::optional<std::string> province;
  bool strong = false;  // says "thi đua" or has a number
};

// Whether a unit of a place starts at pos: a unit word, then capitalised words if any, then a territory
// word or a province ("Công an tỉnh Hòa Bình", "Thanh tra tỉnh", "Sở Nội vụ Quảng Trị"; not "Đoàn thể tỉnh").
bool parent_body_at(const Context& c, std::size_t pos) {
  const std::string_view t = c.t;
  std::size_t i = pos + c.units.match_at(t, pos);
  if (i == pos) return false;
  const PhraseList territory = c.phrases("territory_words");
  for (std::size_t words = 0; words < 4 && i < c.article.end; ++words) {
    i = skip_blanks(t, i);
    if (territory.match_at(t, i) > 0 || c.provinces.match_at(t, i) > 0) return true;
    std::size_t e = word_end(t, i);
    if (e == i || !starts_upper(t, i)) return false;  // "Đoàn thể tỉnh": a name's word, not a unit's
    i = e;
  }
  return false;
}

// Whether a local government unit is named at pos: a word of lists/place_units.txt, then a capital
// ("huyện Cam Lộ", "phường Đông Hà", "Xã Cửa Việt"; not "huyện miền núi").
bool place_unit_at(const Context& c, std::size_t pos) {
  const std::size_t n = c.phrases("place_units").match_at(c.t, pos);
  return n > 0 && starts_upper(c.t, skip_spaces(c.t, pos + n));
}

// Where a bloc's name goes on after the punctuation at `i`, if it does: after a dash inside the name
// ("Văn hóa - Xã hội"), after an abbreviation in parentheses ("Liên đoàn Lao động (LĐLĐ) các tỉnh"), after a
// comma of a list-like name ("các tỉnh, thành", "Ban Quản lý KCN, KKT các tỉnh"). `list_like`: the name
// so far holds a plural word ("các"); `previous_raw`: the word before.
// The most words a part of a bloc's name after a comma holds.
constexpr std::size_t kCommaPartWords = 8;

std::optional<std::size_t> past_punctuation(const Context& c, std::size_t i, bool list_like,
                                            std::string_view previous_raw) {
  const std::string_view t = c.t;
  if (t.compare(i, 1, "-") == 0 || t.compare(i, 3, "–") == 0) {
    std::size_t n = skip_blanks(t, i + (t[i] == '-' ? 1 : 3));
    // (not before a unit of a place, the body the bloc belongs to: "Cụm thi đua số 2 – Thanh tra tỉnh")
    if (n < t.size() && starts_upper(t, n) && c.find("meeting.type", {n, words_end(t, n, 2)}).empty() &&
        !parent_body_at(c, n))
      return n;
  }
  if (t[i] == '(') {
    std::size_t close = t.find(')', i);
    if (close != std::string_view::npos && close - i < 40 &&
        is_abbreviation(t.substr(i + 1, close - i - 1))) {
      std::size_t n = skip_blanks(t, close + 1);
      // it goes on after the parenthesis: a word, or a comma of a list-like name ("đại học (ĐH), cao đẳng
      // (CĐ) và ...")
      if (n < t.size() &&
          ((is_word_char(t, n) && !c.name_stops.match_at(t, n)) || (t[n] == ',' && list_like)))
        return n;
    }
  }
  if (t[i] == ',' && (list_like || is_abbreviation(previous_raw))) {
    std::size_t n = skip_blanks(t, i + 1);
    // the words of the part after the comma, up to a stop: a name's part is short ("Mặt trận Tổ quốc và
    // đoàn thể" has 7), a clause is longer
    std::size_t seg = 0;
    // (a noun that counts units opens a part as it opens the name: "các tỉnh, thành phố Đông Nam Bộ")
    const PhraseList count_nouns = c.phrases("count_nouns");
    for (std::size_t k = n; k < t.size() && seg <= kCommaPartWords;) {
      bool opening_noun = k == n && count_nouns.match_at(t, k) > 0;
      if ((c.name_stops.match_at(t, k) && !opening_noun) || t[k] == ',' || t[k] == '.' || t[k] == '\n' ||
          t[k] == '(')
        break;
      std::size_t we = word_end(t, k);
      if (we == k) break;
      ++seg;
      k = skip_blanks(t, we);
    }
    if (seg > 0 && seg <= kCommaPartWords) return n;
  }
  return std::nullopt;
}

// Whether a province is named at pos: "tỉnh Quảng Trị", "thành phố Hải Phòng", "TP.HCM".
bool province_mention_at(const Context& c, std::size_t pos) {
  for (const auto& m : c.find("bloc.province_mention", {pos, std::min(c.t.size(), pos + 64)}))
    if (m.span.begin == pos) return true;
  return false;
}

// At `i`, a province's bare name closing a bloc's name ("Khối thi đua các cơ quan Tỉnh ủy Bắc Ninh tổ
// chức"): the name ends there and the province is the bloc's; two of them ("... Long An – Vĩnh Long",
// "... Hậu Giang và Sóc Trăng") are a cluster's, which belongs to neither.
bool province_closes_name(const Context& c, std::size_t i, Mention& m) {
  const std::string_view t = c.t;
  const std::size_t len = c.provinces.match_at(t, i);
  if (len == 0) return false;
  std::size_t next = skip_blanks(t, i + len);
  while (next < t.size() && (t[next] == '-' || t[next] == ',')) next = skip_blanks(t, next + 1);
  if (t.compare(next, 3, "–") == 0) next = skip_blanks(t, next + 3);
  if (std::size_t joiner = c.phrases("conjunctions").match_at(t, next)) next = skip_blanks(t, next + joiner);
  std::size_t second = next > i + len ? c.provinces.match_at(t, next) : 0;
  std::size_t after = skip_blanks(t, second ? next + second : i + len);
  if (after < c.article.end && is_word_char(t, after) && c.name_stops.match_at(t, after) == 0) return false;
  const Gazetteer* g = c.rules.gazetteer("provinces");
  if (g && !second) m.province = g->standard_of(t.substr(i, len));
  return true;
}

// A bloc's name stopped at a word of `stop` bytes at `i`; a territory word there ("trên địa bàn tỉnh Lâm
// Đồng", "đóng trên địa bàn tỉnh ...") names the bloc's province after it.
void province_after_territory(const Context& c, std::size_t i, std::size_t stop, Mention& m) {
  const std::string_view t = c.t;
  const PhraseList territory = c.phrases("territory_words");
  if (!territory.contains(fold(t.substr(i, stop)))) return;
  std::size_t p = skip_blanks(t, i + stop);
  // a second territory word before the province
  if (std::size_t again = territory.match_at(t, p)) p = skip_blanks(t, p + again);
  if (std::size_t len = c.provinces.match_at(t, p))
    if (const Gazetteer* g = c.rules.gazetteer("provinces")) m.province = g->standard_of(t.substr(p, len));
}

// Extends a mention over its descriptive words ("các cơ quan tham mưu tổng hợp") up to a stop word,
// the province ("tỉnh Cao Bằng" -> province) or punctuation.
void extend_name(const Context& c, Mention& m, std::size_t pos, bool descriptive_only) {
  const std::string_view t = c.t;
  std::size_t end = m.name.end;
  std::size_t words = 0;
  const PhraseList plural = c.phrases("plural_words"), count_nouns = c.phrases("count_nouns"),
                   openers = c.phrases("name_openers"), parent_links = c.phrases("parent_links");
  bool list_like = false;         // "các bộ, ngành ..." may hold commas
  bool after_list_comma = false;  // at the first word after such a comma
  std::string previous;           // the word before, folded: at first the last word of the name so far
  std::string_view previous_raw;
  for (std::size_t b = m.name.end; b > m.name.begin; --b) {
    if (t[b - 1] == ' ') {
      previous = fold(t.substr(b, m.name.end - b));
      break;
    }
  }
  for (std::size_t i = skip_blanks(t, pos); i < c.article.end && words < 14;) {
    if (t[i] == '\n') break;
    // After "các" or a number a stop word is a noun of the name: "các tổ chức", "các tỉnh miền Tây",
    // "5 thành phố trực thuộc Trung ương".
    // (a number that ends a longer name is the bloc's: "Khối các sở quản lý nhà nước 1 gồm ..."; one
    // before what it counts is not: "Cụm thi đua Mặt trận 5 thành phố ...")
    bool after_number = !previous.empty() && previous.find_first_not_of("0123456789") == std::string::npos;
    // (but "4 tỉnh Quảng Trị" names the province of bloc 4)
    bool noun_position =
        plural.contains(previous) || (after_list_comma && count_nouns.match_at(t, i) > 0) ||
        (after_number && (words == 0 || count_nouns.match_at(t, i) > 0) && !province_mention_at(c, i));
    // "... các đơn vị sự nghiệp thuộc Sở Văn hóa": the body it belongs to is not part of the name
    if (std::size_t link = parent_links.match_at(t, i);
        link > 0 && c.units.match_at(t, skip_blanks(t, i + link)) > 0)
      break;
    std::size_t stop = noun_position ? 0 : c.name_stops.match_at(t, i);
    // "Văn phòng Tỉnh ủy": a unit's name that starts with a stop word ("tỉnh") is no stop
    if (stop && c.units.match_at(t, i) > stop) stop = 0;
    // a province's bare name closing the name ("... Tỉnh ủy Bắc Ninh tổ chức")
    if (words > 0 && !noun_position && province_closes_name(c, i, m)) break;
    if (stop) {
      province_after_territory(c, i, stop, m);
      break;
    }
    if (words == 0 && descriptive_only) {
      std::string w = fold(t.substr(i, word_end(t, i) - i));
      if (!plural.contains(w)) break;
    }
    if (words == 0 && !descriptive_only && !(starts_upper(t, i) || is_word_char(t, i))) break;
    if (words == 0) {
      std::string w = fold(t.substr(i, word_end(t, i) - i));
      list_like = plural.contains(w);
      // after a count ("5 thành phố trực thuộc Trung ương", "6 tỉnh Bắc Trung bộ") the noun is lower case
      if (!starts_upper(t, i) && !list_like && !noun_position && !openers.contains(w)) break;
    }
    std::size_t e = word_end(t, i);
    if (e == i) {
      // punctuation the name goes on over, or its end
      std::optional<std::size_t> next = past_punctuation(c, i, list_like, previous_raw);
      if (next) {
        after_list_comma = t[i] == ',' && list_like;
        i = *next;
        continue;
      }
      break;
    }
    std::string_view w = t.substr(i, e - i);
    if (w.find('-') != std::string_view::npos && w.size() > 1 && w.back() == '-') break;
    // a dash standing alone before a unit of a place: the body the bloc belongs to ("... - Công an tỉnh
    // Hòa Bình"), unlike a name's own parts ("Mặt trận - Đoàn thể")
    if ((w == "-" || w == "–") && parent_body_at(c, skip_blanks(t, e))) break;
    previous = fold(w);
    previous_raw = w;
    after_list_comma = false;
    list_like |= plural.contains(previous);
    end = e;
    ++words;
    i = skip_blanks(t, e);
  }
  m.name.end = end;
}

std::optional<Mention> read_mention(const Context& c, const RuleMatch& rm) {
  const std::string_view t = c.t;
  ByteRange kind = *rm.group("kind");
  // "Đoàn Khối các cơ quan", "Đảng ủy Khối Doanh nghiệp": a party or youth body, not a bloc. (Matched
  // as words: a look-back of a fixed number of bytes misses "Đảng ủy", 13 bytes in UTF-8.)
  for (const auto& body : c.find("bloc.party_body", {kind.begin >= 64 ? kind.begin - 64 : 0, kind.end}))
    if (body.group("kind")->begin == kind.begin) return std::nullopt;
  Mention m;
  const Gazetteer* kinds = c.rules.gazetteer("bloc_kinds");
  m.kind = kinds ? kinds->standard_of(c.slice(kind)).value_or("") : "";
  m.name = kind;
  bool thidua = rm.group("thidua").has_value();
  // "cụm số 1 gồm các xã": a lower-case "cụm"/"khối" that does not say "thi đua" is an ordinary noun,
  // unless a proper name follows it ("khối Công an các huyện", "cụm Đông Nam bộ").
  bool lower = !starts_upper(t, kind.begin);
  bool proper_name_after =
      !rm.group("number") && !rm.group("bare") && starts_upper(t, skip_spaces(t, kind.end));
  if (!thidua && lower && !proper_name_after) return std::nullopt;
  if (thidua) m.name.end = rm.group("thidua")->end;
  if (auto num = rm.group("number")) {
    // "Cụm thi đua số 3 các trường chính trị": after "số N" the name is complete; what follows describes
    // it (its province is still read there).
    m.number = std::string(c.slice(*num));
    m.name.end = num->end;
    m.strong = true;
    extend_name(c, m, m.name.end, true);
    m.name.end = num->end;
    return m;
  }

  if (auto bare = rm.group("bare")) {
    // "Cụm thi đua 6 tháng đầu năm": a span of time, and no bloc named
    ByteRange around{bare->begin >= 1 ? bare->begin - 1 : 0, std::min(c.t.size(), bare->end + 16)};
    for (const auto& time : c.find("bloc.time_count", around))
      if (time.group("count")->begin == bare->begin) return std::nullopt;
    // A number followed by what it counts ("5 thành phố") is the bloc's size, part of a descriptive name.
    std::size_t after = skip_spaces(t, bare->end);
    std::string next = fold(t.substr(after, word_end(t, after) - after));
    bool counts = c.phrases("count_nouns").contains(next);
    // ... unless the noun opens a province's name: "Khối Thi đua 4 tỉnh Quảng Trị" is bloc number 4 of
    // that province ("Cụm thi đua 5 tỉnh Tây Nguyên" counts: a region is no province)
    if (province_mention_at(c, after)) counts = false;
    if (counts && !is_roman(c.slice(*bare))) {
      m.count = std::stoi(std::string(c.slice(*bare)));
      m.name.end = bare->end;
      m.strong = true;
      extend_name(c, m, m.name.end, false);
      return m;
    }
    m.number = std::string(c.slice(*bare));
    m.name.end = bare->end;
    m.strong = true;
    extend_name(c, m, m.name.end, true);
    return m;
  }
  // No number: the descriptive words after it make the name ("Khối thi đua các cơ quan Đảng",
  // "Khối Nội chính"). A bare "Khối thi đua" or "khối" names no bloc in particular.
  std::size_t before_ext = m.name.end;
  extend_name(c, m, m.name.end, false);
  if (m.name.end == before_ext) return std::nullopt;
  m.strong = thidua;
  // "Khối các sở quản lý nhà nước 1", "Khối thi đua các cơ quan tham mưu I": a number that ends the
  // descriptive name is the bloc's number
  std::size_t last = m.name.end;
  while (last > m.name.begin && t[last - 1] != ' ') --last;
  std::string_view tail = t.substr(last, m.name.end - last);
  if (last > before_ext && (is_roman(tail) || (tail.size() <= 2 && tail.find_first_not_of("0123456789") ==
                                                                       std::string_view::npos)))
    m.number = std::string(tail);
  return m;
}

// Regional and national clusters belong to no province (clusters of provinces are told by their members).
bool is_supra_provincial(const Context& c, ByteRange name) {
  return c.phrases("supra_provincial").occurs_in(c.t, name);
}

struct Item {
  ByteRange range;
  std::optional<std::string> role;
  std::string rule;  // the rule that gave the role
};

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

// Whether a unit's name starts at pos: a unit word ("Sở", "Ban", "Công an") or a province, bare or after
// "tỉnh"/"thành phố" ("tỉnh Kiên Giang").
bool opens_unit(const Context& c, std::size_t pos) {
  return c.units.match_at(c.t, pos) > 0 || c.provinces.match_at(c.t, pos) > 0 || province_mention_at(c, pos);
}

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

// The unit named after the role: "đơn vị Cụm trưởng ... năm 2018 là Công an tỉnh Quảng Trị". The second
// member says whether the role and the "là" stand in one phrase (no comma between them).
std::optional<ByteRange> unit_after_copula(const Context& c, ByteRange role, ByteRange sentence,
                                           bool* one_phrase = nullptr) {
  const std::string_view t = c.t;
  const PhraseList copulas = c.phrases("copulas");
  std::size_t la = copulas.find_in(t, {role.end, std::min(sentence.end, role.end + 80)});
  if (la == std::string_view::npos) return std::nullopt;
  std::size_t after_la = skip_spaces(t, la + copulas.match_at(t, la));
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
    if (c.units.match_at(t, opens) > 0 || c.provinces.match_at(t, opens) > 0 || place_unit_at(c, opens)) {
      va = earlier;
      break;
    }
    earlier = conjunctions.rfind_in(t, {last.range.begin, earlier});
  }
  if (va != std::string_view::npos) {
    std::size_t after = skip_spaces(t, va + conjunctions.match_at(t, va));
    va -= 1;  // the space before it
    bool unit = c.units.match_at(t, after) > 0 || c.provinces.match_at(t, after) > 0 || place_unit_at(c, after);
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
  // "gồm 4 huyện Đạ Huoai, Đạ Tẻh, ...": the count and its noun before the first name are no part of it
  // (in a list: "gồm 7 trường THPT khu vực thành phố" alone describes the members)
  if (items.size() >= 2)
    for (const auto& count : c.find("bloc.count_phrase", items[0].range))
      if (trim(c.t, {items[0].range.begin, count.span.begin}).size() == 0 &&
          count.span.end < items[0].range.end && starts_upper(t, skip_spaces(t, count.span.end))) {
        items[0].range = trim(c.t, {count.span.end, items[0].range.end});
        break;
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
    if (starts_upper(c.t, b) || (c.t[b] >= '0' && c.t[b] <= '9') || c.units.match_at(c.t, b) > 0 ||
        place_unit_at(c, b))
      ++units;
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

// The one province an article about a bloc names, if it names exactly one and does not speak of a
// cluster of several ("các tỉnh", "12 tỉnh", "tỉnh, thành", "Tây Nam Bộ"): a venue, a member's or an
// official's province in a multi-province cluster is not the bloc's.
std::optional<std::string> single_province(const Context& c, const Record& r) {
  bool members_are_provinces = !r.bloc.members.empty();
  for (const auto& m : r.bloc.members) members_are_provinces &= c.provinces.contains(match_form(m.name));
  if (members_are_provinces) return std::nullopt;
  for (const auto& m : c.find("bloc.multi_province", c.article))
    if (!m.group("bloc_number")) return std::nullopt;  // "Khối thi đua số 6 tỉnh Cao Bằng" counts nothing
  const Gazetteer* g = c.rules.gazetteer("provinces");
  if (!g) return std::nullopt;
  std::optional<std::string> found, venue;
  const auto& venues = c.find("meeting.location");  // "tại thành phố Sóc Trăng": where, not whose
  for (const auto& m : c.find("bloc.province_mention", {c.body_start, c.article.end})) {
    auto name = g->standard_of(c.slice(*m.group("name")));
    if (!name) continue;
    if (std::any_of(venues.begin(), venues.end(), [&](const RuleMatch& v) {
          auto place = v.group("place");
          return place && place->begin <= m.span.begin && m.span.end <= place->end;
        })) {
      if (venue && *venue != *name) return std::nullopt;
      venue = name;
      continue;
    }
    if (found && *found != *name) return std::nullopt;  // two provinces: a cluster of several
    found = name;
  }
  // Only the venue named: it is the bloc's province when the text speaks from inside one province, of
  // its agencies by a bare "tỉnh" ("Trưởng Ban Dân tộc tỉnh, Khối trưởng", "UBND tỉnh tặng cờ").
  if (!found && venue && !c.find("bloc.own_province", {c.body_start, c.article.end}).empty()) return venue;
  if (found && venue && *found != *venue) return std::nullopt;
  return found;
}

// The bloc's name: the headline's mention, else the first strong mention in the body, else the first
// weak one.
std::optional<Mention> choose_bloc(Context& c, Record& r) {
  std::optional<Mention> chosen, weak;
  bool chosen_in_title = false;
  for (const auto& rm : c.find("bloc.mention")) {
    auto m = read_mention(c, rm);
    if (!m) continue;
    // A headline's short form ("Cụm 4") yields to the body's full name of the same bloc ("Cụm thi đua
    // số 4").
    if (chosen_in_title) {
      if (rm.group("thidua") && m->number && m->number == chosen->number && m->kind == chosen->kind) {
        chosen = m;
        break;
      }
      // A headline in capitals ("KHỐI THI ĐUA VĂN HOÁ - XÃ HỘI") yields to the same name as the body
      // writes it.
      if (!has_lower(c.t, chosen->name) && has_lower(c.t, m->name) &&
          letters_folded(c.slice(m->name)) == letters_folded(c.slice(chosen->name))) {
        chosen = m;
        break;
      }
      continue;
    }
    bool in_title = c.in_title(rm.span.begin);
    if (in_title && (m->strong || starts_upper(c.t, m->name.begin))) {
      chosen = m;
      chosen_in_title = true;
      if ((rm.group("thidua") || !m->number) && has_lower(c.t, m->name)) break;
      continue;
    }
    // above the body only the lines after the headline (captions, sapo) speak of this article
    std::size_t lead_from = c.title_line ? c.lines[c.title_line2.value_or(*c.title_line)].end : c.body_start;
    if (rm.span.begin < std::min(lead_from, c.body_start)) continue;
    if (m->strong && !chosen) chosen = m;
    if (!m->strong && !weak) weak = m;
  }
  if (!chosen) chosen = weak;
  // "Khối thi đua các cơ quan Trung ương đóng trên địa bàn tỉnh ..." in the headline, "... tỉnh Lâm
  // Đồng" in the body: the same name's province, where the chosen mention has none
  if (chosen && !chosen->province) {
    const std::string name = letters_folded(c.slice(chosen->name));
    for (const auto& rm : c.find("bloc.mention")) {
      if (rm.span.begin < chosen->name.end || rm.span.end > c.article.end) continue;  // the article after it
      auto m = read_mention(c, rm);
      if (m && m->province && letters_folded(c.slice(m->name)) == name) {
        chosen->province = m->province;
        break;
      }
    }
  }
  if (chosen) {
    r.bloc.name = c.value(chosen->name);
    r.explain["bloc.name"] = "bloc.mention";
    r.bloc.kind = chosen->kind;
    r.bloc.number = chosen->number;
    r.bloc.at = c.at(chosen->name);
    if (chosen->count) r.bloc.stated_member_count = chosen->count;
  }

  return chosen;
}

// The number of member units the text states ("09 đơn vị trong Khối", "gồm 8 đơn vị").
void stated_count(Context& c, Record& r) {
  if (r.bloc.stated_member_count) return;
  auto counts = c.find("bloc.count", {c.body_start, c.article.end});
  auto not_members = c.find("bloc.count_not", {c.body_start, c.article.end});
  // the number, written after the members' kind or before it ("gồm Hội Nông dân 5 tỉnh", "gồm 6 Thuế tỉnh"),
  // or before a unit's name ("gồm 12 Liên đoàn Lao động các tỉnh")
  const auto number = [](const RuleMatch& m) {
    return m.group("count")         ? *m.group("count")
           : m.group("count_first") ? *m.group("count_first")
           : m.group("units")       ? *m.group("units")
                                    : *m.group("count_word");
  };
  const RuleMatch* best = nullptr;
  for (const auto& m : counts) {
    ByteRange n = number(m);
    if (std::any_of(not_members.begin(), not_members.end(),
                    [&](const RuleMatch& x) { return x.span.begin <= n.begin && n.end <= x.span.end; }))
      continue;
    if (!best || m.rule->priority > best->rule->priority) best = &m;
  }
  if (best) {
    std::string n(c.slice(number(*best)));
    if (best->group("count_word")) {  // "bảy" -> 7 (lists/counts.txt)
      const Gazetteer* spelled = c.rules.gazetteer("counts");
      auto standard = spelled ? spelled->standard_of(n) : std::nullopt;
      if (!standard) return;
      n = *standard;
    }
    r.bloc.stated_member_count = std::stoi(n);
    // "gồm 06 huyện và 01 thành phố": the counts of two kinds of unit add up
    if (auto more = best->group("more"))
      *r.bloc.stated_member_count += std::stoi(std::string(c.slice(*more)));
    r.explain["bloc.stated_member_count"] = best->rule->name;
  }
}

// Whether a member list introduced at `intro` is another bloc's: the bloc named last before it in its
// sentence (with "thi đua" or a number) is not the record's ("Cùng ngày, cụm thi đua các đơn vị trực
// thuộc gồm: ..." in an article about the cluster of the province's military agencies).
bool lists_another_bloc(const Context& c, const Record& r, const RuleMatch& intro) {
  if (!r.bloc.name) return false;
  ByteRange sentence = c.sentence_of(intro.span.begin);
  std::optional<Mention> last;
  for (const auto& rm : c.find("bloc.mention", {sentence.begin, intro.span.begin}))
    if (auto mention = read_mention(c, rm);
        mention && mention->strong && mention->name.end <= intro.span.begin)
      last = mention;
  if (!last) return false;
  // "Khối ... chia làm hai cụm: Cụm 1 gồm ...": a group the bloc is divided into
  if (!c.find("members.division", {sentence.begin, last->name.begin}).empty()) return false;
  std::string named = fold(match_form(c.value(last->name))), own = fold(match_form(*r.bloc.name));
  return named.find(own) == std::string::npos && own.find(named) == std::string::npos &&
         !same_unit(named, own);
}

// Whether a list introduced at `intro` lists contents ("nội dung trọng tâm năm 2023 gồm: ..."), not units.
bool introduces_topics(const Context& c, const RuleMatch& intro) {
  ByteRange sentence = c.sentence_of(intro.span.begin);
  for (const auto& m : c.find("members.topics", {sentence.begin, intro.span.end}))
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

// The latest year named in `where` ("năm 2024", the end of "năm học 2023-2024"); 0 when none is.
int latest_year(const Context& c, ByteRange where) {
  int latest = 0;
  for (const auto& m : c.find("year", where)) {
    auto y = m.group("end_year") ? m.group("end_year") : m.group("year");
    if (y) latest = std::max(latest, std::stoi(std::string(c.slice(*y))));
  }
  return latest;
}

// Whether a role word names a role handed on rather than held at the meeting: after a vote or a
// hand-over earlier in its sentence, or in a year after the meeting's.
bool role_handed_on(const Context& c, ByteRange role_word, ByteRange sentence,
                    const std::vector<RuleMatch>& not_held, int headline_year, int meeting_year) {
  // "Hội nghị đã bầu đơn vị Cụm trưởng ... là X, đơn vị Cụm phó là Y": a vote or hand-over earlier in
  // the sentence concerns every role word after it
  bool handed_on = std::any_of(not_held.begin(), not_held.end(), [&](const RuleMatch& n) {
    return n.span.begin >= sentence.begin && n.span.end <= role_word.begin + 1;
  });
  // "Năm học 2024-2025, Trường X được giao làm Cụm trưởng" under a headline of 2023-2024: next year's
  handed_on |= headline_year > 0 && latest_year(c, {sentence.begin, role_word.begin}) > headline_year;
  // "Khối trưởng năm 2025 là Sở Nội vụ" in the review of 2024: the role's own year, written right after it
  if (meeting_year > 0)
    for (const auto& y : c.find_at("year", {skip_spaces(c.t, role_word.end), sentence.end})) {
      auto year = y.group("end_year") ? y.group("end_year") : y.group("year");
      handed_on |= year && std::stoi(std::string(c.slice(*year))) > meeting_year;
    }
  return handed_on;
}

// The member named nearest a role word in its sentence (`keys`: the members' folded names): before it,
// or after it as a weaker reading; within 160 bytes.
struct NearestMember {
  std::optional<std::size_t> index;
  std::size_t distance = 0, end = 0;  // from the role word; where the mention ends
};
NearestMember nearest_member(const Context& c, const std::vector<std::string>& keys, ByteRange role_word,
                             ByteRange sentence) {
  NearestMember best;
  const std::string region = fold(c.slice(sentence));
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::string& key = keys[k];
    for (std::size_t at = region.find(key); at != std::string::npos; at = region.find(key, at + 1)) {
      std::size_t pos = sentence.begin + at;  // folding keeps byte lengths for Vietnamese text
      if (c.in_title(pos)) continue;
      std::size_t mention_end = pos + key.size();
      std::size_t distance;
      if (mention_end <= role_word.begin)
        distance = role_word.begin - mention_end;
      else if (pos >= role_word.end)
        distance = (pos - role_word.end) + 60;  // after: a weaker reading
      else
        continue;
      if (distance > 160) continue;
      if (!best.index || distance < best.distance) best = {k, distance, mention_end};
    }
  }
  return best;
}

// Roles stated in sentences: the member named nearest before the role word (or just after it), or the
// unit written beside it, which then joins the members.
void roles_in_sentences(Context& c, Record& r) {
  const int headline_year = latest_year(c, c.title_line ? c.lines[*c.title_line] : ByteRange{0, 0});
  // the year the meeting stands in: the headline's, else the lead sentence's
  const int meeting_year = headline_year > 0 ? headline_year : latest_year(c, c.sentence_of(c.body_start));
  const auto& role_words = c.find("member.role");
  const auto& not_held = c.find("member.role_not_held");
  std::vector<ByteRange> covered;
  std::vector<std::string> keys;  // each member's name, folded once
  for (const auto& rw : role_words) {
    if (std::any_of(covered.begin(), covered.end(),
                    [&](ByteRange x) { return rw.span.begin < x.end && x.begin < rw.span.end; }))
      continue;  // "Phó Trưởng khối": the deputy reading, which starts earlier, already took it
    covered.push_back(rw.span);
    ByteRange sentence = c.sentence_of(rw.span.begin);
    // A unit handed the role (elected for next year) is still a member, without the role.
    const std::optional<std::string> role =
        role_handed_on(c, rw.span, sentence, not_held, headline_year, meeting_year)
            ? std::nullopt
            : std::optional<std::string>(rw.rule->value);
    while (keys.size() < r.bloc.members.size())
      keys.push_back(fold(match_form(r.bloc.members[keys.size()].name)));
    const NearestMember nearest = nearest_member(c, keys, rw.span, sentence);
    const std::optional<std::size_t> best = nearest.index;
    const std::size_t best_distance = nearest.distance, best_end = nearest.end;
    // The unit written right beside the role word ("Thanh tra Sở Kế hoạch và Đầu tư - đơn vị Cụm Phó")
    // wins over a member named further back in the sentence.
    std::optional<ByteRange> unit = unit_beside_role(c, rw.span, sentence);
    bool unit_nearer = unit && unit->end <= rw.span.begin && rw.span.begin - unit->end < best_distance;
    // "... là Công an tỉnh Quảng Trị, đơn vị Cụm phó là Công an tỉnh Thừa Thiên Huế", "Khối trưởng là Sở
    // Tài chính; Khối phó là Sở Xây dựng": the unit the role names after "là" wins over a member before a
    // comma or a ';'
    bool one_phrase = false;
    std::size_t before_end = best ? best_end : unit && unit->end <= rw.span.begin ? unit->end : rw.span.end;
    if (before_end <= rw.span.begin &&
        c.slice({before_end, rw.span.begin}).find_first_of(",;") != std::string_view::npos) {
      if (auto named = unit_after_copula(c, rw.span, sentence, &one_phrase); named && one_phrase) {
        unit = named;
        unit_nearer = true;
      } else if (auto after = unit_right_after(c, rw.span, sentence)) {  // "...; Khối phó: Sở Tư pháp"
        unit = after;
        unit_nearer = true;
      }
    }
    if (best && !unit_nearer) {
      if (role && !r.bloc.members[*best].role) {
        r.bloc.members[*best].role = role;
        r.explain["bloc.members[" + std::to_string(*best) + "].role"] = rw.rule->name;
      }
      continue;
    }
    if (!unit) continue;
    // Otherwise the unit beside the role is a member with that role.
    std::string name = c.value(*unit);
    auto known = std::find_if(r.bloc.members.begin(), r.bloc.members.end(),
                              [&](const Member& m) { return same_unit(m.name, name); });
    if (known != r.bloc.members.end()) {
      if (role && !known->role) known->role = role;
      continue;
    }
    r.explain["bloc.members[" + std::to_string(r.bloc.members.size()) + "]"] = rw.rule->name;
    r.bloc.members.push_back({name, role, c.at(*unit)});
  }
}

}  // namespace

void extract_bloc(Context& c, Record& r) {
  std::optional<Mention> chosen = choose_bloc(c, r);
  stated_count(c, r);
  bool truncated_item = listed_members(c, r);
  roles_in_sentences(c, r);
  // --- province
  if (chosen && chosen->province)
    r.bloc.province = chosen->province;
  else if (chosen && r.bloc.name && !is_supra_provincial(c, chosen->name))
    r.bloc.province = single_province(c, r);

  if (r.bloc.stated_member_count && (!r.bloc.members.empty() || truncated_item) &&
      static_cast<std::size_t>(*r.bloc.stated_member_count) != r.bloc.members.size()) {
    r.warnings.push_back({"member_count_mismatch", std::to_string(*r.bloc.stated_member_count) +
                                                       " members stated, " +
                                                       std::to_string(r.bloc.members.size()) + " found"});
  } else if (r.bloc.stated_member_count && r.bloc.members.empty()) {
    r.warnings.push_back({"member_count_mismatch", std::to_string(*r.bloc.stated_member_count) +
                                                       " members stated, no member list given"});
  }
}

}  // namespace thidua::extract
