// See host_allow.hpp. Host is "name", "name:port", "[v6]" or "[v6]:port" (RFC 9110 7.2);
// anything else is not allowed.
#include "mxray/web/host_allow.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace mxray::web {
namespace {

struct HostPort {
  std::string name;
  std::string port;
};

std::optional<HostPort> split(std::string_view host) {
  if (host.empty() || host.size() > 300) return std::nullopt;
  HostPort out;
  std::string_view port;
  if (host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.name = std::string(host.substr(0, close + 1));
    const auto rest = host.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
    }
  } else {
    const auto colon = host.find(':');
    out.name = std::string(host.substr(0, colon));
    if (colon != std::string_view::npos) port = host.substr(colon + 1);
  }
  if (port.find_first_not_of("0123456789") != std::string_view::npos || port.size() > 5) return std::nullopt;
  out.port = std::string(port);
  std::transform(out.name.begin(), out.name.end(), out.name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!out.name.empty() && out.name.back() == '.') out.name.pop_back();
  if (out.name.empty()) return std::nullopt;
  for (const char ch : out.name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= ' ' || c >= 0x7f || c == '/' || c == '@' || c == '\\') return std::nullopt;
  }
  return out;
}

bool is_ip_literal(const std::string& name) {
  boost::system::error_code ec;
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    boost::asio::ip::make_address_v6(name.substr(1, name.size() - 2), ec);
  } else {
    boost::asio::ip::make_address_v4(name, ec);
  }
  return !ec;
}

}  // namespace

HostAllowList::HostAllowList(const std::vector<std::string>& names, bool any_ip_literal)
    : any_ip_literal_(any_ip_literal) {
  for (const auto& n : names) {
    auto hp = split(n);
    if (!hp) throw std::invalid_argument("--public-name: '" + n + "' is not a host name, NAME:PORT or [IPV6]:PORT");
    entries_.push_back({std::move(hp->name), std::move(hp->port)});
  }
}

HostAllowList HostAllowList::defaults(const boost::asio::ip::tcp::endpoint& bound) {
  const auto a = bound.address();
  std::vector<std::string> names{a.is_v6() ? "[" + a.to_string() + "]" : a.to_string()};
  if (a.is_loopback() || a.is_unspecified()) {
    for (const char* n : {"localhost", "127.0.0.1", "[::1]"}) names.emplace_back(n);
  }
  return HostAllowList(names, a.is_unspecified());
}

bool HostAllowList::allows(std::string_view host) const {
  const auto hp = split(host);
  if (!hp) return false;
  if (any_ip_literal_ && is_ip_literal(hp->name)) return true;
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const Entry& e) { return e.name == hp->name && (e.port.empty() || e.port == hp->port); });
}

}  // namespace mxray::web
