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
  // Prefixes that embed an IPv4 address (which may be private) and reach it through a relay.
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return "reserved (NAT64, embeds IPv4)";
  if (b[0] == 0x20 && b[1] == 0x02) return "6to4 (embeds IPv4)";                                    // 2002::/16
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) return "Teredo (embeds IPv4)";  // 2001::/32
  // Only 2000::/3 is global unicast today.
  if ((b[0] & 0xe0) != 0x20) return "reserved";
  return {};
}

std::optional<Prefix> parse_prefix(std::string_view text) {
  Prefix p;
  p.text = std::string(text);
  const auto slash = text.find('/');
  boost::system::error_code ec;
  p.network = boost::asio::ip::make_address(std::string(text.substr(0, slash)), ec);
  if (ec) return std::nullopt;
  const int max_bits = p.network.is_v4() ? 32 : 128;
  if (slash == std::string_view::npos) {
    p.bits = max_bits;
    return p;
  }
  const auto digits = text.substr(slash + 1);
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  int bits = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    bits = bits * 10 + (c - '0');
  }
  if (bits > max_bits) return std::nullopt;
  p.bits = bits;
  return p;
}

bool contains(const Prefix& prefix, const boost::asio::ip::address& address) {
  auto a = address;
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    a = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
  if (a.is_v4() != prefix.network.is_v4()) return false;
  if (a.is_v4()) {
    return in_range(a.to_v4().to_uint(), Range4{prefix.network.to_v4().to_uint(), prefix.bits, ""});
  }
  const auto x = a.to_v6().to_bytes();
  const auto n = prefix.network.to_v6().to_bytes();
  int left = prefix.bits;
  for (std::size_t i = 0; i < x.size() && left > 0; ++i, left -= 8) {
    const unsigned mask = left >= 8 ? 0xffu : (0xffu << (8 - left)) & 0xffu;
    if ((x[i] & mask) != (n[i] & mask)) return false;
  }
  return true;
}

std::string denied_by(const boost::asio::ip::address& address, const std::vector<Prefix>& deny) {
  for (const auto& p : deny) {
    if (contains(p, address)) return p.text;
  }
  return {};
}

}  // namespace mxray::core
