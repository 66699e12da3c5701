// The JSON line printer: written in one pass, it must give the bytes the document tree's dump gives.
#include "printer.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "pipeline.h"
#include "rules.h"
#include "test_support.h"

using namespace thidua;

namespace {

// What the printer wrote before it wrote in one pass: the tree (which the pretty printer still builds),
// dumped on one line.
std::string tree_dump(const Record& r) {
  return nlohmann::ordered_json::parse(record_to_pretty_json(r))
      .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("a record line written in one pass is the tree's dump, byte for byte", "[printer]") {
  REQUIRE(record_lines_in_one_pass());  // else the tree writes every line and this tests nothing
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_builtin(errors);
  REQUIRE(errors.empty());
  for (const auto& path : test::corpus_documents()) {
    INFO(path);
    auto r = extract_record(test::read_file(path), path, rules, ExtractOptions{});
    REQUIRE(r.ok());
    CHECK(record_to_json_line(r.value()) == tree_dump(r.value()));
  }
}

TEST_CASE("the one-pass printer escapes as the tree's dump does", "[printer]") {
  // every byte below 0x80 and a few above, in every kind of field; a path that is not UTF-8
  std::string all_ascii;
  for (int c = 1; c < 0x80; ++c) all_ascii += static_cast<char>(c);
  std::mt19937 random(15);
  const std::vector<std::string> pieces{
      "\"",   "\\",   "\b",   "\f", "\n",           "\r", "\t", std::string(1, '\0'),
      "\x1f", "\x7f", "Khối", "đ",  "\xe2\x80\xa8", "a",  " ",  "/"};
  for (int round = 0; round < 200; ++round) {
    std::string s;
    for (int k = 0; k < 12; ++k) s += pieces[random() % pieces.size()];
    Record r;
    r.source.path = round % 3 == 0 ? s + "\xff\xfe" : s;
    r.source.encoding = "utf-8";
    r.title = round % 2 ? std::optional<std::string>(s) : std::nullopt;
    r.meeting.location = all_ascii;
    r.meeting.at = ByteRange{3, 17};
    r.bloc.members.push_back(
        {s, round % 4 ? std::optional<std::string>("head") : std::nullopt, std::nullopt});
    r.bloc.members.push_back({"B", std::nullopt, ByteRange{1, 2}});
    r.people.push_back({s, s, std::nullopt, {s, "chair"}, std::nullopt});
    r.decisions.push_back({"agreed", s, ByteRange{0, 5}});
    r.warnings.push_back({"code", s});
    INFO(round);
    CHECK(record_to_json_line(r) == tree_dump(r));
  }
  Record empty;
  CHECK(record_to_json_line(empty) == tree_dump(empty));
}
