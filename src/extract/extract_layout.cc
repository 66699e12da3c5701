// Title, publication date and byline: read from the shape of the page.
#include <string>

#include "extract_context.h"

namespace thidua::extract {
namespace {

// "Nguyễn Văn Bình (Sở Nội vụ)", "Hồng Nhung (TTXVN)": a writer's name, every word capitalised, and an
// affiliation in parentheses closing the line (where "(thứ hai từ trái sang)" closes a caption).
bool name_with_affiliation(std::string_view t, ByteRange l) {
  std::size_t open = t.rfind('(', l.end);
  if (open == std::string_view::npos || open <= l.begin) return false;
  std::size_t words = 0;
  for (std::size_t i = l.begin; i < open; ++i) {
    if (t[i] == ' ' || (i > l.begin && t[i - 1] != ' ')) continue;  // each word's first byte
    if (!starts_upper(t, i)) return false;
    ++words;
  }
  return words >= 1 && words <= 5;
}

// A short closing line that names an author or a source: "Thanh Thủy", "T.VĂN", "Theo Phòng Tổ chức
// cán bộ", "Tác giả ảnh: Nguyễn Kim Tuân". Captions and headings are not bylines.
bool looks_like_byline(const Context& c, ByteRange l) {
  std::size_t words = word_count(c.t, l);
  if (words == 0 || words > 8) return false;
  char last = c.t[l.end - 1];
  if (last == '.' && words > 2) return false;
  if (last == ':' || last == ',' || last == ';' || last == '"') return false;
  if (last == ')' && !name_with_affiliation(c.t, l)) return false;
  if (!c.find("layout.byline", l).empty()) return true;
  if (!starts_upper(c.t, l.begin)) return false;
  if (!c.find("layout.caption", l).empty() || !c.find("date", l).empty()) return false;
  for (std::size_t i = l.begin; i < l.end; ++i)
    if (c.t[i] >= '0' && c.t[i] <= '9') return false;
  return true;
}

}  // namespace

void extract_layout(Context& c, Record& r) {
  if (c.title_line) {
    ByteRange title = trim(c.t, c.lines[*c.title_line]);
    if (c.title_line2) title.end = trim(c.t, c.lines[*c.title_line2]).end;
    for (const auto& m : c.matcher.find("layout.prefix", title))
      title.begin = std::max(title.begin, m.span.end);
    for (const auto& m : c.matcher.find("layout.date_tail", title)) {
      title.end = m.span.begin;
      r.published =
          calendar_date(r, c.slice(*m.group("year")), c.slice(*m.group("month")), c.slice(*m.group("day")));
      r.explain["published"] = m.rule->name;
    }
    // "... công tác Mặt trận_lịch thi đấu bóng đá ...", "... | Báo Lạng Sơn": the site's words after it
    const auto tail = c.matcher.find("layout.title_tail", title);
    if (!tail.empty()) title.end = std::min(title.end, tail.front().span.begin);
    r.title = c.value(trim(c.t, title));
  }

  if (c.published_line && !r.published) {
    for (const auto& m : c.matcher.find("published", c.lines[*c.published_line])) {
      r.published =
          calendar_date(r, c.slice(*m.group("year")), c.slice(*m.group("month")), c.slice(*m.group("day")));
      r.explain["published"] = m.rule->name;
      break;
    }
  }

  // The byline: the short lines that close the article, read upwards (image file names and other
  // chrome in between are passed over).
  std::vector<std::string> parts;
  std::size_t last = c.line_index(c.article.end > 0 ? c.article.end - 1 : 0);
  for (std::size_t i = last + 1; i-- > 0 && parts.size() < 3;) {
    ByteRange l = trim(c.t, c.lines[i]);
    if (l.end > c.article.end) l.end = c.article.end;
    if (l.size() == 0 || c.chrome_line[i] || !has_letter(c.t, l)) continue;  // "." or "*" under the text
    if (l.begin < c.body_start || !looks_like_byline(c, l)) break;
    parts.insert(parts.begin(), c.value(l));
  }
  if (!parts.empty()) {
    std::string byline;
    for (const auto& p : parts) byline += (byline.empty() ? "" : "; ") + p;
    r.byline = byline;
  }
}

}  // namespace thidua::extract
