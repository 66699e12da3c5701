// The command line: parses arguments, runs a command, reports what happened.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace thidua {

enum class ExitStatus {
  kOk = 0,           // every input gave a record
  kInputFailed = 1,  // some input gave an error line instead (or output could not be written)
  kUsage = 2,        // bad arguments or rules: nothing was processed
};

// `args` excludes the program name.
ExitStatus run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                   std::ostream& err);

}  // namespace thidua
