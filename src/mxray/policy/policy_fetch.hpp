// The MTA-STS policy fetch (RFC 8461 section 3.3): HTTPS GET of
// https://mta-sts.<domain>/.well-known/mta-sts.txt with Boost.Beast on the caller's event loop.
// The server is untrusted: no redirect is followed, headers and body are bounded
// (Limits::max_http_header_bytes, max_policy_bytes) and the whole fetch by Limits::policy_timeout.
#pragma once

#include <openssl/x509.h>

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "mxray/core/address_policy.hpp"
#include "mxray/core/limits.hpp"
#include "mxray/dns/resolver.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::policy {

/// What the fetch needs besides the domain.
struct FetchSettings {
  core::Limits limits;
  unsigned short port = 443;                // RFC 8461 says 443; the lab may use another
  bool allow_private = false;               // the address policy of core/address_policy.hpp
  std::vector<core::Prefix> deny_prefixes;  // refused always (--deny-prefix)
  long long now_epoch = 0;                  // for certificate dates
};

/// Fetches the policy of `domain` into `out`; returns the body when out.ok.
boost::asio::awaitable<std::string> fetch_policy(dns::Resolver& resolver, X509_STORE* trust_store,
                                                 const FetchSettings& settings, const std::string& domain,
                                                 report::PolicyFetch& out);

}  // namespace mxray::policy
