// See client_address.hpp. Forwarded is RFC 7239 (elements by ',', pairs by ';', quoted values,
// IPv6 in brackets with an optional port); X-Forwarded-For is the de-facto comma list.
#include "mxray/web/client_address.hpp"

#include <algorithm>
#include <cctype>

namespace mxray::web {
namespace asio = boost::asio;
using asio::ip::address;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

address unmapped(const address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
  return a;
}

std::optional<address> make(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  boost::system::error_code ec;
  const auto a = asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().scope_id() != 0) return std::nullopt;  // "fe80::1%eth0" is nobody's key
  return unmapped(a);
}

// "ADDR", "[ADDR6]", "[ADDR6]:PORT" or "ADDR4:PORT".
std::optional<address> host_with_port(std::string_view s) {
  if (!s.empty() && s.front() == '[') {
    const auto close = s.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const auto rest = s.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || rest.size() < 2)) return std::nullopt;
    return make(s.substr(1, close - 1));
  }
  if (const auto a = make(s)) return a;
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || s.find(':', colon + 1) != std::string_view::npos) return std::nullopt;
  const auto a = make(s.substr(0, colon));
  if (!a || !a->is_v4()) return std::nullopt;
  return a;
}

// The `for` value of one Forwarded element ("for=192.0.2.60;proto=http;by=203.0.113.43").
std::optional<std::string_view> forwarded_for(std::string_view element) {
  while (!element.empty()) {
    const auto semi = element.find(';');
    const auto pair = trim(element.substr(0, semi));
    element = semi == std::string_view::npos ? std::string_view() : element.substr(semi + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (!iequals(trim(pair.substr(0, eq)), "for")) continue;
    auto value = trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return value;
  }
  return std::nullopt;
}

}  // namespace

bool any_contains(const std::vector<Cidr>& blocks, const address& a) {
  return std::any_of(blocks.begin(), blocks.end(), [&](const Cidr& b) { return core::contains(b, a); });
}

std::string client_key(const address& candidate) {
  const auto a = unmapped(candidate);
  if (a.is_v4()) return a.to_string();
  auto bytes = a.to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return asio::ip::address_v6(bytes).to_string() + "/64";
}

std::optional<address> parse_hop(std::string_view hop, ProxyHeader kind) {
  hop = trim(hop);
  if (kind == ProxyHeader::forwarded) {
    const auto value = forwarded_for(hop);
    if (!value) return std::nullopt;
    hop = *value;
  }
  return host_with_port(hop);
}

address client_address(const address& peer, const std::vector<Cidr>& trusted,
                       const std::vector<std::string_view>& header_values, ProxyHeader kind) {
  auto candidate = unmapped(peer);
  if (!any_contains(trusted, candidate)) return candidate;
  // Hops from right to left over all header lines (a later line continues the list).
  for (auto line = header_values.rbegin(); line != header_values.rend(); ++line) {
    std::string_view rest = *line;
    while (!rest.empty()) {
      const auto comma = rest.rfind(',');
      const auto hop = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
      if (trim(hop).empty()) continue;
      const auto a = parse_hop(hop, kind);
      if (!a) return candidate;
      if (!any_contains(trusted, *a)) return *a;
      candidate = *a;
    }
  }
  return candidate;
}

}  // namespace mxray::web
