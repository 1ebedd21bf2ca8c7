// See relay_attempt.hpp.
#include "mxray/smtp/relay_attempt.hpp"

#include <boost/asio/ip/address.hpp>

namespace mxray::smtp {
namespace asio = boost::asio;

std::vector<RelayVariant> relay_variants(bool all, const std::string& from, const std::string& to,
                                         const std::string& domain, const std::string& ip) {
  // Quick mode: the outside sender, then a sender in the checked domain itself (servers that
  // trust "their own" senders are the commonest open relay).
  std::vector<RelayVariant> v{{"plain", from, to, true}, {"sender_own_domain", "postmaster@" + domain, to, true}};
  if (!all) return v;
  const auto at = to.rfind('@');
  const std::string user = at == std::string::npos ? to : to.substr(0, at);
  const std::string outside = at == std::string::npos ? "example.net" : to.substr(at + 1);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(ip, ec);
  const std::string literal = !ec && address.is_v6() ? "[IPv6:" + ip + "]" : "[" + ip + "]";
  v.push_back({"null_sender", "", to, true});
  v.push_back({"sender_address_literal", "postmaster@" + literal, to, true});
  v.push_back({"percent_hack", from, user + "%" + outside + "@" + domain, false});
  v.push_back({"percent_hack_literal", from, user + "%" + outside + "@" + literal, false});
  v.push_back({"quoted_local_part", from, "\"" + user + "@" + outside + "\"", false});
  v.push_back({"quoted_percent", from, "\"" + user + "%" + outside + "\"", false});
  v.push_back({"at_in_local_part", from, user + "@" + outside + "@" + domain, false});
  v.push_back({"quoted_at_own_domain", from, "\"" + user + "@" + outside + "\"@" + domain, false});
  v.push_back({"at_in_local_part_literal", from, user + "@" + outside + "@" + literal, false});
  v.push_back({"source_route", from, "@" + domain + ":" + user + "@" + outside, true});
  v.push_back({"source_route_literal", from, "@" + literal + ":" + user + "@" + outside, true});
  v.push_back({"bang_path", from, outside + "!" + user, false});
  v.push_back({"bang_path_own_domain", from, outside + "!" + user + "@" + domain, false});
  v.push_back({"bang_path_literal", from, outside + "!" + user + "@" + literal, false});
  return v;
}

asio::awaitable<void> attempt_relay(Connection& connection, const std::vector<RelayVariant>& variants,
                                    const std::function<core::Millis()>& budget,
                                    report::RelayEvidence& evidence) {
  for (const auto& v : variants) {
    report::RelayAttempt attempt;
    attempt.variant = v.name;
    attempt.mail_from = v.mail_from;
    attempt.rcpt_to = v.rcpt_to;
    attempt.targets_outside = v.targets_outside;
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
    }
    evidence.attempts.push_back(std::move(attempt));
    // RSET after every attempt: the transaction is abandoned before DATA (RFC 5321 4.1.1.5).
    const auto rset = co_await connection.command("RSET", budget());
    if (!rset.step.ok) co_return;
  }
}

}  // namespace mxray::smtp
