// Inputs: command-line paths -> the ordered list of documents to read, and reading them.
#pragma once

#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "thidua/status.h"

namespace thidua {

struct InputItem {
  std::string path;             // as the user gave it, or as found below a directory; "-" = stdin
  std::optional<Status> error;  // set when the path cannot be used: it still yields one error line
};

// Files in the order given; a directory is searched recursively, in sorted order, for files whose name
// matches one of `globs` (shell patterns, in any case; *.txt, *.html and *.htm when none is given; a
// pattern with a '/' is matched against the path below the directory). Below a directory, hidden files
// and folders are passed over and only regular files are read (a FIFO gets an error). A path that is missing
// or cannot be listed stays in the list with its error. No paths at all means standard input.
std::vector<InputItem> expand_inputs(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& globs = {});

// Inputs larger than this are refused unless --max-bytes says otherwise: an article is a few KiB, and
// ICU and the offset maps keep several copies of a document in memory.
inline constexpr std::size_t kDefaultMaxBytes = std::size_t{64} << 20;
inline constexpr std::size_t kMaxMaxBytes = std::size_t{512} << 20;

// The same inputs, listed as they are needed: memory holds one directory listing per level being
// walked, not the list of every file. Not thread-safe; callers lock.
class InputLister {
 public:
  explicit InputLister(std::vector<std::string> paths, std::vector<std::string> globs = {});
  ~InputLister();
  InputLister(InputLister&&) noexcept;
  // A file never to list from a folder: the run's own output, which may match the globs.
  void exclude(const std::string& path);
  // The next input, in order; false when there are no more.
  bool next(InputItem& item);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// How many inputs there are (for a progress line), without keeping them.
std::size_t count_inputs(const std::vector<std::string>& paths, const std::vector<std::string>& globs = {});

// The whole content of one input, if it is no larger than `max_bytes`. `stdin_stream` is read for "-".
Result<std::string> read_input(const InputItem& item, std::istream& stdin_stream,
                               std::size_t max_bytes = kDefaultMaxBytes);

}  // namespace thidua
