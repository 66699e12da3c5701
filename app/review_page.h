// The review page (`thidua review`, or `extract -o FILE.html`): one self-contained HTML file that shows
// each document's text with every grounded value highlighted beside its record, and lets a reviewer
// correct the values and export them as gold records. Its CSS and script are app/review/ (compiled in).
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "atomic_file.h"
#include "output.h"

namespace thidua {

// A writer of the page to `file`, or to `out` when file is null.
Result<std::unique_ptr<RecordWriter>> open_review_writer(std::unique_ptr<AtomicFile> file, std::ostream& out,
                                                         const OutputOptions& options);

// JSON text made safe to stand inside <script type="application/json">: "<", ">", "&" and the line
// separators U+2028/U+2029 escaped (they occur only inside JSON strings, so the value is unchanged).
std::string json_for_html(const std::string& json);

// The CSP source for an inline block: 'sha256-BASE64'.
std::string csp_hash(const std::string& content);

}  // namespace thidua
