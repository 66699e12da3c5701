#include "cli.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string_view>
#include <thread>

#include "archive.h"
#include "atomic_file.h"
#include "batch.h"
#include "eval.h"
#include "extract.h"
#include "input.h"
#include "output.h"
#include "pipeline.h"
#include "printer.h"
#include "progress.h"
#include "report.h"
#include "rules.h"
#include "sha256.h"
#include "tables.h"
#include "workbook.h"

#ifndef THIDUA_VERSION
#define THIDUA_VERSION "0.0.0-dev"
#endif

namespace thidua {
namespace {

constexpr std::string_view kUsage = R"(thidua: Vietnamese emulation-bloc meeting articles -> JSON records

usage:
  thidua extract [--format FORMAT] [-o OUTPUT] [--csv-table NAME] [--excel] [--jobs N] [--glob PATTERN]...
                 [--quiet] [--max-bytes SIZE] [--encoding NAME] [--rules DIR] [--explain]
                 [--files-from FILE [-0]] [--archive FILE] [PATH...]
  thidua review [-o FILE.html] [--jobs N] [--glob PATTERN]... [--encoding NAME] [--rules DIR] [--explain]
                [--files-from FILE [-0]] [PATH...]
  thidua normalize [--encoding NAME] [--display] [--map START[:END]]... PATH
  thidua report ARCHIVE [--province P] [--year Y] [--bloc NAME] [-o FILE] [--format FORMAT]
                [--view VIEW] [--excel]
  thidua eval GOLD_DIR [--rules DIR] [--min F1] [--errors FIELD]
  thidua rules check [DIR]
  thidua -h | --help | -V | --version

extract     one record per input document, in input order (JSON Lines on standard output by
            default). PATH is a file, a directory (searched recursively for *.txt, *.html and
            *.htm, or for the --glob patterns, in sorted order) or "-" for standard input (the
            default when no PATH is given). An input that cannot be read gives an error line (a row with its error
            in CSV/XLSX) instead of a record, and a message on standard error: nothing is skipped.
            A summary goes to standard error at the end; a progress line too, on a terminal.
review      the same records as one self-contained HTML page (also: extract -o FILE.html): each
            document's text with every value highlighted beside its record; a reviewer can mark a
            value wrong, edit it or add selected text as a value, and export the corrections as
            NAME.gold.json files (one .zip) that eval reads. Keys: j/k next/previous document,
            n/p next/previous highlight, / search; on a value: Enter shows it, e edits, w marks it
            wrong (kept, left out of the gold), Delete removes it.
report      the yearly report from an archive (made by extract -o ARCHIVE.sqlite or --archive):
            per bloc and year, the meetings held by type with dates and article counts, head and
            deputy units, who was elected for next year, awards, decisions by kind, members gained
            and lost, what is missing (no year-end review, no launch), and values the sources of
            one meeting disagree on; then a line per province. Articles that report the same
            meeting (same bloc and date, or same bloc, type and period) count once. It reads the
            archive only. Text on the terminal by default; -o FILE.csv|.xlsx|.html.
normalize   print the text rules match on (NFC, white space folded, entities decoded, tone marks
            placed canonically); --display prints it without tone canonicalisation. --map prints,
            for a byte range of that text, the byte range of the original input it came from.
eval        extract every NAME.txt in GOLD_DIR and score it against NAME.gold.json, field by field
            (the definitions of the shared score.py); --min fails (exit 1) below that core F1;
            --errors FIELD first lists, document by document, what was missed (-) and added (+).
rules check load the rules (built in, or from DIR), validate them and run their examples.

options:
  --format FORMAT   jsonl (default), json (one array), csv (one table; all five with -o DIR/),
                    xlsx (one sheet per table; needs -o), review (the review page), sqlite (the
                    archive; needs -o). Also inferred from -o's extension (.html: the review page).
                    report: text (default), csv, xlsx, html
  -o, --output OUT  write to OUT (- for standard output); OUT ending in / is a directory of CSVs.
                    OUT is replaced only when the run completes, and not by a run in which no
                    input gave a record
  --csv-table NAME  the table CSV to one stream carries: documents (default), members, people,
                    decisions, documents_referenced
  --excel           CSV with a UTF-8 byte-order mark: Excel then reads Vietnamese correctly
  -j, --jobs N      documents processed in parallel (default: all cores); output order stays
  --glob PATTERN    which files a directory contributes (default *.txt *.html *.htm, in any case;
                    hidden files and folders are passed over); repeatable
  --files-from FILE read the PATHs from FILE (- for standard input), one a line
  -0, --null        with --files-from: the names end with a NUL byte (find -print0, split -t '\0')
  -q, --quiet       no progress line, no summary
  --max-bytes SIZE  refuse inputs larger than SIZE (default 64M, at most 512M; K, M, G suffixes)
  --encoding NAME   input encoding: auto (default), utf-8, utf-16le, utf-16be, windows-1258, tcvn3,
                    vni, viscii
  --rules DIR       use the rule files in DIR instead of the built-in ones
  --explain         add to each record "explain": which rule produced each value
  --archive FILE    also keep the records in the SQLite archive FILE (created if missing): a
                    document already there (same bytes, or same text in another encoding) is
                    replaced, not added again. -o FILE.sqlite (.sqlite3, .db) writes only the archive
  --province P      (report) only the blocs of province P ("unknown": those of no known province)
  --year Y          (report) only emulation year Y (the period a review covers, else the meeting's year)
  --bloc NAME       (report) only blocs whose name has these words ("Khối 4", "nội chính")
  --view VIEW       (report, csv) the table: blocs (default), meetings, provinces
  --min F1          (eval) fail, exit 1, below this core F1, from 0 to 1
  --errors FIELD    (eval) list each document's misses of FIELD first
  --display         (normalize) the text without tone canonicalisation
  --map START[:END] (normalize) the original byte range of a range of the text; repeatable
  -h, --help        this text
  -V, --version     the version

Options take their value as the next argument or after '=' (--jobs=4, -j4); short options can be
bundled (-qj 2). '--' ends the options.

exit status: 0 every input gave a record; 1 some input failed; 2 bad arguments.
)";

struct Usage {
  std::string message;
};

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

// The options that take a value, long and short; every other option is a flag.
const std::vector<std::string_view> kValueOptions = {
    "--format",    "--output",   "-o",      "--csv-table",  "--jobs", "-j",       "--glob",
    "--max-bytes", "--encoding", "--rules", "--files-from", "--min",  "--errors", "--map",
    "--archive",   "--province", "--year",  "--bloc",       "--view"};
constexpr std::string_view kShortFlags = "qhV0";
constexpr std::string_view kShortValues = "jo";

bool takes_value(std::string_view option) {
  return std::find(kValueOptions.begin(), kValueOptions.end(), option) != kValueOptions.end();
}

// The arguments as the commands read them: "--jobs=4" -> "--jobs" "4", "-j4" -> "-j" "4", "-qj 2" ->
// "-q" "-j" "2", as ripgrep and jq accept them. Nothing after "--" is touched.
std::vector<std::string> expand_options(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  bool done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (done || a == "-" || a.size() < 2 || a[0] != '-') {
      out.push_back(a);
      continue;
    }
    if (a == "--") {
      done = true;
      out.push_back(a);
      continue;
    }
    if (a[1] == '-') {
      std::size_t eq = a.find('=');
      if (eq == std::string::npos) {
        out.push_back(a);
        if (takes_value(a) && i + 1 < args.size()) out.push_back(args[++i]);  // a value may start with '-'
      } else if (takes_value(a.substr(0, eq))) {
        out.push_back(a.substr(0, eq));
        out.push_back(a.substr(eq + 1));
      } else {
        throw Usage{a.substr(0, eq) + " takes no value"};
      }
      continue;
    }
    // short options, bundled: flags, then at most one that takes a value (the rest of the word, or the
    // next argument)
    for (std::size_t k = 1; k < a.size(); ++k) {
      char c = a[k];
      if (kShortValues.find(c) != std::string_view::npos) {
        out.push_back(std::string("-") + c);
        if (k + 1 < a.size())
          out.push_back(a.substr(k + 1 + (a[k + 1] == '=' ? 1 : 0)));
        else if (i + 1 < args.size())
          out.push_back(args[++i]);
        break;
      }
      if (kShortFlags.find(c) == std::string_view::npos)
        throw Usage{"unknown option '-" + std::string(1, c) + "'"};
      out.push_back(std::string("-") + c);
    }
  }
  return out;
}

// The names listed in FILE ("-": standard input), one a line or, with `nul`, each ended by a NUL byte.
std::vector<std::string> names_from(const std::string& file, bool nul, std::istream& in) {
  std::ifstream f;
  std::istream* src = &in;
  if (file != "-") {
    f.open(file, std::ios::binary);
    if (!f) throw Usage{"cannot read --files-from " + file + ": " + std::strerror(errno)};
    src = &f;
  }
  std::vector<std::string> names;
  for (std::string name; std::getline(*src, name, nul ? '\0' : '\n');) {
    if (!nul && !name.empty() && name.back() == '\r') name.pop_back();
    if (!name.empty()) names.push_back(name);
  }
  return names;
}

bool load_rules(const std::string& dir, RuleSet& rules, std::ostream& err);
std::size_t parse_size(const std::string& s);

// What `extract` was asked to do, once its arguments are read and checked.
struct ExtractArgs {
  ExtractOptions options;
  OutputOptions output;
  std::vector<std::string> paths, globs;
  std::string rules_dir;
  std::string archive;  // the archive to write beside the output (or as the output), if any
  bool quiet = false;
  std::size_t max_bytes = kDefaultMaxBytes;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
};

// The output format: as given, else what the output file's name says, else JSON Lines; and a word on
// the options that do nothing for it, rather than dropping them silently.
void settle_output(ExtractArgs& x, std::optional<Format> format, bool excel_given, bool table_given,
                   std::ostream& err) {
  OutputOptions& output = x.output;
  Format from_path;
  if (format)
    output.format = *format;
  else if (!output.path.empty() && format_of_path(output.path, from_path))
    output.format = from_path;
  if (output.format == Format::kXlsx && output.path.empty()) throw Usage{"xlsx output needs -o FILE.xlsx"};
  if (output.format == Format::kArchive) {
    if (output.path.empty())
      throw Usage{"the archive needs -o FILE.sqlite (or --archive FILE beside another output)"};
    if (!x.archive.empty())
      throw Usage{"-o " + output.path + " and --archive " + x.archive + " both name an archive"};
    x.archive = output.path;
  }
  bool csv_dir = output.format == Format::kCsv && names_directory(output.path);
  if (excel_given && output.format != Format::kCsv)
    err << "thidua: --excel applies to CSV output only; ignored\n";
  if (table_given && (output.format != Format::kCsv || csv_dir))
    err << "thidua: --csv-table applies to one CSV stream only (a folder gets every table); ignored\n";
}

// Reads extract's arguments (and --files-from), settles the output format, and says which options do
// nothing for it. Throws Usage.
ExtractArgs parse_extract_args(ArgReader& args, std::istream& in, std::ostream& err, bool review) {
  ExtractArgs x;
  ExtractOptions& options = x.options;
  OutputOptions& output = x.output;
  std::vector<std::string>& paths = x.paths;
  std::optional<Format> format;
  bool options_done = false, excel_given = false, table_given = false, nul = false;
  std::optional<std::string> files_from;
  while (!args.done()) {
    std::string a = args.take();
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      paths.push_back(a);
    } else if (a == "--") {
      options_done = true;
    } else if (a == "--format") {
      std::string f = args.value_of(a);
      Format parsed;
      if (!parse_format(f, parsed))
        throw Usage{"unknown format '" + f + "' (available: jsonl, json, csv, xlsx, review)"};
      format = parsed;
    } else if (a == "-o" || a == "--output") {
      output.path = args.value_of(a);
      if (output.path == "-") output.path.clear();  // standard output
    } else if (a == "--files-from") {
      files_from = args.value_of(a);
    } else if (a == "-0" || a == "--null") {
      nul = true;
    } else if (a == "--csv-table") {
      table_given = true;
      output.csv_table = args.value_of(a);
      if (table_index(output.csv_table) < 0)
        throw Usage{"unknown table '" + output.csv_table +
                    "' (tables: documents, members, people, decisions, documents_referenced)"};
    } else if (a == "--excel") {
      excel_given = true;
      output.excel = true;
    } else if (a == "--jobs" || a == "-j") {
      std::string v = args.value_of(a);
      unsigned long n = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || ptr != v.data() + v.size() || n == 0 || n > 1024)
        throw Usage{"--jobs takes a number from 1 to 1024, not '" + v + "'"};
      x.jobs = static_cast<unsigned>(n);
    } else if (a == "--glob") {
      x.globs.push_back(args.value_of(a));
    } else if (a == "--max-bytes") {
      x.max_bytes = parse_size(args.value_of(a));
    } else if (a == "--quiet" || a == "-q") {
      x.quiet = true;
    } else if (a == "--encoding") {
      options.encoding = parse_encoding_option(args.value_of(a));
    } else if (a == "--rules") {
      x.rules_dir = args.value_of(a);
    } else if (a == "--explain") {
      output.explain = true;
    } else if (a == "--archive" && !review) {
      x.archive = args.value_of(a);
    } else {
      throw Usage{"unknown option '" + a + "' for " + (review ? "review" : "extract")};
    }
  }
  if (review) {
    if (format && *format != Format::kReview)
      throw Usage{"review writes the review page; --format does not apply"};
    format = Format::kReview;
  }
  settle_output(x, format, excel_given, table_given, err);
  output.encoding = options.encoding;
  if (nul && !files_from) throw Usage{"-0 goes with --files-from"};
  if (files_from) {
    std::vector<std::string> listed = names_from(*files_from, nul, in);
    paths.insert(paths.end(), listed.begin(), listed.end());
    if (paths.empty()) throw Usage{"--files-from " + *files_from + " lists no file"};
  }
  // Waiting on a terminal for a document typed in is rarely what was meant: say how to end or avoid it.
  if (paths.empty() && &in == &std::cin && isatty(STDIN_FILENO))
    err << "thidua: reading one document from standard input (end it with Ctrl-D; give PATHs to read "
           "files)\n";
  return x;
}

// What the archive keeps of a document besides its record: the SHA-256 of its normalized text (the same
// article in another encoding is the same document) and its record as one JSON line.
void prepare_for_archive(BatchResult& r, Encoding encoding) {
  Result<NormalizedText> text = load_text(r.input, encoding);
  r.text_sha256 = text ? sha256_hex(text->match()) : r.record->source.sha256;
  r.record_json = record_to_json_line(r.record.value());
}

// An input is never overwritten by the output (it would be read first, then replaced).
void refuse_input_as_output(const std::vector<std::string>& paths, const std::string& output) {
  if (output.empty()) return;
  std::error_code ec;
  const auto same = [&](const std::string& a, const std::string& b) {
    return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
  };
  for (const auto& p : paths)
    if (p != "-" && std::filesystem::is_regular_file(p, ec) && same(p, output))
      throw Usage{"the output " + output + " is also an input; it would be overwritten"};
}

ExitStatus run_extract(ArgReader& arg_reader, std::istream& in, std::ostream& out, std::ostream& err,
                       bool review = false) {
  ExtractArgs x = parse_extract_args(arg_reader, in, err, review);
  const OutputOptions& output = x.output;
  const std::vector<std::string>& paths = x.paths;
  const std::vector<std::string>& globs = x.globs;
  const bool quiet = x.quiet;

  refuse_input_as_output(paths, output.path);
  refuse_input_as_output(paths, x.archive);

  // Every rule is loaded and checked before any input is read.
  RuleSet rules;
  if (!load_rules(x.rules_dir, rules, err)) return ExitStatus::kUsage;
  rules.set_compile_threads(x.jobs);  // the first document's rules compile on the jobs' cores
  Result<std::unique_ptr<RecordWriter>> opened = open_writer(output, out);
  if (!opened) {
    err << "thidua: " << opened.error().message << '\n';
    return opened.error().code == "usage" ? ExitStatus::kUsage : ExitStatus::kInputFailed;
  }
  RecordWriter& writer = *opened.value();
  std::unique_ptr<Archive> archive;
  if (!x.archive.empty()) {
    Result<std::unique_ptr<Archive>> a = Archive::open(x.archive, true);
    if (!a) {
      err << "thidua: " << a.error().message << '\n';
      return a.error().code == "archive_failed" ? ExitStatus::kInputFailed : ExitStatus::kUsage;
    }
    archive = std::move(a.value());
  }

  // Inputs are listed as they are processed; only a progress line needs their number first.
  InputLister inputs(paths, globs);
  if (!output.path.empty()) inputs.exclude(output.path);  // never read back as an input of this run
  if (!x.archive.empty()) inputs.exclude(x.archive);
  // A progress line only on a terminal, and not on one that shows the records too.
  bool live = !quiet && &err == &std::cerr && isatty(STDERR_FILENO) &&
              !(output.path.empty() && &out == &std::cout && isatty(STDOUT_FILENO));
  RunReport report(err, live ? count_inputs(paths, globs) : 0, live);
  ExitStatus status = ExitStatus::kOk;
  bool output_ok = true;
  // Records are rendered (JSON text) on the worker threads; the calling thread only writes them.
  const Encoding encoding = x.options.encoding;
  const bool archiving = archive != nullptr;
  const auto prepare = [&writer, archiving, encoding](BatchResult& r) {
    if (!r.record) return;
    r.rendered = writer.render(r.record.value(), r.input);
    if (archiving) prepare_for_archive(r, encoding);
  };
  std::size_t records = 0;
  std::optional<Status> archive_failure;
  run_batch(inputs, in, rules, x.options, x.jobs, x.max_bytes, prepare, [&](BatchResult&& r) {
    if (r.record) {
      ++records;
      report.add_record(r.record.value(), r.bytes);
      output_ok = writer.write_rendered(r.record.value(), r.rendered);
      if (output_ok && archive)
        archive_failure = archive->put(r.record.value(), r.text_sha256, r.record_json);
      if (archive_failure) output_ok = false;
    } else {
      report.add_error(r.bytes);
      status = ExitStatus::kInputFailed;
      output_ok = writer.write_error(r.path, r.record.error());
      report.note("thidua: " + r.path + ": " + r.record.error().message);
    }
    for (const auto& note : writer.take_notes()) report.note("thidua: " + note);
    report.tick();
    return output_ok;
  });
  // A run in which no input gave a record (a mistyped path, a folder that moved) does not replace an
  // existing output file: yesterday's records are worth more than today's error lines.
  std::error_code exists_ec;
  if (output_ok && records == 0 && status != ExitStatus::kOk && !output.path.empty() &&
      std::filesystem::exists(output.path, exists_ec)) {
    report.finish(quiet);
    err << "thidua: no input gave a record; " << output.path << " was left as it was\n";
    return status;
  }
  if (archive_failure) {
    report.finish(quiet);
    err << "thidua: " << archive_failure->message << "; the archive keeps the documents committed before\n";
    return ExitStatus::kInputFailed;
  }
  if (output_ok && archive) archive_failure = archive->finish();
  if (archive_failure) {
    report.finish(quiet);
    err << "thidua: " << archive_failure->message << '\n';
    return ExitStatus::kInputFailed;
  }
  if (output_ok) output_ok = writer.finish();
  if (!output_ok) {
    // A closed pipe (`thidua extract ... | head`) means the reader has what it wanted.
    if (errno == EPIPE) return status;
    err << "thidua: " << writer.error() << '\n';
    return ExitStatus::kInputFailed;
  }
  report.finish(quiet);
  if (archive && !quiet) {
    const ArchiveCounts& c = archive->counts();
    err << "thidua: " << x.archive << ": " << c.added << " added, " << c.replaced << " replaced, "
        << c.unchanged << " unchanged\n";
  }
  return status;
}

// "65536", "64K", "64M", "1G": a byte count for --max-bytes.
std::size_t parse_size(const std::string& s) {
  std::size_t n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  std::string_view unit(ptr, static_cast<std::size_t>(s.data() + s.size() - ptr));
  std::size_t scale = unit.empty()                 ? 1
                      : unit == "K" || unit == "k" ? std::size_t{1} << 10
                      : unit == "M" || unit == "m" ? std::size_t{1} << 20
                      : unit == "G" || unit == "g" ? std::size_t{1} << 30
                                                   : 0;
  if (ec != std::errc() || scale == 0 || n == 0 || n > kMaxMaxBytes / scale)
    throw Usage{"--max-bytes takes a size from 1 to 512M (e.g. 65536, 64K, 16M), not '" + s + "'"};
  return n * scale;
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
  rules = load_checked_rules(dir, errors);
  for (const auto& e : errors) err << "thidua: " << e.describe() << '\n';
  if (!errors.empty()) err << "thidua: " << errors.size() << " problem(s) in the rules; nothing was done\n";
  return errors.empty();
}

ExitStatus run_eval(ArgReader& args, std::ostream& out, std::ostream& err) {
  std::string gold_dir, rules_dir, errors_field;
  std::optional<double> min_core;
  ExtractOptions options;
  while (!args.done()) {
    std::string a = args.take();
    if (a == "--rules") {
      rules_dir = args.value_of(a);
    } else if (a == "--min") {
      std::string v = args.value_of(a);
      double d = -1;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
      if (ec != std::errc() || ptr != v.data() + v.size() || !(d >= 0 && d <= 1))
        throw Usage{"--min takes a number from 0 to 1, not '" + v + "'"};
      min_core = d;
    } else if (a == "--encoding") {
      options.encoding = parse_encoding_option(args.value_of(a));
    } else if (a == "--errors") {
      errors_field = args.value_of(a);
      if (!is_eval_field(errors_field))
        throw Usage{
            "--errors takes a field of the report (meeting.date, bloc.members, decisions ...), not '" +
            errors_field + "'"};
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
  Result<EvalReport> report = evaluate(gold_dir, rules, options, errors_field);
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

// What `report` was asked to do.
struct ReportArgs {
  std::string archive, output, view = "blocs", format;
  ReportFilter filter;
  bool excel = false;
};

ReportArgs parse_report_args(ArgReader& args) {
  ReportArgs x;
  while (!args.done()) {
    std::string a = args.take();
    if (a == "--province") {
      x.filter.province = args.value_of(a);
    } else if (a == "--year") {
      std::string v = args.value_of(a);
      int y = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), y);
      if (ec != std::errc() || ptr != v.data() + v.size() || y < 1900 || y > 2999)
        throw Usage{"--year takes a year such as 2024, not '" + v + "'"};
      x.filter.year = y;
    } else if (a == "--bloc") {
      x.filter.bloc = args.value_of(a);
    } else if (a == "-o" || a == "--output") {
      x.output = args.value_of(a);
      if (x.output == "-") x.output.clear();
    } else if (a == "--format") {
      x.format = args.value_of(a);
    } else if (a == "--view") {
      x.view = args.value_of(a);
      if (x.view != "blocs" && x.view != "meetings" && x.view != "provinces")
        throw Usage{"--view takes blocs, meetings or provinces, not '" + x.view + "'"};
    } else if (a == "--excel") {
      x.excel = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      throw Usage{"unknown option '" + a + "' for report"};
    } else if (x.archive.empty()) {
      x.archive = a;
    } else {
      throw Usage{"report takes one ARCHIVE"};
    }
  }
  if (x.archive.empty())
    throw Usage{"report needs an ARCHIVE (made by thidua extract ... -o ARCHIVE.sqlite)"};
  // the format the output's name says (extract's reading of it: .csv, .xlsx, .html), else text
  Format named = Format::kJsonl;
  if (x.format.empty() && !x.output.empty()) format_of_path(x.output, named);
  if (x.format.empty())
    x.format = named == Format::kXlsx     ? "xlsx"
               : named == Format::kCsv    ? "csv"
               : named == Format::kReview ? "html"
                                          : "text";
  if (x.format != "text" && x.format != "csv" && x.format != "xlsx" && x.format != "html")
    throw Usage{"report formats are text, csv, xlsx and html, not '" + x.format + "'"};
  if (x.format == "xlsx" && x.output.empty()) throw Usage{"xlsx output needs -o FILE.xlsx"};
  std::error_code ec;
  if (!x.output.empty() &&
      std::filesystem::weakly_canonical(x.output, ec) == std::filesystem::weakly_canonical(x.archive, ec))
    throw Usage{"the output " + x.output + " is the archive; it would be overwritten"};
  return x;
}

// The report in its format, to `out` (an open file or standard output); xlsx to its own file.
std::optional<Status> write_report(const Report& report, const ReportArgs& x, std::ostream& out) {
  if (x.format == "text") write_report_text(report, out);
  if (x.format == "html") write_report_html(report, "Emulation blocs: meetings by year", out);
  if (x.format == "csv") {
    const ReportView& view = x.view == "meetings"    ? report.meetings
                             : x.view == "provinces" ? report.provinces
                                                     : report.blocs;
    write_report_csv(view, out, x.excel);
  }
  if (x.format != "xlsx") return std::nullopt;
  auto file = AtomicFile::create(x.output);
  if (!file) return file.error();
  auto book = Workbook::create(std::move(file.value()));
  if (!book) return book.error();
  for (const ReportView* view : {&report.blocs, &report.meetings, &report.provinces}) {
    std::vector<std::string> header;
    for (const auto& c : view->spec.columns) header.push_back(c.name);
    std::size_t sheet = book.value()->add_sheet(view->spec.name, header, true);
    for (const Row& row : view->rows)
      if (!book.value()->put_row(sheet, row, "")) return Status{"output_failed", book.value()->error()};
  }
  if (!book.value()->finish()) return Status{"output_failed", book.value()->error()};
  return std::nullopt;
}

// `thidua report ARCHIVE`: reads the archive only; writes the output whole or not at all.
ExitStatus run_report(ArgReader& args, std::ostream& out, std::ostream& err) {
  ReportArgs x = parse_report_args(args);
  std::error_code ec;
  if (!std::filesystem::exists(x.archive, ec)) {
    err << "thidua: " << x.archive << ": no such archive (make one with: thidua extract PATH... -o "
        << x.archive << ")\n";
    return ExitStatus::kUsage;
  }
  Result<std::unique_ptr<Archive>> archive = Archive::open(x.archive, false);
  if (!archive) {
    err << "thidua: " << archive.error().message << '\n';
    return ExitStatus::kUsage;
  }
  Result<std::vector<ArticleFacts>> facts = archive.value()->load_facts();
  if (!facts) {
    err << "thidua: " << facts.error().message << '\n';
    return ExitStatus::kInputFailed;
  }
  Report report = build_report(facts.value(), x.filter);
  if (report.timelines.empty())
    err << "thidua: no bloc in " << x.archive << " has a meeting that fits the filter\n";
  std::unique_ptr<AtomicFile> file;
  if (!x.output.empty() && x.format != "xlsx") {
    auto created = AtomicFile::create(x.output);
    if (!created) {
      err << "thidua: " << created.error().message << '\n';
      return ExitStatus::kInputFailed;
    }
    file = std::move(created.value());
  }
  std::optional<Status> failed = write_report(report, x, file ? file->stream() : out);
  if (!failed && file) failed = file->commit();
  if (failed) {
    err << "thidua: " << failed->message << '\n';
    return ExitStatus::kInputFailed;
  }
  return ExitStatus::kOk;
}

// Loads the rules (the built-in ones, or DIR), runs every rule's examples, and reports all problems.
ExitStatus run_rules(ArgReader& args, std::ostream& out, std::ostream& err) {
  if (args.done() || args.peek() != "check") throw Usage{"usage: thidua rules check [DIR]"};
  args.take();
  std::string dir = args.done() ? "" : args.take();
  if (!args.done()) throw Usage{"rules check takes at most one DIR"};
  std::vector<Status> errors;
  RuleSet rules = load_checked_rules(dir, errors);
  if (errors.empty()) errors = rules.check_examples();
  for (const auto& e : errors) err << "thidua: " << e.describe() << '\n';
  if (!errors.empty()) {
    err << "thidua: " << errors.size() << " problem(s) in the rules\n";
    return ExitStatus::kUsage;
  }
  // Not an error, but a cost the rules' author should know of: one such rule slows every search.
  for (const Rule* r : rules.rules_keeping_wide_classes())
    err << "thidua: warning: " << r->file << ":" << r->line << ": rule " << r->name
        << " names a character outside the Latin and Vietnamese letters (or a class that reaches one), so "
           "the whole set searches with full Unicode classes, which is slower\n";
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
    const auto inside_char = [&](std::size_t at) {
      return at < shown.size() && (static_cast<unsigned char>(shown[at]) & 0xC0) == 0x80;
    };
    if (inside_char(r.begin) || inside_char(r.end)) {
      err << "thidua: --map " << r.begin << ":" << r.end
          << " falls inside a character; give offsets where characters start\n";
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

namespace {
ExitStatus run_command(const std::vector<std::string>& argv, std::istream& in, std::ostream& out,
                       std::ostream& err);
}  // namespace

// Every command's output is checked once it is done: help, a report or a rule check sent to a full disk
// or a closed file fails the run instead of passing it with nothing written.
ExitStatus run_cli(const std::vector<std::string>& argv, std::istream& in, std::ostream& out,
                   std::ostream& err) {
  ExitStatus status = run_command(argv, in, out, err);
  out.flush();
  // (a command that failed has said why already; a closed pipe means the reader has what it wanted)
  if (!out && status == ExitStatus::kOk) {
    if (errno == EPIPE) return status;
    err << "thidua: cannot write output" << (errno != 0 ? std::string(": ") + std::strerror(errno) : "")
        << '\n';
    return ExitStatus::kInputFailed;
  }
  return status;
}

namespace {

ExitStatus run_command(const std::vector<std::string>& argv, std::istream& in, std::ostream& out,
                       std::ostream& err) {
  try {
    if (argv.empty()) throw Usage{"no command given"};
    const std::string& command = argv[0];
    std::vector<std::string> rest = expand_options(std::vector<std::string>(argv.begin() + 1, argv.end()));
    ArgReader args(rest);
    for (const auto& a : rest) {
      if (a == "--") break;
      if (a == "-h" || a == "--help") {
        out << kUsage;
        return ExitStatus::kOk;
      }
    }
    if (command == "-h" || command == "--help" || command == "help") {
      out << kUsage;
      return ExitStatus::kOk;
    }
    if (command == "--version" || command == "-V" || command == "version") {
      out << "thidua " << THIDUA_VERSION << '\n';
      return ExitStatus::kOk;
    }
    if (command == "extract") return run_extract(args, in, out, err);
    if (command == "review") return run_extract(args, in, out, err, true);
    if (command == "normalize") return run_normalize(args, in, out, err);
    if (command == "rules") return run_rules(args, out, err);
    if (command == "eval") return run_eval(args, out, err);
    if (command == "report") return run_report(args, out, err);
    throw Usage{"unknown command '" + command + "'"};
  } catch (const Usage& u) {
    err << "thidua: " << u.message << "\n(run 'thidua --help' for usage)\n";
    return ExitStatus::kUsage;
  }
}

}  // namespace

}  // namespace thidua
