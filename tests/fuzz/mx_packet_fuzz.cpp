// Fuzz target: MX, SRV (submission services) and address parsing from an arbitrary DNS answer
// packet and rdata.
#include <cstddef>
#include <cstdint>

#include "mxray/dns/records.hpp"
#include "mxray/dns/submission_hosts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mxray::dns::DnsAnswer answer;
  answer.packet.assign(data, data + size);
  (void)mxray::dns::parse_mx(answer);
  (void)mxray::dns::srv_lookup(answer, 10);
  answer.qtype = size % 2 == 0 ? mxray::dns::rrtype::kA : mxray::dns::rrtype::kAaaa;
  for (std::size_t pos = 0; pos < size; pos += 5)
    answer.rdata.emplace_back(data + pos, data + std::min(size, pos + 16));
  (void)mxray::dns::parse_addresses(answer);
  return 0;
}
