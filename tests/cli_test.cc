#include "cli.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "decode.h"
#include "rules.h"
#include "schema_checker.h"
#include "test_support.h"

using namespace thidua;
using nlohmann::json;
using thidua::test::read_file;
using thidua::test::SchemaChecker;
using thidua::test::seed_paths;
using thidua::test::source_path;

namespace {

struct Run {
  ExitStatus status;
  std::string out, err;
  std::vector<json> lines;
};

Run run(std::vector<std::string> args, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  Run r{run_cli(args, in, out, err), out.str(), err.str(), {}};
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line))
    if (!line.empty() && line[0] == '{') r.lines.push_back(json::parse(line));
  return r;
}

void check_spans(const json& j, std::size_t size) {
  if (j.is_object()) {
    if (j.contains("at")) {
      const json& at = j["at"];
      REQUIRE(at.is_array());
      REQUIRE(at.size() == 2);
      CHECK(at[0].get<std::size_t>() <= at[1].get<std::size_t>());
      CHECK(at[1].get<std::size_t>() <= size);
    }
    for (const auto& [k, v] : j.items()) check_spans(v, size);
  } else if (j.is_array()) {
    for (const auto& v : j) check_spans(v, size);
  }
}

}  // namespace

TEST_CASE("the schema in tests/data is the shared contract", "[cli][schema]") {
  std::string shared = source_path("../shared/spec/record.schema.json");
  std::ifstream probe(shared);
  if (!probe) {
    WARN("no ../shared beside the checkout: drift check skipped");
    return;
  }
  CHECK(json::parse(read_file(shared)) ==
        json::parse(read_file(source_path("tests/data/record.schema.json"))));
}

TEST_CASE("extract gives one schema-valid record per seed, in order", "[cli][schema]") {
  SchemaChecker schema;
  Run r = run({"extract", source_path("corpus/seeds")});
  CHECK(r.status == ExitStatus::kOk);
  // the summary, and nothing else
  CHECK(r.err.rfind("thidua: 5 documents, 5 records, 0 errors", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(run({"extract", "--quiet", source_path("corpus/seeds")}).err.empty());
  auto paths = seed_paths();
  REQUIRE(r.lines.size() == paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const json& rec = r.lines[i];
    INFO(paths[i]);
    CHECK(schema.errors(rec).empty());
    json gold = json::parse(read_file(paths[i].substr(0, paths[i].size() - 4) + ".gold.json"));
    CHECK(rec["source"]["path"] == paths[i]);
    CHECK(rec["source"]["bytes"] == gold["source"]["bytes"]);
    CHECK(rec["source"]["sha256"] == gold["source"]["sha256"]);
    CHECK(rec["source"]["encoding"] == gold["source"]["encoding"]);
    check_spans(rec, rec["source"]["bytes"].get<std::size_t>());
  }
}

TEST_CASE("the gold files themselves are schema-valid", "[cli][schema]") {
  SchemaChecker schema;
  for (const auto& p : seed_paths()) {
    json gold = json::parse(read_file(p.substr(0, p.size() - 4) + ".gold.json"));
    INFO(p);
    CHECK(schema.errors(gold).empty());
  }
  // And the checker can fail.
  json bad = json::parse(R"({"schema": "thidua/2"})");
  CHECK_FALSE(schema.errors(bad).empty());
}

TEST_CASE("every input gives exactly one line, failures are error lines and exit 1", "[cli]") {
  std::string seed = seed_paths()[0];
  Run r = run({"extract", seed, "no/such/file.txt", "-"}, "Khối thi đua số 2");
  CHECK(r.status == ExitStatus::kInputFailed);
  REQUIRE(r.lines.size() == 3);
  CHECK(r.lines[0]["source"]["path"] == seed);
  CHECK(r.lines[1]["error"]["code"] == "not_found");
  CHECK(r.lines[1]["source"]["path"] == "no/such/file.txt");
  CHECK(r.lines[2]["source"]["path"] == "-");
  CHECK(r.lines[2]["source"]["bytes"] == std::string("Khối thi đua số 2").size());
  CHECK(r.err.find("no/such/file.txt") != std::string::npos);
}

TEST_CASE("binary and empty inputs", "[cli]") {
  Run bin = run({"extract", "-"}, std::string("\x00\x01\x02\x03garbage\x00\x00\x00\xff", 15));
  CHECK(bin.status == ExitStatus::kInputFailed);
  REQUIRE(bin.lines.size() == 1);
  CHECK(bin.lines[0]["error"]["code"] == "binary_input");

  Run empty = run({"extract"}, "");
  CHECK(empty.status == ExitStatus::kOk);
  REQUIRE(empty.lines.size() == 1);
  CHECK(empty.lines[0]["warnings"][0]["code"] == "empty_input");
  CHECK(empty.lines[0]["source"]["sha256"] ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("usage errors exit 2 and say why", "[cli]") {
  CHECK(run({}).status == ExitStatus::kUsage);
  Run bad_cmd = run({"frobnicate"});
  CHECK(bad_cmd.status == ExitStatus::kUsage);
  CHECK(bad_cmd.err.find("unknown command 'frobnicate'") != std::string::npos);
  CHECK(run({"extract", "--format", "yaml"}).status == ExitStatus::kUsage);
  CHECK(run({"extract", "--encoding", "klingon"}).status == ExitStatus::kUsage);
  CHECK(run({"extract", "--bogus"}).status == ExitStatus::kUsage);
  CHECK(run({"extract", "--format"}).status == ExitStatus::kUsage);
  CHECK(run({"normalize"}).status == ExitStatus::kUsage);
  CHECK(run({"normalize", "--map", "x", seed_paths()[0]}).status == ExitStatus::kUsage);
}

TEST_CASE("help and version", "[cli]") {
  Run help = run({"--help"});
  CHECK(help.status == ExitStatus::kOk);
  CHECK(help.out.find("thidua extract") != std::string::npos);
  CHECK(run({"extract", "--help"}).status == ExitStatus::kOk);
  Run version = run({"--version"});
  CHECK(version.out.rfind("thidua ", 0) == 0);
}

TEST_CASE("normalize prints the match text and maps offsets back", "[cli]") {
  Run r = run({"normalize", "-"}, "Lãnh  đaọ\xC2\xA0Sở");
  CHECK(r.status == ExitStatus::kOk);
  CHECK(r.out == "Lãnh đạo Sở\n");
  Run d = run({"normalize", "--display", "-"}, "Lãnh  đaọ");
  CHECK(d.out == "Lãnh đaọ\n");
  // "đạo" is bytes 6..12 of the match text; in the input, after the doubled space, bytes 7..13.
  Run m = run({"normalize", "--map", "6:12", "-"}, "Lãnh  đaọ\xC2\xA0Sở");
  CHECK(m.out == "6:12\t7:13\tđạo\tđaọ\n");
}

TEST_CASE("extract --explain names the rule behind each value, and only when asked", "[cli]") {
  std::string seed = seed_paths()[0];
  Run plain = run({"extract", seed});
  REQUIRE(plain.lines.size() == 1);
  CHECK_FALSE(plain.lines[0].contains("explain"));
  Run explained = run({"extract", "--explain", seed});
  REQUIRE(explained.lines.size() == 1);
  const json& ex = explained.lines[0]["explain"];
  CHECK(ex["meeting.date"] == "date.words");
  CHECK(ex["decisions[1]"] == "decision.directed");
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_builtin(errors);
  for (const auto& [path, rule] : ex.items()) {
    INFO(path);
    if (path != "meeting.type" || rule.get<std::string>()[0] != '(')
      CHECK(rules.find(rule.get<std::string>()) != nullptr);
  }
}

TEST_CASE("rule errors stop extraction before any input is read", "[cli]") {
  std::string dir = std::filesystem::temp_directory_path() / "thidua-bad-rules";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/x.rules") << "rule a\n  field: f\n  pattern: (\n";
  Run r = run({"extract", "--rules", dir, seed_paths()[0]});
  CHECK(r.status == ExitStatus::kUsage);
  CHECK(r.lines.empty());
  CHECK(r.err.find("x.rules:1: rule a: pattern does not compile") != std::string::npos);
  Run check = run({"rules", "check", dir});
  CHECK(check.status == ExitStatus::kUsage);
  Run good = run({"rules", "check", source_path("rules")});
  CHECK(good.status == ExitStatus::kOk);
  std::filesystem::remove_all(dir);
}

TEST_CASE("rules check warns of a rule that keeps the classes wide, and still passes", "[cli]") {
  std::string dir = std::filesystem::temp_directory_path() / "thidua-wide-rules";
  std::filesystem::remove_all(dir);
  std::filesystem::copy(source_path("rules"), dir, std::filesystem::copy_options::recursive);
  std::ofstream(dir + "/zz.rules")
      << "rule zz.latin\n  field: layout.chrome\n  pattern: \\p{L}+ tỉnh\n"
      << "rule zz.greek\n  field: layout.chrome\n  pattern: Ωmega\n  match: Ωmega\n";
  Run wide = run({"rules", "check", dir});
  CHECK(wide.status == ExitStatus::kOk);
  CHECK(wide.err.find("zz.rules:4: rule zz.greek names a character outside") != std::string::npos);
  CHECK(wide.err.find("zz.latin") == std::string::npos);
  Run shipped = run({"rules", "check", source_path("rules")});
  CHECK(shipped.status == ExitStatus::kOk);
  CHECK(shipped.err.find("warning") == std::string::npos);  // the shipped rules all narrow
  std::filesystem::remove_all(dir);
}

TEST_CASE("output formats and options", "[cli][output]") {
  std::string dir = (std::filesystem::temp_directory_path() / "thidua-out").string();
  std::filesystem::remove_all(dir);
  // json: one array, the same records as jsonl
  Run lines = run({"extract", "-q", source_path("corpus/seeds")});
  Run array = run({"extract", "-q", "--format", "json", source_path("corpus/seeds")});
  json parsed = json::parse(array.out);
  REQUIRE(parsed.is_array());
  REQUIRE(parsed.size() == lines.lines.size());
  for (std::size_t i = 0; i < parsed.size(); ++i) CHECK(parsed[i] == lines.lines[i]);
  // format from the output file's name; a directory gets every CSV table
  CHECK(run({"extract", "-q", source_path("corpus/seeds"), "-o", dir + "/out.json"}).status ==
        ExitStatus::kOk);
  CHECK(json::parse(read_file(dir + "/out.json")) == parsed);
  CHECK(run({"extract", "-q", source_path("corpus/seeds"), "-o", dir + "/tables/"}).status ==
        ExitStatus::kOk);
  for (const char* t : {"documents", "members", "people", "decisions", "documents_referenced"})
    CHECK(std::filesystem::exists(dir + "/tables/" + t + ".csv"));
  // one CSV table to standard output
  Run members = run({"extract", "-q", "--format", "csv", "--csv-table", "members", seed_paths()[0]});
  CHECK(members.out.rfind("file,bloc_name,meeting_date,position,name,role\r\n", 0) == 0);
  CHECK(std::count(members.out.begin(), members.out.end(), '\n') == 10);  // header + 9 members
  // usage errors
  CHECK(run({"extract", "--format", "xlsx", seed_paths()[0]}).status == ExitStatus::kUsage);
  CHECK(run({"extract", "--csv-table", "nope", seed_paths()[0]}).status == ExitStatus::kUsage);
  CHECK(run({"extract", "--jobs", "0", seed_paths()[0]}).status == ExitStatus::kUsage);
  // --glob picks files below directories
  Run picked = run({"extract", "-q", "--glob", "seed-00[12].txt", source_path("corpus")});
  REQUIRE(picked.lines.size() == 2);
  CHECK(picked.lines[1]["source"]["path"].get<std::string>().find("seed-002.txt") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("jobs change nothing in the output", "[cli][output]") {
  Run one = run({"extract", "-q", "--jobs", "1", source_path("corpus")});
  Run four = run({"extract", "-q", "--jobs", "4", source_path("corpus")});
  CHECK(one.out == four.out);
  CHECK(one.lines.size() >= 47);
}

TEST_CASE("options as ripgrep and jq users write them", "[cli]") {
  const std::string seed = seed_paths()[0];
  // --opt=value, -j2, bundled -qj 2, -o - for standard output: the same records as the long forms
  Run plain = run({"extract", "--quiet", "--jobs", "2", "--format", "jsonl", seed});
  REQUIRE(plain.status == ExitStatus::kOk);
  for (auto args :
       std::vector<std::vector<std::string>>{{"extract", "--jobs=2", "--format=jsonl", "-q", seed},
                                             {"extract", "-qj2", seed},
                                             {"extract", "-qj", "2", "-o", "-", seed},
                                             {"extract", "-q", "-o-", seed}}) {
    Run r = run(args);
    CHECK(r.status == ExitStatus::kOk);
    CHECK(r.out == plain.out);
  }
  CHECK(run({"extract", "--quiet=yes", seed}).status == ExitStatus::kUsage);
  CHECK(run({"extract", "-qz", seed}).status == ExitStatus::kUsage);
  CHECK(run({"-V"}).out.rfind("thidua ", 0) == 0);
  // a name after "--" is a path, whatever it looks like
  Run dashed = run({"extract", "-q", "--", "--not-an-option.txt"});
  CHECK(dashed.status == ExitStatus::kInputFailed);
  CHECK(dashed.out.find("not_found") != std::string::npos);
}

TEST_CASE("extract reads its paths from a file, one a line or NUL-separated with -0", "[cli]") {
  auto dir = std::filesystem::temp_directory_path() / "thidua_files_from";
  std::filesystem::create_directories(dir);
  const auto seeds = seed_paths();
  std::ofstream((dir / "lines.txt").string()) << seeds[0] << "\n" << seeds[1] << "\r\n\n";
  std::ofstream((dir / "nul.txt").string(), std::ios::binary) << seeds[0] << '\0' << seeds[1] << '\0';
  Run lines = run({"extract", "-q", "--files-from", (dir / "lines.txt").string()});
  CHECK(lines.status == ExitStatus::kOk);
  CHECK(lines.lines.size() == 2);
  Run nul = run({"extract", "-q", "-0", "--files-from", (dir / "nul.txt").string()});
  CHECK(nul.lines.size() == 2);
  CHECK(nul.out == lines.out);
  Run from_stdin = run({"extract", "-q", "--files-from", "-"}, seeds[1] + "\n");
  CHECK(from_stdin.lines.size() == 1);
  CHECK(run({"extract", "-0", seeds[0]}).status == ExitStatus::kUsage);
  CHECK(run({"extract", "--files-from", (dir / "missing.txt").string()}).status == ExitStatus::kUsage);
}

TEST_CASE("options that do nothing for the output say so; eval --min and normalize --map are checked",
          "[cli]") {
  const std::string seed = seed_paths()[0];
  Run excel = run({"extract", "-q", "--excel", seed});
  CHECK(excel.status == ExitStatus::kOk);
  CHECK(excel.err.find("--excel applies to CSV output only") != std::string::npos);
  Run table = run({"extract", "-q", "--csv-table", "members", seed});
  CHECK(table.err.find("--csv-table applies to one CSV stream only") != std::string::npos);
  CHECK(run({"extract", "-q", "--format", "csv", "--csv-table", "members", seed}).err.empty());
  CHECK(run({"eval", "corpus/seeds", "--min", "1.5"}).status == ExitStatus::kUsage);
  CHECK(run({"eval", "corpus/seeds", "--min", "0.5x"}).status == ExitStatus::kUsage);
  // "Lãnh": "ã" is bytes 1..3; 2 is inside it
  Run inside = run({"normalize", "--map", "2:4", "-"}, "Lãnh đạo");
  CHECK(inside.status == ExitStatus::kUsage);
  CHECK(inside.err.find("inside a character") != std::string::npos);
  CHECK(run({"normalize", "--map", "1:3", "-"}, "Lãnh đạo").status == ExitStatus::kOk);
}

TEST_CASE("the help lists every encoding and option the commands take", "[cli]") {
  std::string help = run({"--help"}).out;
  std::string names(encoding_names());
  for (std::size_t b = 0; b < names.size();) {
    std::size_t e = names.find(", ", b);
    if (e == std::string::npos) e = names.size();
    CHECK(help.find(names.substr(b, e - b)) != std::string::npos);
    b = e + 2;
  }
  for (const char* option : {"--format", "--output", "--csv-table", "--excel", "--jobs", "--glob", "--quiet",
                             "--max-bytes", "--encoding", "--rules", "--explain", "--files-from", "--null",
                             "--min", "--errors", "--display", "--map", "--help", "--version"})
    CHECK(help.find(option) != std::string::npos);
}
