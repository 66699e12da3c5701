// The review page's own safety and integrity pieces: the embedded JSON cannot end its <script> block or
// break a line for JavaScript, and reads back to the same value; the CSP hash is what browsers compute.
#include "review_page.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace thidua;

TEST_CASE("document data is safe inside a script block and reads back the same", "[review]") {
  nlohmann::json doc = {{"text", "a </script><script>alert(1)</script> <!-- & \xE2\x80\xA8 \xE2\x80\xA9 b"}};
  std::string safe = json_for_html(doc.dump(-1, ' ', false));
  CHECK(safe.find('<') == std::string::npos);
  CHECK(safe.find('>') == std::string::npos);
  CHECK(safe.find('&') == std::string::npos);
  CHECK(safe.find("\xE2\x80\xA8") == std::string::npos);
  CHECK(safe.find("\xE2\x80\xA9") == std::string::npos);
  CHECK(nlohmann::json::parse(safe) == doc);
}

TEST_CASE("the CSP hash is base64 of the SHA-256 of the block", "[review]") {
  // sha256("") = e3b0c442...; base64 of those 32 bytes, as a browser reports for an empty block
  CHECK(csp_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  CHECK(csp_hash("abc") == "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='");
}
