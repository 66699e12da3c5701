// The review page's highlights: every grounded value of every document, mapped from the input bytes to
// the text the page shows, holds exactly that value (white space folded), and maps back to its `at`;
// for UTF-8, legacy-encoded (TCVN3, VNI, VISCII, Windows-1258), UTF-16 and HTML inputs alike.
#include "review_data.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "legacy.h"
#include "pipeline.h"
#include "test_support.h"

using namespace thidua;
using thidua::test::read_file;
using thidua::test::source_path;

namespace {

std::vector<std::string> documents() {
  std::vector<std::string> out;
  for (const char* dir : {"corpus", "tests/data/encodings", "../shared/corpus-dev"})
    for (auto& p : thidua::test::files_under(dir, {".txt", ".html"})) out.push_back(std::move(p));
  std::sort(out.begin(), out.end());
  return out;
}

std::string folded(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The value a highlight stands for, when it is the text itself (a date or a reference is not).
std::optional<std::string> literal_value(const Record& r, const Highlight& h) {
  auto index = [&] { return std::stoul(h.path.substr(h.path.find('[') + 1)); };
  if (h.field == "bloc.members") return r.bloc.members[index()].name;
  if (h.field == "people") return r.people[index()].name;
  if (h.field == "decisions") return r.decisions[index()].text;
  return std::nullopt;
}

// The `at` of the value a highlight stands for.
ByteRange original_span(const Record& r, const Highlight& h) {
  auto index = [&] { return std::stoul(h.path.substr(h.path.find('[') + 1)); };
  Span at;
  if (h.field == "meeting") at = r.meeting.at;
  if (h.field == "bloc") at = r.bloc.at;
  if (h.field == "bloc.members") at = r.bloc.members[index()].at;
  if (h.field == "people") at = r.people[index()].at;
  if (h.field == "decisions") at = r.decisions[index()].at;
  if (h.field == "documents") at = r.documents[index()].at;
  return at.value_or(ByteRange{1, 0});
}

}  // namespace

TEST_CASE("every highlight holds its value and maps back to its span", "[review]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_directory(source_path("rules"), errors);
  REQUIRE(errors.empty());
  std::size_t checked = 0, documents_seen = 0;
  for (const auto& path : documents()) {
    std::string bytes = read_file(path);
    auto rec = extract_record(bytes, path, rules, ExtractOptions{});
    if (!rec.ok()) continue;
    auto text = load_text(bytes, Encoding::kAuto);
    REQUIRE(text.ok());
    ReviewDocument doc = review_document(text.value(), rec.value());
    ++documents_seen;
    for (const auto& h : doc.highlights) {
      INFO(path << " " << h.path);
      REQUIRE(h.bytes.end <= doc.text.size());
      REQUIRE(h.begin <= h.end);
      ByteRange back = text->display_to_original(h.bytes);
      if (auto v = literal_value(rec.value(), h)) {
        CHECK(folded(std::string_view(doc.text).substr(h.bytes.begin, h.bytes.size())) == folded(*v));
        ++checked;
      }
      // the span read back from the text is the record's own
      CHECK(back == original_span(rec.value(), h));
    }
  }
  CHECK(documents_seen >= 47);
  CHECK(checked > 100);
}

TEST_CASE("highlights hold their values in documents read from legacy encodings", "[review]") {
  std::vector<Status> errors;
  RuleSet rules = RuleSet::load_directory(source_path("rules"), errors);
  REQUIRE(errors.empty());
  std::size_t checked = 0;
  for (const char* encoding : {"tcvn3", "vni", "viscii"}) {
    const LegacyTable* table = legacy_table(encoding);
    REQUIRE(table != nullptr);
    for (const auto& e : std::filesystem::directory_iterator(source_path("corpus/seeds"))) {
      if (e.path().extension() != ".txt") continue;
      std::string bytes = encode_legacy(read_file(e.path().string()), *table);
      INFO(e.path().string() << " in " << encoding);
      auto rec = extract_record(bytes, e.path().string(), rules, ExtractOptions{});
      REQUIRE(rec.ok());
      CHECK(rec->source.encoding == encoding);
      auto text = load_text(bytes, Encoding::kAuto);
      REQUIRE(text.ok());
      ReviewDocument doc = review_document(text.value(), rec.value());
      for (const auto& h : doc.highlights) {
        INFO(h.path);
        CHECK(text->display_to_original(h.bytes) == original_span(rec.value(), h));
        if (auto v = literal_value(rec.value(), h)) {
          CHECK(folded(std::string_view(doc.text).substr(h.bytes.begin, h.bytes.size())) == folded(*v));
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 50);
}

TEST_CASE("highlights are counted in UTF-16 code units", "[review]") {
  // "Sở" is 2 characters in 3 bytes (+1 for the space); an emoji outside the BMP is 2 code units.
  DecodedText d;
  d.utf8 = "\xF0\x9F\x98\x80 Khối thi đua số 1 gồm Sở Tư pháp, Sở Nội vụ.";
  d.encoding = "utf-8";
  d.map.keep(d.utf8.size());
  NormalizedText text = normalize(d);
  Record r;
  std::size_t at = text.display().find("Sở Tư pháp");
  r.bloc.members.push_back(
      {"Sở Tư pháp", std::nullopt, text.display_to_original({at, at + std::string("Sở Tư pháp").size()})});
  ReviewDocument doc = review_document(text, r);
  REQUIRE(doc.highlights.size() == 1);
  CHECK(doc.highlights[0].begin == 2 + 1 + 22);  // the emoji (2), a space, "Khối thi đua số 1 gồm " (22)
  CHECK(doc.highlights[0].end == doc.highlights[0].begin + 10);
}
