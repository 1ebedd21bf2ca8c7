// The Host header allow-list (--public-name): a browser tricked by DNS rebinding sends the
// attacker's name as Host, so a request for any other name is refused (421) and a visitor's
// browser cannot read the API of a private instance. The Host header is untrusted text.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace mxray::web {

class HostAllowList {
 public:
  /// `names`: "mx.example.org" (any port), "mx.example.org:8443" or "[2001:db8::1]:80" (that
  /// port only); compared without case and without a trailing dot.
  /// `any_ip_literal`: also any Host that is an IP address (no DNS name, so no rebinding).
  /// Throws std::invalid_argument for a name that no Host header could match.
  explicit HostAllowList(const std::vector<std::string>& names, bool any_ip_literal = false);

  /// The default when no --public-name is given: the listen address (any port); for a loopback
  /// address also localhost, 127.0.0.1 and [::1]; for an unspecified one (0.0.0.0, ::)
  /// localhost and any IP address, since the names it is reached by are not known.
  static HostAllowList defaults(const boost::asio::ip::tcp::endpoint& bound);

  /// True when a request with this Host header value may be served (an empty one may not).
  bool allows(std::string_view host) const;

 private:
  struct Entry {
    std::string name;
    std::string port;  // empty: any
  };
  std::vector<Entry> entries_;
  bool any_ip_literal_ = false;
};

}  // namespace mxray::web
