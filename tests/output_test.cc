#include "output.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tables.h"
#include "test_support.h"

using namespace thidua;

TEST_CASE("CSV fields are quoted as RFC 4180 says", "[output]") {
  CHECK(csv_field("Sở Tư pháp", true) == "Sở Tư pháp");
  CHECK(csv_field("Sở Văn hóa, Thể thao và Du lịch", true) == "\"Sở Văn hóa, Thể thao và Du lịch\"");
  CHECK(csv_field("\"Người tốt\"", true) == "\"\"\"Người tốt\"\"\"");
  CHECK(csv_field("dòng 1\ndòng 2", true) == "\"dòng 1\ndòng 2\"");
}

TEST_CASE("CSV text a spreadsheet would run as a formula stays text", "[output]") {
  CHECK(csv_field("=HYPERLINK(\"http://x\")", true) == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(csv_field("+84 123", true) == "'+84 123");
  CHECK(csv_field("-5", true) == "'-5");
  CHECK(csv_field("@SUM(A1)", true) == "'@SUM(A1)");
  CHECK(csv_field("-5", false) == "-5");  // a number cell is a number
}

TEST_CASE("a record flattens into the five tables", "[output]") {
  Record r;
  r.source = {"a.txt", 10, "ff", "utf-8"};
  r.published = "2023-11-28";
  r.meeting.date = "--08-21";
  r.bloc.members = {{"Sở Tư pháp", std::string("head"), std::nullopt},
                    {"Thanh tra", std::nullopt, std::nullopt}};
  r.people = {{"Nguyễn Văn A", std::string("Giám đốc"), std::nullopt, {"chair", "speaker"}, std::nullopt}};
  r.chairpersons = {{"Nguyễn Văn A", std::string("Giám đốc"), std::nullopt, {}, std::nullopt}};
  r.decisions = {{"agreed", "thống nhất", std::nullopt}};
  auto t = flatten(r);
  REQUIRE(t.size() == 5);
  REQUIRE(t[0].size() == 1);
  const Row& doc = t[0][0];
  REQUIRE(doc.size() == table_specs()[0].columns.size());
  CHECK(doc[2].kind == Cell::Kind::kDate);  // published
  CHECK(doc[3].kind == Cell::Kind::kText);  // "--08-21" has no year: no date cell
  CHECK(doc[14].number == 2);               // found_member_count
  CHECK(doc[15].text == "Sở Tư pháp");      // head_unit
  CHECK(doc[17].text == "Nguyễn Văn A");    // chairpersons
  CHECK(t[1].size() == 2);
  CHECK(t[1][1][3].number == 2);
  CHECK(t[2][0][7].text == "chair; speaker");
  // the members, people and decisions rows carry their document's bloc and meeting date
  CHECK(t[3][0][1].kind == Cell::Kind::kEmpty);
  CHECK(t[3][0][2].text == "--08-21");
  Row err = flatten_error("b.txt", Status{"not_found", "no such file"});
  CHECK(err[0].text == "b.txt");
  CHECK(err[20].text == "not_found: no such file");
}

TEST_CASE("every table cell is valid UTF-8, and a file name that is not is shown exactly", "[output]") {
  Record r;
  r.source = {"caf\xE9.txt", 10, "ff", "utf-8"};
  r.bloc.name = std::string("Khối \xCC");
  r.bloc.members = {{"Sở Y tế\xCC", std::nullopt, std::nullopt}};
  auto t = flatten(r);
  CHECK(t[0][0][0].text == "caf\\xE9.txt");
  CHECK(t[0][0][9].text == "Khối \xEF\xBF\xBD");
  CHECK(t[1][0][4].text == "Sở Y tế\xEF\xBF\xBD");
  CHECK(t[1][0][1].text == "Khối \xEF\xBF\xBD");
}

namespace {

// The sheet names of a workbook and whether any sheet holds `needle`, read with Python's zipfile.
std::string workbook_facts(const std::string& path, const std::string& needle) {
  std::string script = (std::filesystem::temp_directory_path() / "thidua_xlsx_facts.py").string();
  std::ofstream(script)
      << "import re, sys, zipfile\n"
         "z = zipfile.ZipFile(sys.argv[1])\n"
         "print(';'.join(re.findall(r'<sheet name=\"([^\"]+)\"', z.read('xl/workbook.xml').decode())))\n"
         "print(any(sys.argv[2] in z.read(n).decode() for n in z.namelist() if n.endswith('.xml')))\n";
  std::string out = path + ".facts";
  std::string cmd = "python3 " + script + " " + path + " '" + needle + "' > " + out;
  if (std::system(cmd.c_str()) != 0) return "python3 failed";
  return thidua::test::read_file(out);
}

}  // namespace

TEST_CASE("a full sheet goes on in a second one, and a value too long for a cell is cut and told",
          "[output][xlsx]") {
  auto dir = std::filesystem::temp_directory_path() / "thidua_xlsx_limits";
  std::filesystem::create_directories(dir);
  OutputOptions o;
  o.format = Format::kXlsx;
  o.path = (dir / "limits.xlsx").string();
  o.xlsx_max_rows = 3;  // a header and two rows a sheet
  std::ostringstream unused;
  auto opened = open_writer(o, unused);
  REQUIRE(opened);
  RecordWriter& w = *opened.value();
  Record r;
  r.source = {"long.txt", 10, "ff", "utf-8"};
  r.bloc.members = {{"Sở A", std::nullopt, std::nullopt},
                    {"Sở B", std::nullopt, std::nullopt},
                    {"Sở C", std::nullopt, std::nullopt}};
  std::string long_text;
  while (long_text.size() < 120000) long_text += "Hội nghị thống nhất ";
  r.decisions = {{"agreed", long_text, std::nullopt}};
  REQUIRE(w.write(r));
  auto notes = w.take_notes();
  REQUIRE(w.finish());
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].find("members (2)") != std::string::npos);
  CHECK(notes[1].find("long.txt: the decisions.text value has") != std::string::npos);
  std::string facts = workbook_facts(o.path, "characters]");
  CHECK(facts == "documents;members;people;decisions;documents_referenced;members (2)\nTrue\n");
}
