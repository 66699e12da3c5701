#include "eval.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "fields.h"
#include "printer.h"

namespace thidua {
namespace {

using Json = nlohmann::json;

bool is_tone_mark(UChar32 c) { return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323; }
// Python's \w: letters, digits and '_'; a combining mark (a tone left uncomposed by canon) is not one.
bool is_word(UChar32 c) { return u_isalnum(c) || c == '_'; }

icu::UnicodeString normalize_with(const icu::UnicodeString& s, bool nfd) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n =
      nfd ? icu::Normalizer2::getNFDInstance(status) : icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString out = n->normalize(s, status);
  return U_SUCCESS(status) ? out : s;
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

std::set<std::string> toks(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(eval_canon(s));
  std::set<std::string> out;
  icu::UnicodeString cur;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    if (is_word(c))
      cur.append(c);
    else if (!cur.isEmpty()) {
      out.insert(to_utf8(cur));
      cur.remove();
    }
    i += U16_LENGTH(c);
  }
  if (!cur.isEmpty()) out.insert(to_utf8(cur));
  return out;
}

bool similar(const std::string& a, const std::string& b, double need) {
  auto ta = toks(a), tb = toks(b);
  if (ta.empty() || tb.empty()) return false;
  std::vector<std::string> inter, uni;
  std::set_intersection(ta.begin(), ta.end(), tb.begin(), tb.end(), std::back_inserter(inter));
  std::set_union(ta.begin(), ta.end(), tb.begin(), tb.end(), std::back_inserter(uni));
  return double(inter.size()) / double(uni.size()) >= need;
}

const Json* get(const Json& rec, const std::string& path) {
  const Json* cur = &rec;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = path.find('.', start);
    std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object() || !cur->contains(key)) return nullptr;
    cur = &(*cur)[key];
    if (dot == std::string::npos) return cur;
    start = dot + 1;
  }
}

std::optional<std::string> scalar_text(const Json* j) {
  if (!j || j->is_null()) return std::nullopt;
  if (j->is_string()) return j->get<std::string>();
  return j->dump();
}

void scalar(FieldScore& t, const Json& gold, const Json& pred, const std::string& field, double fuzzy) {
  auto g = scalar_text(get(gold, field)), p = scalar_text(get(pred, field));
  if (!g && !p) return;
  if (!g) {
    t.fp++;
    return;
  }
  if (!p) {
    t.fn++;
    return;
  }
  bool ok = fuzzy > 0 ? similar(*g, *p, fuzzy) : eval_canon(*g) == eval_canon(*p);
  if (ok)
    t.tp++;
  else {
    t.fp++;
    t.fn++;
  }
}

// A list slot's items in a record: each item's key (a name, a clause, a number) and, for a refinement,
// the value scored with it (a role, a kind), one pair per value (a person has several roles).
using Pair = std::pair<std::string, std::string>;

std::string str(const Json& j, const std::string& key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

const Json& arr(const Json& rec, const std::string& path) {
  static const Json empty = Json::array();
  const Json* j = get(rec, path);
  return j && j->is_array() ? *j : empty;
}

// The member of a list item a field names: "role" for "bloc.members[].role".
std::string member_of(const FieldDecl& f) { return f.path.substr(list_of(f.path).size() + 3); }

// The field whose value keys a list's items in eval: the list's slot that refines nothing.
const FieldDecl& key_field(const FieldDecl& f) {
  if (!f.slot.refinement) return f;
  for (const auto& k : record_fields())
    if (list_of(k.path) == list_of(f.path) && !k.slot.name.empty() && !k.slot.refinement) return k;
  return f;
}

std::vector<Pair> slot_items(const Json& rec, const FieldDecl& f) {
  const std::string key = member_of(key_field(f)), member = member_of(f);
  std::vector<Pair> out;
  for (const auto& item : arr(rec, std::string(list_of(f.path)))) {
    if (!f.slot.refinement) {
      out.push_back({str(item, key), ""});
      continue;
    }
    const Json* v = item.is_object() && item.contains(member) ? &item[member] : nullptr;
    if (v && v->is_array()) {
      for (const auto& x : *v)
        if (x.is_string()) out.push_back({str(item, key), x.get<std::string>()});
    } else if (!str(item, member).empty()) {
      out.push_back({str(item, key), str(item, member)});
    }
  }
  return out;
}

// Whether two decisions are one: overlapping words, or the gold's words all in the prediction.
bool same_clause(const std::string& g, const std::string& p) {
  if (similar(g, p, 0.5)) return true;
  auto tg = toks(g), tp = toks(p);
  return tg.size() > 3 && std::includes(tp.begin(), tp.end(), tg.begin(), tg.end());
}

bool same_key(Scoring scoring, const std::string& g, const std::string& p) {
  switch (scoring) {
    case Scoring::kName:
      return eval_name_eq(g, p);
    case Scoring::kClause:
      return same_clause(g, p);
    default:
      return eval_canon(g) == eval_canon(p);
  }
}

// Greedy one-to-one matching, as score.py does it.
void listed(FieldScore& t, const std::vector<Pair>& gold, std::vector<Pair> pred, Scoring scoring) {
  int tp = 0;
  for (const auto& g : gold) {
    for (std::size_t i = 0; i < pred.size(); ++i) {
      if (g.second == pred[i].second && same_key(scoring, g.first, pred[i].first)) {
        ++tp;
        pred.erase(pred.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    }
  }
  t.tp += tp;
  t.fp += static_cast<int>(pred.size());
  t.fn += static_cast<int>(gold.size()) - tp;
}

void score_pair(std::map<std::string, FieldScore>& t, const Json& gold, const Json& pred) {
  for (const FieldDecl* f : scored_fields()) {
    FieldScore& slot = t[std::string(f->slot.name)];
    if (list_of(f->path).empty())
      scalar(slot, gold, pred, f->path, f->slot.scoring == Scoring::kSimilar ? f->slot.threshold : 0);
    else
      listed(slot, slot_items(gold, *f), slot_items(pred, *f), f->slot.scoring);
  }
}

const FieldDecl* slot_field(const std::string& slot) {
  for (const FieldDecl* f : scored_fields())
    if (f->slot.name == slot) return f;
  return nullptr;
}

bool is_scalar_field(const std::string& slot) {
  const FieldDecl* f = slot_field(slot);
  return f && list_of(f->path).empty();
}

// The items of one list slot in a record, each as a minimal record holding just that item (to score one
// pair at a time, as score.py's --errors does) and as the text the listing shows.
struct FieldItem {
  Json record;
  std::string shown;
};

std::vector<FieldItem> field_items(const Json& rec, const std::string& slot) {
  const FieldDecl* f = slot_field(slot);
  if (!f || list_of(f->path).empty()) return {};
  const FieldDecl& key = key_field(*f);
  std::vector<FieldItem> out;
  for (const auto& [k, refined] : slot_items(rec, *f)) {
    Json item = {{member_of(key), k}};
    std::string shown = k;
    if (f->slot.refinement) {
      item[member_of(*f)] = f->type == FieldType::kStrings ? Json::array({refined}) : Json(refined);
      shown = f->slot.scoring == Scoring::kClause ? "[" + refined + "] " + k : k + " (" + refined + ")";
    }
    Json one = Json::object();
    Json* at = &one;
    std::string_view path = list_of(f->path);
    for (std::size_t dot; (dot = path.find('.')) != std::string_view::npos; path.remove_prefix(dot + 1))
      at = &(*at)[std::string(path.substr(0, dot))];
    (*at)[std::string(path)] = Json::array({item});
    out.push_back({std::move(one), std::move(shown)});
  }
  return out;
}

// What one document's prediction missed (-) and added (+) in `field`; empty when it has every slot.
std::vector<std::string> field_errors(const Json& gold, const Json& pred, const std::string& field) {
  std::map<std::string, FieldScore> whole;
  score_pair(whole, gold, pred);
  const FieldScore& t = whole[field];
  if (!t.fp && !t.fn) return {};
  std::vector<std::string> out;
  char head[200];
  std::snprintf(head, sizeof head, "(%s: %d right, %d missed, %d extra)", field.c_str(), t.tp, t.fn, t.fp);
  out.push_back(head);
  if (is_scalar_field(field)) {
    auto shown = [](const Json* j) { return j && !j->is_null() ? j->dump() : std::string("null"); };
    out.push_back("  - " + shown(get(gold, field)));
    out.push_back("  + " + shown(get(pred, field)));
    return out;
  }
  auto matches = [&](const Json& g, const Json& p) {
    std::map<std::string, FieldScore> one;
    score_pair(one, g, p);
    return one[field].tp > 0;
  };
  std::vector<FieldItem> gi = field_items(gold, field), pi = field_items(pred, field);
  for (const auto& g : gi)
    if (std::none_of(pi.begin(), pi.end(), [&](const FieldItem& p) { return matches(g.record, p.record); }))
      out.push_back("  - " + g.shown);
  for (const auto& p : pi)
    if (std::none_of(gi.begin(), gi.end(), [&](const FieldItem& g) { return matches(g.record, p.record); }))
      out.push_back("  + " + p.shown);
  return out;
}

std::string read_file(const std::filesystem::path& p, bool& ok) {
  std::ifstream f(p, std::ios::binary);
  ok = static_cast<bool>(f);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

}  // namespace

std::string eval_canon(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.findAndReplace(icu::UnicodeString(static_cast<UChar>(0xA0)), icu::UnicodeString(" "));
  u = normalize_with(u, true);
  u.foldCase();
  // Each white-space separated syllable gets its tone marks moved to its end.
  icu::UnicodeString out, base, tones;
  bool first = true, in_space = false;
  auto flush = [&]() {
    if (base.isEmpty() && tones.isEmpty()) return;
    if (!first) out.append(static_cast<UChar>(' '));
    out.append(base).append(tones);
    first = false;
    base.remove();
    tones.remove();
  };
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      if (!in_space) flush();
      in_space = true;
      continue;
    }
    in_space = false;
    if (is_tone_mark(c))
      tones.append(c);
    else
      base.append(c);
  }
  flush();
  out = normalize_with(out, false);
  int32_t b = 0, e = out.length();
  while (b < e && !(u_isalnum(out.char32At(b)))) b += U16_LENGTH(out.char32At(b));
  while (e > b && !(u_isalnum(out.char32At(e - 1)))) --e;
  return to_utf8(out.tempSubString(b, e - b));
}

bool eval_name_eq(const std::string& a, const std::string& b) {
  if (eval_canon(a) == eval_canon(b) || similar(a, b, 0.8)) return true;
  static const std::set<std::string> generic = {"tỉnh", "thành", "phố", "tp", "huyện", "thị", "xã"};
  auto ta = toks(a), tb = toks(b);
  for (const auto& g : generic) {
    ta.erase(g);
    tb.erase(g);
  }
  const auto& s = ta.size() <= tb.size() ? ta : tb;
  const auto& l = ta.size() <= tb.size() ? tb : ta;
  return s.size() >= 2 && std::includes(l.begin(), l.end(), s.begin(), s.end());
}

bool is_eval_field(const std::string& field) { return slot_field(field) != nullptr; }

Result<EvalReport> evaluate(const std::string& gold_dir, const RuleSet& rules, const ExtractOptions& options,
                            const std::string& errors_field) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(gold_dir, ec)) return Status{"not_found", "not a directory", gold_dir};
  std::vector<fs::path> golds;
  for (const auto& e : fs::recursive_directory_iterator(gold_dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.size() > 10 && name.compare(name.size() - 10, 10, ".gold.json") == 0) golds.push_back(e.path());
  }
  std::sort(golds.begin(), golds.end());
  if (golds.empty()) return Status{"no_inputs", "no *.gold.json files", gold_dir};

  EvalReport report;
  std::map<std::string, FieldScore> t;
  for (const auto& gp : golds) {
    std::string g = gp.string();
    fs::path txt = g.substr(0, g.size() - 10) + ".txt";
    bool ok_gold, ok_txt;
    std::string gold_text = read_file(gp, ok_gold), bytes = read_file(txt, ok_txt);
    if (!ok_gold || !ok_txt) {
      report.problems.push_back(g + ": cannot read it or its .txt");
      continue;
    }
    Json gold = Json::parse(gold_text, nullptr, false);
    if (gold.is_discarded()) {
      report.problems.push_back(g + ": not valid JSON");
      continue;
    }
    ++report.documents;
    Json pred = Json::object();
    Result<Record> rec = extract_record(bytes, txt.string(), rules, options);
    if (rec)
      pred = Json::parse(record_to_json_line(rec.value()));
    else {
      ++report.without_record;
      report.problems.push_back(txt.string() + ": " + rec.error().message);
    }
    score_pair(t, gold, pred);
    if (!errors_field.empty()) {
      std::vector<std::string> lines = field_errors(gold, pred, errors_field);
      if (!lines.empty()) {
        lines[0] = "== " + txt.filename().string() + "  " + lines[0];
        report.errors.insert(report.errors.end(), lines.begin(), lines.end());
      }
    }
  }
  for (const FieldDecl* f : scored_fields()) {
    FieldScore score = t[std::string(f->slot.name)];
    score.field = std::string(f->slot.name);
    if (!f->slot.refinement) {
      report.all.tp += score.tp;
      report.all.fp += score.fp;
      report.all.fn += score.fn;
    }
    if (f->slot.core) {
      report.core.tp += score.tp;
      report.core.fp += score.fp;
      report.core.fn += score.fn;
    }
    report.fields.push_back(std::move(score));
  }
  return report;
}

std::string format_report(const EvalReport& r) {
  std::ostringstream out;
  for (const auto& line : r.errors) out << line << '\n';
  char buf[160];
  out << r.documents << " documents, " << r.without_record << " without a record\n";
  std::snprintf(buf, sizeof buf, "%-28s %6s %6s %6s   tp  fp  fn\n", "field", "P", "R", "F1");
  out << buf;
  for (const auto& f : r.fields) {
    std::snprintf(buf, sizeof buf, "%-28s %6.3f %6.3f %6.3f %4d %3d %3d\n", f.field.c_str(), f.precision(),
                  f.recall(), f.f1(), f.tp, f.fp, f.fn);
    out << buf;
  }
  std::snprintf(buf, sizeof buf, "all slots micro F1 %.3f\ncore F1 %.3f\n", r.all.f1(), r.core.f1());
  out << buf;
  return out.str();
}

}  // namespace thidua
