#include "input.h"

#include <fnmatch.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace thidua {
namespace fs = std::filesystem;
namespace {

Status fs_error(const std::string& code, const std::string& what, const std::error_code& ec) {
  return Status{code, what + ": " + ec.message()};
}

bool selected(const fs::path& file, const fs::path& root, const std::vector<std::string>& globs) {
  std::string name = file.filename().string();
  std::string relative =
      file.lexically_relative(root).generic_string();  // no file system calls: links may loop
  for (const auto& g : globs) {
    const std::string& subject = g.find('/') != std::string::npos ? relative : name;
    if (fnmatch(g.c_str(), subject.c_str(), 0) == 0) return true;
  }
  return false;
}

void expand_directory(const fs::path& root, const fs::path& dir, const std::vector<std::string>& globs,
                      std::vector<InputItem>& out, std::size_t depth) {
  // Symbolic links to directories are not followed, so a link loop cannot recurse forever; the depth
  // bound covers pathological trees all the same.
  constexpr std::size_t kMaxDepth = 64;
  if (depth > kMaxDepth) {
    out.push_back({dir.string(), Status{"too_deep", "directory nesting deeper than 64 levels"}});
    return;
  }
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    out.push_back({dir.string(), fs_error("unreadable_directory", "cannot list directory", ec)});
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    entries.push_back(*it);
  }
  if (ec) {
    out.push_back({dir.string(), fs_error("unreadable_directory", "cannot list directory", ec)});
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
  for (const auto& e : entries) {
    std::error_code sec;
    if (e.is_directory(sec) && !e.is_symlink(sec)) {
      expand_directory(root, e.path(), globs, out, depth + 1);
    } else if (selected(e.path(), root, globs)) {
      out.push_back({e.path().string(), std::nullopt});
    }
  }
}

}  // namespace

std::vector<InputItem> expand_inputs(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& globs_given) {
  const std::vector<std::string> globs =
      globs_given.empty() ? std::vector<std::string>{"*.txt", "*.html", "*.htm"} : globs_given;
  std::vector<InputItem> out;
  if (paths.empty()) {
    out.push_back({"-", std::nullopt});
    return out;
  }
  for (const auto& p : paths) {
    if (p == "-") {
      out.push_back({p, std::nullopt});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
      out.push_back({p, Status{"unreadable", ec.message()}});  // a symbolic link loop, a permission
    } else if (ec || !fs::exists(st)) {
      out.push_back({p, Status{"not_found", "no such file or directory"}});
    } else if (fs::is_directory(st)) {
      std::size_t before = out.size();
      expand_directory(p, p, globs, out, 0);
      if (out.size() == before)
        out.push_back({p, Status{"no_inputs", "directory holds no file that matches the globs"}});
    } else {
      out.push_back({p, std::nullopt});
    }
  }
  return out;
}

namespace {

Status too_large(std::size_t max_bytes) {
  return Status{"too_large", "larger than --max-bytes (" + std::to_string(max_bytes) + " bytes)"};
}

// Reads at most max_bytes + 1 bytes, so that a stream too large is told without reading it whole.
Result<std::string> read_bounded(std::istream& in, std::size_t max_bytes) {
  std::string bytes;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    bytes.append(buf, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_bytes) return too_large(max_bytes);
  }
  if (in.bad()) return Status{"read_failed", std::string("read error: ") + std::strerror(errno)};
  return bytes;
}

}  // namespace

Result<std::string> read_input(const InputItem& item, std::istream& stdin_stream, std::size_t max_bytes) {
  if (item.error) return *item.error;
  if (item.path == "-") return read_bounded(stdin_stream, max_bytes);
  std::error_code ec;
  auto size = fs::file_size(item.path, ec);
  if (!ec && size > max_bytes) return too_large(max_bytes);
  if (!ec && fs::is_directory(item.path, ec)) return Status{"read_failed", "is a directory"};
  std::ifstream f(item.path, std::ios::binary);
  if (!f) return Status{"read_failed", std::string("cannot open: ") + std::strerror(errno)};
  return read_bounded(f, max_bytes);
}

}  // namespace thidua
