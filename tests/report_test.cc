// The archive (app/archive.h) and the yearly report built from it (app/report.h), on tests/data/archive:
// three years of one bloc ("Khối thi đua số 4" of Quảng Trị) with a head-unit rotation, one meeting
// reported by two outlets, and one six-month review that two outlets date differently. The expected
// cells were written by reading those articles.
#include "report.h"

#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "archive.h"
#include "pipeline.h"
#include "printer.h"
#include "sha256.h"
#include "test_support.h"

namespace thidua {
namespace {

namespace fs = std::filesystem;

const RuleSet& builtin_rules() {
  static const RuleSet rules = [] {
    std::vector<Status> errors;
    return RuleSet::load_builtin(errors);
  }();
  return rules;
}

// A fresh archive path in the temporary folder, removed at the end of the test.
struct TempArchive {
  fs::path path;
  TempArchive() {
    path = fs::temp_directory_path() / ("thidua-report-test-" + std::to_string(::getpid()) + ".sqlite");
    fs::remove(path);
  }
  ~TempArchive() { fs::remove(path); }
};

// Extracts `file` and puts its record into the archive, as `thidua extract -o ARCHIVE` does.
void archive_file(Archive& archive, const std::string& file, Encoding encoding = Encoding::kAuto) {
  std::string bytes = test::read_file(file);
  Result<Record> record = extract_record(bytes, file, builtin_rules(), ExtractOptions{encoding});
  REQUIRE(record);
  Result<NormalizedText> text = load_text(bytes, encoding);
  REQUIRE(text);
  REQUIRE_FALSE(archive.put(record.value(), sha256_hex(text->match()), record_to_json_line(record.value())));
}

std::vector<std::string> archive_files() { return test::files_under("tests/data/archive"); }

std::string cell(const ReportView& view, std::size_t row, const std::string& column) {
  for (std::size_t c = 0; c < view.spec.columns.size(); ++c)
    if (view.spec.columns[c].name == column) return view.rows.at(row).at(c).text;
  FAIL("no column " << column);
  return "";
}

Report report_of(const fs::path& path, const ReportFilter& filter = {}) {
  auto archive = Archive::open(path.string(), false);
  REQUIRE(archive);
  auto facts = archive.value()->load_facts();
  REQUIRE(facts);
  return build_report(facts.value(), filter);
}

TEST_CASE("the report of three years of one bloc, cell by cell", "[report]") {
  TempArchive tmp;
  {
    auto archive = Archive::open(tmp.path.string(), true);
    REQUIRE(archive);
    std::vector<std::string> files = test::corpus_documents();
    for (const auto& f : archive_files()) files.push_back(f);
    for (const auto& f : files) archive_file(*archive.value(), f);
    REQUIRE_FALSE(archive.value()->finish());
    CHECK(archive.value()->counts().added == files.size());
  }
  Report all = report_of(tmp.path);
  CHECK(all.documents == 54);
  // corpus/ has a "Khối thi đua số 4" of no stated province: another bloc, never merged by guess
  std::vector<std::string> titles;
  for (const auto& t : all.timelines) titles.push_back(t.title);
  CHECK(std::count(titles.begin(), titles.end(), "Khối thi đua số 4 · province not known") == 1);
  CHECK(std::count(titles.begin(), titles.end(), "Khối thi đua số 4 · Quảng Trị") == 1);

  Report r = report_of(tmp.path, {"Quảng Trị", std::nullopt, ""});
  REQUIRE(r.blocs.rows.size() == 3);
  REQUIRE(r.timelines.size() == 1);
  CHECK(r.timelines[0].title == "Khối thi đua số 4 · Quảng Trị");
  CHECK(r.timelines[0].points.size() == 5);
  // the blocs view turned on its side, as the HTML report shows it: a column, then its 2022, 2023 and
  // 2024 cells ("" for an empty cell)
  const std::string a = test::source_path("tests/data/archive/2023-midyear-outlet-a.txt");
  const std::string o = test::source_path("tests/data/archive/2023-midyear-outlet-b.txt");
  const std::vector<std::array<std::string, 4>> expected = {
      {"province", "Quảng Trị", "Quảng Trị", "Quảng Trị"},
      {"bloc", "Khối thi đua số 4", "Khối thi đua số 4", "Khối thi đua số 4"},
      {"year", "2022", "2023", "2024"},
      {"launch", "2022-02-22 (1 article)", "", "2024-03-05 (1 article)"},
      {"six_month_review", "", "2023-07-12 (2 articles, dates disagree)", ""},
      {"year_end_review", "2022-12-16 (1 article)", "2023-12-20 (2 articles)",
       ""},  // two outlets, one meeting
      {"other_meetings", "", "", ""},
      {"articles", "2", "4", "1"},
      {"head_unit", "Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính"},  // the rotation, as elected the year before
      {"deputy_unit", "Sở Nội vụ", "Sở Tài chính", ""},
      {"elected_for_next_year", "Hội nghị đã bầu Sở Nội vụ làm Trưởng khối năm 2023",
       "Hội nghị đã bầu Sở Tài chính làm Trưởng khối năm 2024", ""},
      {"awards", "Hội nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi đua cho Sở Tư pháp",
       "Hội nghị thống nhất đề nghị UBND tỉnh tặng Bằng khen cho Thanh tra tỉnh", ""},
      {"decisions_by_kind", "elected 1, awarded 1, signed 1", "agreed 1, elected 1, awarded 1", "signed 1"},
      {"members", "5", "5", ""},  // 2024 names its head only: no member list, nothing gained or lost
      {"members_gained", "", "Sở Thông tin và Truyền thông", ""},
      {"members_lost", "", "Sở Ngoại vụ", ""},
      {"compared_with", "", "2022", ""},
      {"missing", "", "no launch", "no year-end review"},
      {"conflicts", "", "meeting.date: 2023-07-12 (" + a + ") / 2023-07-14 (" + o + ")", ""},
      {"warnings", "0", "0", "0"},
  };
  REQUIRE(expected.size() == r.blocs.spec.columns.size());  // every column is checked
  for (const auto& e : expected)
    for (std::size_t year = 0; year < 3; ++year) {
      INFO(e[0] << " of " << 2022 + year);
      CHECK(cell(r.blocs, year, e[0]) == e[year + 1]);
    }

  REQUIRE(r.meetings.rows.size() == 5);
  CHECK(cell(r.meetings, 3, "type") == "tong_ket");
  CHECK(cell(r.meetings, 3, "sources") == "2");
  CHECK(cell(r.meetings, 3, "chairpersons") == "Trần Thị Mai");
  REQUIRE(r.provinces.rows.size() == 1);
  CHECK(cell(r.provinces, 0, "province") == "Quảng Trị");
  CHECK(cell(r.provinces, 0, "meetings") == "5");
  CHECK(cell(r.provinces, 0, "articles") == "7");
  CHECK(cell(r.provinces, 0, "conflicts") == "1");

  // filters
  CHECK(report_of(tmp.path, {"Quảng Trị", 2023, ""}).blocs.rows.size() == 1);
  CHECK(report_of(tmp.path, {"quang tri", std::nullopt, "khối 4"}).blocs.rows.size() == 3);
  CHECK(report_of(tmp.path, {"unknown", std::nullopt, "Khối thi đua số 4"}).blocs.rows.size() == 1);
  CHECK(report_of(tmp.path, {"Hà Tĩnh", std::nullopt, ""}).blocs.rows.empty());
  Report roman = report_of(tmp.path, {"", std::nullopt, "Cụm 4"});  // "Cụm thi đua IV" of corpus/, not Khối 4
  REQUIRE(roman.timelines.size() == 1);
  CHECK(roman.timelines[0].title == "Cụm thi đua IV các huyện miền núi · province not known");
}

TEST_CASE("the archive replaces a document seen again instead of adding it", "[report]") {
  TempArchive tmp;
  const std::string file = archive_files().front();
  auto archive = Archive::open(tmp.path.string(), true);
  REQUIRE(archive);
  archive_file(*archive.value(), file);
  archive_file(*archive.value(), file);  // the same bytes, the same record
  CHECK(archive.value()->counts().added == 1);
  CHECK(archive.value()->counts().unchanged == 1);
  // the same text in UTF-16: other bytes, the same normalized text
  std::string utf8 = test::read_file(file), utf16 = "\xFF\xFE";
  auto text = load_text(utf8, Encoding::kAuto);
  REQUIRE(text);
  const fs::path copy = tmp.path.string() + ".utf16.txt";
  {
    std::string s = text->display();
    std::u16string wide;
    for (std::size_t i = 0; i < s.size();) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
      for (int k = 1; k < n; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
      i += static_cast<std::size_t>(n);
      wide.push_back(static_cast<char16_t>(cp));  // Vietnamese text: no surrogates
    }
    for (char16_t u : wide) {
      utf16.push_back(static_cast<char>(u & 0xFF));
      utf16.push_back(static_cast<char>(u >> 8));
    }
    std::ofstream(copy, std::ios::binary) << utf16;
  }
  archive_file(*archive.value(), copy.string());
  fs::remove(copy);
  CHECK(archive.value()->counts().replaced == 1);
  REQUIRE_FALSE(archive.value()->finish());
  auto facts = archive.value()->load_facts();
  REQUIRE(facts);
  REQUIRE(facts->size() == 1);
  CHECK(facts->front().file == copy.string());  // the later one stands
}

TEST_CASE("a file that is not an archive is refused and left as it was", "[report]") {
  TempArchive tmp;
  std::ofstream(tmp.path) << "not a database\n";
  auto archive = Archive::open(tmp.path.string(), true);
  REQUIRE_FALSE(archive);
  CHECK(archive.error().code == "not_archive");
  CHECK(test::read_file(tmp.path.string()) == "not a database\n");
  CHECK(is_archive_path("x.sqlite"));
  CHECK(is_archive_path("dir/x.db"));
  CHECK_FALSE(is_archive_path("x.sqlite.txt"));
}

}  // namespace
}  // namespace thidua
