// See submission_probe.hpp. Each step takes the smaller of its own timeout and what is left
// of the probe's and the check's deadlines; replies are bounded by the connection's reader.
#include "mxray/smtp/submission_probe.hpp"

#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/this_coro.hpp>
#include <functional>

#include "mxray/core/address_policy.hpp"
#include "mxray/core/printable.hpp"
#include "mxray/smtp/budget.hpp"
#include "mxray/smtp/connection.hpp"
#include "mxray/smtp/extensions.hpp"
#include "mxray/smtp/legacy_tls.hpp"
#include "mxray/smtp/relay_attempt.hpp"
#include "mxray/tls/certificate.hpp"
#include "mxray/tls/dane.hpp"

namespace mxray::smtp {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

void abort_with(report::SubmissionAddress& ev, const std::string& step, const StepOutcome& out) {
  if (!ev.aborted.empty()) return;
  ev.aborted = step + ": " + out.error;
  ev.aborted_kind = out.error_kind;
}

// EHLO (RFC 6409 4.1 and RFC 4954 need it: AUTH is an ESMTP extension); no HELO fallback.
asio::awaitable<bool> ehlo(Connection& conn, const ProbeSettings& s, const Budget& deadline,
                           report::SubmissionAddress& ev, report::EhloEvidence& out, const std::string& step) {
  out.sent = true;
  out.command = "EHLO";
  const auto r = co_await conn.command("EHLO " + s.ehlo_name, deadline(s.limits.command_timeout));
  out.ms = r.step.ms;
  if (!r.step.ok) {
    out.error = r.step.error;
    abort_with(ev, step, r.step);
    co_return false;
  }
  out.code = r.reply.code;
  out.text = r.reply.safe_text();
  if (r.reply.code != 250) co_return false;
  for (const auto& [k, v] : parse_extensions(r.reply).keywords) out.extensions[core::printable(k)] = core::printable(v);
  co_return true;
}

// The greeting (RFC 5321 3.1), plain or inside implicit TLS.
asio::awaitable<bool> banner(Connection& conn, const ProbeSettings& s, const Budget& deadline,
                             report::SubmissionAddress& ev) {
  const auto b = co_await conn.read_reply(deadline(s.limits.banner_timeout));
  ev.banner.ms = b.step.ms;
  if (!b.step.ok) {
    ev.banner.error = b.step.error_kind;
    ev.banner.text = b.step.error;
    abort_with(ev, "banner", b.step);
    co_return false;
  }
  ev.banner.received = true;
  ev.banner.code = b.reply.code;
  ev.banner.text = b.reply.safe_text();
  co_return b.reply.code == 220;
}

// The TLS facts once a handshake succeeded.
void record_tls(Connection& conn, const ProbeSettings& s, tls::ClientContext& tls,
                const report::SubmissionService& service, report::SubmissionAddress& ev) {
  SSL* ssl = conn.ssl();
  ev.tls.ok = true;
  ev.tls.version = SSL_get_version(ssl);
  ev.tls.cipher = SSL_CIPHER_get_name(SSL_get_current_cipher(ssl));
  ev.certificate = tls::inspect_chain(ssl, tls.trust_store(), {service.host}, s.now_epoch, s.limits);
  if (service.dane.applies) ev.dane = tls::dane_result(ssl, service.dane);
}

// DANE (RFC 7673) is verified on the session's own handshake, only when the TLSA records apply.
std::function<std::string(SSL*)> dane_check(const report::SubmissionService& service) {
  if (!service.dane.applies) return {};
  return [&service](SSL* ssl) { return tls::enable_dane(ssl, service.dane, service.host); };
}

// After a failed implicit-TLS handshake: does the port speak plain SMTP instead (a 220 on a
// fresh connection)? Then the service is STARTTLS or plain text on the implicit-TLS port.
asio::awaitable<void> probe_plaintext(const ProbeSettings& s, const Budget& deadline, const asio::ip::tcp::endpoint& to,
                                      report::SubmissionAddress& ev) {
  Connection conn(co_await asio::this_coro::executor, s.limits, s.limiter);
  conn.set_step_log(core::StepLog(&ev.timeline, s.check_started, "plaintext"));
  const auto c = co_await conn.connect(to, deadline(s.limits.connect_timeout), deadline.deadline());
  if (!c.ok) co_return;
  const auto b = co_await conn.read_reply(deadline(std::min(s.limits.banner_timeout, core::Millis{5'000})));
  if (b.step.ok && b.reply.code == 220) {
    ev.plaintext_reply = true;
    ev.banner.received = true;
    ev.banner.code = b.reply.code;
    ev.banner.text = b.reply.safe_text();
    const auto sent = co_await conn.send("QUIT", deadline(s.limits.command_timeout));
    if (sent.ok) co_await conn.read_reply(deadline(core::Millis{20}));
  }
  conn.close();
}

// STARTTLS (RFC 3207) and the EHLO inside TLS; false when the session cannot go on.
asio::awaitable<bool> upgrade(Connection& conn, const ProbeSettings& s, const Budget& deadline, tls::ClientContext& tls,
                              const report::SubmissionService& service, report::SubmissionAddress& ev) {
  ev.tls.offered = ev.ehlo.extensions.count("STARTTLS") != 0;
  if (!ev.tls.offered) co_return true;  // the session goes on in plain text (the judge decides)
  ev.tls.attempted = true;
  const auto r = co_await conn.command("STARTTLS", deadline(s.limits.command_timeout));
  ev.tls.ms = r.step.ms;
  if (!r.step.ok) {
    ev.tls.error = r.step.error;
    abort_with(ev, "STARTTLS", r.step);
    co_return false;
  }
  ev.tls.code = r.reply.code;
  ev.tls.reply_text = r.reply.safe_text();
  if (r.reply.code != 220) {
    ev.tls.error = "STARTTLS refused: " + std::to_string(r.reply.code) + " " + ev.tls.reply_text;
    co_return true;
  }
  ev.tls.bytes_before_handshake = conn.unread_bytes();
  const auto h = co_await conn.start_tls(tls.ssl(), service.host, deadline(s.limits.tls_timeout), dane_check(service));
  ev.tls.ms += h.ms;
  if (!h.ok) {
    ev.tls.error = h.error;
    abort_with(ev, "TLS handshake", h);
    co_return false;
  }
  record_tls(conn, s, tls, service, ev);
  const bool greeted = co_await ehlo(conn, s, deadline, ev, ev.ehlo_tls, "EHLO after STARTTLS");
  co_return greeted;
}

asio::awaitable<void> session(const ProbeSettings& s, tls::ClientContext& tls, const report::SubmissionService& service,
                              report::SubmissionAddress& ev, const asio::ip::tcp::endpoint endpoint) {
  const Budget deadline(s);
  Connection conn(co_await asio::this_coro::executor, s.limits, s.limiter);
  conn.set_step_log(core::StepLog(&ev.timeline, s.check_started, "main"));
  ev.connect.attempted = true;
  const auto c = co_await conn.connect(endpoint, deadline(s.limits.connect_timeout), deadline.deadline());
  ev.connect.queued_ms = conn.queued_ms();
  ev.connect.ok = c.ok;
  ev.connect.ms = c.ms;
  ev.connect.error = c.error;
  ev.connect.error_kind = c.error_kind;
  if (!c.ok) co_return;
  ev.connect.source = conn.local_address();

  bool usable = true;
  if (service.mode == "implicit_tls") {
    // RFC 8314 section 3.3: the TLS handshake starts at once, before any SMTP byte.
    ev.tls.offered = true;
    ev.tls.attempted = true;
    const auto h =
        co_await conn.start_tls(tls.ssl(), service.host, deadline(s.limits.tls_timeout), dane_check(service));
    ev.tls.ms = h.ms;
    if (!h.ok) {
      ev.tls.error = h.error;
      abort_with(ev, "TLS handshake", h);
      conn.close();
      co_await probe_plaintext(s, deadline, endpoint, ev);
      co_return;
    }
    record_tls(conn, s, tls, service, ev);
    const bool greeted = co_await banner(conn, s, deadline, ev);
    usable = greeted;
    if (usable) usable = co_await ehlo(conn, s, deadline, ev, ev.ehlo_tls, "EHLO");
  } else {
    const bool greeted = co_await banner(conn, s, deadline, ev);
    usable = greeted;
    if (usable) usable = co_await ehlo(conn, s, deadline, ev, ev.ehlo, "EHLO");
    if (usable) usable = co_await upgrade(conn, s, deadline, tls, service, ev);
  }

  // Relaying without authentication (RFC 6409 4.3 and 6.1: submission needs it): MAIL FROM and
  // RCPT TO to an outside domain, RSET; never DATA, never AUTH.
  if (usable && s.test_relay) {
    ev.relay.mode = "quick";
    ev.relay.over_tls = ev.tls.ok;
    const auto variants = relay_variants(false, s.relay_from, s.relay_to, s.domain, ev.ip);
    co_await attempt_relay(
        conn, variants, [&] { return deadline(s.limits.command_timeout); }, ev.relay);
  } else if (!s.test_relay) {
    ev.relay.skipped_reason = "disabled with --no-relay-test";
  } else {
    ev.relay.skipped_reason = "the session ended before the relay test";
  }
  if (usable || ev.banner.received) {
    const auto sent = co_await conn.send("QUIT", deadline(std::min(s.limits.command_timeout, core::Millis{5'000})));
    ev.quit_sent = sent.ok;
    if (sent.ok) co_await conn.read_reply(deadline(core::Millis{20}));
  }
  conn.close();
}

}  // namespace

asio::awaitable<void> probe_submission(const ProbeSettings& settings, tls::ClientContext& tls,
                                       const report::SubmissionService& service, report::SubmissionAddress& ev) {
  const auto started = Clock::now();
  ProbeSettings s = settings;
  if (s.check_started == Clock::time_point{}) s.check_started = started;
  boost::system::error_code parse_error;
  const auto ip = asio::ip::make_address(ev.ip, parse_error);
  if (parse_error) {
    ev.aborted = "not an IP address: " + ev.ip;
    co_return;
  }
  ev.special_range = core::special_range(ip);
  if (const auto denied = core::denied_by(ip, s.deny_prefixes); !denied.empty()) {
    ev.special_range = "denied by --deny-prefix " + denied;
    ev.allowed = false;
  } else if (!ev.special_range.empty() && !s.allow_private) {
    ev.allowed = false;
  }
  if (!ev.allowed) co_return;
  const asio::ip::tcp::endpoint endpoint(ip, static_cast<unsigned short>(service.port));
  co_await session(s, tls, service, ev, endpoint);
  // TLS 1.0 and 1.1 (RFC 8996, RFC 8314 4.1): a short second session once the first has ended
  // (submission servers often allow few sessions per client), only where TLS worked at all.
  if (s.scan_legacy_tls && ev.tls.ok) {
    std::string refusal;
    const auto start = service.mode == "implicit_tls" ? TlsStart::implicit : TlsStart::starttls;
    co_await scan_legacy_tls(s, tls, start, service.host, endpoint, Budget(s).deadline(), ev.tls.legacy_versions,
                             refusal, core::StepLog(&ev.timeline, s.check_started, "legacy_tls"));
  }
  ev.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
}

}  // namespace mxray::smtp
