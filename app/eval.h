// Evaluation against gold records, by the definitions of the shared score.py: slot filling per field
// (a wrong value is a false positive and a false negative), greedy one-to-one matching for lists,
// names and units compared after NFC, tone canonicalisation, case and white-space folding.
#pragma once

#include <string>
#include <vector>

#include "pipeline.h"
#include "rules.h"
#include "thidua/status.h"

namespace thidua {

struct FieldScore {
  std::string field;
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 1.0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 1.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct EvalReport {
  std::size_t documents = 0;
  std::size_t without_record = 0;
  std::vector<FieldScore> fields;     // in score.py's order
  FieldScore all;                     // micro over every field but the *.roles/*.kind refinements
  FieldScore core;                    // meeting.date, bloc.members, chairpersons, decisions
  std::vector<std::string> problems;  // gold files that could not be read, inputs that failed
  std::vector<std::string> errors;  // with errors_field: per document, the slots it missed (-) and added (+)
};

// Scores extraction on every NAME.txt that has a NAME.gold.json in `gold_dir` or below it. With
// `errors_field` (a field of the report, see is_eval_field), also lists each document's misses in it.
Result<EvalReport> evaluate(const std::string& gold_dir, const RuleSet& rules, const ExtractOptions& options,
                            const std::string& errors_field = "");
bool is_eval_field(const std::string& field);

// The report as score.py prints it (with --errors, the listing first).
std::string format_report(const EvalReport& report);

// Exposed for tests: score.py's canon(), token set and name equality.
std::string eval_canon(const std::string& s);
bool eval_name_eq(const std::string& a, const std::string& b);

}  // namespace thidua
