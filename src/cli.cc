#include "cli.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <iostream>
#include <optional>
#include <string_view>

#include "eval.h"
#include "input.h"
#include "pipeline.h"
#include "printer.h"
#include "rules.h"

#ifndef THIDUA_VERSION
#define THIDUA_VERSION "0.0.0-dev"
#endif

namespace thidua {
namespace {

constexpr std::string_view kUsage = R"(thidua: Vietnamese emulation-bloc meeting articles -> JSON records

usage:
  thidua extract [--format jsonl] [--encoding NAME] [--rules DIR] [--explain] [PATH...]
  thidua normalize [--encoding NAME] [--display] [--map START[:END]]... PATH
  thidua eval GOLD_DIR [--rules DIR] [--min F1]
  thidua rules check [DIR]
  thidua --help | --version

extract     one JSON record per input document, as JSON Lines on standard output, in input order.
            PATH is a file, a directory (searched recursively for *.txt, in sorted order) or "-"
            for standard input (also the default when no PATH is given). An input that cannot be
            read gives one error line {"error": {...}, "source": {...}} instead of a record, and
            a message on standard error: there is always exactly one line per input.
normalize   print the text rules match on (NFC, white space folded, entities decoded, tone marks
            placed canonically); --display prints it without tone canonicalisation. --map prints,
            for a byte range of that text, the byte range of the original input it came from.
eval        extract every NAME.txt in GOLD_DIR and score it against NAME.gold.json, field by field
            (the definitions of the shared score.py); --min fails (exit 1) below that core F1.
rules check load the rules (built in, or from DIR), validate them and run their examples.

options:
  --format FORMAT   output format of extract: jsonl (default)
  --encoding NAME   input encoding: auto (default), utf-8, utf-16le, utf-16be, windows-1258
  --rules DIR       use the rule files in DIR instead of the built-in ones
  --explain         add to each record "explain": which rule produced each value
  -h, --help        this text
  --version         the version

exit status: 0 every input gave a record; 1 some input failed; 2 bad arguments.
)";

struct Usage {
  std::string message;
};

bool write_line(std::ostream& out, const std::string& line) {
  out << line << '\n';
  return static_cast<bool>(out);
}

// When standard output is gone (a closed pipe: `thidua extract ... | head`), stop quietly: the reader
// has all it wanted. Any other write failure is reported.
ExitStatus output_failed(std::ostream& err, ExitStatus so_far) {
  if (errno == EPIPE) return so_far;
  err << "thidua: cannot write output: " << std::strerror(errno) << '\n';
  return ExitStatus::kInputFailed;
}

Encoding parse_encoding_option(const std::string& value) {
  Encoding e;
  if (!parse_encoding(value, e))
    throw Usage{"unknown encoding '" + value + "' (known: " + std::string(encoding_names()) + ")"};
  return e;
}

// Walks the arguments of one command: options with values, and positional arguments.
class ArgReader {
 public:
  explicit ArgReader(const std::vector<std::string>& args) : args_(args) {}
  bool done() const { return i_ >= args_.size(); }
  const std::string& peek() const { return args_[i_]; }
  std::string take() { return args_[i_++]; }
  std::string value_of(const std::string& option) {
    if (done()) throw Usage{option + " needs a value"};
    return take();
  }

 private:
  const std::vector<std::string>& args_;
  std::size_t i_ = 0;
};

bool load_rules(const std::string& dir, RuleSet& rules, std::ostream& err);

ExitStatus run_extract(ArgReader& args, std::istream& in, std::ostream& out, std::ostream& err) {
  ExtractOptions options;
  std::vector<std::string> paths;
  std::string rules_dir;
  bool explain = false;
  bool options_done = false;
  while (!args.done()) {
    std::string a = args.take();
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      paths.push_back(a);
    } else if (a == "--") {
      options_done = true;
    } else if (a == "--format") {
      std::string f = args.value_of(a);
      if (f != "jsonl") throw Usage{"unknown format '" + f + "' (available: jsonl)"};
    } else if (a == "--encoding") {
      options.encoding = parse_encoding_option(args.value_of(a));
    } else if (a == "--rules") {
      rules_dir = args.value_of(a);
    } else if (a == "--explain") {
      explain = true;
    } else {
      throw Usage{"unknown option '" + a + "' for extract"};
    }
  }

  // Every rule is loaded and checked before any input is read.
  RuleSet rules;
  if (!load_rules(rules_dir, rules, err)) return ExitStatus::kUsage;

  ExitStatus status = ExitStatus::kOk;
  for (const InputItem& item : expand_inputs(paths)) {
    Result<std::string> bytes = read_input(item, in);
    Result<Record> record =
        bytes ? extract_record(bytes.value(), item.path, rules, options) : Result<Record>(bytes.error());
    std::string line;
    if (record) {
      line = record_to_json_line(record.value(), explain);
    } else {
      status = ExitStatus::kInputFailed;
      line = error_to_json_line(record.error(), item.path);
      err << "thidua: " << item.path << ": " << record.error().message << '\n';
    }
    if (!write_line(out, line)) return output_failed(err, status);
  }
  out.flush();
  if (!out) return output_failed(err, status);
  return status;
}

ByteRange parse_range(const std::string& s) {
  ByteRange r;
  std::size_t colon = s.find(':');
  auto number = [&](std::string_view part, std::size_t& v) {
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || ptr != part.data() + part.size() || part.empty())
      throw Usage{"--map takes START or START:END (byte offsets), not '" + s + "'"};
  };
  std::string_view sv(s);
  number(sv.substr(0, colon), r.begin);
  r.end = r.begin;
  if (colon != std::string::npos) number(sv.substr(colon + 1), r.end);
  if (r.end < r.begin) throw Usage{"--map range ends before it starts: '" + s + "'"};
  return r;
}

// Loads the built-in rules, or those in `dir`; prints every problem and returns false if there are any.
bool load_rules(const std::string& dir, RuleSet& rules, std::ostream& err) {
  std::vector<Status> errors;
  rules = dir.empty() ? RuleSet::load_builtin(errors) : RuleSet::load_directory(dir, errors);
  for (const auto& e : errors) err << "thidua: " << e.describe() << '\n';
  if (!errors.empty()) err << "thidua: " << errors.size() << " problem(s) in the rules; nothing was done\n";
  return errors.empty();
}

ExitStatus run_eval(ArgReader& args, std::ostream& out, std::ostream& err) {
  std::string gold_dir, rules_dir;
  std::optional<double> min_core;
  ExtractOptions options;
  while (!args.done()) {
    std::string a = args.take();
    if (a == "--rules") {
      rules_dir = args.value_of(a);
    } else if (a == "--min") {
      std::string v = args.value_of(a);
      try {
        min_core = std::stod(v);
      } catch (...) {
        throw Usage{"--min takes a number between 0 and 1, not '" + v + "'"};
      }
    } else if (a == "--encoding") {
      options.encoding = parse_encoding_option(args.value_of(a));
    } else if (!a.empty() && a[0] == '-') {
      throw Usage{"unknown option '" + a + "' for eval"};
    } else if (gold_dir.empty()) {
      gold_dir = a;
    } else {
      throw Usage{"eval takes one GOLD_DIR"};
    }
  }
  if (gold_dir.empty()) throw Usage{"eval needs a GOLD_DIR (NAME.txt files with NAME.gold.json beside them)"};
  RuleSet rules;
  if (!load_rules(rules_dir, rules, err)) return ExitStatus::kUsage;
  Result<EvalReport> report = evaluate(gold_dir, rules, options);
  if (!report) {
    err << "thidua: " << report.error().describe() << '\n';
    return ExitStatus::kUsage;
  }
  for (const auto& p : report->problems) err << "thidua: " << p << '\n';
  out << format_report(report.value());
  if (min_core && report->core.f1() < *min_core) {
    err << "thidua: core F1 " << report->core.f1() << " is below --min " << *min_core << '\n';
    return ExitStatus::kInputFailed;
  }
  return report->problems.empty() ? ExitStatus::kOk : ExitStatus::kInputFailed;
}

// Loads the rules (the built-in ones, or DIR), runs every rule's examples, and reports all problems.
ExitStatus run_rules(ArgReader& args, std::ostream& out, std::ostream& err) {
  if (args.done() || args.peek() != "check") throw Usage{"usage: thidua rules check [DIR]"};
  args.take();
  std::string dir = args.done() ? "" : args.take();
  if (!args.done()) throw Usage{"rules check takes at most one DIR"};
  std::vector<Status> errors;
  RuleSet rules = dir.empty() ? RuleSet::load_builtin(errors) : RuleSet::load_directory(dir, errors);
  if (errors.empty()) errors = rules.check_examples();
  for (const auto& e : errors) err << "thidua: " << e.describe() << '\n';
  if (!errors.empty()) {
    err << "thidua: " << errors.size() << " problem(s) in the rules\n";
    return ExitStatus::kUsage;
  }
  std::size_t examples = 0;
  for (const auto& r : rules.rules()) examples += r.examples.size();
  out << rules.rules().size() << " rules, " << examples << " examples: all pass\n";
  return ExitStatus::kOk;
}

ExitStatus run_normalize(ArgReader& args, std::istream& in, std::ostream& out, std::ostream& err) {
  Encoding encoding = Encoding::kAuto;
  bool display = false;
  std::vector<ByteRange> maps;
  std::vector<std::string> paths;
  while (!args.done()) {
    std::string a = args.take();
    if (a == "-" || a.empty() || a[0] != '-') {
      paths.push_back(a);
    } else if (a == "--encoding") {
      encoding = parse_encoding_option(args.value_of(a));
    } else if (a == "--display") {
      display = true;
    } else if (a == "--map") {
      maps.push_back(parse_range(args.value_of(a)));
    } else {
      throw Usage{"unknown option '" + a + "' for normalize"};
    }
  }
  if (paths.size() != 1) throw Usage{"normalize takes exactly one PATH"};
  std::vector<InputItem> items = expand_inputs(paths);
  if (items.size() != 1) throw Usage{"normalize takes one file, not a directory"};

  Result<std::string> bytes = read_input(items[0], in);
  Result<NormalizedText> text =
      bytes ? load_text(bytes.value(), encoding) : Result<NormalizedText>(bytes.error());
  if (!text) {
    err << "thidua: " << paths[0] << ": " << text.error().message << '\n';
    return ExitStatus::kInputFailed;
  }
  const std::string& shown = display ? text->display() : text->match();
  if (maps.empty()) {
    out << shown;
    if (!shown.empty()) out << '\n';
  }
  for (ByteRange r : maps) {
    if (r.end > shown.size() || r.begin > shown.size()) {
      err << "thidua: --map " << r.begin << ":" << r.end << " is past the end of the text (" << shown.size()
          << " bytes)\n";
      return ExitStatus::kUsage;
    }
    ByteRange original = display ? text->display_to_original(r) : text->to_original(r);
    std::string_view raw = std::string_view(bytes.value()).substr(original.begin, original.size());
    out << r.begin << ":" << r.end << "\t" << original.begin << ":" << original.end << "\t"
        << std::string_view(shown).substr(r.begin, r.size()) << "\t" << raw << '\n';
  }
  out.flush();
  if (!out) return output_failed(err, ExitStatus::kOk);
  return ExitStatus::kOk;
}

}  // namespace

ExitStatus run_cli(const std::vector<std::string>& argv, std::istream& in, std::ostream& out,
                   std::ostream& err) {
  try {
    if (argv.empty()) throw Usage{"no command given"};
    const std::string& command = argv[0];
    std::vector<std::string> rest(argv.begin() + 1, argv.end());
    ArgReader args(rest);
    for (const auto& a : rest) {
      if (a == "-h" || a == "--help") {
        out << kUsage;
        return ExitStatus::kOk;
      }
    }
    if (command == "-h" || command == "--help" || command == "help") {
      out << kUsage;
      return ExitStatus::kOk;
    }
    if (command == "--version" || command == "version") {
      out << "thidua " << THIDUA_VERSION << '\n';
      return ExitStatus::kOk;
    }
    if (command == "extract") return run_extract(args, in, out, err);
    if (command == "normalize") return run_normalize(args, in, out, err);
    if (command == "rules") return run_rules(args, out, err);
    if (command == "eval") return run_eval(args, out, err);
    throw Usage{"unknown command '" + command + "'"};
  } catch (const Usage& u) {
    err << "thidua: " << u.message << "\n(run 'thidua --help' for usage)\n";
    return ExitStatus::kUsage;
  }
}

}  // namespace thidua
