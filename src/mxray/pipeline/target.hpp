// What the user asked to check: a domain (its MX records are looked up), a host probed as an
// MX of its own name (--host), or an address literal "[192.0.2.25]" / "[2001:db8::25]:2525" as
// posttls-finger writes it. The input is untrusted user text; it is bounded by the name rules.
#pragma once

#include <string>
#include <string_view>

namespace mxray::pipeline {

/// The target of one check.
struct Target {
  std::string kind;         // domain | host | address
  std::string name;         // normalised domain or host (A-label); "[ip]" for an address
  std::string ip;           // for an address: the address as text
  unsigned short port = 0;  // for an address with ":port"; 0: the check's port
  std::string error;        // non-empty: not a valid target, says what to type
  bool ok() const { return error.empty(); }
};

/// Reads `input`: a bracketed address literal (optionally "IPv6:" inside, and ":port" after),
/// else a domain name, probed as a host when `as_host`.
Target parse_target(std::string_view input, bool as_host);

}  // namespace mxray::pipeline
