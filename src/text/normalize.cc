#include "normalize.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

#include "tone.h"
#include "utf8.h"

namespace thidua {
namespace {

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};

// The entities scraped Vietnamese pages use: markup characters, spaces and punctuation, and the
// Latin-1/Latin Extended-A letters Vietnamese needs. Names are case-sensitive, as in HTML.
constexpr std::array<NamedEntity, 78> kNamedEntities{{
    {"nbsp", 0xA0},    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"sbquo", 0x201A},  {"bdquo", 0x201E},
    {"laquo", 0xAB},   {"raquo", 0xBB},   {"bull", 0x2022},  {"middot", 0xB7},   {"copy", 0xA9},
    {"reg", 0xAE},     {"trade", 0x2122}, {"deg", 0xB0},     {"shy", 0xAD},      {"zwj", 0x200D},
    {"zwnj", 0x200C},  {"ensp", 0x2002},  {"emsp", 0x2003},  {"thinsp", 0x2009}, {"times", 0xD7},
    {"divide", 0xF7},  {"plusmn", 0xB1},  {"sect", 0xA7},    {"para", 0xB6},     {"euro", 0x20AC},
    {"Agrave", 0xC0},  {"Aacute", 0xC1},  {"Acirc", 0xC2},   {"Atilde", 0xC3},   {"Egrave", 0xC8},
    {"Eacute", 0xC9},  {"Ecirc", 0xCA},   {"Igrave", 0xCC},  {"Iacute", 0xCD},   {"Ograve", 0xD2},
    {"Oacute", 0xD3},  {"Ocirc", 0xD4},   {"Otilde", 0xD5},  {"Ugrave", 0xD9},   {"Uacute", 0xDA},
    {"Yacute", 0xDD},  {"agrave", 0xE0},  {"aacute", 0xE1},  {"acirc", 0xE2},    {"atilde", 0xE3},
    {"egrave", 0xE8},  {"eacute", 0xE9},  {"ecirc", 0xEA},   {"igrave", 0xEC},   {"iacute", 0xED},
    {"ograve", 0xF2},  {"oacute", 0xF3},  {"ocirc", 0xF4},   {"otilde", 0xF5},   {"ugrave", 0xF9},
    {"uacute", 0xFA},  {"yacute", 0xFD},  {"ETH", 0xD0},     {"eth", 0xF0},      {"Dstrok", 0x110},
    {"dstrok", 0x111}, {"Abreve", 0x102}, {"abreve", 0x103}, {"Itilde", 0x128},  {"itilde", 0x129},
    {"Utilde", 0x168}, {"utilde", 0x169}, {"Uhorn", 0x1AF},
}};

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }

enum class Kind { kText, kSpace, kNewline, kIgnorable };

Kind classify(char32_t c) {
  switch (c) {
    case '\n':
    case '\r':
    case 0x0B:
    case 0x0C:
    case 0x85:
    case 0x2028:
    case 0x2029:
      return Kind::kNewline;
    case ' ':
    case '\t':
    case 0xA0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return Kind::kSpace;
    case 0xAD:
    case 0x180E:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return Kind::kIgnorable;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) return Kind::kSpace;
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return Kind::kIgnorable;  // other control characters
  return Kind::kText;
}

// Block-level tags end a line; every other tag simply disappears.
bool is_block_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 24> kBlock{
      "p",  "div", "br", "li",    "ul",      "ol",      "tr",     "td",     "th",         "h1", "h2", "h3",
      "h4", "h5",  "h6", "table", "section", "article", "header", "footer", "blockquote", "hr", "dd", "dt"};
  return std::find(kBlock.begin(), kBlock.end(), name) != kBlock.end();
}

struct Piece {
  Kind kind;
  std::size_t length;    // input bytes
  char32_t cp = 0;       // kText: the character it stands for
  bool verbatim = true;  // kText: the input bytes are the character's UTF-8 as it stays
};

class Cleaner {
 public:
  Cleaner(std::string_view in, std::vector<std::size_t>& broken_entities)
      : in_(in), broken_(broken_entities) {
    out_.reserve(in.size());
  }

  std::string run(OffsetMap& map) {
    comment_end_ = {};
    closing_.clear();
    map_ = &map;
    for (std::size_t i = 0; i < in_.size();) {
      Piece p = next(i);
      if (p.kind == Kind::kText) {
        if (run_open_) close_run(i, false);
        emit_text(i, p);
      } else {
        if (!run_open_) {
          run_open_ = true;
          run_begin_ = i;
          run_newlines_ = 0;
          run_space_ = false;
        }
        run_space_ |= p.kind != Kind::kIgnorable;
        run_newlines_ += p.kind == Kind::kNewline;
      }
      i += p.length;
    }
    if (run_open_) close_run(in_.size(), true);
    return std::move(out_);
  }

 private:
  Piece next(std::size_t i) {
    char b = in_[i];
    if (b == '&') {
      if (auto e = entity(i)) return *e;
    } else if (b == '<') {
      if (auto t = tag(i)) return *t;
    } else if (b == '\r' && i + 1 < in_.size() && in_[i + 1] == '\n') {
      return {Kind::kNewline, 2};
    }
    const auto* p = reinterpret_cast<const uint8_t*>(in_.data());
    auto j = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(p, j, static_cast<int32_t>(in_.size()), c);
    if (c < 0) c = 0xFFFD;  // cannot happen after decoding; kept safe
    return character(static_cast<char32_t>(c), static_cast<std::size_t>(j) - i, true);
  }

  static Piece character(char32_t c, std::size_t length, bool verbatim) {
    Kind k = classify(c);
    // Ð/ð (Icelandic eth) look like Vietnamese Đ/đ and are typed for them; rules need the real letter.
    if (c == 0xD0) return {k, length, 0x110, false};
    if (c == 0xF0) return {k, length, 0x111, false};
    return {k, length, c, verbatim};
  }

  std::optional<Piece> entity(std::size_t i) {
    std::size_t j = i + 1;
    const std::size_t n = in_.size();
    if (j < n && in_[j] == '#') {
      ++j;
      bool hex = j < n && (in_[j] == 'x' || in_[j] == 'X');
      if (hex) ++j;
      std::size_t digits_begin = j;
      uint32_t value = 0;
      while (j < n && j - digits_begin < 8 &&
             (is_ascii_digit(in_[j]) || (hex && std::isxdigit(static_cast<unsigned char>(in_[j]))))) {
        char c = in_[j];
        uint32_t d =
            is_ascii_digit(c) ? static_cast<uint32_t>(c - '0') : static_cast<uint32_t>((c | 0x20) - 'a' + 10);
        value = value * (hex ? 16u : 10u) + d;
        ++j;
      }
      bool valid = j > digits_begin && j < n && in_[j] == ';' && value > 0 && value <= 0x10FFFF &&
                   !(value >= 0xD800 && value <= 0xDFFF);
      if (!valid) {
        broken_.push_back(i);
        return std::nullopt;
      }
      return character(static_cast<char32_t>(value), j + 1 - i, false);
    }
    if (j >= n || !is_ascii_alpha(in_[j])) return std::nullopt;  // a plain ampersand: "Sở KH & CN"
    while (j < n && j - i <= 32 && is_ascii_alnum(in_[j])) ++j;
    std::string_view name = in_.substr(i + 1, j - i - 1);
    bool terminated = j < n && in_[j] == ';';
    if (terminated) {
      for (const auto& e : kNamedEntities)
        if (e.name == name) return character(e.cp, j + 1 - i, false);
    }
    // "&og" (a page cut inside an entity) or an unknown "&foo;" is broken markup. An upper-case
    // abbreviation after a bare ampersand ("KH&CN", "NN&PTNT") is ordinary text.
    if (terminated || (name[0] >= 'a' && name[0] <= 'z')) broken_.push_back(i);
    return std::nullopt;
  }

  std::optional<Piece> tag(std::size_t i) {
    const std::size_t n = in_.size();
    if (in_.compare(i, 4, "<!--") == 0) {
      std::size_t end = next_from(comment_end_, "-->", i + 4);
      if (end == std::string_view::npos || end - i > 65536) return std::nullopt;
      return Piece{Kind::kIgnorable, end + 3 - i};
    }
    std::size_t j = i + 1;
    if (j < n && (in_[j] == '/' || in_[j] == '!' || in_[j] == '?')) ++j;
    if (j >= n || !is_ascii_alpha(in_[j])) return std::nullopt;  // "a < b", "<5%"
    std::size_t name_begin = j;
    while (j < n && is_ascii_alnum(in_[j])) ++j;
    std::string name(in_.substr(name_begin, j - name_begin));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t end = in_.substr(0, std::min(in_.size(), i + 2049)).find_first_of("<>", j);
    if (end == std::string_view::npos || in_[end] != '>' || end - i > 2048) return std::nullopt;
    // Scripts, styles, the page head and navigation go with everything inside them.
    if (in_[i + 1] != '/' && drops_content(name) && in_[end - 1] != '/') {
      std::size_t close = find_closing(name, end + 1);
      if (close != std::string_view::npos) return Piece{Kind::kNewline, close - i};
    }
    return Piece{is_block_tag(name) ? Kind::kNewline : Kind::kIgnorable, end + 1 - i};
  }

  static bool drops_content(std::string_view name) {
    static constexpr std::array<std::string_view, 9> kDropped{
        "script", "style", "noscript", "template", "svg", "head", "nav", "iframe", "select"};
    return std::find(kDropped.begin(), kDropped.end(), name) != kDropped.end();
  }

  // A search for `what` from `from`, remembered: the text is read left to right, so one search serves
  // every start before the place it found (or every start at all, when it found nothing). Without it,
  // "<!--" repeated without an end made the cleaning quadratic.
  struct Search {
    std::size_t from = 0, found = 0;
    bool done = false;
  };
  std::size_t next_from(Search& memo, std::string_view what, std::size_t from) const {
    if (!memo.done || from < memo.from || (memo.found != std::string_view::npos && memo.found < from)) {
      memo.from = from;
      memo.found = in_.find(what, from);
      memo.done = true;
    }
    return memo.found;
  }

  // Where "</name ...>" ends (case-insensitive), searching at most 4 MiB ahead; npos if it does not.
  // Each name's next closing tag is remembered, so a run of unclosed "<script>" costs one pass.
  std::size_t find_closing(std::string_view name, std::size_t from) {
    Search& memo = closing_[std::string(name)];
    if (memo.done && memo.from <= from && (memo.found == std::string_view::npos || memo.found >= from)) {
      if (memo.found == std::string_view::npos || memo.found - from > (std::size_t{4} << 20))
        return std::string_view::npos;
      std::size_t gt = in_.find('>', memo.found);
      return gt == std::string_view::npos ? std::string_view::npos : gt + 1;
    }
    memo = {from, std::string_view::npos, true};
    for (std::size_t k = in_.find("</", from); k != std::string_view::npos; k = in_.find("</", k + 2)) {
      if (k + 2 + name.size() > in_.size()) break;
      bool same = true;
      for (std::size_t c = 0; c < name.size() && same; ++c)
        same = std::tolower(static_cast<unsigned char>(in_[k + 2 + c])) == name[c];
      if (!same || (k + 2 + name.size() < in_.size() && is_ascii_alnum(in_[k + 2 + name.size()]))) continue;
      memo.found = k;
      break;
    }
    return find_closing(name, from);
  }

  void emit_text(std::size_t at, const Piece& p) {
    if (p.verbatim) {
      out_.append(in_.substr(at, p.length));
      map_->keep(p.length);
    } else {
      std::size_t before = out_.size();
      append_utf8(out_, p.cp);
      map_->replace(p.length, out_.size() - before);
    }
    wrote_text_ = true;
  }

  // A run of white space and invisible characters becomes nothing (at the start or end of the text,
  // or when it held only invisible characters), one space, one line break, or one blank line.
  void close_run(std::size_t end, bool at_end) {
    std::string_view ws;
    if (run_space_ && wrote_text_ && !at_end)
      ws = run_newlines_ == 0 ? " " : run_newlines_ == 1 ? "\n" : "\n\n";
    std::size_t len = end - run_begin_;
    out_.append(ws);
    if (in_.substr(run_begin_, len) == ws)
      map_->keep(len);
    else
      map_->replace(len, ws.size());
    run_open_ = false;
  }

  std::string_view in_;
  std::vector<std::size_t>& broken_;
  Search comment_end_;                     // the next "-->"
  std::map<std::string, Search> closing_;  // each dropped element's next closing tag
  std::string out_;
  OffsetMap* map_ = nullptr;
  bool wrote_text_ = false;
  bool run_open_ = false;
  std::size_t run_begin_ = 0;
  int run_newlines_ = 0;
  bool run_space_ = false;
};

std::string nfc(const std::string& text, OffsetMap& map) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (U_SUCCESS(status) && normalizer->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    map.keep(text.size());
    return text;
  }
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(text.size());
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
  icu::Edits edits;
  normalizer->normalizeUTF8(0, piece, sink, &edits, status);
  if (U_FAILURE(status)) {  // cannot happen for valid UTF-8 within int32 range; keep the text usable
    map.keep(text.size());
    return text;
  }
  icu::Edits::Iterator it = edits.getFineIterator();
  while (it.next(status)) {
    if (it.hasChange())
      map.replace(static_cast<std::size_t>(it.oldLength()), static_cast<std::size_t>(it.newLength()));
    else
      map.keep(static_cast<std::size_t>(it.oldLength()));
  }
  return out;
}

}  // namespace

std::string_view NormalizedText::display_text(ByteRange in_match) const {
  ByteRange d = to_display(in_match);
  return std::string_view(display_).substr(d.begin, d.size());
}

NormalizedText normalize(DecodedText decoded) {
  NormalizedText t;
  t.warnings_ = std::move(decoded.warnings);
  t.to_original_.push(std::move(decoded.map));

  std::vector<std::size_t> broken;
  OffsetMap clean_map;
  std::string cleaned = Cleaner(decoded.utf8, broken).run(clean_map);
  t.to_original_.push(std::move(clean_map));

  OffsetMap nfc_map;
  t.display_ = nfc(cleaned, nfc_map);
  t.to_original_.push(std::move(nfc_map));
  t.match_ = canonicalize_tones(t.display_, &t.tone_map_);

  constexpr std::size_t kMaxListed = 5;
  for (std::size_t k = 0; k < broken.size() && k < kMaxListed; ++k) {
    std::size_t at = broken[k], end = at + 1;
    while (end < decoded.utf8.size() && end - at < 34 &&
           (is_ascii_alnum(decoded.utf8[end]) || decoded.utf8[end] == '#'))
      ++end;
    if (end < decoded.utf8.size() && decoded.utf8[end] == ';') ++end;
    std::size_t original = t.to_original_.to_input({at, end}, 1).begin;
    t.warnings_.push_back({"broken_entity", "\"" + decoded.utf8.substr(at, end - at) + "\" at byte " +
                                                std::to_string(original) +
                                                " is not a complete HTML entity; kept as text"});
  }
  if (broken.size() > kMaxListed) {
    t.warnings_.push_back({"broken_entity", std::to_string(broken.size() - kMaxListed) +
                                                " more broken HTML entities kept as text"});
  }
  return t;
}

std::string pattern_form(std::string_view utf8) {
  OffsetMap unused;
  return canonicalize_tones(nfc(std::string(utf8), unused));
}

std::string case_fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT,
                         icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, nullptr,
                         status);
  return U_SUCCESS(status) ? out : std::string(utf8);
}

std::string comparison_key(std::string_view utf8) { return case_fold(match_form(utf8)); }

std::string match_form(std::string_view utf8) {
  auto decoded = decode(utf8, Encoding::kUtf8);
  if (!decoded) return std::string(utf8);
  return normalize(std::move(decoded.value())).match();
}

}  // namespace thidua
