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
                                    const std::function<core::Millis()>& budget, report::RelayEvidence& evidence) {
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

asio::awaitable<bool> attempt_relay_pipelined(Connection& connection, const std::vector<RelayVariant>& variants,
                                              core::Millis timeout, report::RelayEvidence& evidence,
                                              const std::string& last, ReplyOutcome& last_reply) {
  std::vector<std::string> group;
  for (const auto& v : variants) {
    group.push_back("MAIL FROM:<" + v.mail_from + ">");
    group.push_back("RCPT TO:<" + v.rcpt_to + ">");
    group.push_back("RSET");  // the transaction is abandoned before DATA (RFC 5321 4.1.1.5)
  }
  if (!last.empty()) group.push_back(last);
  const auto replies = co_await connection.exchange(group, timeout);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const auto& v = variants[i];
    const std::size_t at = 3 * i;
    if (at >= replies.size()) co_return false;
    report::RelayAttempt attempt;
    attempt.variant = v.name;
    attempt.mail_from = v.mail_from;
    attempt.rcpt_to = v.rcpt_to;
    attempt.targets_outside = v.targets_outside;
    const auto& mail = replies[at];
    if (!mail.step.ok) {
      attempt.mail_text = mail.step.error;
      evidence.attempts.push_back(std::move(attempt));
      co_return false;
    }
    attempt.mail_code = mail.reply.code;
    attempt.mail_text = mail.reply.safe_text();
    if (at + 1 >= replies.size()) {
      evidence.attempts.push_back(std::move(attempt));
      co_return false;
    }
    const auto& rcpt = replies[at + 1];
    if (mail.reply.positive()) {
      if (!rcpt.step.ok) {
        attempt.text = rcpt.step.error;
        evidence.attempts.push_back(std::move(attempt));
        co_return false;
      }
      evidence.tested = true;
      attempt.code = rcpt.reply.code;
      attempt.text = rcpt.reply.safe_text();
      attempt.accepted = rcpt.reply.code >= 200 && rcpt.reply.code < 300;
    }
    evidence.attempts.push_back(std::move(attempt));
    if (!rcpt.step.ok || at + 2 >= replies.size() || !replies[at + 2].step.ok) co_return false;
    // RSET is always answered 250 (RFC 5321 4.1.1.5): anything else means the replies of the
    // group are out of step with its commands.
    if (const auto& rset = replies[at + 2].reply; rset.code != 250) {
      connection.note_out_of_step("RSET: answered " + std::to_string(rset.code) +
                                  " in a pipelined group, the replies are out of step with the commands");
    }
  }
  if (!last.empty()) {
    if (replies.size() <= 3 * variants.size()) co_return false;
    last_reply = replies.back();
    co_return last_reply.step.ok;
  }
  co_return true;
}

}  // namespace mxray::smtp
