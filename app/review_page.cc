#include "review_page.h"

#include <nlohmann/json.hpp>

#include "pipeline.h"
#include "printer.h"
#include "review_assets.h"
#include "review_data.h"
#include "sha256.h"

namespace thidua {
namespace {

using Json = nlohmann::json;

std::string asset(const char* name) {
  const auto& files = builtin_review_assets();
  auto it = files.find(name);
  return it == files.end() ? std::string() : it->second;
}

std::string base64(const std::string& bytes) {
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  auto byte = [&](std::size_t k) { return unsigned{static_cast<unsigned char>(bytes[k])}; };
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    for (int s = 18; s >= 0; s -= 6) out += digits[(v >> s) & 63];
  }
  if (i < bytes.size()) {
    unsigned v = byte(i) << 16;
    if (i + 1 < bytes.size()) v |= byte(i + 1) << 8;
    out += digits[(v >> 18) & 63];
    out += digits[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? digits[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Writes the page as documents arrive: the head, then each document as one element of the data array,
// then the script. Only one document's data is held at a time.
class ReviewWriter : public RecordWriter {
 public:
  ReviewWriter(std::unique_ptr<AtomicFile> file, std::ostream& out, const OutputOptions& o)
      : file_(std::move(file)),
        out_(file_ ? &file_->stream() : &out),
        explain_(o.explain),
        encoding_(o.encoding) {
    const std::string css = asset("review.css"), js = asset("review.js");
    script_ = js;
    *out_ << "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
          << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
          << csp_hash(css) << "; script-src " << csp_hash(js)
          << "; img-src data:; base-uri 'none'; form-action 'none'\">\n"
          << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          << "<title>thidua review</title>\n<style>" << css << "</style>\n</head>\n<body>\n"
          << "<script type=\"application/json\" id=\"thidua-data\">[";
  }
  bool write(const Record& r) override { return emit(render(r, {})); }
  std::string render(const Record& r) const override { return render(r, {}); }
  std::string render(const Record& r, std::string_view input) const override {
    Json doc = {{"file", r.source.path}, {"sha256", r.source.sha256}, {"encoding", r.source.encoding}};
    doc["record"] = Json::parse(record_to_json_line(r, explain_), nullptr, false);
    auto text = load_text(input, encoding_);
    if (text.ok()) {
      ReviewDocument d = review_document(text.value(), r);
      doc["text"] = d.text;
      Json hl = Json::array();
      for (const auto& h : d.highlights) hl.push_back(Json::array({h.begin, h.end, h.path, h.field}));
      doc["hl"] = std::move(hl);
    }
    return json_for_html(doc.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  bool write_rendered(const Record& r, const std::string& rendered) override {
    return emit(rendered.empty() ? render(r) : rendered);
  }
  bool write_error(const std::string& path, const Status& e) override {
    Json doc = {{"file", path}, {"error", e.code + ": " + e.message}};
    return emit(json_for_html(doc.dump(-1, ' ', false, Json::error_handler_t::replace)));
  }
  bool finish() override {
    *out_ << "]</script>\n<script>" << script_ << "</script>\n</body>\n</html>\n";
    if (!*out_) return fail("cannot write the review page");
    if (!file_) {
      out_->flush();
      return *out_ ? true : fail("cannot write the review page");
    }
    if (auto failed = file_->commit()) return fail(failed->message);
    return true;
  }

 private:
  bool emit(const std::string& doc) {
    *out_ << (first_ ? "\n" : ",\n") << doc;
    first_ = false;
    return *out_ ? true : fail("cannot write the review page");
  }
  bool fail(const std::string& message) {
    error_ = message;
    return false;
  }
  std::unique_ptr<AtomicFile> file_;
  std::ostream* out_;
  bool explain_;
  Encoding encoding_;
  std::string script_;
  bool first_ = true;
};

}  // namespace

std::string json_for_html(const std::string& json) {
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
             (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string csp_hash(const std::string& content) {
  std::string hex = sha256_hex(content), raw;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    raw += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return "'sha256-" + base64(raw) + "'";
}

Result<std::unique_ptr<RecordWriter>> open_review_writer(std::unique_ptr<AtomicFile> file, std::ostream& out,
                                                         const OutputOptions& options) {
  return std::unique_ptr<RecordWriter>(new ReviewWriter(std::move(file), out, options));
}

}  // namespace thidua
