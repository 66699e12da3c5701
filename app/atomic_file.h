// An output file that replaces its target only when it is complete: it is written to a temporary file
// in the target's folder and renamed onto the target by commit(). Until then the previous file is
// untouched; a run that fails, is interrupted (SIGINT, SIGTERM, SIGHUP) or crashes leaves no temporary
// file behind.
#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "thidua/status.h"

namespace thidua {

class AtomicFile {
 public:
  // Creates the temporary file beside `target` (".NAME.thidua-XXXXXX"): an unwritable folder is told
  // here, before any input is read.
  static Result<std::unique_ptr<AtomicFile>> create(const std::string& target);
  ~AtomicFile();  // not committed: the temporary file is removed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // The stream to write; closed by commit(). Writers that open the file themselves (libxlsxwriter) use
  // temp_path() and close_stream() instead.
  std::ofstream& stream() { return stream_; }
  void close_stream() { stream_.close(); }
  const std::string& temp_path() const { return temp_; }
  const std::string& target() const { return target_; }

  // Flushes, checks that every byte reached the disk and renames the file onto the target. Returns the
  // failure, if any.
  std::optional<Status> commit();

 private:
  AtomicFile(std::string target, std::string temp);
  std::string target_, temp_;
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace thidua
