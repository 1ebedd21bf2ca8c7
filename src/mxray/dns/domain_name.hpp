// Normalises what the user typed into the domain to check: trim, IDN to A-label (libidn2),
// lower case, one trailing dot stripped. Rejects junk with a message that says what to type.
// Input is untrusted user text; names are bounded to 253 bytes and labels to 63 (RFC 1035 2.3.4).
#pragma once

#include <string>
#include <string_view>

namespace mxray::dns {

/// The normalised name, or an error message (empty name when invalid).
struct NormalisedName {
  std::string name;
  std::string error;
  bool ok() const { return error.empty(); }
};

/// Turns user input into an A-label domain name or explains why it is not one.
NormalisedName normalise_domain(std::string_view input);

/// True when `name` is written like an IPv4 or IPv6 address (an MX target must not be).
bool looks_like_ip_literal(std::string_view name);

}  // namespace mxray::dns
