// Fuzz target: TLSA and TXT record data from an untrusted DNS answer. Accepted records must
// respect the given bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "mxray/dns/tlsa.hpp"
#include "mxray/dns/txt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> rdata(data, size);
  if (const auto tlsa = mxray::dns::parse_tlsa(rdata, 64)) {
    if (tlsa->data.size() > 2 * 64 || tlsa->usage < 0 || tlsa->usage > 255) std::abort();
  }
  if (const auto txt = mxray::dns::parse_txt(rdata, 100)) {
    if (txt->size() > 100) std::abort();
  }
  return 0;
}
