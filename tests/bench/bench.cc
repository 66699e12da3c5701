// Throughput benchmark. Builds a large corpus deterministically from corpus/ (documents repeated with
// other names, dates and numbers, so no cache can cheat), writes it to a folder, and measures on the
// same bytes:
//   (a) the floor: reading the files and ICU NFC (normalizeUTF8) alone;
//   (b) thidua's decoding + normalization stage;
//   (c) full extraction by the thidua binary, --jobs 1 and --jobs N (output to /dev/null), MB/s and
//       documents/s, and (d) its peak resident memory;
//   (e) the engine alone in this process (extract_record on 1 and N threads, no output), on the whole
//       corpus and on short leads and full articles apart;
//   (f) one call of the binary on one file (start-up);
// then the ratios (c)/(a) and jobs-N/jobs-1. Prints a table and writes it as JSON.
//
// usage: thidua_bench THIDUA_BINARY CORPUS_DIR [--mb 200] [--out bench.json] [--work DIR] [--keep 1]
// (--keep 1 leaves the generated corpus in the work folder, for profiling).
#include <sys/wait.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pipeline.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// A variant of a document: every family name from a list swapped for another, every digit run of a
// date or number shifted, so that variants differ throughout while keeping their forms.
std::string vary(const std::string& doc, std::mt19937& rng) {
  static const std::vector<std::string> kNames = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng",
                                                  "Vũ",     "Đặng", "Bùi", "Đỗ",   "Ngô"};
  std::string out;
  out.reserve(doc.size() + 64);
  std::uniform_int_distribution<int> shift(0, 8), pick(0, static_cast<int>(kNames.size()) - 1);
  for (std::size_t i = 0; i < doc.size();) {
    bool swapped = false;
    for (const auto& n : kNames) {
      if (doc.compare(i, n.size(), n) == 0) {
        out += kNames[static_cast<std::size_t>(pick(rng))];
        i += n.size();
        swapped = true;
        break;
      }
    }
    if (swapped) continue;
    char c = doc[i];
    if (c >= '1' && c <= '8')
      c = static_cast<char>('1' + (c - '1' + shift(rng)) % 8);  // keeps days, months valid
    out += c;
    ++i;
  }
  return out;
}

struct Corpus {
  std::vector<fs::path> files;
  std::vector<std::size_t> sizes;  // bytes, parallel to files
  std::size_t bytes = 0;
  fs::path longest;
  std::size_t longest_bytes = 0;
};

Corpus build_corpus(const fs::path& source, const fs::path& work, std::size_t target_bytes) {
  std::vector<std::string> docs;
  for (const auto& e : fs::recursive_directory_iterator(source))
    if (e.path().extension() == ".txt") docs.push_back(read_file(e.path()));
  std::sort(docs.begin(), docs.end());
  fs::remove_all(work);
  Corpus c;
  std::mt19937 rng(20261122);
  for (std::size_t n = 0; c.bytes < target_bytes; ++n) {
    fs::path dir = work / std::to_string(n / 1000);
    if (n % 1000 == 0) fs::create_directories(dir);
    std::string v = vary(docs[n % docs.size()], rng);
    fs::path p = dir / (std::to_string(n) + ".txt");
    std::ofstream(p, std::ios::binary) << v;
    c.files.push_back(p);
    c.sizes.push_back(v.size());
    if (v.size() > c.longest_bytes) {
      c.longest = p;
      c.longest_bytes = v.size();
    }
    c.bytes += v.size();
  }
  return c;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Run {
  double seconds = 0;
  long peak_rss_kb = 0;
  int status = 0;
};

// The peak resident memory of a running process, from /proc (0 once it has exited).
long vm_hwm_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

// Runs the binary as a user would. Its peak memory is read from /proc while it runs, not from wait4's
// ru_maxrss: a forked child inherits the high-water mark of this (large) benchmark process, and exec
// keeps it, so ru_maxrss reports the benchmark's memory rather than thidua's.
Run run_binary(const std::string& binary, const fs::path& dir, unsigned jobs) {
  Run r;
  auto start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    std::string j = std::to_string(jobs);
    execl(binary.c_str(), binary.c_str(), "extract", "-q", "--jobs", j.c_str(), "-o", "/dev/null",
          dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  // VmHWM only grows while thidua runs, so the last reading before it exits is its peak (to within the
  // 10 ms between readings). Not the largest reading: one taken between fork and exec is this process's.
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (long kb = vm_hwm_kb(pid); kb > 0) r.peak_rss_kb = kb;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  r.seconds = seconds_since(start);
  r.status = status;
  return r;
}

// Median wall time, in ms, of `thidua extract` on one file: what a one-file-per-call loop, `thidua
// review` or a server pays each time (loading and compiling the rules, then the one document).
double one_file_ms(const std::string& binary, const fs::path& file) {
  std::vector<double> ms;
  for (int run = 0; run < 11; ++run) {
    auto start = Clock::now();
    pid_t pid = fork();
    if (pid == 0) {
      execl(binary.c_str(), binary.c_str(), "extract", "-q", "-o", "/dev/null", file.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ms.push_back(seconds_since(start) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: thidua_bench THIDUA_BINARY CORPUS_DIR [--mb 200] [--out bench.json] [--work DIR] "
                 "[--keep 1]\n";
    return 2;
  }
  std::string binary = argv[1];
  fs::path source = argv[2];
  std::size_t mb = 200;
  std::string out = "bench.json";
  fs::path work = fs::temp_directory_path() / "thidua-bench-corpus";
  bool keep = false;
  for (int i = 3; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--mb")
      mb = std::stoul(argv[i + 1]);
    else if (a == "--out")
      out = argv[i + 1];
    else if (a == "--work")
      work = argv[i + 1];
    else if (a == "--keep")
      keep = std::string(argv[i + 1]) != "0";
  }
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());

  std::cerr << "building a " << mb << " MB corpus in " << work << " ...\n";
  Corpus corpus = build_corpus(source, work, mb << 20);
  const double total_mb = static_cast<double>(corpus.bytes) / 1e6;

  // (a) the floor: read + NFC. Timed here and again just before (c): this machine's speed moves by a
  // third within minutes, and (c)'s ratio is taken against the floor of the same minutes.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::size_t sink = 0;
  const auto floor_seconds = [&] {
    auto start = Clock::now();
    for (const auto& f : corpus.files) {
      std::string bytes = read_file(f), normalized;
      icu::StringByteSink<std::string> bs(&normalized);
      nfc->normalizeUTF8(0, icu::StringPiece(bytes.data(), static_cast<int32_t>(bytes.size())), bs, nullptr,
                         status);
      sink += normalized.size();
    }
    return seconds_since(start);
  };
  const double first_floor_s = floor_seconds();

  // (b) thidua's normalization stage: read + decode + clean-up + NFC + tone placement, with offset maps
  auto t = Clock::now();
  for (const auto& f : corpus.files) {
    auto text = thidua::load_text(read_file(f), thidua::Encoding::kAuto);
    sink += text ? text->match().size() : 0;
  }
  double norm_s = seconds_since(t);

  // (e) the engine alone, in this process: extract_record over the files on 1 and on all threads, no
  // output. Against (c) it separates the engine's scaling from the binary's reading and writing.
  std::vector<thidua::Status> rule_errors;
  const thidua::RuleSet rules = thidua::RuleSet::load_builtin(rule_errors);
  // The documents of `selection` (indices into the corpus) on `threads` threads; seconds.
  auto engine_seconds_on = [&](const std::vector<std::size_t>& selection, unsigned threads) {
    auto start = Clock::now();
    std::vector<std::thread> pool;
    std::vector<std::size_t> records(threads, 0);
    for (unsigned k = 0; k < threads; ++k)
      pool.emplace_back([&, k] {
        for (std::size_t j = k; j < selection.size(); j += threads) {
          const fs::path& file = corpus.files[selection[j]];
          records[k] += thidua::extract_record(read_file(file), file.string(), rules, {}).ok();
        }
      });
    for (auto& th : pool) th.join();
    for (auto n : records) sink += n;
    return seconds_since(start);
  };
  std::vector<std::size_t> everything(corpus.files.size());
  for (std::size_t i = 0; i < everything.size(); ++i) everything[i] = i;
  auto engine_seconds = [&](unsigned threads) { return engine_seconds_on(everything, threads); };
  // Warm-up, so that neither timing pays for RE2's lazily built programs and caches.
  for (std::size_t i = 0; i < std::min<std::size_t>(corpus.files.size(), 2000); ++i)
    sink += thidua::extract_record(read_file(corpus.files[i]), "", rules, {}).ok();
  const double engine_1_s = engine_seconds(1);
  const double engine_n_s = engine_seconds(cores);
  // The same engine on short leads (under 2 KB) and on full articles (3 KB and more) apart, with one
  // thread and with all: per-document costs weigh on the first, per-byte costs on the second.
  struct Share {
    std::size_t documents = 0, bytes = 0;
    double seconds_1 = 0, seconds_n = 0;
    double mb_s(double seconds) const { return bytes / 1e6 / seconds; }
    double docs_s(double seconds) const { return documents / seconds; }
  };
  auto engine_share = [&](std::size_t min_bytes, std::size_t max_bytes) {
    Share s;
    std::vector<std::size_t> selection;
    for (std::size_t i = 0; i < corpus.files.size(); ++i) {
      if (corpus.sizes[i] < min_bytes || corpus.sizes[i] >= max_bytes) continue;
      selection.push_back(i);
      s.bytes += corpus.sizes[i];
    }
    s.documents = selection.size();
    s.seconds_1 = engine_seconds_on(selection, 1);
    s.seconds_n = engine_seconds_on(selection, cores);
    return s;
  };
  const Share leads = engine_share(0, 2048), articles = engine_share(3072, SIZE_MAX);

  // (c), (d): the binary, one job and all cores
  const double floor_s = floor_seconds();
  Run one = run_binary(binary, work, 1);
  Run all = run_binary(binary, work, cores);

  // (f) one call on one file: a two-byte file (start-up alone) and the longest corpus article
  const fs::path tiny = work / "tiny.txt", longest = corpus.longest;
  std::ofstream(tiny) << "ab";
  const double tiny_ms = one_file_ms(binary, tiny), article_ms = one_file_ms(binary, longest);

  const auto mbps = [&](double s) { return total_mb / s; };
  nlohmann::ordered_json j{
      {"machine", {{"cores", cores}}},
      {"corpus", {{"documents", corpus.files.size()}, {"megabytes", total_mb}}},
      {"floor_read_nfc_mb_s", mbps(floor_s)},
      {"floor_read_nfc_mb_s_at_start", mbps(first_floor_s)},
      {"normalize_mb_s", mbps(norm_s)},
      {"extract_jobs_1",
       {{"mb_s", mbps(one.seconds)},
        {"docs_s", corpus.files.size() / one.seconds},
        {"peak_rss_mb", one.peak_rss_kb / 1024.0},
        {"exit", WEXITSTATUS(one.status)}}},
      {"extract_jobs_n",
       {{"jobs", cores},
        {"mb_s", mbps(all.seconds)},
        {"docs_s", corpus.files.size() / all.seconds},
        {"peak_rss_mb", all.peak_rss_kb / 1024.0},
        {"exit", WEXITSTATUS(all.status)}}},
      {"ratio_extract_1_to_floor", mbps(one.seconds) / mbps(floor_s)},
      {"ratio_jobs_n_to_jobs_1", one.seconds / all.seconds},
      {"engine_by_length",
       {{"leads_under_2kb",
         {{"documents", leads.documents},
          {"mb_s", leads.mb_s(leads.seconds_1)},
          {"docs_s", leads.docs_s(leads.seconds_1)},
          {"threads_n_mb_s", leads.mb_s(leads.seconds_n)},
          {"threads_n_docs_s", leads.docs_s(leads.seconds_n)}}},
        {"articles_3kb_and_more",
         {{"documents", articles.documents},
          {"mb_s", articles.mb_s(articles.seconds_1)},
          {"docs_s", articles.docs_s(articles.seconds_1)},
          {"threads_n_mb_s", articles.mb_s(articles.seconds_n)},
          {"threads_n_docs_s", articles.docs_s(articles.seconds_n)}}}}},
      {"one_file_ms",
       {{"two_bytes", tiny_ms}, {"article", article_ms}, {"article_bytes", fs::file_size(longest)}}},
      {"engine_in_process",
       {{"threads_1_mb_s", mbps(engine_1_s)},
        {"threads_n_mb_s", mbps(engine_n_s)},
        {"ratio_n_to_1", engine_1_s / engine_n_s}}},
  };
  std::ofstream(out) << j.dump(2) << '\n';

  std::printf("corpus: %zu documents, %.1f MB, %u cores\n", corpus.files.size(), total_mb, cores);
  std::printf("%-44s %10s %10s %12s\n", "stage", "MB/s", "docs/s", "peak RSS MB");
  std::printf("%-44s %10.1f %10s %12s\n", "(a) read + ICU NFC (the floor), before (c)", mbps(floor_s), "",
              "");
  std::printf("%-44s %10.1f %10s %12s\n", "(a) the same, at the start", mbps(first_floor_s), "", "");
  std::printf("%-44s %10.1f %10s %12s\n", "(b) thidua decode + normalize", mbps(norm_s), "", "");
  std::printf("%-44s %10.1f %10.0f %12.1f\n", "(c) thidua extract --jobs 1", mbps(one.seconds),
              corpus.files.size() / one.seconds, one.peak_rss_kb / 1024.0);
  std::printf("%-44s %10.1f %10.0f %12.1f\n", ("(c) thidua extract --jobs " + std::to_string(cores)).c_str(),
              mbps(all.seconds), corpus.files.size() / all.seconds, all.peak_rss_kb / 1024.0);
  std::printf("ratio (c) jobs 1 / (a): %.3f   jobs %u / jobs 1: %.2f\n", mbps(one.seconds) / mbps(floor_s),
              cores, one.seconds / all.seconds);
  std::printf("(e) engine in-process, no output: 1 thread %.1f MB/s, %u threads %.1f MB/s (x%.2f)\n",
              mbps(engine_1_s), cores, mbps(engine_n_s), engine_1_s / engine_n_s);
  for (const auto& [label, share] : {std::pair<const char*, const Share&>{"leads < 2 KB", leads},
                                     std::pair<const char*, const Share&>{"articles >= 3 KB", articles}})
    std::printf("(e) engine, %zu %s: 1 thread %.1f MB/s %.0f docs/s; %u threads %.1f MB/s %.0f docs/s\n",
                share.documents, label, share.mb_s(share.seconds_1), share.docs_s(share.seconds_1), cores,
                share.mb_s(share.seconds_n), share.docs_s(share.seconds_n));
  std::printf("(f) one call, one file: a 2-byte file %.0f ms, a %ju-byte article %.0f ms (median of 11)\n",
              tiny_ms, static_cast<std::uintmax_t>(fs::file_size(longest)), article_ms);
  std::printf("written: %s\n", out.c_str());
  if (!keep) fs::remove_all(work);
  return (sink > 0 && one.status == 0 && all.status == 0) ? 0 : 1;
}
