#include "output.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <utility>
#include <vector>

#include "archive.h"
#include "atomic_file.h"
#include "printer.h"
#include "review_page.h"
#include "tables.h"
#include "workbook.h"

namespace thidua {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Standard output, or a file this writer owns: written beside its name and renamed onto it by commit(),
// so that a run that does not finish leaves the previous file as it was.
class Sink {
 public:
  explicit Sink(std::ostream& out) : stream_(&out) {}
  explicit Sink(std::unique_ptr<AtomicFile> file) : file_(std::move(file)), stream_(&file_->stream()) {}
  std::ostream& stream() { return *stream_; }
  bool good() const { return static_cast<bool>(*stream_); }
  // Standard output is flushed; a file replaces its target. Returns the failure, if any.
  std::optional<Status> commit() {
    stream_->flush();
    if (!file_)
      return good() ? std::nullopt : std::optional<Status>(Status{"output_failed", "cannot write output"});
    return file_->commit();
  }

 private:
  std::unique_ptr<AtomicFile> file_;
  std::ostream* stream_ = nullptr;
};

std::string io_error(const std::string& what) { return what + ": " + std::strerror(errno); }

// Writers of JSON text to one stream: the sink, the check that it still takes bytes, and a record
// written as the text render() makes (on a worker thread, or here if it was not made there).
class StreamWriter : public RecordWriter {
 public:
  bool write(const Record& r) override { return emit(render(r)); }
  bool write_rendered(const Record& r, const std::string& rendered) override {
    return emit(rendered.empty() ? render(r) : rendered);
  }

 protected:
  StreamWriter(std::unique_ptr<Sink> sink, bool explain) : sink_(std::move(sink)), explain_(explain) {}
  // Writes one record's (or error's) text in the format's framing.
  virtual bool emit(const std::string& text) = 0;
  std::ostream& out() { return sink_->stream(); }
  bool check() {
    if (sink_->good()) return true;
    error_ = io_error("cannot write output");
    return false;
  }
  bool commit() {
    if (!check()) return false;
    if (auto failed = sink_->commit()) {
      error_ = failed->message;
      return false;
    }
    return true;
  }
  std::unique_ptr<Sink> sink_;
  bool explain_;
};

class JsonlWriter : public StreamWriter {
 public:
  JsonlWriter(std::unique_ptr<Sink> sink, bool explain) : StreamWriter(std::move(sink), explain) {}
  std::string render(const Record& r) const override { return record_to_json_line(r, explain_); }
  bool write_error(const std::string& path, const Status& e) override {
    return emit(error_to_json_line(e, path));
  }
  bool finish() override { return commit(); }

 private:
  bool emit(const std::string& s) override {
    out() << s << '\n';
    return check();
  }
};

// One pretty-printed array, written as records arrive (a record is indented as one element).
class JsonArrayWriter : public StreamWriter {
 public:
  JsonArrayWriter(std::unique_ptr<Sink> sink, bool explain) : StreamWriter(std::move(sink), explain) {
    out() << "[";
  }
  std::string render(const Record& r) const override { return record_to_pretty_json(r, explain_); }
  bool write_error(const std::string& path, const Status& e) override {
    return emit(error_to_pretty_json(e, path));
  }
  bool finish() override {
    out() << (first_ ? "]\n" : "\n]\n");
    return commit();
  }

 private:
  bool emit(const std::string& pretty) override {
    out() << (first_ ? "\n  " : ",\n  ");
    first_ = false;
    for (char ch : pretty) {
      out() << ch;
      if (ch == '\n') out() << "  ";
    }
    return check();
  }
  bool first_ = true;
};

// CSV: one table to one stream, or every table to its own file in a directory.
class CsvWriter : public RecordWriter {
 public:
  CsvWriter(std::vector<std::unique_ptr<Sink>> sinks, std::vector<int> tables, bool bom)
      : sinks_(std::move(sinks)), tables_(std::move(tables)) {
    for (std::size_t k = 0; k < sinks_.size(); ++k)
      write_csv_header(sinks_[k]->stream(), table_specs()[static_cast<std::size_t>(tables_[k])], bom);
  }
  bool write(const Record& r) override {
    auto rows = flatten(r);
    for (std::size_t k = 0; k < sinks_.size(); ++k)
      for (const auto& row : rows[static_cast<std::size_t>(tables_[k])])
        write_csv_row(sinks_[k]->stream(), row);
    return check();
  }
  bool write_error(const std::string& path, const Status& e) override {
    for (std::size_t k = 0; k < sinks_.size(); ++k)
      if (tables_[k] == 0) write_csv_row(sinks_[k]->stream(), flatten_error(path, e));
    return check();
  }
  bool finish() override {
    if (!check()) return false;
    for (auto& s : sinks_) {
      if (auto failed = s->commit()) {
        error_ = failed->message;
        return false;
      }
    }
    return true;
  }

 private:
  bool check() {
    for (auto& s : sinks_) {
      if (!s->good()) {
        error_ = io_error("cannot write output");
        return false;
      }
    }
    return true;
  }
  std::vector<std::unique_ptr<Sink>> sinks_;
  std::vector<int> tables_;
};

// XLSX through libxlsxwriter, in constant-memory mode: rows go to disk as they are written, so memory
// does not grow with the corpus. One sheet per table, continued in "members (2)" ... when it is full;
// header bold and frozen; dates as date cells; columns sized to their content; an autofilter on the
// documents sheet. A value longer than a cell holds is cut, and said so in the cell and in a note.
class XlsxWriter : public RecordWriter {
 public:
  XlsxWriter(std::unique_ptr<Workbook> book, std::size_t max_rows)
      : book_(std::move(book)),
        max_rows_(std::max<std::size_t>(2, std::min<std::size_t>(max_rows, 1048576))) {
    for (std::size_t t = 0; t < table_specs().size(); ++t) {
      tables_.emplace_back();
      add_sheet(t);
    }
  }

  bool write(const Record& r) override {
    auto rows = flatten(r);
    for (std::size_t t = 0; t < rows.size(); ++t)
      for (const auto& row : rows[t])
        if (!put(t, row, r.source.path)) return false;
    return true;
  }
  bool write_error(const std::string& path, const Status& e) override {
    return put(0, flatten_error(path, e), path);
  }
  std::vector<std::string> take_notes() override {
    std::vector<std::string> notes = std::exchange(notes_, {});
    for (auto& n : book_->take_notes()) notes.push_back(std::move(n));
    return notes;
  }
  bool finish() override {
    if (book_->finish()) return true;
    error_ = book_->error();
    return false;
  }

 private:
  // A table's first sheet is named after it; the sheets that continue it, "members (2)" and so on.
  void add_sheet(std::size_t t) {
    const TableSpec& spec = table_specs()[t];
    std::string name = spec.name;
    if (!tables_[t].empty()) name += " (" + std::to_string(tables_[t].size() + 1) + ")";
    std::vector<std::string> header;
    for (const auto& c : spec.columns) header.push_back(c.name);
    tables_[t].push_back(book_->add_sheet(name, header, t == 0, spec.name));
  }

  // A row of table t for the document at `path`, in a new sheet when the current one is full.
  bool put(std::size_t t, const Row& row, const std::string& path) {
    if (book_->rows(tables_[t].back()) >= max_rows_) {
      add_sheet(t);
      notes_.push_back("the " + table_specs()[t].name + " sheet is full (" + std::to_string(max_rows_) +
                       " rows); it goes on in \"" + table_specs()[t].name + " (" +
                       std::to_string(tables_[t].size()) + ")\"");
    }
    if (book_->put_row(tables_[t].back(), row, path)) return true;
    error_ = book_->error();
    return false;
  }

  std::unique_ptr<Workbook> book_;
  std::size_t max_rows_;
  std::vector<std::vector<std::size_t>> tables_;  // per table, its sheets
  std::vector<std::string> notes_;
};

// The writer of a run whose only output is the archive.
class NullWriter : public RecordWriter {
 public:
  bool write(const Record&) override { return true; }
  bool write_error(const std::string&, const Status&) override { return true; }
  bool finish() override { return true; }
};

}  // namespace

bool parse_format(std::string_view name, Format& out) {
  if (name == "jsonl")
    out = Format::kJsonl;
  else if (name == "json")
    out = Format::kJson;
  else if (name == "csv")
    out = Format::kCsv;
  else if (name == "xlsx")
    out = Format::kXlsx;
  else if (name == "review" || name == "html")
    out = Format::kReview;
  else if (name == "sqlite" || name == "archive")
    out = Format::kArchive;
  else
    return false;
  return true;
}

bool names_directory(const std::string& path) {
  std::error_code ec;
  return !path.empty() && (ends_with(path, "/") || std::filesystem::is_directory(path, ec));
}

bool format_of_path(const std::string& path, Format& out) {
  if (names_directory(path))
    out = Format::kCsv;
  else if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson"))
    out = Format::kJsonl;
  else if (ends_with(path, ".json"))
    out = Format::kJson;
  else if (ends_with(path, ".csv"))
    out = Format::kCsv;
  else if (ends_with(path, ".xlsx"))
    out = Format::kXlsx;
  else if (ends_with(path, ".html") || ends_with(path, ".htm"))
    out = Format::kReview;
  else if (is_archive_path(path))
    out = Format::kArchive;
  else
    return false;
  return true;
}

std::string csv_field(std::string_view text, bool is_text) {
  std::string v(text);
  if (is_text && !v.empty() &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char ch : v) {
    if (ch == '"') q += '"';
    q += ch;
  }
  q += '"';
  return q;
}

void write_csv_row(std::ostream& o, const Row& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) o << ',';
    o << csv_field(row[i].text, row[i].kind == Cell::Kind::kText);
  }
  o << "\r\n";
}

void write_csv_header(std::ostream& o, const TableSpec& spec, bool bom) {
  if (bom) o << "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < spec.columns.size(); ++i)
    o << (i ? "," : "") << csv_field(spec.columns[i].name, false);
  o << "\r\n";
}

Result<std::unique_ptr<RecordWriter>> open_writer(const OutputOptions& o, std::ostream& out) {
  // An output file's folder is made if it is missing.
  if (!o.path.empty()) {
    std::error_code ec;
    auto parent = std::filesystem::path(o.path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  std::optional<Status> failed;
  const auto open_sink = [&](const std::string& path) -> std::unique_ptr<Sink> {
    if (path.empty()) return std::make_unique<Sink>(out);
    auto file = AtomicFile::create(path);
    if (!file) {
      failed = file.error();
      return nullptr;
    }
    return std::make_unique<Sink>(std::move(file.value()));
  };
  switch (o.format) {
    case Format::kJsonl:
    case Format::kJson: {
      auto sink = open_sink(o.path);
      if (!sink) return *failed;
      if (o.format == Format::kJsonl)
        return std::unique_ptr<RecordWriter>(new JsonlWriter(std::move(sink), o.explain));
      return std::unique_ptr<RecordWriter>(new JsonArrayWriter(std::move(sink), o.explain));
    }
    case Format::kCsv: {
      std::error_code ec;
      bool dir = names_directory(o.path);
      std::vector<std::unique_ptr<Sink>> sinks;
      std::vector<int> tables;
      if (dir) {
        std::filesystem::create_directories(o.path, ec);
        if (ec) return Status{"output_failed", "cannot create " + o.path + ": " + ec.message()};
        for (std::size_t t = 0; t < table_specs().size(); ++t) {
          std::string file = (std::filesystem::path(o.path) / (table_specs()[t].name + ".csv")).string();
          auto sink = open_sink(file);
          if (!sink) return *failed;
          sinks.push_back(std::move(sink));
          tables.push_back(static_cast<int>(t));
        }
      } else {
        int t = table_index(o.csv_table);
        if (t < 0) return Status{"usage", "no table '" + o.csv_table + "'"};
        auto sink = open_sink(o.path);
        if (!sink) return *failed;
        sinks.push_back(std::move(sink));
        tables.push_back(t);
      }
      return std::unique_ptr<RecordWriter>(new CsvWriter(std::move(sinks), std::move(tables), o.excel));
    }
    case Format::kXlsx: {
      if (o.path.empty()) return Status{"usage", "xlsx output needs -o FILE.xlsx"};
      auto file = AtomicFile::create(o.path);
      if (!file) return file.error();
      auto book = Workbook::create(std::move(file.value()));
      if (!book) return book.error();
      return std::unique_ptr<RecordWriter>(new XlsxWriter(std::move(book.value()), o.xlsx_max_rows));
    }
    case Format::kArchive:  // the archive is written beside the writers (app/archive.h): none here
      return std::unique_ptr<RecordWriter>(new NullWriter());
    case Format::kReview: {
      if (o.path.empty()) return open_review_writer(nullptr, out, o);
      auto file = AtomicFile::create(o.path);
      if (!file) return file.error();
      return open_review_writer(std::move(file.value()), out, o);
    }
  }
  return Status{"usage", "unknown format"};
}

}  // namespace thidua
