// See target.hpp. An address literal must be bracketed (RFC 5321 4.1.3 writes them so), which
// keeps "192.0.2.25" a (bad) domain name and not a silent change of what is checked.
#include "mxray/pipeline/target.hpp"

#include <boost/asio/ip/address.hpp>
#include <charconv>

#include "mxray/core/text.hpp"
#include "mxray/dns/domain_name.hpp"

namespace mxray::pipeline {

namespace {

Target parse_literal(std::string_view text) {
  Target t;
  t.kind = "address";
  const auto close = text.find(']');
  if (close == std::string_view::npos) {
    t.error = "an address literal is written [192.0.2.25] or [2001:db8::25], optionally followed by :port";
    return t;
  }
  auto inside = text.substr(1, close - 1);
  if (inside.size() > 5 && core::ascii_lower(inside.substr(0, 5)) == "ipv6:") inside.remove_prefix(5);
  const auto rest = text.substr(close + 1);
  boost::system::error_code ec;
  const auto ip = boost::asio::ip::make_address(std::string(inside), ec);
  if (ec || inside.empty() || inside.size() > 45 || inside.find('%') != std::string_view::npos) {
    t.error = "not an IPv4 or IPv6 address between the brackets: write [192.0.2.25] or [2001:db8::25]";
    return t;
  }
  if (!rest.empty()) {
    unsigned port = 0;
    const auto digits = rest.substr(1);
    const auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (rest[0] != ':' || digits.empty() || err != std::errc() || end != digits.data() + digits.size() || port == 0 ||
        port > 65535) {
      t.error = "after the address literal only :port (1 to 65535) may follow, e.g. [192.0.2.25]:587";
      return t;
    }
    t.port = static_cast<unsigned short>(port);
  }
  t.ip = ip.to_string();
  t.name = "[" + t.ip + "]";
  return t;
}

}  // namespace

Target parse_target(std::string_view input, bool as_host) {
  const auto text = core::trim_space(input);
  if (!text.empty() && text.front() == '[') return parse_literal(text);
  Target t;
  t.kind = as_host ? "host" : "domain";
  const auto name = dns::normalise_domain(text);
  if (!name.ok()) {
    t.error = name.error;
    return t;
  }
  t.name = name.name;
  return t;
}

}  // namespace mxray::pipeline
