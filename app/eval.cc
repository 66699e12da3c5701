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

template <typename T>
void listed(FieldScore& t, const std::vector<T>& gold, std::vector<T> pred,
            const std::function<bool(const T&, const T&)>& same) {
  int tp = 0;
  for (const auto& g : gold) {
    for (std::size_t i = 0; i < pred.size(); ++i) {
      if (same(g, pred[i])) {
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

std::string str(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

const Json& arr(const Json& rec, const std::string& path) {
  static const Json empty = Json::array();
  const Json* j = get(rec, path);
  return j && j->is_array() ? *j : empty;
}

const std::vector<std::pair<std::string, double>> kScalars = {
    {"title", 0.8},      {"published", 0},      {"meeting.date", 0},       {"meeting.time_of_day", 0},
    {"meeting.type", 0}, {"meeting.period", 0}, {"meeting.location", 0.6}, {"bloc.name", 0.8},
    {"bloc.kind", 0},    {"bloc.number", 0},    {"bloc.province", 0},      {"bloc.stated_member_count", 0},
    {"byline", 0.6}};
const std::vector<std::string> kLists = {"bloc.members", "bloc.member_roles", "chairpersons",   "people",
                                         "people.roles", "decisions",         "decisions.kind", "documents"};
const std::set<std::string> kRefinements = {"bloc.member_roles", "people.roles", "decisions.kind"};
const std::set<std::string> kCore = {"meeting.date", "bloc.members", "chairpersons", "decisions"};

void score_pair(std::map<std::string, FieldScore>& t, const Json& gold, const Json& pred) {
  for (const auto& [f, fuzzy] : kScalars) scalar(t[f], gold, pred, f, fuzzy);
  using Pair = std::pair<std::string, std::string>;
  std::vector<std::string> gm, pm;
  std::vector<Pair> gr, pr;
  for (const auto& m : arr(gold, "bloc.members")) {
    gm.push_back(str(m, "name"));
    if (!str(m, "role").empty()) gr.push_back({str(m, "name"), str(m, "role")});
  }
  for (const auto& m : arr(pred, "bloc.members")) {
    pm.push_back(str(m, "name"));
    if (!str(m, "role").empty()) pr.push_back({str(m, "name"), str(m, "role")});
  }
  std::function<bool(const std::string&, const std::string&)> names = eval_name_eq;
  std::function<bool(const Pair&, const Pair&)> named_role = [](const Pair& g, const Pair& p) {
    return g.second == p.second && eval_name_eq(g.first, p.first);
  };
  listed(t["bloc.members"], gm, pm, names);
  listed(t["bloc.member_roles"], gr, pr, named_role);
  std::vector<std::string> gc, pc, gp, pp;
  for (const auto& c : arr(gold, "chairpersons")) gc.push_back(str(c, "name"));
  for (const auto& c : arr(pred, "chairpersons")) pc.push_back(str(c, "name"));
  listed(t["chairpersons"], gc, pc, names);
  std::vector<Pair> gpr, ppr;
  for (const auto& p : arr(gold, "people")) {
    gp.push_back(str(p, "name"));
    for (const auto& r : p.value("roles", Json::array()))
      gpr.push_back({str(p, "name"), r.get<std::string>()});
  }
  for (const auto& p : arr(pred, "people")) {
    pp.push_back(str(p, "name"));
    for (const auto& r : p.value("roles", Json::array()))
      ppr.push_back({str(p, "name"), r.get<std::string>()});
  }
  listed(t["people"], gp, pp, names);
  listed(t["people.roles"], gpr, ppr, named_role);
  std::function<bool(const std::string&, const std::string&)> dsame = [](const std::string& g,
                                                                         const std::string& p) {
    if (similar(g, p, 0.5)) return true;
    auto tg = toks(g), tp = toks(p);
    return tg.size() > 3 && std::includes(tp.begin(), tp.end(), tg.begin(), tg.end());
  };
  std::vector<std::string> gd, pd;
  std::vector<Pair> gdk, pdk;
  for (const auto& d : arr(gold, "decisions")) {
    gd.push_back(str(d, "text"));
    gdk.push_back({str(d, "text"), str(d, "kind")});
  }
  for (const auto& d : arr(pred, "decisions")) {
    pd.push_back(str(d, "text"));
    pdk.push_back({str(d, "text"), str(d, "kind")});
  }
  listed(t["decisions"], gd, pd, dsame);
  std::function<bool(const Pair&, const Pair&)> dkind = [&](const Pair& g, const Pair& p) {
    return g.second == p.second && dsame(g.first, p.first);
  };
  listed(t["decisions.kind"], gdk, pdk, dkind);
  std::vector<std::string> gn, pn;
  for (const auto& d : arr(gold, "documents"))
    gn.push_back(d.contains("number") && d["number"].is_string() ? d["number"].get<std::string>() : "");
  for (const auto& d : arr(pred, "documents"))
    pn.push_back(d.contains("number") && d["number"].is_string() ? d["number"].get<std::string>() : "");
  std::function<bool(const std::string&, const std::string&)> same_number =
      [](const std::string& g, const std::string& p) { return eval_canon(g) == eval_canon(p); };
  listed(t["documents"], gn, pn, same_number);
}

bool is_scalar_field(const std::string& field) {
  return std::any_of(kScalars.begin(), kScalars.end(), [&](const auto& f) { return f.first == field; });
}

// The items of one field in a record, each as a minimal record holding just that item (to score one
// pair at a time, as score.py's --errors does) and as the text the listing shows.
struct FieldItem {
  Json record;
  std::string shown;
};

std::vector<FieldItem> field_items(const Json& rec, const std::string& field) {
  std::vector<FieldItem> out;
  auto item = [&](Json record, std::string shown) { out.push_back({std::move(record), std::move(shown)}); };
  if (field == "bloc.members" || field == "bloc.member_roles") {
    for (const auto& m : arr(rec, "bloc.members")) {
      if (field == "bloc.member_roles" && str(m, "role").empty()) continue;
      Json one = {{"bloc", {{"members", Json::array({m})}}}};
      item(one, field == "bloc.members" ? str(m, "name") : str(m, "name") + " (" + str(m, "role") + ")");
    }
  } else if (field == "chairpersons") {
    for (const auto& c : arr(rec, "chairpersons")) item({{"chairpersons", Json::array({c})}}, str(c, "name"));
  } else if (field == "people" || field == "people.roles") {
    for (const auto& p : arr(rec, "people")) {
      if (field == "people") {
        item({{"people", Json::array({{{"name", p.value("name", "")}, {"roles", Json::array()}}})}},
             str(p, "name"));
        continue;
      }
      for (const auto& r : p.value("roles", Json::array()))
        item({{"people", Json::array({{{"name", p.value("name", "")}, {"roles", Json::array({r})}}})}},
             str(p, "name") + " (" + r.get<std::string>() + ")");
    }
  } else if (field == "decisions" || field == "decisions.kind") {
    for (const auto& d : arr(rec, "decisions"))
      item({{"decisions", Json::array({d})}},
           field == "decisions" ? str(d, "text") : "[" + str(d, "kind") + "] " + str(d, "text"));
  } else if (field == "documents") {
    for (const auto& d : arr(rec, "documents")) item({{"documents", Json::array({d})}}, str(d, "number"));
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

bool is_eval_field(const std::string& field) {
  return is_scalar_field(field) || std::find(kLists.begin(), kLists.end(), field) != kLists.end();
}

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
  for (const auto& [f, fuzzy] : kScalars) report.fields.push_back(t[f]), report.fields.back().field = f;
  for (const auto& f : kLists) report.fields.push_back(t[f]), report.fields.back().field = f;
  for (const auto& f : report.fields) {
    if (!kRefinements.count(f.field)) {
      report.all.tp += f.tp;
      report.all.fp += f.fp;
      report.all.fn += f.fn;
    }
    if (kCore.count(f.field)) {
      report.core.tp += f.tp;
      report.core.fp += f.fp;
      report.core.fn += f.fn;
    }
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
