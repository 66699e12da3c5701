#include "input.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <optional>
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
    if (fnmatch(g.c_str(), subject.c_str(), FNM_CASEFOLD) == 0) return true;  // *.txt takes A.TXT too
  }
  return false;
}

// One directory being listed: its entries, sorted, and how far the listing has got.
struct Frame {
  fs::path root;  // the directory given on the command line
  std::vector<fs::directory_entry> entries;
  std::size_t next = 0;
  std::size_t depth = 0;
};

}  // namespace

struct InputLister::State {
  std::vector<std::string> paths;
  std::vector<std::string> globs;
  std::vector<fs::path> excluded;  // the run's own output files, absolute and normal
  std::size_t next_path = 0;
  std::vector<Frame> stack;     // directories being listed, innermost last
  std::size_t found_below = 0;  // inputs found below the current command-line directory
  std::string current_dir;      // that directory, for "no_inputs"
};

InputLister::InputLister(std::vector<std::string> paths, std::vector<std::string> globs)
    : state_(std::make_unique<State>()) {
  if (paths.empty()) paths.push_back("-");
  if (globs.empty()) globs = {"*.txt", "*.html", "*.htm"};
  state_->paths = std::move(paths);
  state_->globs = std::move(globs);
}

void InputLister::exclude(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (!ec) state_->excluded.push_back(p.lexically_normal());
}

namespace {

bool is_excluded(const std::vector<fs::path>& excluded, const fs::path& p) {
  for (const auto& x : excluded) {
    if (x.filename() != p.filename()) continue;  // most files: no file system call
    std::error_code ec;
    if (fs::weakly_canonical(fs::absolute(p, ec), ec).lexically_normal() == x) return true;
  }
  return false;
}

}  // namespace

InputLister::~InputLister() = default;
InputLister::InputLister(InputLister&&) noexcept = default;

namespace {

// Opens a directory for listing; an error comes back as the item to report.
std::optional<InputItem> push_directory(std::vector<Frame>& stack, const fs::path& root, const fs::path& dir,
                                        std::size_t depth) {
  // Symbolic links to directories are not followed, so a link loop cannot recurse forever; the depth
  // bound covers pathological trees all the same.
  constexpr std::size_t kMaxDepth = 64;
  if (depth > kMaxDepth)
    return InputItem{dir.string(), Status{"too_deep", "directory nesting deeper than 64 levels"}};
  std::error_code ec;
  Frame f{root, {}, 0, depth};
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) f.entries.push_back(*it);
  if (ec) return InputItem{dir.string(), fs_error("unreadable_directory", "cannot list directory", ec)};
  std::sort(f.entries.begin(), f.entries.end(),
            [](const fs::directory_entry& x, const fs::directory_entry& y) { return x.path() < y.path(); });
  stack.push_back(std::move(f));
  return std::nullopt;
}

}  // namespace

bool InputLister::next(InputItem& item) {
  State& st = *state_;
  while (true) {
    // Within directories: the next selected file, depth first, in sorted order.
    while (!st.stack.empty()) {
      Frame& f = st.stack.back();
      if (f.next >= f.entries.size()) {
        st.stack.pop_back();
        if (st.stack.empty() && st.found_below == 0) {
          item = {st.current_dir, Status{"no_inputs", "directory holds no file that matches the globs"}};
          return true;
        }
        continue;
      }
      fs::directory_entry e = f.entries[f.next++];
      fs::path root = f.root;
      std::size_t depth = f.depth;
      std::error_code sec;
      // Hidden files and folders (".git", an editor's ".#draft.txt") are passed over, as ripgrep does,
      // unless named on the command line; so is the run's own output.
      if (e.path().filename().string().front() == '.' || is_excluded(st.excluded, e.path())) continue;
      if (e.is_directory(sec) && !e.is_symlink(sec)) {
        if (auto err = push_directory(st.stack, root, e.path(), depth + 1)) {
          ++st.found_below;
          item = *err;
          return true;
        }
      } else if (selected(e.path(), root, st.globs)) {
        ++st.found_below;
        // Only regular files are read from a folder: a FIFO named *.txt would block the run forever
        // (a dangling link is listed, and its error told when it is read).
        fs::file_status target = e.status(sec);
        bool special = !sec && fs::exists(target) && !fs::is_regular_file(target);
        item = {e.path().string(), special
                                       ? std::optional<Status>(Status{
                                             "not_regular", "not a regular file (a FIFO, socket or device)"})
                                       : std::nullopt};
        return true;
      }
    }
    // The next command-line path.
    if (st.next_path >= st.paths.size()) return false;
    const std::string p = st.paths[st.next_path++];
    if (p == "-") {
      item = {p, std::nullopt};
      return true;
    }
    std::error_code ec;
    fs::file_status status = fs::status(p, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
      item = {p, Status{"unreadable", ec.message()}};  // a symbolic link loop, a permission
      return true;
    }
    if (ec || !fs::exists(status)) {
      item = {p, Status{"not_found", "no such file or directory"}};
      return true;
    }
    if (!fs::is_directory(status)) {
      item = {p, std::nullopt};
      return true;
    }
    st.current_dir = p;
    st.found_below = 0;
    if (auto err = push_directory(st.stack, p, p, 0)) {
      item = *err;
      return true;
    }
  }
}

std::vector<InputItem> expand_inputs(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& globs) {
  InputLister lister(paths, globs);
  std::vector<InputItem> out;
  for (InputItem item; lister.next(item);) out.push_back(item);
  return out;
}

std::size_t count_inputs(const std::vector<std::string>& paths, const std::vector<std::string>& globs) {
  InputLister lister(paths, globs);
  std::size_t n = 0;
  for (InputItem item; lister.next(item);) ++n;
  return n;
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
  // One open and one fstat per file (no stream object): a corpus is often many small files.
  int fd;
  do fd = ::open(item.path.c_str(), O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  // the codes the listing gives for the same causes: one cause, one code wherever it is met
  if (fd < 0) return Status{errno == ENOENT ? "not_found" : "unreadable", std::strerror(errno)};
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (!regular && S_ISDIR(st.st_mode)) return Status{"read_failed", "is a directory"};
  if (regular && static_cast<std::uintmax_t>(st.st_size) > max_bytes) return too_large(max_bytes);
  std::string bytes;
  if (regular) bytes.reserve(static_cast<std::size_t>(st.st_size));
  char buf[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status{"read_failed", std::string("read error: ") + std::strerror(errno)};
    if (n == 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
    if (bytes.size() > max_bytes) return too_large(max_bytes);  // a file that grew, or a pipe
  }
  return bytes;
}

}  // namespace thidua
