#include "thidua/status.h"

namespace thidua {

std::string Status::describe() const {
  std::string s;
  if (!file.empty()) {
    s += file;
    if (line > 0) s += ":" + std::to_string(line);
    s += ": ";
  }
  if (!rule.empty()) s += "rule " + rule + ": ";
  s += message;
  return s;
}

}  // namespace thidua
