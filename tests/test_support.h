// Helpers shared by the tests: paths into the source tree, files, and the escape syntax of data tables.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "utf8.h"

namespace thidua::test {

inline std::string source_path(const std::string& relative) {
  return std::string(THIDUA_SOURCE_DIR) + "/" + relative;
}

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot open " + path);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// \n \r \t \\ \uXXXX (code point, UTF-8 encoded) \xHH (one raw byte).
inline std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char c = s[++i];
    if (c == 'n')
      out.push_back('\n');
    else if (c == 'r')
      out.push_back('\r');
    else if (c == 't')
      out.push_back('\t');
    else if (c == '\\')
      out.push_back('\\');
    else if (c == 'u') {
      append_utf8(out, static_cast<char32_t>(std::stoul(s.substr(i + 1, 4), nullptr, 16)));
      i += 4;
    } else if (c == 'x') {
      out.push_back(static_cast<char>(std::stoul(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      throw std::runtime_error("bad escape \\" + std::string(1, c) + " in " + s);
    }
  }
  return out;
}

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

inline std::vector<std::string> seed_paths() {
  std::vector<std::string> paths;
  for (int i = 0; i < 5; ++i)
    paths.push_back(source_path("corpus/seeds/seed-00" + std::to_string(i) + ".txt"));
  return paths;
}

// The files below `dir` (relative to the source tree; searched recursively) with one of `extensions`,
// sorted; none when `dir` does not exist (../shared/corpus-dev outside the development machine).
inline std::vector<std::string> files_under(const std::string& dir,
                                            const std::vector<std::string>& extensions = {".txt"}) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(source_path(dir), ec))
    if (std::find(extensions.begin(), extensions.end(), e.path().extension().string()) != extensions.end())
      paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

// Every document of corpus/ (seeds and authored), sorted.
inline std::vector<std::string> corpus_documents() { return files_under("corpus"); }

}  // namespace thidua::test
