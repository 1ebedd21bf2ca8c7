// The open-relay test: MAIL FROM an outside sender, RCPT TO an outside recipient, then RSET.
// A 2xx to RCPT TO means the server would relay. DATA is never sent (DESIGN.md "Safety").
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "mxray/report/evidence.hpp"
#include "mxray/smtp/connection.hpp"

namespace mxray::smtp {

/// One sender/recipient pair to try.
struct RelayVariant {
  std::string mail_from;
  std::string rcpt_to;
};

/// Runs every variant on an open, greeted session; `budget` gives each command its deadline.
boost::asio::awaitable<void> attempt_relay(Connection& connection, const std::vector<RelayVariant>& variants,
                                           const std::function<core::Millis()>& budget,
                                           report::RelayEvidence& evidence);

}  // namespace mxray::smtp
