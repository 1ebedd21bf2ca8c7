// Whether a server would still accept TLS 1.0 or 1.1 (deprecated by RFC 8996): one short
// session beside the main one, offering only TLS 1.0-1.1 and ending at the handshake. The
// server picks the highest version it has, so one handshake answers for both, unless it picks
// 1.1; then a second session offers 1.0 alone. Bounded like every probe step.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <map>
#include <string>

#include "mxray/report/evidence.hpp"
#include "mxray/smtp/probe.hpp"
#include "mxray/tls/client_context.hpp"

namespace mxray::smtp {

/// How the session reaches its TLS handshake.
enum class TlsStart {
  starttls,  // greeting, EHLO, STARTTLS (port 25, submission on 587)
  implicit,  // the handshake at once after connect (submissions on 465, RFC 8314 3.3)
};

/// Fills `versions` for TLSv1 and TLSv1.1: "accepted", "refused" (the server declined the
/// handshake), "failed: why" (timeout, reset) or "untested: why". A 4xx greeting is kept in
/// `refusal` (a server that allows one session per client address). Each session's steps go to `log`.
boost::asio::awaitable<void> scan_legacy_tls(const ProbeSettings& settings, tls::ClientContext& tls, TlsStart start,
                                             const std::string& host, boost::asio::ip::tcp::endpoint to,
                                             std::chrono::steady_clock::time_point deadline,
                                             std::map<std::string, std::string>& versions, std::string& refusal,
                                             core::StepLog log = {});

}  // namespace mxray::smtp
