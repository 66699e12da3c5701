// OffsetMap: how byte offsets in a transformed text relate to offsets in the text it came from.
//
// Every stage that rewrites text (decoding, clean-up, NFC, tone canonicalisation) records one OffsetMap.
// A map is a sequence of segments that together cover both texts in order: "kept" segments are copied
// byte for byte, "replaced" segments turn `in` bytes into `out` bytes (either may be empty). A range that
// starts or ends inside a replaced segment widens to the whole segment, so a mapped range always covers
// the source of every byte it holds and never splits a character.
#pragma once

#include <cstddef>
#include <vector>

namespace thidua {

struct ByteRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
  bool operator==(const ByteRange& o) const { return begin == o.begin && end == o.end; }
};

class OffsetMap {
 public:
  // Building, in output order.
  void keep(std::size_t n);
  void replace(std::size_t in_bytes, std::size_t out_bytes);

  std::size_t input_size() const { return in_total_; }
  std::size_t output_size() const { return out_total_; }
  bool is_identity() const;

  // Output range -> input range. Offsets past the end are clamped.
  ByteRange to_input(ByteRange out) const;
  // Input range -> the output range it became (a replaced segment widens to its whole output). For a
  // range that to_input gave, to_input(to_output(r)) == r.
  ByteRange to_output(ByteRange in) const;

 private:
  struct Segment {
    std::size_t out_begin, out_end, in_begin, in_end;
    bool kept;
  };
  std::size_t map_begin(std::size_t out) const;
  std::size_t map_end(std::size_t out) const;
  std::size_t map_in_begin(std::size_t in) const;
  std::size_t map_in_end(std::size_t in) const;

  std::vector<Segment> segments_;
  std::size_t in_total_ = 0;
  std::size_t out_total_ = 0;
};

// A chain of maps, innermost (closest to the original bytes) first.
class OffsetChain {
 public:
  void push(OffsetMap map) { maps_.push_back(std::move(map)); }
  // Range in the text the last map produced -> range in the original input.
  ByteRange to_input(ByteRange out) const { return to_input(out, maps_.size()); }
  // The same from the text that the first `levels` maps produced.
  ByteRange to_input(ByteRange out, std::size_t levels) const;
  std::size_t levels() const { return maps_.size(); }
  // Range in the original input -> range in the text the last map produced.
  ByteRange to_output(ByteRange in) const;

 private:
  std::vector<OffsetMap> maps_;
};

}  // namespace thidua
