// The open-relay test: MAIL FROM / RCPT TO pairs with an outside recipient, RSET after each.
// A 2xx to RCPT TO means the server would take the message. DATA is never sent (DESIGN.md
// "Safety"). The variants follow the classic tricks (nmap smtp-open-relay): null and forged
// senders, %-hack, quoted local parts, source routes, bang paths, '@' in the local part.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <vector>

#include "mxray/report/evidence.hpp"
#include "mxray/smtp/connection.hpp"

namespace mxray::smtp {

/// One sender/recipient pair to try.
struct RelayVariant {
  std::string name;  // plain, null_sender, percent_hack, ...
  std::string mail_from;
  std::string rcpt_to;
  // true: the recipient the server sees is outside (for a source route, its final hop);
  // false: a local address hiding an outside one (percent hack, bang path, quoted '@').
  bool targets_outside = true;
};

/// The variants: "plain" and "sender_own_domain" in quick mode, all sixteen with `all`. `domain` is the checked
/// domain, `ip` the server's address, `from` / `to` the outside sender and recipient.
std::vector<RelayVariant> relay_variants(bool all, const std::string& from, const std::string& to,
                                         const std::string& domain, const std::string& ip);

/// Runs every variant on an open, greeted session; `budget` gives each command its deadline.
boost::asio::awaitable<void> attempt_relay(Connection& connection, const std::vector<RelayVariant>& variants,
                                           const std::function<core::Millis()>& budget,
                                           report::RelayEvidence& evidence);

/// The same attempts as one pipelined group (RFC 2920), for a server that advertised
/// PIPELINING: every MAIL FROM, RCPT TO and RSET in one write, then `last` (a command that may
/// only end a group, e.g. "VRFY postmaster"; may be empty), whose reply goes to `last_reply`.
/// A RCPT TO after a refused MAIL FROM is answered 503 and not counted as an attempt.
/// Returns false when the session broke.
boost::asio::awaitable<bool> attempt_relay_pipelined(Connection& connection, const std::vector<RelayVariant>& variants,
                                                     core::Millis timeout, report::RelayEvidence& evidence,
                                                     const std::string& last, ReplyOutcome& last_reply);

}  // namespace mxray::smtp
