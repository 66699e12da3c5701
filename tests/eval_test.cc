#include "eval.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace thidua;

// The same verdicts as ../shared/tools/score.py gives for these pairs.
TEST_CASE("eval compares names as score.py does", "[eval]") {
  CHECK(eval_canon("  Hoà Bình. ") == eval_canon("hòa bình"));
  CHECK(eval_canon("Thuỷ") == eval_canon("THỦY"));
  CHECK(eval_name_eq("Nguyễn Văn Hoà", "Nguyễn Văn Hòa"));
  CHECK(eval_name_eq("Đoàn Thanh niên cộng sản Hồ Chí Minh tỉnh (Khối phó)",
                     "Đoàn Thanh niên cộng sản Hồ Chí Minh tỉnh"));
  CHECK(eval_name_eq("Liên đoàn lao động tỉnh", "Liên đoàn lao động tỉnh"));
  CHECK(eval_name_eq("Công an tỉnh Bình Phước", "Bình Phước"));  // two tokens, contained in the other
  CHECK(eval_name_eq("Viện Kiểm sát nhân dân tỉnh", "Viện Kiểm sát nhân dân"));
  CHECK_FALSE(eval_name_eq("Sở Tư pháp", "Sở Nội vụ"));
}

TEST_CASE("eval on the bundled corpus keeps core F1 at 0.90 or more", "[eval]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_directory(thidua::test::source_path("rules"), errors);
  REQUIRE(errors.empty());
  auto report = evaluate(thidua::test::source_path("corpus"), rules, ExtractOptions{});
  REQUIRE(report.ok());
  CHECK(report->problems.empty());
  CHECK(report->documents >= 45);
  INFO(format_report(report.value()));
  CHECK(report->core.f1() >= 0.90);
}
