#include "batch.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace thidua {
namespace {

BatchResult process(std::size_t index, const InputItem& item, std::istream& in, const RuleSet& rules,
                    const ExtractOptions& options, std::size_t max_bytes,
                    const std::function<void(BatchResult&)>& prepare) {
  BatchResult r;
  r.index = index;
  r.path = item.path;
  Result<std::string> bytes = read_input(item, in, max_bytes);
  if (!bytes) {
    r.record = bytes.error();
  } else {
    r.bytes = bytes->size();
    r.record = extract_record(bytes.value(), item.path, rules, options);
    r.input = bytes.value();
  }
  if (prepare) prepare(r);
  r.input = {};  // the bytes go with this scope
  return r;
}

}  // namespace

void run_batch(InputLister& inputs, std::istream& in, const RuleSet& rules, const ExtractOptions& options,
               unsigned jobs, std::size_t max_bytes, const std::function<void(BatchResult&)>& prepare,
               const std::function<bool(BatchResult&&)>& deliver) {
  InputItem item;
  if (jobs <= 1) {
    for (std::size_t i = 0; inputs.next(item); ++i)
      if (!deliver(process(i, item, in, rules, options, max_bytes, prepare))) return;
    return;
  }
  const std::size_t window = 2 * static_cast<std::size_t>(jobs);
  std::mutex mu;
  std::condition_variable cv;
  std::map<std::size_t, BatchResult> done;  // finished, not yet delivered
  std::size_t taken = 0;                    // inputs handed to workers
  std::size_t delivered = 0;
  bool exhausted = false, stop = false;

  auto worker = [&] {
    while (true) {
      std::size_t i;
      InputItem mine;
      {
        std::unique_lock<std::mutex> lock(mu);
        // Bound what is held: no input starts more than `window` ahead of the one to deliver next.
        cv.wait(lock, [&] { return stop || exhausted || taken < delivered + window; });
        if (stop || exhausted) return;
        if (!inputs.next(mine)) {
          exhausted = true;
          cv.notify_all();
          return;
        }
        i = taken++;
      }
      BatchResult r = process(i, mine, in, rules, options, max_bytes, prepare);
      {
        std::lock_guard<std::mutex> lock(mu);
        done.emplace(i, std::move(r));
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned k = 0; k < jobs; ++k) threads.emplace_back(worker);

  while (true) {
    BatchResult r;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return done.count(delivered) > 0 || (exhausted && delivered == taken); });
      auto it = done.find(delivered);
      if (it == done.end()) break;  // every input delivered
      r = std::move(it->second);
      done.erase(it);
    }
    bool go_on = deliver(std::move(r));
    {
      std::lock_guard<std::mutex> lock(mu);
      ++delivered;
      if (!go_on) stop = true;
    }
    cv.notify_all();
    if (!go_on) break;
  }
  for (auto& t : threads) t.join();
}

}  // namespace thidua
