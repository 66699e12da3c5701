// SHA-256 from Nettle (nettle-dev), which uses the CPU's SHA instructions where it has them: a maintained
// implementation rather than our own. tests/sha256_test.cc holds the FIPS 180-4 vectors.
#include "sha256.h"

#include <nettle/sha2.h>

namespace thidua {

std::string sha256_hex(std::string_view bytes) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  // Nettle takes the length as size_t and the data as bytes.
  sha256_update(&ctx, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
  static const char kHex[] = "0123456789abcdef";
  std::string out(2 * SHA256_DIGEST_SIZE, '0');
  for (std::size_t i = 0; i < SHA256_DIGEST_SIZE; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0x0f];
  }
  return out;
}

}  // namespace thidua
