#include "workbook.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <utility>

#include "utf8.h"

namespace thidua {

namespace {

// What a cell holds at most (Excel's limit, in characters).
constexpr std::size_t kCellChars = 32767;

struct Sheet {
  lxw_worksheet* sheet = nullptr;
  lxw_row_t next_row = 0;
  std::string label;  // what a note calls it (a table continued on several sheets has one label)
  std::vector<std::string> columns;
  std::vector<std::size_t> widths;  // in characters
  bool autofilter = false;
};

}  // namespace

struct Workbook::Impl {
  std::unique_ptr<AtomicFile> file;
  std::string tmpdir;
  lxw_workbook* workbook = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* date = nullptr;
  std::vector<Sheet> sheets;
  std::vector<std::string> notes;
  ~Impl() {
    if (workbook) workbook_close(workbook);  // only when finish() was not reached
  }

  // The text a cell can hold: a longer value is cut on a character boundary, and says so.
  std::string fitted(const std::string& text, const std::string& context, const std::string& column) {
    std::size_t n = utf8_length(text);
    if (n <= kCellChars) return text;
    std::string marker = " … [cut: " + std::to_string(n) + " characters]";
    std::size_t keep = kCellChars - utf8_length(marker), i = 0;
    for (std::size_t k = 0; i < text.size() && k < keep; ++i)
      k += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    notes.push_back(context + ": the " + column + " value has " + std::to_string(n) +
                    " characters, more than a cell holds; it was cut to " + std::to_string(kCellChars));
    return text.substr(0, i) + marker;
  }

  lxw_error put_cell(Sheet& s, lxw_col_t col, const Cell& cell, lxw_format* format,
                     const std::string& context, const std::string& column) {
    switch (cell.kind) {
      case Cell::Kind::kEmpty:
        return LXW_NO_ERROR;
      case Cell::Kind::kText:
        return worksheet_write_string(s.sheet, s.next_row, col, fitted(cell.text, context, column).c_str(),
                                      format);
      case Cell::Kind::kNumber:
        return worksheet_write_number(s.sheet, s.next_row, col, cell.number, format);
      case Cell::Kind::kDate: {
        lxw_datetime dt{std::stoi(cell.text.substr(0, 4)),
                        std::stoi(cell.text.substr(5, 2)),
                        std::stoi(cell.text.substr(8, 2)),
                        0,
                        0,
                        0};
        return worksheet_write_datetime(s.sheet, s.next_row, col, &dt, date);
      }
    }
    return LXW_NO_ERROR;
  }
};

Workbook::Workbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Workbook::~Workbook() = default;

Result<std::unique_ptr<Workbook>> Workbook::create(std::unique_ptr<AtomicFile> file) {
  auto impl = std::make_unique<Impl>();
  impl->file = std::move(file);
  // libxlsxwriter writes the file itself, at close; its temporary files go beside the output (a full
  // or small TMPDIR would otherwise fail the run, or worse, pass it)
  impl->file->close_stream();
  impl->tmpdir = std::filesystem::path(impl->file->temp_path()).parent_path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  options.tmpdir = impl->tmpdir.empty() ? nullptr : impl->tmpdir.data();
  impl->workbook = workbook_new_opt(impl->file->temp_path().c_str(), &options);
  if (!impl->workbook) return Status{"output_failed", "cannot create the workbook " + impl->file->target()};
  impl->bold = workbook_add_format(impl->workbook);
  format_set_bold(impl->bold);
  impl->date = workbook_add_format(impl->workbook);
  format_set_num_format(impl->date, "yyyy-mm-dd");
  return std::unique_ptr<Workbook>(new Workbook(std::move(impl)));
}

std::size_t Workbook::add_sheet(const std::string& name, const std::vector<std::string>& header,
                                bool autofilter, const std::string& label) {
  Sheet s;
  s.label = label.empty() ? name : label;
  s.sheet = workbook_add_worksheet(impl_->workbook, name.c_str());
  s.columns = header;
  s.widths.assign(header.size(), 0);
  s.autofilter = autofilter;
  worksheet_freeze_panes(s.sheet, 1, 0);
  impl_->sheets.push_back(std::move(s));
  std::size_t k = impl_->sheets.size() - 1;
  Row row;
  for (const auto& h : header) row.push_back(Cell::of(h));
  Sheet& sheet = impl_->sheets[k];
  for (std::size_t c = 0; c < row.size(); ++c) {
    impl_->put_cell(sheet, static_cast<lxw_col_t>(c), row[c], impl_->bold, "", "");
    sheet.widths[c] = utf8_length(header[c]);
  }
  ++sheet.next_row;
  return k;
}

std::size_t Workbook::rows(std::size_t sheet) const { return impl_->sheets[sheet].next_row; }

bool Workbook::put_row(std::size_t sheet, const Row& row, const std::string& context) {
  Sheet& s = impl_->sheets[sheet];
  for (std::size_t c = 0; c < row.size(); ++c) {
    const std::string column = s.label + "." + (c < s.columns.size() ? s.columns[c] : "");
    lxw_error err = impl_->put_cell(s, static_cast<lxw_col_t>(c), row[c], nullptr, context, column);
    if (err != LXW_NO_ERROR) {
      error_ = (context.empty() ? "" : context + ": ") + "cannot write a cell: " + lxw_strerror(err);
      return false;
    }
    if (c < s.widths.size())
      s.widths[c] = std::max(s.widths[c], std::min(utf8_length(row[c].text), kCellChars));
  }
  ++s.next_row;
  return true;
}

bool Workbook::finish() {
  for (Sheet& s : impl_->sheets) {
    for (std::size_t c = 0; c < s.widths.size(); ++c) {
      double w = std::min(60.0, std::max(8.0, static_cast<double>(s.widths[c]) + 2));
      worksheet_set_column(s.sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
    }
    if (s.autofilter && s.next_row > 0)
      worksheet_autofilter(s.sheet, 0, 0, s.next_row - 1, static_cast<lxw_col_t>(s.widths.size() - 1));
  }
  lxw_error err = workbook_close(impl_->workbook);
  impl_->workbook = nullptr;
  if (err != LXW_NO_ERROR) {
    error_ = std::string("cannot write the workbook: ") + lxw_strerror(err);
    return false;
  }
  if (auto failed = impl_->file->commit()) {
    error_ = failed->message;
    return false;
  }
  return true;
}

std::vector<std::string> Workbook::take_notes() { return std::exchange(impl_->notes, {}); }

}  // namespace thidua
