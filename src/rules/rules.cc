#include "rules.h"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>

#include "literal_matcher.h"
#include "match_reach.h"
#include "narrow_classes.h"
#include "normalize.h"

namespace thidua {
namespace {

// The one place RE2 options are set: UTF-8, leftmost-first, a memory bound per pattern, no logging
// (errors are reported with file and line instead).
RE2::Options pattern_options() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(32 << 20);
  return options;
}

// Whether "{NB}" opens an alternative that a match can start with, though the pattern does not open on
// it. RE2 has no look-behind: the edge consumes the character before the word, which the
// matcher cuts off only where the pattern opens on it (Rule::leading_edge); an alternative that opens on
// it elsewhere ("(?:tại hội nghị, ...|{NB}hội nghị đã ...)") starts its match one character early, in
// the sentence before.
bool misplaced_leading_edge(std::string_view p) {
  constexpr std::string_view kEdge = "{NB}";
  std::vector<bool> starts{true};  // per open group: whether its alternatives start the match
  bool at_start = true;            // nothing read yet of an alternative that starts the match
  for (std::size_t i = 0; i < p.size();) {
    if (p.compare(i, kEdge.size(), kEdge) == 0) {
      if (at_start && i > 0) return true;
      at_start = false;
      i += kEdge.size();
    } else if (p[i] == '\\') {
      at_start = false;
      i += 2;
    } else if (p[i] == '[') {  // a class, to its closing bracket ("[]...]" and "[^]...]" hold a ']')
      std::size_t j = i + 1;
      if (j < p.size() && p[j] == '^') ++j;
      if (j < p.size() && p[j] == ']') ++j;
      while (j < p.size() && p[j] != ']') j += p[j] == '\\' ? 2 : 1;
      at_start = false;
      i = j + 1;
    } else if (p[i] == '(') {  // "(", "(?:", "(?i:", "(?P<name>"
      std::size_t j = i + 1;
      if (j < p.size() && p[j] == '?') {
        while (j < p.size() && p[j] != ':' && p[j] != '>' && p[j] != ')') ++j;
        if (j < p.size() && p[j] != ')') ++j;
      }
      starts.push_back(at_start);
      i = j;
    } else if (p[i] == ')') {
      if (starts.size() > 1) starts.pop_back();
      at_start = false;
      ++i;
    } else {
      at_start = p[i] == '|' && starts.back();
      ++i;
    }
  }
  return false;
}

// Atoms shorter than three bytes ("ở" is three) would be found in nearly every text; FilteredRE2
// treats a rule whose atoms are all shorter as one that may always fire.
constexpr int kMinAtomBytes = 3;

// Adds a rule's filter form (narrow_classes.h) to the filter, which compiles it; returns the compiled
// form (its named groups are the pattern's), or nullptr with the reason in `error`.
const RE2* add_to_filter(re2::FilteredRE2& filter, const std::string& pattern, std::string& error) {
  int id = -1;
  if (filter.Add(pattern, pattern_options(), &id) != RE2::NoError) {
    error = RE2(pattern, pattern_options()).error();  // FilteredRE2 drops the message: compile again
    return nullptr;
  }
  return &filter.GetRE2(id);
}

// The RE2 group index of each declared capture, -1 for one the pattern lacks.
std::vector<int> capture_slots(const RE2& re, const std::vector<std::string>& captures) {
  std::vector<int> slots;
  for (const auto& name : captures) {
    auto it = re.NamedCapturingGroups().find(name);
    slots.push_back(it == re.NamedCapturingGroups().end() ? -1 : it->second);
  }
  return slots;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

bool valid_name(std::string_view s, bool dotted) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              (dotted && c == '.');
    if (!ok) return false;
  }
  return true;
}

struct Definition {
  std::string body;
  std::string file;
  int line;
};

struct ListRef {
  std::string path;
  std::string file;
  int line;
};

}  // namespace

struct RuleSet::Impl {
  std::vector<Rule> rules;
  bool narrowed = false;  // patterns compiled with narrow classes (narrow_classes.h)
  // What a rule's program is compiled from: its expanded pattern, with narrow classes if the set has them.
  std::string source(const Rule& rule) const {
    return narrowed ? narrow_classes(rule.expanded) : rule.expanded;
  }
  // Each rule's search program and the RE2 group of each of its captures (-1: none), compiled the first
  // time a document needs the rule when the set was loaded with a precomputed filter (a short text needs
  // few rules: compiling them all took most of a one-file run).
  struct Program {
    std::unique_ptr<RE2> re;
    std::vector<int> slots;
  };
  mutable std::vector<Program> programs;
  std::unique_ptr<std::once_flag[]> compiled;
  // Set once a rule's program exists: a hint for compile_ahead (call_once is what synchronises).
  std::unique_ptr<std::atomic<bool>[]> ready;
  unsigned compile_threads = 1;
  const Program& program(std::size_t rule) const {
    std::call_once(compiled[rule], [&] {
      programs[rule].re = std::make_unique<RE2>(source(rules[rule]), pattern_options());
      programs[rule].slots = capture_slots(*programs[rule].re, rules[rule].captures);
      ready[rule].store(true, std::memory_order_release);
    });
    return programs[rule];
  }
  // The pass that skips rules which cannot fire: `atoms` finds the literal atoms present in a text in
  // one pass; then either `filter` (FilteredRE2, built at load) or `table` (precomputed) says which rules
  // those atoms allow.
  std::unique_ptr<re2::FilteredRE2> filter;
  std::optional<LiteralFilter> table;
  std::unique_ptr<LiteralMatcher> atoms;
  std::map<std::string, Gazetteer, std::less<>> gazetteers;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_field;  // field -> rule indices, in order
};

std::optional<ByteRange> RuleMatch::group(std::string_view name) const {
  for (std::size_t i = 0; i < rule->captures.size() && i < groups.size(); ++i)
    if (rule->captures[i] == name) return groups[i];
  return std::nullopt;
}

void Gazetteer::add(std::string standard, std::vector<std::string> spellings) {
  spellings.push_back(standard);
  for (const auto& s : spellings) {
    std::string key = comparison_key(s);
    all_spellings_.push_back(s);
    if (!by_key_.emplace(key, standard).second) continue;  // a key seen before keeps its place
    // longest first, and among equal lengths in the order added
    const auto longer = [](std::size_t size, const std::string& k) { return size > k.size(); };
    if (!key.empty()) {
      auto& part = by_first_byte_[static_cast<unsigned char>(key[0])];
      part.insert(std::upper_bound(part.begin(), part.end(), key.size(), longer), key);
    }
    keys_.insert(std::upper_bound(keys_.begin(), keys_.end(), key.size(), longer), std::move(key));
  }
}

std::optional<std::string> Gazetteer::standard_of(std::string_view text) const {
  auto it = by_key_.find(comparison_key(text));
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

RuleSet::RuleSet() : impl_(std::make_unique<Impl>()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

const std::vector<Rule>& RuleSet::rules() const { return impl_->rules; }

bool RuleSet::uses_narrow_classes() const { return impl_->narrowed; }

std::vector<const Rule*> RuleSet::rules_keeping_wide_classes() const {
  std::vector<const Rule*> out;
  for (const auto& rule : impl_->rules)
    if (!can_narrow(rule.expanded)) out.push_back(&rule);
  return out;
}

// Each rule's own FilteredRE2 says which sets of atoms let the rule through (its formula is sound: every
// match contains atoms that satisfy it). The formula is not exposed, so it is read back as clauses: a
// set of atoms the rule cannot do without all of (a text lacking every one of them fails the formula),
// each made minimal greedily, in a few orders so that different clauses come out. Their conjunction
// follows from the formula, so it is as sound, and nearly as selective.
LiteralFilter RuleSet::derive_literal_filter() const {
  LiteralFilter out;
  std::map<std::string, int> ids;
  for (std::size_t i = 0; i < impl_->rules.size(); ++i) {
    re2::FilteredRE2 one(kMinAtomBytes);
    int id = -1;
    std::vector<std::string> atoms;
    one.Add(filter_form(impl_->source(impl_->rules[i])), pattern_options(), &id);
    one.Compile(&atoms);
    const int n = static_cast<int>(atoms.size());
    // Whether the rule can fire when every atom but those in `absent` is present.
    auto fires_without = [&](const std::vector<bool>& absent) {
      std::vector<int> present, fired;
      for (int a = 0; a < n; ++a)
        if (!absent[static_cast<std::size_t>(a)]) present.push_back(a);
      one.AllPotentials(present, &fired);
      return !fired.empty();
    };
    LiteralFilter::Need need;
    need.always = n == 0 || fires_without(std::vector<bool>(atoms.size(), true));
    std::vector<std::vector<int>> clauses;
    std::vector<int> order(atoms.size());
    for (int a = 0; a < n; ++a) order[static_cast<std::size_t>(a)] = a;
    for (int pass = 0; pass < 6 && !need.always; ++pass) {
      std::vector<bool> absent(atoms.size(), true);  // the clause, shrunk while the rule still cannot fire
      for (int a : order) {
        absent[static_cast<std::size_t>(a)] = false;
        if (fires_without(absent)) absent[static_cast<std::size_t>(a)] = true;
      }
      std::vector<int> clause;
      for (int a = 0; a < n; ++a)
        if (absent[static_cast<std::size_t>(a)]) clause.push_back(a);
      if (std::find(clauses.begin(), clauses.end(), clause) == clauses.end()) clauses.push_back(clause);
      // next pass: try to drop this clause's atoms first, so that another clause may come out
      std::stable_partition(order.begin(), order.end(), [&](int a) {
        return std::find(clause.begin(), clause.end(), a) != clause.end();
      });
      std::rotate(order.begin(), order.begin() + static_cast<long>(pass % std::max(1, n)), order.end());
    }
    for (const auto& clause : clauses) {
      std::vector<int> global;
      for (int a : clause)
        global.push_back(
            ids.emplace(atoms[static_cast<std::size_t>(a)], static_cast<int>(ids.size())).first->second);
      need.clauses.push_back(std::move(global));
    }
    need.reach = match_reach(impl_->rules[i].expanded);  // narrow classes span no more
    need.each_line = starts_each_line(impl_->rules[i].expanded);
    out.rules.push_back(std::move(need));
  }
  out.atoms.resize(ids.size());
  for (const auto& [atom, id] : ids) out.atoms[static_cast<std::size_t>(id)] = atom;
  return out;
}

const Rule* RuleSet::find(std::string_view name) const {
  for (const auto& r : impl_->rules)
    if (r.name == name) return &r;
  return nullptr;
}

const std::vector<std::size_t>& RuleSet::rules_of(std::string_view field) const {
  static const std::vector<std::size_t> kNone;
  auto it = impl_->by_field.find(field);
  return it == impl_->by_field.end() ? kNone : it->second;
}

const Gazetteer* RuleSet::gazetteer(std::string_view name) const {
  auto it = impl_->gazetteers.find(name);
  return it == impl_->gazetteers.end() ? nullptr : &it->second;
}

namespace {

// Parses one gazetteer file: "Standard | variant | variant" per line, '#' starts a comment.
Gazetteer parse_gazetteer(const std::string& content) {
  Gazetteer g;
  std::istringstream in(content);
  std::string line;
  while (std::getline(in, line)) {
    std::string t = trim(line.substr(0, line.find('#')));
    if (t.empty()) continue;
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
      std::size_t bar = t.find('|', start);
      parts.push_back(trim(std::string_view(t).substr(start, bar == std::string::npos ? bar : bar - start)));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    std::string standard = parts[0];
    parts.erase(parts.begin());
    g.add(standard, parts);
  }
  return g;
}

// "k=v | k=v" after "=>" in a match example.
std::vector<std::pair<std::string, std::string>> parse_expectations(const std::string& s, bool& ok) {
  std::vector<std::pair<std::string, std::string>> out;
  ok = true;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t bar = s.find(" | ", start);
    std::string part = trim(std::string_view(s).substr(start, bar == std::string::npos ? bar : bar - start));
    std::size_t eq = part.find('=');
    if (eq == std::string::npos) {
      ok = false;
      return out;
    }
    out.emplace_back(trim(part.substr(0, eq)), trim(part.substr(eq + 1)));
    if (bar == std::string::npos) break;
    start = bar + 3;
  }
  return out;
}

}  // namespace

// Reads the files, expands sub-patterns, compiles and validates; collects every error on the way.
class RuleSetLoader {
 public:
  RuleSetLoader(const std::map<std::string, std::string>& files, std::vector<Status>& errors,
                const LoadOptions& options)
      : files_(files), errors_(errors), options_(options) {}

  RuleSet run() {
    RuleSet set;
    for (const auto& [path, content] : files_) {
      if (path.size() > 6 && path.compare(path.size() - 6, 6, ".rules") == 0) parse_file(path, content);
    }
    auto& impl = *set.impl_;
    if (!options_.filter) impl.filter = std::make_unique<re2::FilteredRE2>(kMinAtomBytes);
    load_lists(impl);
    std::set<std::string> seen;
    std::vector<Rule> expanded;
    for (auto& rule : rules_) {
      if (!seen.insert(rule.name).second) {
        error(rule.file, rule.line, rule.name, "rule name used twice");
        continue;
      }
      if (rule.field.empty()) error(rule.file, rule.line, rule.name, "rule has no field");
      if (rule.pattern.empty()) {
        error(rule.file, rule.line, rule.name, "rule has no pattern");
        continue;
      }
      std::string pattern;
      if (!expand(rule.pattern, impl, pattern, rule, 0)) continue;
      rule.expanded = pattern_form(pattern);
      expanded.push_back(std::move(rule));
    }
    // One scan copy serves the whole set, so narrow classes are used only if every pattern allows them.
    impl.narrowed = options_.narrow && std::all_of(expanded.begin(), expanded.end(),
                                                   [](const Rule& r) { return can_narrow(r.expanded); });
    for (auto& rule : expanded) compile_rule(std::move(rule), impl);
    // A rule set with errors is not used; with none, every rule's pattern is in the filter, in order.
    for (std::size_t i = 0; i < impl.rules.size(); ++i) impl.by_field[impl.rules[i].field].push_back(i);
    impl.programs.resize(impl.rules.size());
    impl.compiled = std::make_unique<std::once_flag[]>(impl.rules.size());
    impl.ready = std::make_unique<std::atomic<bool>[]>(impl.rules.size());
    for (std::size_t i = 0; i < compiled_.size(); ++i)  // compiled at load: the first use is now
      std::call_once(impl.compiled[i], [&] {
        impl.programs[i] = std::move(compiled_[i]);
        impl.ready[i].store(true, std::memory_order_release);
      });
    if (errors_.empty()) build_filter(impl);
    return set;
  }

 private:
  void load_lists(RuleSet::Impl& impl) {
    for (const auto& [name, ref] : lists_) {
      auto it = files_.find(ref.path);
      if (it == files_.end()) {
        error(ref.file, ref.line, "", "list '" + name + "' names a missing file '" + ref.path + "'");
        continue;
      }
      impl.gazetteers.emplace(name, parse_gazetteer(it->second));
    }
  }

  // Compiles and checks one rule's expanded pattern; the rule joins the set if all is well.
  void compile_rule(Rule rule, RuleSet::Impl& impl) {
    rule.leading_edge = rule.pattern.rfind("{NB}", 0) == 0;
    // a pattern that ends in a word edge ({NA}, or {NAD} after a numeric date) consumes the character
    // after its span
    const auto ends_with = [&](std::string_view tail) {
      return rule.pattern.size() >= tail.size() &&
             rule.pattern.compare(rule.pattern.size() - tail.size(), tail.size(), tail) == 0;
    };
    rule.trailing_edge = ends_with("{NA}") || ends_with("{NAD}");
    if (options_.filter) {  // checked by the tests; compiled when first needed
      impl.rules.push_back(std::move(rule));
      return;
    }
    const std::string source = impl.source(rule);
    auto re = std::make_unique<RE2>(source, pattern_options());
    if (!re->ok()) {
      error(rule.file, rule.line, rule.name, "pattern does not compile: " + re->error());
      return;
    }
    std::string compile_error;
    if (add_to_filter(*impl.filter, filter_form(source), compile_error) == nullptr) {
      error(rule.file, rule.line, rule.name, "pattern does not compile: " + compile_error);
      return;
    }
    if (misplaced_leading_edge(rule.pattern)) {
      error(rule.file, rule.line, rule.name,
            "'{NB}' opens an alternative but not the pattern: its match would start on the character "
            "before the word (open the pattern with {NB}, or write the class out where that character "
            "belongs to the match)");
      return;
    }
    std::set<std::string> declared(rule.captures.begin(), rule.captures.end());
    std::set<std::string> actual;
    for (const auto& [group, index] : re->NamedCapturingGroups()) actual.insert(group);
    if (declared != actual) {
      std::string d, a;
      for (const auto& x : declared) d += " " + x;
      for (const auto& x : actual) a += " " + x;
      error(rule.file, rule.line, rule.name,
            "captures declared (" + trim(d) + ") differ from the pattern's named groups (" + trim(a) + ")");
      return;
    }
    std::vector<int> slots = capture_slots(*re, rule.captures);
    compiled_.push_back({std::move(re), std::move(slots)});
    impl.rules.push_back(std::move(rule));
  }

  void error(const std::string& file, int line, const std::string& rule, const std::string& message) {
    errors_.push_back(Status{"rule_error", message, file, line, rule});
  }

  void parse_file(const std::string& path, const std::string& content) {
    std::istringstream in(content);
    std::string raw;
    int line_no = 0;
    Rule* current = nullptr;
    while (std::getline(in, raw)) {
      ++line_no;
      std::string line = trim(raw);
      if (line.empty() || line[0] == '#') continue;
      std::size_t colon = line.find(':');
      if (line.rfind("define ", 0) == 0 || line.rfind("list ", 0) == 0) {
        if (declare(path, line_no, line)) current = nullptr;
      } else if (line.rfind("rule ", 0) == 0) {
        current = start_rule(path, line_no, trim(line.substr(5)));
      } else if (current && colon != std::string::npos) {
        set_key(*current, path, line_no, trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
      } else {
        error(path, line_no, "",
              "expected 'rule NAME', 'define NAME = ...', 'list NAME = ...' or 'key: value'");
      }
    }
  }

  // "define NAME = PATTERN" or "list NAME = lists/FILE.txt"; false if malformed.
  bool declare(const std::string& path, int line_no, const std::string& line) {
    bool is_list = line[0] == 'l';
    std::string rest = line.substr(is_list ? 5 : 7);
    std::size_t eq = rest.find('=');
    std::string name = trim(rest.substr(0, eq == std::string::npos ? rest.size() : eq));
    if (eq == std::string::npos || !valid_name(name, false)) {
      error(path, line_no, "", std::string(is_list ? "list" : "define") + " needs NAME = VALUE");
      return false;
    }
    std::string value = trim(rest.substr(eq + 1));
    bool fresh = is_list ? lists_.emplace(name, ListRef{value, path, line_no}).second
                         : defines_.emplace(name, Definition{value, path, line_no}).second;
    if (!fresh) error(path, line_no, "", "'" + name + "' is defined twice");
    return true;
  }

  Rule* start_rule(const std::string& path, int line_no, const std::string& name) {
    if (!valid_name(name, true)) error(path, line_no, name, "rule names use letters, digits, '_' and '.'");
    rules_.push_back(Rule{});
    Rule* rule = &rules_.back();
    rule->name = name;
    rule->file = path;
    rule->line = line_no;
    return rule;
  }

  // One "key: value" line of a rule.
  void set_key(Rule& rule, const std::string& path, int line_no, const std::string& key,
               const std::string& value) {
    if (key == "field") {
      rule.field = value;
    } else if (key == "priority") {
      try {
        rule.priority = std::stoi(value);
      } catch (...) {
        error(path, line_no, rule.name, "priority must be a whole number");
      }
    } else if (key == "value") {
      rule.value = value;
    } else if (key == "captures") {
      std::istringstream words(value);
      std::string w;
      while (words >> w) rule.captures.push_back(w);
    } else if (key == "pattern") {
      rule.pattern = value;
    } else if (key == "match" || key == "reject") {
      add_example(rule, path, line_no, key == "match", value);
    } else {
      error(path, line_no, rule.name, "unknown key '" + key + "'");
    }
  }

  // "match: TEXT", "match: TEXT => group=value | group=value", "reject: TEXT".
  void add_example(Rule& rule, const std::string& path, int line_no, bool must_match,
                   const std::string& value) {
    Rule::Example ex;
    ex.must_match = must_match;
    ex.line = line_no;
    std::size_t arrow = value.find(" => ");
    ex.text = trim(value.substr(0, arrow));
    if (arrow != std::string::npos) {
      if (!ex.must_match) {
        error(path, line_no, rule.name, "a reject example has no expected values");
        return;
      }
      bool ok;
      ex.expect = parse_expectations(value.substr(arrow + 4), ok);
      if (!ok) {
        error(path, line_no, rule.name, "expected values are written 'group=value | group=value'");
        return;
      }
    }
    rule.examples.push_back(std::move(ex));
  }

  // Substitutes {NAME} (a define) and {@name} (a list); {2} and {1,3} stay repetition counts.
  bool expand(const std::string& pattern, const RuleSet::Impl& impl, std::string& out, const Rule& rule,
              int depth) {
    if (depth > 16) {
      error(rule.file, rule.line, rule.name, "sub-patterns nest too deep (a define refers to itself?)");
      return false;
    }
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '\\' && i + 1 < pattern.size()) {
        // An escape; \p{L} and \x{00A0} keep their braces.
        std::size_t len = 2;
        char e = pattern[i + 1];
        if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < pattern.size() && pattern[i + 2] == '{') {
          std::size_t close = pattern.find('}', i + 2);
          if (close != std::string::npos) len = close + 1 - i;
        }
        out += pattern.substr(i, len);
        i += len - 1;
        continue;
      }
      if (c != '{') {
        out += c;
        continue;
      }
      std::size_t close = pattern.find('}', i);
      std::string inner = close == std::string::npos ? "" : pattern.substr(i + 1, close - i - 1);
      bool is_list = !inner.empty() && inner[0] == '@';
      std::string name = is_list ? inner.substr(1) : inner;
      bool is_ref = valid_name(name, false) && !(name[0] >= '0' && name[0] <= '9');
      if (!is_ref) {
        out += c;
        continue;
      }
      if (is_list) {
        if (!expand_list(name, impl, out, rule)) return false;
      } else {
        auto d = defines_.find(name);
        if (d == defines_.end()) {
          error(rule.file, rule.line, rule.name, "unknown sub-pattern {" + name + "}");
          return false;
        }
        out += "(?:";
        if (!expand(d->second.body, impl, out, rule, depth + 1)) return false;
        out += ")";
      }
      i = close;
    }
    return true;
  }

  // {@name}: every spelling of the list, as alternatives.
  bool expand_list(const std::string& name, const RuleSet::Impl& impl, std::string& out, const Rule& rule) {
    auto g = impl.gazetteers.find(name);
    if (g == impl.gazetteers.end()) {
      error(rule.file, rule.line, rule.name, "unknown list {@" + name + "}");
      return false;
    }
    std::vector<std::string> spellings;
    for (const auto& s : g->second.spellings()) spellings.push_back(RE2::QuoteMeta(match_form(s)));
    // Longest first, so that "Bà Rịa - Vũng Tàu" wins over "Bà Rịa".
    std::sort(spellings.begin(), spellings.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    out += "(?:";
    for (std::size_t k = 0; k < spellings.size(); ++k) out += (k ? "|" : "") + spellings[k];
    out += ")";
    return true;
  }

  void build_filter(RuleSet::Impl& impl) {
    if (options_.filter) {
      if (options_.filter->rules.size() != impl.rules.size()) {
        error("", 0, "", "the precomputed literal filter is not for these rules (rebuild)");
        return;
      }
      impl.table = *options_.filter;
      impl.atoms = impl.table->atom_tables ? std::make_unique<LiteralMatcher>(*impl.table->atom_tables)
                                           : std::make_unique<LiteralMatcher>(impl.table->atoms);
      return;
    }
    std::vector<std::string> atoms;
    if (!impl.rules.empty()) impl.filter->Compile(&atoms);
    impl.atoms = std::make_unique<LiteralMatcher>(atoms);
  }

  const std::map<std::string, std::string>& files_;
  std::vector<Status>& errors_;
  LoadOptions options_;
  std::vector<RuleSet::Impl::Program> compiled_;  // compiled at load (no precomputed filter), per rule
  std::map<std::string, Definition> defines_;
  std::map<std::string, ListRef> lists_;
  std::vector<Rule> rules_;
};

RuleSet RuleSet::load(const std::map<std::string, std::string>& files, std::vector<Status>& errors,
                      const LoadOptions& options) {
  return RuleSetLoader(files, errors, options).run();
}

RuleSet RuleSet::load_directory(const std::string& dir, std::vector<Status>& errors,
                                const LoadOptions& options) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors.push_back(Status{"rule_error", "not a directory", dir});
    return RuleSet();
  }
  for (fs::recursive_directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream f(it->path(), std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    files[fs::relative(it->path(), dir).generic_string()] = std::move(content);
  }
  if (ec) errors.push_back(Status{"rule_error", "cannot read: " + ec.message(), dir});
  return load(files, errors, options);
}

namespace {

std::size_t char_start(std::string_view text, std::size_t i) {
  while (i > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

std::size_t char_after(std::string_view text, std::size_t i) {
  if (i >= text.size()) return text.size();
  ++i;
  while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  return i;
}

// Word edges ({NB}, {NA}) look one character outside a range, as they would in the whole text: a
// search for matches inside `range` runs over text[search_begin, search_end).
std::size_t search_begin(std::string_view text, ByteRange range) {
  return range.begin > 0 ? char_start(text, range.begin - 1) : 0;
}
std::size_t search_end(std::string_view text, ByteRange range) {
  return char_after(text, std::min(range.end, text.size()));
}

// Where the next search starts after a match found at `raw` whose span is `span`: at the end of the span,
// so that a trailing edge character it consumed ("14/07/2023\n") can be the next match's leading edge
// ("\nChiều 14/7"); past an empty match.
std::size_t resume_after(ByteRange raw, ByteRange span) {
  if (span.end > raw.begin) return span.end;
  return raw.end > raw.begin ? raw.end : raw.end + 1;
}

}  // namespace

// Every match RE2 finds in text[from, to), left to right, each search starting where the last match
// ended (leftmost-first, no overlaps); edge characters trimmed from the spans. No range filter.
std::vector<ScannedMatch> RuleSet::scan_prepared(const Rule& rule, std::string_view text, std::size_t from,
                                                 std::size_t to, bool anchored,
                                                 const std::vector<ByteRange>* windows,
                                                 const std::vector<std::size_t>* line_starts) const {
  std::vector<ScannedMatch> out;
  std::size_t index = static_cast<std::size_t>(&rule - impl_->rules.data());
  if (index >= impl_->rules.size()) return out;
  const auto& program = impl_->program(index);
  const RE2& re = *program.re;
  const auto n = static_cast<std::size_t>(re.NumberOfCapturingGroups()) + 1;
  // One match's groups, on the stack for the usual handful (a vector per search was among the most
  // frequent allocations of a run).
  constexpr std::size_t kInlineGroups = 16;
  re2::StringPiece inline_groups[kInlineGroups];
  std::vector<re2::StringPiece> more_groups(n > kInlineGroups ? n : 0);
  re2::StringPiece* const groups = n > kInlineGroups ? more_groups.data() : inline_groups;
  const std::vector<int>& slot = program.slots;
  re2::StringPiece whole(text.data(), text.size());
  // The edge characters belong to the neighbours, not to the match.
  auto is_edge = [&](std::size_t i) {
    auto j = static_cast<int32_t>(i);
    UChar32 ch;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), j, static_cast<int32_t>(text.size()), ch);
    return !(ch >= 0 && u_isalnum(ch));
  };
  auto offset = [&](const re2::StringPiece& g) { return static_cast<std::size_t>(g.data() - text.data()); };
  auto record = [&](std::size_t& pos) {
    ScannedMatch s;
    s.raw = {offset(groups[0]), offset(groups[0]) + groups[0].size()};
    RuleMatch& m = s.match;
    m.rule = &rule;
    m.span = s.raw;
    if (rule.leading_edge && m.span.size() > 0 && is_edge(m.span.begin))
      m.span.begin = std::min(m.span.end, char_after(text, m.span.begin));
    if (rule.trailing_edge && m.span.size() > 0 && is_edge(char_start(text, m.span.end - 1)))
      m.span.end = std::max(m.span.begin, char_start(text, m.span.end - 1));
    for (int k : slot) {
      const auto& g = groups[static_cast<std::size_t>(std::max(k, 0))];
      if (k < 0 || g.data() == nullptr)
        m.groups.push_back(std::nullopt);
      else
        m.groups.push_back(ByteRange{offset(g), offset(g) + g.size()});
    }
    pos = resume_after(s.raw, m.span);
    out.push_back(std::move(s));
  };
  if (line_starts && !anchored) {
    // A rule every match of which starts a line ("(?m)^..."): the first match a search from `pos` finds
    // starts at the first line start from `pos` where one starts, and is the one an anchored search
    // there finds.
    std::size_t pos = from;
    for (std::size_t start : *line_starts) {
      if (start < pos) continue;
      if (start > to) break;
      if (re.Match(whole, start, to, RE2::ANCHOR_START, groups, static_cast<int>(n))) record(pos);
    }
    return out;
  }
  // Without windows, one window: [from, to]. A search in a window sees the whole text around it (RE2
  // takes `whole` as the context of ^, $ and the like), so what it finds is what a search of the whole
  // text from the same place finds, as long as the match lies inside the window.
  // (no vector for the one window: this runs for every search of every document)
  const ByteRange everywhere{from, to};
  const ByteRange* where = windows ? windows->data() : &everywhere;
  const std::size_t window_count = windows ? windows->size() : 1;
  std::size_t pos = from;
  for (std::size_t w = 0; w < window_count;) {
    const std::size_t end = std::min(where[w].end, to);
    pos = std::max(pos, where[w].begin);
    if (pos > end || !re.Match(whole, pos, end, anchored ? RE2::ANCHOR_START : RE2::UNANCHORED, groups,
                               static_cast<int>(n))) {
      if (anchored) break;
      ++w;  // nothing more in this window
      continue;
    }
    record(pos);
    if (anchored) break;
  }
  return out;
}

std::string_view RuleSet::prepare(std::string_view text, std::string& storage) const {
  return impl_->narrowed ? scan_copy(text, storage) : text;
}

std::vector<ScannedMatch> RuleSet::scan(const Rule& rule, std::string_view text, std::size_t from,
                                        std::size_t to, bool anchored) const {
  std::string storage;
  return scan_prepared(rule, prepare(text, storage), from, to, anchored);
}

std::optional<RuleMatch> RuleSet::match_at(const Rule& rule, std::string_view text, ByteRange range) const {
  std::string storage;
  return match_at_prepared(rule, prepare(text, storage), range);
}

std::optional<RuleMatch> RuleSet::match_at_prepared(const Rule& rule, std::string_view text,
                                                    ByteRange range) const {
  // A rule that starts with a word edge consumes the character before its span.
  const std::size_t from = rule.leading_edge ? search_begin(text, range) : range.begin;
  auto found = scan_prepared(rule, text, from, search_end(text, range), true);
  if (found.empty()) return std::nullopt;
  const RuleMatch& m = found.front().match;
  if (m.span.begin != range.begin || m.span.end > std::min(range.end, text.size())) return std::nullopt;
  return m;
}

namespace {

// The scanned matches that lie inside `range`, in order (RuleSet::matches' selection).
void select_inside(const std::vector<ScannedMatch>& scanned, std::size_t first, std::string_view text,
                   ByteRange range, std::vector<RuleMatch>& out) {
  const std::size_t end = std::min(range.end, text.size());
  for (std::size_t i = first; i < scanned.size(); ++i) {
    const RuleMatch& m = scanned[i].match;
    if (m.span.begin < range.begin || m.span.end > end) {
      if (m.span.begin >= end) break;
      continue;
    }
    out.push_back(m);
  }
}

}  // namespace

std::vector<RuleMatch> RuleSet::matches(const Rule& rule, std::string_view text, ByteRange range) const {
  std::string storage;
  return matches_prepared(rule, prepare(text, storage), range);
}

std::vector<RuleMatch> RuleSet::matches_prepared(const Rule& rule, std::string_view text,
                                                 ByteRange range) const {
  std::vector<RuleMatch> out;
  select_inside(scan_prepared(rule, text, search_begin(text, range), search_end(text, range)), 0, text, range,
                out);
  return out;
}

std::vector<Status> RuleSet::check_examples() const {
  std::vector<Status> failures;
  for (const auto& rule : impl_->rules) {
    for (const auto& ex : rule.examples) {
      std::string text = match_form(ex.text);
      auto found = matches(rule, text);
      auto fail = [&](const std::string& why) {
        failures.push_back(
            Status{"example_failed", why + ": \"" + ex.text + "\"", rule.file, ex.line, rule.name});
      };
      if (!ex.must_match) {
        if (!found.empty())
          fail("must not match, but matched \"" + text.substr(found[0].span.begin, found[0].span.size()) +
               "\"");
        continue;
      }
      if (found.empty()) {
        fail("must match, but did not");
        continue;
      }
      for (const auto& [group, want] : ex.expect) {
        auto got = found[0].group(group);
        std::string got_text =
            got ? text.substr(got->begin, got->size()) : "";  // a group that took no part is ""
        if (std::find(rule.captures.begin(), rule.captures.end(), group) == rule.captures.end())
          fail("expects a group '" + group + "' the rule does not capture");
        else if (got_text != match_form(want))
          fail("group '" + group + "' is \"" + got_text + "\", expected \"" + want + "\"");
      }
    }
  }
  return failures;
}

DocumentMatcher::DocumentMatcher(const RuleSet& rules, std::string_view text)
    : rules_(rules), text_(text), whole_text_(rules.rules().size()) {
  std::vector<LiteralMatcher::Occurrence> occurrences;
  may_fire_ = rules.rules_matching(text, occurrences);
  rules.compile_ahead(may_fire_);
  if (const LiteralFilter* filter = rules.literal_filter()) {
    // counting sort by literal, stable: each literal's ends stay in text order
    occurrence_start_.assign(filter->atoms.size() + 1, 0);
    for (const auto& o : occurrences) ++occurrence_start_[static_cast<std::size_t>(o.literal) + 1];
    for (std::size_t a = 1; a < occurrence_start_.size(); ++a)
      occurrence_start_[a] += occurrence_start_[a - 1];
    std::vector<std::size_t> next(occurrence_start_.begin(), occurrence_start_.end() - 1);
    occurrence_ends_.resize(occurrences.size());
    for (const auto& o : occurrences) occurrence_ends_[next[static_cast<std::size_t>(o.literal)]++] = o.end;
  }
  scan_text_ = rules.prepare(text, scan_storage_);
}

const LiteralFilter* RuleSet::literal_filter() const { return impl_->table ? &*impl_->table : nullptr; }

void RuleSet::set_compile_threads(unsigned threads) { impl_->compile_threads = std::max(1u, threads); }

void RuleSet::compile_ahead(const std::vector<bool>& wanted) const {
  const Impl& impl = *impl_;
  if (impl.compile_threads < 2) return;
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < wanted.size() && i < impl.rules.size(); ++i)
    if (wanted[i] && !impl.ready[i].load(std::memory_order_acquire)) todo.push_back(i);
  if (todo.size() < 2) return;
  // Each thread takes the next rule; a rule another document's thread is compiling is waited for, not
  // compiled twice (call_once).
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < todo.size();) impl.program(todo[k]);
  };
  std::vector<std::thread> helpers;
  const std::size_t threads = std::min<std::size_t>(impl.compile_threads, todo.size());
  try {
    while (helpers.size() + 1 < threads) helpers.emplace_back(work);
  } catch (const std::system_error&) {
    // no thread to be had: this one compiles the rest
  }
  work();
  for (auto& helper : helpers) helper.join();
}

std::vector<bool> RuleSet::rules_matching(std::string_view text) const {
  std::vector<LiteralMatcher::Occurrence> unused;
  return rules_matching(text, unused);
}

std::vector<bool> RuleSet::rules_matching(std::string_view text,
                                          std::vector<LiteralMatcher::Occurrence>& where) const {
  std::vector<bool> may_fire(impl_->rules.size(), impl_->atoms == nullptr || impl_->rules.empty());
  if (may_fire.empty() || may_fire[0]) return may_fire;
  const std::vector<int> found = impl_->atoms->find_all(text, impl_->table ? &where : nullptr);
  if (impl_->table) {
    std::vector<bool> present(impl_->table->atoms.size());
    for (int a : found) present[static_cast<std::size_t>(a)] = true;
    const auto has = [&](int a) { return present[static_cast<std::size_t>(a)]; };
    for (std::size_t i = 0; i < may_fire.size(); ++i) {
      const LiteralFilter::Need& need = impl_->table->rules[i];
      may_fire[i] =
          need.always || std::all_of(need.clauses.begin(), need.clauses.end(), [&](const auto& clause) {
            return std::any_of(clause.begin(), clause.end(), has);
          });
    }
    return may_fire;
  }
  std::vector<int> potential;
  impl_->filter->AllPotentials(found, &potential);
  for (int id : potential) may_fire[static_cast<std::size_t>(id)] = true;
  return may_fire;
}

// A rule asked for in several ranges of one document is scanned over the whole text once, and each
// range takes the matches inside it. That gives exactly what a search of the range alone gives (what
// RuleSet::matches does) unless a whole-text match crosses the range's search bounds: a search from
// `from` would see text that the whole-text search consumed, and a search cut at `to` may settle for a
// shorter match. Then the range is searched on its own.
bool DocumentMatcher::from_whole_text(const Rule& rule, ByteRange range, std::vector<RuleMatch>& out) const {
  auto index = static_cast<std::size_t>(&rule - rules_.rules().data());
  if (!whole_text_[index]) {
    // Small ranges (a sentence, an item) asked for once cost less searched alone.
    if (range.size() * 4 < text_.size()) return false;
    const LiteralFilter* filter = rules_.literal_filter();
    const bool each_line = filter && index < filter->rules.size() && filter->rules[index].each_line;
    if (each_line && line_starts_.empty()) {
      line_starts_.push_back(0);
      for (std::size_t i = text_.find('\n'); i != std::string_view::npos; i = text_.find('\n', i + 1))
        line_starts_.push_back(i + 1);
    }
    const auto where = each_line ? std::nullopt : windows(index);
    if (where) {
      ++stats_.windowed;
      for (ByteRange w : *where) stats_.window_bytes += w.size();
    } else {
      ++stats_.everywhere;
    }
    if (each_line) ++stats_.line_starts;
    WholeTextScan scan;
    scan.matches = rules_.scan_prepared(rule, scan_text_, 0, text_.size(), false, where ? &*where : nullptr,
                                        each_line ? &line_starts_ : nullptr);
    for (const auto& m : scan.matches) {
      const std::size_t resume = resume_after(m.raw, m.match.span);
      scan.resume_reach.push_back(std::max(scan.resume_reach.empty() ? 0 : scan.resume_reach.back(), resume));
      scan.raw_reach.push_back(std::max(scan.raw_reach.empty() ? 0 : scan.raw_reach.back(), m.raw.end));
    }
    whole_text_[index] = std::move(scan);
  }
  const WholeTextScan& scan = *whole_text_[index];
  const auto& scanned = scan.matches;
  const std::size_t from = search_begin(text_, range), to = search_end(text_, range);
  // The matches come in text order: a binary search finds where the range starts, and the furthest
  // reach of those before it says whether one crosses into the range. (Asked for every trigger of a
  // long sentence, a walk from the text's start made each question cost the matches before it.)
  const auto at = std::lower_bound(scanned.begin(), scanned.end(), from,
                                   [](const ScannedMatch& m, std::size_t pos) { return m.raw.begin < pos; });
  std::size_t first = static_cast<std::size_t>(at - scanned.begin());
  if (first > 0 && (scan.resume_reach[first - 1] > from || scan.raw_reach[first - 1] > to)) return false;
  std::size_t i = first;
  for (; i < scanned.size() && scanned[i].raw.begin < to; ++i)
    if (scanned[i].raw.end > to) return false;
  if (i == first) first = scanned.size();  // none starts inside [from, to)
  select_inside(scanned, first, text_, range, out);
  return true;
}

// The candidate index. Every match of a rule contains an occurrence of one of the literals of each of
// its clauses (LiteralFilter), and spans at most `reach` bytes (match_reach.h, figured on this text's
// runs). A match holding an occurrence that ends at byte e therefore lies in [e - reach, e + reach): the
// union of those windows over the occurrences of one clause's literals (the rarest clause here) holds
// every match, and RuleSet::scan_prepared searching only there finds the same matches as a whole-text
// search. nullopt (search everywhere) when the rule is not bounded or the windows would cover most of
// the text anyway.
std::optional<std::vector<ByteRange>> DocumentMatcher::windows(std::size_t index) const {
  const LiteralFilter* filter = rules_.literal_filter();
  if (filter == nullptr || index >= filter->rules.size()) return std::nullopt;
  const LiteralFilter::Need& need = filter->rules[index];
  if (need.always || need.clauses.empty() || !need.reach) return std::nullopt;
  const std::vector<int>* rarest = nullptr;
  std::size_t fewest = 0;
  for (const auto& clause : need.clauses) {
    std::size_t count = 0;
    for (int a : clause) count += occurrence_count(a);
    if (!rarest || count < fewest) rarest = &clause, fewest = count;
  }
  // 4 more bytes before: an occurrence's end is reported past the character that completes it, which
  // an invalid byte sequence can stretch
  if (!runs_) runs_ = longest_runs(text_);
  const std::size_t reach = need.reach->in(*runs_) + 4;
  if (fewest * reach * 2 >= text_.size()) return std::nullopt;
  std::vector<std::size_t> ends;
  ends.reserve(fewest);
  for (int a : *rarest) {
    const auto first = occurrence_ends_.begin() +
                       static_cast<std::ptrdiff_t>(occurrence_start_[static_cast<std::size_t>(a)]);
    ends.insert(ends.end(), first, first + static_cast<std::ptrdiff_t>(occurrence_count(a)));
  }
  std::sort(ends.begin(), ends.end());
  std::vector<ByteRange> out;
  for (std::size_t end : ends) {
    ByteRange w{end > reach ? end - reach : 0, std::min(text_.size(), end + reach)};
    if (!out.empty() && w.begin <= out.back().end)
      out.back().end = std::max(out.back().end, w.end);
    else
      out.push_back(w);
  }
  return out;
}

std::vector<RuleMatch> DocumentMatcher::find_at(std::string_view field, ByteRange range) const {
  std::vector<RuleMatch> out;
  const auto& all = rules_.rules();
  for (std::size_t i : rules_.rules_of(field))
    if (may_fire_[i])
      if (auto m = rules_.match_at_prepared(all[i], scan_text_, range)) out.push_back(std::move(*m));
  std::stable_sort(out.begin(), out.end(), [](const RuleMatch& a, const RuleMatch& b) {
    return a.rule->priority > b.rule->priority;
  });
  return out;
}

std::vector<RuleMatch> DocumentMatcher::find(std::string_view field, ByteRange range) const {
  std::vector<RuleMatch> out;
  const auto& all = rules_.rules();
  for (std::size_t i : rules_.rules_of(field)) {
    if (!may_fire_[i]) continue;
    if (from_whole_text(all[i], range, out)) continue;
    auto found = rules_.matches_prepared(all[i], scan_text_, range);
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  std::stable_sort(out.begin(), out.end(), [](const RuleMatch& a, const RuleMatch& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.rule->priority > b.rule->priority;
  });
  return out;
}

}  // namespace thidua
