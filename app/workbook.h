// An XLSX workbook of tables (rows of Cells), as every xlsx output of thidua writes one: a bold, frozen
// header per sheet, dates as date cells, columns sized to their content, an optional autofilter, and a
// value longer than a cell holds cut (said in the cell and in a note). libxlsxwriter writes it in
// constant-memory mode (rows go to disk as they come) to a temporary file that replaces the target only
// when the workbook is finished. libxlsxwriter stays inside workbook.cc.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "atomic_file.h"
#include "tables.h"
#include "thidua/status.h"

namespace thidua {

class Workbook {
 public:
  static Result<std::unique_ptr<Workbook>> create(std::unique_ptr<AtomicFile> file);
  ~Workbook();  // not finished: nothing replaces the target
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // A new sheet with `header` as its first row; its index. Notes call it `label` (default: its name).
  std::size_t add_sheet(const std::string& name, const std::vector<std::string>& header, bool autofilter,
                        const std::string& label = "");
  std::size_t rows(std::size_t sheet) const;
  // One row; `context` names its document in the note on a cut value. False when it cannot be written
  // (error() says why).
  bool put_row(std::size_t sheet, const Row& row, const std::string& context);
  // Sizes the columns, writes the workbook and replaces the target with it.
  bool finish();
  std::vector<std::string> take_notes();
  const std::string& error() const { return error_; }

  struct Impl;

 private:
  explicit Workbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::string error_;
};

}  // namespace thidua
