// Special-purpose address ranges (RFC 6890 and its IANA registries); see address_policy.hpp.
#include "mxray/core/address_policy.hpp"

#include <array>
#include <cstdint>

namespace mxray::core {
namespace {

struct Range4 {
  std::uint32_t net;
  int bits;
  const char* name;
};

bool in_range(std::uint32_t ip, const Range4& r) {
  const std::uint32_t mask = r.bits == 0 ? 0 : ~std::uint32_t{0} << (32 - r.bits);
  return (ip & mask) == (r.net & mask);
}

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

std::string special_v4(std::uint32_t ip) {
  static constexpr std::array<Range4, 16> kRanges{{
      {v4(0, 0, 0, 0), 8, "reserved (this network)"},
      {v4(10, 0, 0, 0), 8, "private"},
      {v4(100, 64, 0, 0), 10, "shared address space (CGNAT)"},
      {v4(127, 0, 0, 0), 8, "loopback"},
      {v4(169, 254, 0, 0), 16, "link-local (includes cloud metadata)"},
      {v4(172, 16, 0, 0), 12, "private"},
      {v4(192, 0, 0, 0), 24, "reserved (IETF protocol assignments)"},
      {v4(192, 0, 2, 0), 24, "reserved (documentation)"},
      {v4(192, 88, 99, 0), 24, "reserved (6to4 relay anycast)"},
      {v4(192, 168, 0, 0), 16, "private"},
      {v4(198, 18, 0, 0), 15, "reserved (benchmarking)"},
      {v4(198, 51, 100, 0), 24, "reserved (documentation)"},
      {v4(203, 0, 113, 0), 24, "reserved (documentation)"},
      {v4(224, 0, 0, 0), 4, "multicast"},
      {v4(240, 0, 0, 0), 4, "reserved"},
      {v4(255, 255, 255, 255), 32, "broadcast"},
  }};
  for (const auto& r : kRanges) {
    if (in_range(ip, r)) return r.name;
  }
  return {};
}

}  // namespace

std::string special_range(const boost::asio::ip::address& address) {
  if (address.is_v4()) return special_v4(address.to_v4().to_uint());
  const auto a6 = address.to_v6();
  const auto b = a6.to_bytes();
  if (a6.is_loopback()) return "loopback";
  if (a6.is_unspecified()) return "reserved (unspecified)";
  if (a6.is_v4_mapped()) return "IPv4-mapped";
  if (a6.is_multicast()) return "multicast";
  if (a6.is_link_local()) return "link-local";
  if ((b[0] & 0xfe) == 0xfc) return "private (unique local)";
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return "reserved (site-local)";
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return "reserved (documentation)";
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return "reserved (NAT64)";
  // Only 2000::/3 is global unicast today.
  if ((b[0] & 0xe0) != 0x20) return "reserved";
  return {};
}

}  // namespace mxray::core
