#include "thidua/offset_map.h"

#include <algorithm>

namespace thidua {

void OffsetMap::keep(std::size_t n) {
  if (n == 0) return;
  if (!segments_.empty() && segments_.back().kept) {
    segments_.back().out_end += n;
    segments_.back().in_end += n;
  } else {
    segments_.push_back({out_total_, out_total_ + n, in_total_, in_total_ + n, true});
  }
  out_total_ += n;
  in_total_ += n;
}

void OffsetMap::replace(std::size_t in_bytes, std::size_t out_bytes) {
  if (in_bytes == 0 && out_bytes == 0) return;
  segments_.push_back({out_total_, out_total_ + out_bytes, in_total_, in_total_ + in_bytes, false});
  out_total_ += out_bytes;
  in_total_ += in_bytes;
}

bool OffsetMap::is_identity() const {
  return std::all_of(segments_.begin(), segments_.end(), [](const Segment& s) { return s.kept; });
}

// A start offset belongs to the first non-empty output segment that holds it: text deleted just
// before it (an empty output segment) is not part of the range.
std::size_t OffsetMap::map_begin(std::size_t out) const {
  if (out >= out_total_) return in_total_;
  auto it = std::upper_bound(segments_.begin(), segments_.end(), out,
                             [](std::size_t o, const Segment& s) { return o < s.out_end; });
  // it->out_end > out, and it is the first such segment; empty segments have out_begin == out_end,
  // so they are skipped by construction.
  if (it->kept) return it->in_begin + (out - it->out_begin);
  return it->in_begin;
}

// An end offset belongs to the last non-empty output segment that ends at or after it.
std::size_t OffsetMap::map_end(std::size_t out) const {
  if (out == 0) return 0;
  auto it = std::lower_bound(segments_.begin(), segments_.end(), out,
                             [](const Segment& s, std::size_t o) { return s.out_end < o; });
  // it->out_end >= out and it is the first such segment, so it is never an empty segment at `out`
  // (text deleted just after the range): the segment before that one already ends at `out`.
  if (it->kept) return it->in_begin + (out - it->out_begin);
  return it->in_end;
}

ByteRange OffsetMap::to_input(ByteRange out) const {
  out.begin = std::min(out.begin, out_total_);
  out.end = std::min(std::max(out.end, out.begin), out_total_);
  if (segments_.empty()) return {0, 0};
  if (out.begin == out.end) {
    std::size_t at = map_begin(out.begin);
    return {at, at};
  }
  return {map_begin(out.begin), map_end(out.end)};
}

// The inverse reading: an input offset that starts a range belongs to the first segment with input after
// it, or to text inserted there; one that ends a range to the last segment with input up to it. A
// replaced segment widens to its whole output, as to_input widens to its whole input.
std::size_t OffsetMap::map_in_begin(std::size_t in) const {
  auto it = std::lower_bound(segments_.begin(), segments_.end(), in,
                             [](const Segment& s, std::size_t i) { return s.in_end < i; });
  // segments that end at `in` came before it, but text inserted at `in` (no input) starts there
  while (it != segments_.end() && it->in_end == in && it->in_begin != in) ++it;
  if (it == segments_.end()) return out_total_;
  if (it->kept) return it->out_begin + (in - it->in_begin);
  return it->out_begin;
}

std::size_t OffsetMap::map_in_end(std::size_t in) const {
  if (in == 0) return 0;
  auto it = std::lower_bound(segments_.begin(), segments_.end(), in,
                             [](const Segment& s, std::size_t i) { return s.in_end < i; });
  if (it == segments_.end()) return out_total_;
  if (it->in_end > in) return it->kept ? it->out_begin + (in - it->in_begin) : it->out_end;
  // segments ending at `in` (text before it, deleted text, text inserted at it): the last one with
  // output ends the range, so that mapping back reaches `in` again
  auto last = it;
  for (auto j = it; j != segments_.end() && j->in_end == in; ++j)
    if (j->out_end > j->out_begin) last = j;
  return last->out_end;
}

ByteRange OffsetMap::to_output(ByteRange in) const {
  in.begin = std::min(in.begin, in_total_);
  in.end = std::min(std::max(in.end, in.begin), in_total_);
  if (segments_.empty()) return {0, 0};
  if (in.begin == in.end) {
    std::size_t at = map_in_begin(in.begin);
    return {at, at};
  }
  return {map_in_begin(in.begin), map_in_end(in.end)};
}

ByteRange OffsetChain::to_output(ByteRange in) const {
  for (const auto& map : maps_) in = map.to_output(in);
  return in;
}

ByteRange OffsetChain::to_input(ByteRange out, std::size_t levels) const {
  levels = std::min(levels, maps_.size());
  for (std::size_t i = levels; i-- > 0;) out = maps_[i].to_input(out);
  return out;
}

}  // namespace thidua
