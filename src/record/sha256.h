// SHA-256 (FIPS 180-4) of the input bytes, for source.sha256: records are matched to their inputs by it.
#pragma once

#include <string>
#include <string_view>

namespace thidua {

// Lower-case hex digest.
std::string sha256_hex(std::string_view bytes);

}  // namespace thidua
