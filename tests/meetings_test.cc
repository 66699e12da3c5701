// Grouping articles into meetings (app/meetings.h): which blocs are one, which articles report one
// meeting, how their values merge and when they disagree.
#include "meetings.h"

#include <catch2/catch.hpp>

namespace thidua {
namespace {

ArticleFacts article(const std::string& file, const std::string& bloc, std::optional<std::string> number,
                     std::optional<std::string> province, std::optional<std::string> date,
                     std::optional<std::string> type, std::optional<std::string> period = std::nullopt) {
  ArticleFacts a;
  a.file = file;
  a.bloc_name = bloc;
  a.bloc_kind = bloc.rfind("Cụm", 0) == 0 ? "cum" : "khoi";
  a.bloc_number = std::move(number);
  a.province = std::move(province);
  a.date = std::move(date);
  a.type = std::move(type);
  a.period = std::move(period);
  return a;
}

TEST_CASE("name_key ignores case, tone marks, diacritics and punctuation", "[meetings]") {
  CHECK(name_key("Sở Tài chính") == "so tai chinh");
  CHECK(name_key("SỞ TÀI CHÍNH,") == "so tai chinh");
  CHECK(name_key("Sở  Tài Chính") == name_key("sở tài chính"));
  CHECK(name_key("Đảng ủy Khối") == "dang uy khoi");
  CHECK(name_key("Khánh Hoà") == name_key("Khánh Hòa"));  // old and new tone placement
  CHECK(name_key("Sở Tài chính") != name_key("Sở Tư pháp"));
}

TEST_CASE("one bloc, whatever the spelling of its number; another province is another bloc", "[meetings]") {
  std::string four = bloc_key(article("a", "Khối thi đua số 4", "4", "Quảng Trị", {}, {}));
  CHECK(four == bloc_key(article("b", "Khối Thi đua 4", "4", "Quảng Trị", {}, {})));
  CHECK(four == bloc_key(article("c", "Khối thi đua IV", "IV", "QUẢNG TRỊ", {}, {})));
  CHECK(four != bloc_key(article("d", "Khối thi đua số 4", "4", "Hà Tĩnh", {}, {})));
  CHECK(four != bloc_key(article("e", "Khối thi đua số 4", "4", std::nullopt, {}, {})));
  CHECK(four != bloc_key(article("f", "Cụm thi đua số 4", "4", "Quảng Trị", {}, {})));
  CHECK(four != bloc_key(article("g", "Khối thi đua số 5", "5", "Quảng Trị", {}, {})));
  // without a number: the name's own words
  CHECK(bloc_key(article("h", "Khối thi đua Nội chính", {}, "Khánh Hòa", {}, {})) ==
        bloc_key(article("i", "Khối Nội chính", {}, "Khánh Hoà", {}, {})));
  CHECK(bloc_key(article("j", "Khối thi đua các cơ quan Đảng", {}, {}, {}, {})) !=
        bloc_key(article("k", "Khối thi đua các doanh nghiệp", {}, {}, {}, {})));
  CHECK(bloc_key(article("l", "Khối thi đua", {}, {}, {}, {})).empty());
  ArticleFacts none;
  CHECK(bloc_key(none).empty());
}

TEST_CASE("the year a meeting counts for", "[meetings]") {
  CHECK(meeting_year(std::string("2024-01-12"), std::string("2023-01/2023-12")) == 2023);
  CHECK(meeting_year(std::string("2024-03-05"), std::nullopt) == 2024);
  CHECK(meeting_year(std::nullopt, std::string("2022-01/2022-06")) == 2022);
  CHECK(!meeting_year(std::string("--08-21"), std::nullopt));
  CHECK(!meeting_year(std::nullopt, std::nullopt));
}

TEST_CASE("articles of one bloc and date are one meeting, values merged", "[meetings]") {
  std::vector<ArticleFacts> in = {
      article("a.txt", "Khối thi đua số 4", "4", "Quảng Trị", "2023-12-20", "tong_ket", "2023-01/2023-12"),
      article("b.txt", "Khối Thi đua 4", "4", "Quảng Trị", "2023-12-20", "tong_ket", "2023-01/2023-12"),
      article("c.txt", "Khối thi đua số 4", "4", "Quảng Trị", "2023-07-12", "so_ket", "2023-01/2023-06"),
      article("d.txt", "Khối thi đua số 4", "4", "Quảng Trị", std::nullopt, std::nullopt),  // not a meeting
  };
  in[0].members = {{"Sở Nội vụ", "head"}, {"Sở Tài chính", "deputy"}, {"Sở Tư pháp", std::nullopt}};
  in[1].members = {{"SỞ NỘI VỤ", "head"}};
  in[1].chairs = {"Trần Thị Mai"};
  in[0].decisions = {{"awarded", "đề nghị tặng Bằng khen cho Thanh tra tỉnh"}};
  in[1].decisions = {{"elected", "bầu Sở Tài chính làm Trưởng khối năm 2024"},
                     {"awarded", "đề nghị tặng Bằng khen cho Thanh tra tỉnh."}};
  std::vector<MergedMeeting> out = group_meetings(in);
  REQUIRE(out.size() == 2);
  const MergedMeeting& review = out[1].type == std::string("tong_ket") ? out[1] : out[0];
  CHECK(review.sources == std::vector<std::size_t>{0, 1});
  CHECK(review.date == std::string("2023-12-20"));
  CHECK(review.year == 2023);
  CHECK(review.conflicts.empty());
  REQUIRE(review.members.size() == 3);  // "SỞ NỘI VỤ" is "Sở Nội vụ"
  CHECK(review.members[0].role == std::string("head"));
  CHECK(review.chairs == std::vector<std::string>{"Trần Thị Mai"});
  CHECK(review.decisions.size() == 2);  // the award once, whatever its final full stop
}

TEST_CASE("one review of one period with two dates is one meeting whose date is disputed", "[meetings]") {
  std::vector<ArticleFacts> in = {
      article("a.txt", "Khối thi đua số 4", "4", "Quảng Trị", "2023-07-12", "so_ket", "2023-01/2023-06"),
      article("b.txt", "Khối Thi đua 4", "4", "Quảng Trị", "2023-07-14", "so_ket", "2023-01/2023-06"),
      article("c.txt", "Khối thi đua số 4", "4", "Quảng Trị", std::nullopt, "so_ket", "2023-01/2023-06"),
  };
  std::vector<MergedMeeting> out = group_meetings(in);
  REQUIRE(out.size() == 1);
  CHECK(out[0].sources.size() == 3);
  CHECK(out[0].date == std::string("2023-07-12"));  // a tie: the first given
  REQUIRE(out[0].conflicts.size() == 1);
  CHECK(out[0].conflicts[0].describe() == "meeting.date: 2023-07-12 (a.txt) / 2023-07-14 (b.txt)");
}

TEST_CASE("a bloc of unknown province is grouped by date only", "[meetings]") {
  // "Cụm thi đua số 2" of two different bodies, both reviewing 2025: not one meeting
  std::vector<ArticleFacts> in = {
      article("a.txt", "Cụm thi đua số 2", "2", std::nullopt, "2025-11-25", "tong_ket", "2025-01/2025-12"),
      article("b.txt", "Cụm thi đua số 2", "2", std::nullopt, "2025-12-07", "tong_ket", "2025-01/2025-12"),
      article("c.txt", "Cụm thi đua số 2", "2", std::nullopt, "2025-12-07", "tong_ket", "2025-01/2025-12"),
  };
  std::vector<MergedMeeting> out = group_meetings(in);
  REQUIRE(out.size() == 2);
  CHECK(out[0].sources == std::vector<std::size_t>{0});
  CHECK(out[1].sources == std::vector<std::size_t>{1, 2});
}

TEST_CASE("a unit given two roles by two sources is a disagreement", "[meetings]") {
  std::vector<ArticleFacts> in = {
      article("a.txt", "Khối thi đua số 1", "1", "Huế", "2024-03-01", "phat_dong"),
      article("b.txt", "Khối thi đua số 1", "1", "Huế", "2024-03-01", "phat_dong"),
  };
  in[0].members = {{"Sở Y tế", "head"}};
  in[1].members = {{"Sở Y tế", "deputy"}};
  std::vector<MergedMeeting> out = group_meetings(in);
  REQUIRE(out.size() == 1);
  REQUIRE(out[0].conflicts.size() == 1);
  CHECK(out[0].conflicts[0].describe() == "role of Sở Y tế: head (a.txt) / deputy (b.txt)");
}

}  // namespace
}  // namespace thidua
