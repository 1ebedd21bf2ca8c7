// The probe of one address of a mail submission service (RFC 6409, RFC 8314): implicit TLS
// then greeting and EHLO (465), or greeting, EHLO, STARTTLS, EHLO (587); then one relay
// attempt without authentication (MAIL FROM / RCPT TO / RSET, never DATA), QUIT. It never
// sends AUTH or any credential. Evidence only: what is acceptable is the judge's call.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "mxray/report/evidence.hpp"
#include "mxray/smtp/probe.hpp"
#include "mxray/tls/client_context.hpp"

namespace mxray::smtp {

/// Probes `address` of `service` and fills it; never throws for anything the server does.
boost::asio::awaitable<void> probe_submission(const ProbeSettings& settings, tls::ClientContext& tls,
                                              const report::SubmissionService& service,
                                              report::SubmissionAddress& address);

}  // namespace mxray::smtp
