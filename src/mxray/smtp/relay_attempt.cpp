// See relay_attempt.hpp.
#include "mxray/smtp/relay_attempt.hpp"

#include "mxray/core/printable.hpp"

namespace mxray::smtp {
namespace asio = boost::asio;

asio::awaitable<void> attempt_relay(Connection& connection, const std::vector<RelayVariant>& variants,
                                    const std::function<core::Millis()>& budget,
                                    report::RelayEvidence& evidence) {
  for (const auto& v : variants) {
    report::RelayAttempt attempt;
    attempt.mail_from = v.mail_from;
    attempt.rcpt_to = v.rcpt_to;
    const auto mail = co_await connection.command("MAIL FROM:<" + v.mail_from + ">", budget());
    if (!mail.step.ok) {
      attempt.mail_text = mail.step.error;
      evidence.attempts.push_back(std::move(attempt));
      co_return;
    }
    attempt.mail_code = mail.reply.code;
    attempt.mail_text = mail.reply.safe_text();
    if (mail.reply.positive()) {
      const auto rcpt = co_await connection.command("RCPT TO:<" + v.rcpt_to + ">", budget());
      if (!rcpt.step.ok) {
        attempt.text = rcpt.step.error;
        evidence.attempts.push_back(std::move(attempt));
        co_return;
      }
      evidence.tested = true;
      attempt.code = rcpt.reply.code;
      attempt.text = rcpt.reply.safe_text();
      attempt.accepted = rcpt.reply.code >= 200 && rcpt.reply.code < 300;
      if (attempt.accepted) evidence.open = true;
    }
    evidence.attempts.push_back(std::move(attempt));
    // RSET after every attempt: the transaction is abandoned before DATA (RFC 5321 4.1.1.5).
    const auto rset = co_await connection.command("RSET", budget());
    if (!rset.step.ok) co_return;
  }
}

}  // namespace mxray::smtp
