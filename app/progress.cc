#include "progress.h"

#include <cstdio>
#include <ostream>

namespace thidua {

RunReport::RunReport(std::ostream& err, std::size_t total, bool live)
    : err_(err), total_(total), live_(live), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

double RunReport::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void RunReport::add_record(const Record& r, std::size_t bytes) {
  ++done_;
  ++records_;
  bytes_ += bytes;
  for (const auto& w : r.warnings) ++warnings_[w.code];
}

void RunReport::add_error(std::size_t bytes) {
  ++done_;
  ++errors_;
  bytes_ += bytes;
}

void RunReport::note(const std::string& line) {
  if (drawn_) err_ << "\r\x1b[K";
  drawn_ = false;
  err_ << line << '\n';
}

void RunReport::tick() {
  if (!live_) return;
  auto now = std::chrono::steady_clock::now();
  if (seconds() < 1.0 || now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double s = seconds();
  double mbps = static_cast<double>(bytes_) / 1e6 / s;
  double eta = done_ > 0 ? s / static_cast<double>(done_) * static_cast<double>(total_ - done_) : 0;
  char line[160];
  std::snprintf(line, sizeof line, "\r%zu/%zu files  %.1f MB/s  ETA %.0fs  %zu failed\x1b[K", done_, total_,
                mbps, eta, errors_);
  err_ << line << std::flush;
  drawn_ = true;
}

void RunReport::finish(bool quiet) {
  if (drawn_) err_ << "\r\x1b[K";
  if (quiet) return;
  char head[160];
  std::snprintf(head, sizeof head, "thidua: %zu document%s, %zu record%s, %zu error%s", done_,
                done_ == 1 ? "" : "s", records_, records_ == 1 ? "" : "s", errors_, errors_ == 1 ? "" : "s");
  err_ << head;
  if (!warnings_.empty()) {
    err_ << "; warnings:";
    bool first = true;
    for (const auto& [code, n] : warnings_) {
      err_ << (first ? " " : ", ") << code << " " << n;
      first = false;
    }
  }
  char tail[64];
  std::snprintf(tail, sizeof tail, "; %.2f s\n", seconds());
  err_ << tail << std::flush;
}

}  // namespace thidua
