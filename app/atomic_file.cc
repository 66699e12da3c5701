#include "atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace thidua {
namespace {

// The temporary files of this process, kept where a signal handler can reach them without allocating:
// fixed slots of fixed size, claimed and released under a mutex, read by the handler as they are.
constexpr std::size_t kSlots = 16;
constexpr std::size_t kPathMax = 4096;
struct Slot {
  std::atomic<bool> used{false};
  char path[kPathMax];
};
std::array<Slot, kSlots> g_slots;
std::mutex g_slots_mutex;

void remove_temporaries_and_reraise(int sig) {
  for (auto& s : g_slots)
    if (s.used.load()) ::unlink(s.path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void install_handlers_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGFPE}) {
      struct sigaction sa {};
      sa.sa_handler = remove_temporaries_and_reraise;
      sigemptyset(&sa.sa_mask);
      sa.sa_flags = 0;  // the handler restores the default itself, then raises the signal again
      struct sigaction old {};
      // a signal the caller chose to ignore (nohup) stays ignored
      if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
      ::sigaction(sig, &sa, nullptr);
    }
  });
}

bool claim_slot(const std::string& path) {
  if (path.size() >= kPathMax) return false;
  std::lock_guard<std::mutex> lock(g_slots_mutex);
  for (auto& s : g_slots) {
    if (s.used.load()) continue;
    std::memcpy(s.path, path.c_str(), path.size() + 1);
    s.used.store(true);
    return true;
  }
  return false;
}

void release_slot(const std::string& path) {
  std::lock_guard<std::mutex> lock(g_slots_mutex);
  for (auto& s : g_slots)
    if (s.used.load() && path == s.path) s.used.store(false);
}

// The permissions a new file gets (0666 less the umask), or those of the file being replaced.
mode_t target_mode(const std::string& target) {
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0) return st.st_mode & 07777;
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

std::string sys_error(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

AtomicFile::AtomicFile(std::string target, std::string temp)
    : target_(std::move(target)), temp_(std::move(temp)) {}

Result<std::unique_ptr<AtomicFile>> AtomicFile::create(const std::string& target) {
  namespace fs = std::filesystem;
  install_handlers_once();
  // A symbolic link is written through: the file it points to is replaced, the link stays.
  std::error_code link_ec;
  fs::path t = fs::is_symlink(target, link_ec) ? fs::weakly_canonical(target, link_ec) : fs::path(target);
  if (link_ec) t = target;
  fs::path dir = t.parent_path();
  std::string name = t.filename().string();
  if (name.empty() || name == "." || name == "..")
    return Status{"output_failed", "cannot write " + target + ": not a file name"};
  std::error_code ec;
  if (fs::is_directory(t, ec)) return Status{"output_failed", "cannot write " + target + ": is a directory"};
  std::string pattern = ((dir.empty() ? fs::path(".") : dir) / ("." + name + ".thidua-XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return Status{"output_failed", sys_error("cannot write " + target)};
  ::fchmod(fd, target_mode(t.string()));
  ::close(fd);
  if (!claim_slot(pattern)) {
    ::unlink(pattern.c_str());
    return Status{"output_failed", "cannot write " + target + ": too many output files"};
  }
  std::unique_ptr<AtomicFile> file(new AtomicFile(t.string(), pattern));
  file->stream_.open(pattern, std::ios::binary | std::ios::trunc);
  if (!file->stream_) return Status{"output_failed", sys_error("cannot write " + target)};
  return file;
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  stream_.close();
  ::unlink(temp_.c_str());
  release_slot(temp_);
}

std::optional<Status> AtomicFile::commit() {
  if (stream_.is_open()) {
    stream_.flush();
    bool ok = static_cast<bool>(stream_);
    stream_.close();
    if (!ok || stream_.fail()) return Status{"output_failed", sys_error("cannot write " + target_)};
  }
  // The bytes are on the disk before the name points at them: a crash then leaves the old file or the
  // new one, never a truncated one.
  int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status{"output_failed", sys_error("cannot write " + target_)};
  int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) return Status{"output_failed", sys_error("cannot write " + target_)};
  if (::rename(temp_.c_str(), target_.c_str()) != 0)
    return Status{"output_failed", sys_error("cannot replace " + target_)};
  committed_ = true;
  release_slot(temp_);
  return std::nullopt;
}

}  // namespace thidua
