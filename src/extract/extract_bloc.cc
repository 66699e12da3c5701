// The bloc: its name, kind, number and province, and the member count it states. Its members and
// their roles: extract_members.cc, extract_roles.cc.
#include <algorithm>
#include <set>
#include <string>

#include "extract_bloc_parts.h"

namespace thidua::extract::bloc {
namespace {

bool is_roman(std::string_view s) {
  return !s.empty() && s.find_first_not_of("IVX") == std::string_view::npos;
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

// Regional and national clusters belong to no province (clusters of provinces are told by their members).
bool is_supra_provincial(const Context& c, ByteRange name) {
  return c.phrases("supra_provincial").occurs_in(c.t, name);
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
           : m.group("unit_count")  ? *m.group("unit_count")
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

}  // namespace

// Whether a province is named at pos: "tỉnh Quảng Trị", "thành phố Hải Phòng", "TP.HCM".
bool province_mention_at(const Context& c, std::size_t pos) {
  for (const auto& m : c.find("bloc.province_mention", {pos, std::min(c.t.size(), pos + 64)}))
    if (m.span.begin == pos) return true;
  return false;
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

}  // namespace thidua::extract::bloc

namespace thidua::extract {

void extract_bloc(Context& c, Record& r) {
  using namespace bloc;
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
