#include "literal_matcher.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <deque>

namespace thidua {

namespace {

// Simple case folding, the equivalence RE2's (?i) uses: "ſ" and "s", the Kelvin sign and "k" fold alike
// (lower case alone would keep "ſ" apart from the "s" of an atom).
UChar32 fold(UChar32 c) { return u_foldCase(c, U_FOLD_CASE_DEFAULT); }

// The fold of every code point below kFoldTableSize (Latin, Vietnamese), looked up without ICU: built
// once for every matcher.
constexpr std::uint32_t kFoldTableSize = 0x2000;
constexpr std::uint16_t kNotInTable = 0xFFFF;  // ask ICU
const std::vector<std::uint16_t>& fold_table() {
  static const std::vector<std::uint16_t> table = [] {
    std::vector<std::uint16_t> t(kFoldTableSize);
    for (std::uint32_t c = 0; c < kFoldTableSize; ++c) {
      const UChar32 f = fold(static_cast<UChar32>(c));
      t[c] = f >= 0 && f < static_cast<UChar32>(kNotInTable) ? static_cast<std::uint16_t>(f) : kNotInTable;
    }
    return t;
  }();
  return table;
}

// A literal with each code point folded (the atoms come in lower case, which folding refines).
std::string folded(const std::string& literal) {
  std::string out;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(literal.data());
  const auto length = static_cast<std::int32_t>(literal.size());
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      out.append(literal, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
      continue;
    }
    std::uint8_t buffer[U8_MAX_LENGTH];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(buffer, n, fold(c));
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
  }
  return out;
}

// How many states a trie of `literals` has: the root and one per distinct non-empty prefix. In sorted
// order, a literal adds a state for each byte past its common prefix with the one before it.
std::size_t trie_states(std::vector<std::string> literals) {
  std::sort(literals.begin(), literals.end());
  std::size_t states = 1;
  const std::string* before = nullptr;
  for (const auto& literal : literals) {
    std::size_t common = 0;
    if (before)
      while (common < literal.size() && common < before->size() && literal[common] == (*before)[common])
        ++common;
    states += literal.size() - common;
    before = &literal;
  }
  return states;
}

}  // namespace

LiteralMatcher::LiteralMatcher(const Tables& precomputed) : tables_(precomputed) {}

LiteralMatcher::LiteralMatcher(const std::vector<std::string>& lowercase_literals_as_given) {
  tables_.literal_count = lowercase_literals_as_given.size();
  std::vector<std::string> literals;
  for (const auto& literal : lowercase_literals_as_given) literals.push_back(folded(literal));
  // Bytes that no literal contains all lead back towards the root alike: one class for all of them.
  std::size_t classes = 1;
  for (const auto& literal : literals)
    for (char c : literal) {
      auto& cls = tables_.byte_class[static_cast<unsigned char>(c)];
      if (cls == 0) cls = static_cast<std::uint8_t>(classes++);
    }
  tables_.classes = classes;
  std::vector<std::vector<int>> outputs = build_trie(literals);
  add_failure_links(outputs);
  // The low bit of a transition says whether the state it leads to reports literals, so the scan
  // looks at outputs only there.
  for (auto& to : next_) to = (to << 1) | (outputs[to].empty() ? 0U : 1U);
  output_start_.push_back(0);
  for (const auto& out : outputs) {
    output_ids_.insert(output_ids_.end(), out.begin(), out.end());
    output_start_.push_back(static_cast<std::uint32_t>(output_ids_.size()));
  }
  tables_.next = next_.data();
  tables_.next_size = next_.size();
  tables_.output_start = output_start_.data();
  tables_.output_ids = output_ids_.data();
  tables_.output_ids_size = output_ids_.size();
}

std::vector<std::vector<int>> LiteralMatcher::build_trie(const std::vector<std::string>& literals) {
  const std::size_t classes = tables_.classes;
  // Allocated once at its final size (grown a row per state, it was copied at every doubling).
  next_.assign(trie_states(literals) * classes, kAbsent);
  std::vector<std::vector<int>> outputs(1);  // per state: the literals ending there
  outputs.reserve(next_.size() / classes);
  for (std::size_t id = 0; id < literals.size(); ++id) {
    std::uint32_t state = 0;
    for (char c : literals[id]) {
      const std::size_t slot = state * classes + tables_.byte_class[static_cast<unsigned char>(c)];
      if (next_[slot] == kAbsent) {
        next_[slot] = static_cast<std::uint32_t>(outputs.size());
        outputs.emplace_back();
      }
      state = next_[slot];
    }
    if (!literals[id].empty()) outputs[state].push_back(static_cast<int>(id));
  }
  return outputs;
}

void LiteralMatcher::add_failure_links(std::vector<std::vector<int>>& outputs) {
  // Breadth first, folded into a full transition table: a missing transition goes where the state's
  // longest proper suffix state goes; each state also reports what that suffix state reports.
  const std::size_t classes = tables_.classes;
  std::vector<std::uint32_t> fail(outputs.size(), 0);
  std::deque<std::uint32_t> queue;
  for (std::size_t cls = 0; cls < classes; ++cls) {
    std::uint32_t& to = next_[cls];
    if (to == kAbsent) {
      to = 0;
    } else {
      fail[to] = 0;
      queue.push_back(to);
    }
  }
  while (!queue.empty()) {
    std::uint32_t state = queue.front();
    queue.pop_front();
    auto& out = outputs[state];
    const auto& inherited = outputs[fail[state]];
    out.insert(out.end(), inherited.begin(), inherited.end());
    for (std::size_t cls = 0; cls < classes; ++cls) {
      std::uint32_t& to = next_[state * classes + cls];
      std::uint32_t via_fail = next_[fail[state] * classes + cls];
      if (to == kAbsent) {
        to = via_fail;
      } else {
        fail[to] = via_fail;
        queue.push_back(to);
      }
    }
  }
}

std::vector<int> LiteralMatcher::find_all(std::string_view text, std::vector<Occurrence>* where) const {
  const Tables& t = tables_;
  const std::vector<std::uint16_t>& folds = fold_table();
  std::vector<bool> seen(t.literal_count, false);
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::uint32_t state = 0;
  std::int32_t i = 0;  // past the character being fed (a folded character may be longer or shorter)
  auto feed = [&](std::uint8_t byte) {
    const std::uint32_t to = t.next[state * t.classes + t.byte_class[byte]];
    state = to >> 1;
    if (to & 1U)
      for (std::uint32_t k = t.output_start[state]; k < t.output_start[state + 1]; ++k) {
        const int id = t.output_ids[k];
        seen[static_cast<std::size_t>(id)] = true;
        if (where) where->push_back({id, static_cast<std::size_t>(i)});
      }
  };
  while (i < length) {
    std::uint8_t b = bytes[i];
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') b = static_cast<std::uint8_t>(b + ('a' - 'A'));
      ++i;
      feed(b);
      continue;
    }
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    UChar32 lower = c;  // an invalid sequence (c < 0) goes through as its bytes
    if (c >= 0) {
      const std::uint16_t cached =
          c < static_cast<UChar32>(kFoldTableSize) ? folds[static_cast<std::size_t>(c)] : kNotInTable;
      lower = cached != kNotInTable ? cached : fold(c);
    }
    if (lower == c) {
      for (std::int32_t k = start; k < i; ++k) feed(bytes[k]);
      continue;
    }
    std::uint8_t buffer[U8_MAX_LENGTH];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(buffer, n, lower);  // `lower` is a scalar value: at most four bytes
    for (std::int32_t k = 0; k < n; ++k) feed(buffer[k]);
  }
  std::vector<int> found;
  for (std::size_t id = 0; id < t.literal_count; ++id)
    if (seen[id]) found.push_back(static_cast<int>(id));
  return found;
}

}  // namespace thidua
