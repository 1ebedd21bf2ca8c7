// Fuzz target: domain name normalisation on arbitrary user input. A name it accepts must
// obey the DNS length rules and contain only LDH characters and dots.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mxray/dns/domain_name.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto result = mxray::dns::normalise_domain(input);
  if (result.ok()) {
    if (result.name.empty() || result.name.size() > 253) std::abort();
    for (const char c : result.name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      if (!ok) std::abort();
    }
  } else if (result.error.empty()) {
    std::abort();
  }
  (void)mxray::dns::looks_like_ip_literal(input);
  return 0;
}
