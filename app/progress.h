// Progress and summary of a batch, on standard error: a progress line on a terminal for runs that take
// over a second, and one summary at the end.
#pragma once

#include <chrono>
#include <iosfwd>
#include <map>
#include <string>

#include "thidua/record.h"

namespace thidua {

class RunReport {
 public:
  // `live`: print a progress line (stderr is a terminal and --quiet was not given).
  RunReport(std::ostream& err, std::size_t total, bool live);
  void add_record(const Record& r, std::size_t bytes);
  void add_error(std::size_t bytes);
  // A message line (an input that failed): clears the progress line first so the two do not mix.
  void note(const std::string& line);
  // Redraws the progress line, at most ten times a second and only after the first second.
  void tick();
  // Clears the progress line; prints the summary unless `quiet`.
  void finish(bool quiet);

 private:
  double seconds() const;
  std::ostream& err_;
  std::size_t total_, done_ = 0, records_ = 0, errors_ = 0, bytes_ = 0;
  std::map<std::string, std::size_t> warnings_;
  bool live_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace thidua
