// Whether a server that negotiated TLS 1.2 or 1.3 would still accept TLS 1.0 or 1.1
// (deprecated by RFC 8996): one more short session per old version, run at once, each ending
// at the handshake. Bounded like every probe step.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <string>

#include "mxray/report/evidence.hpp"
#include "mxray/smtp/probe.hpp"
#include "mxray/tls/client_context.hpp"

namespace mxray::smtp {

/// Fills evidence.starttls.legacy_versions for TLSv1 and TLSv1.1.
boost::asio::awaitable<void> scan_legacy_tls(const ProbeSettings& settings, tls::ClientContext& tls,
                                             const std::string& mx_host, boost::asio::ip::tcp::endpoint to,
                                             std::chrono::steady_clock::time_point deadline,
                                             report::AddressEvidence& evidence);

}  // namespace mxray::smtp
