// Batches: many inputs through the pipeline on several threads, results delivered in input order.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "input.h"
#include "pipeline.h"
#include "rules.h"

namespace thidua {

struct BatchResult {
  std::size_t index = 0;
  std::string path;
  std::size_t bytes = 0;  // input size, 0 when it could not be read
  Result<Record> record = Status{"pending", ""};
  std::string rendered;  // what `prepare` made of the record on the worker thread (output text)
  std::string text_sha256, record_json;  // made by `prepare` too, when the run writes an archive
  std::string_view input;                // the input's bytes: valid only while `prepare` runs
};

// Runs every input through extract_record on `jobs` threads (1: on the calling thread), then `prepare`
// on the same thread (work on one result that can run in parallel, such as rendering its output).
// `deliver` is called on the calling thread, once per input, in input order; returning false stops the
// batch. Inputs are listed as they are taken, and at most about 2 * jobs documents are held in memory
// at once, whatever the number of inputs.
void run_batch(InputLister& inputs, std::istream& stdin_stream, const RuleSet& rules,
               const ExtractOptions& options, unsigned jobs, std::size_t max_bytes,
               const std::function<void(BatchResult&)>& prepare,
               const std::function<bool(BatchResult&&)>& deliver);

}  // namespace thidua
