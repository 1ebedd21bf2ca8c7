// See legacy_tls.hpp.
#include "mxray/smtp/legacy_tls.hpp"

#include <openssl/ssl.h>

#include <boost/asio/this_coro.hpp>

#include "mxray/smtp/budget.hpp"
#include "mxray/smtp/connection.hpp"

namespace mxray::smtp {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// Greeting, EHLO and STARTTLS: true when the server is ready for the handshake.
asio::awaitable<bool> reach_starttls(Connection& conn, const ProbeSettings& s, const Budget& step, std::string& why,
                                     std::string& refusal) {
  const auto banner = co_await conn.read_reply(step(s.limits.banner_timeout));
  if (banner.step.ok && banner.reply.code >= 400 && banner.reply.code < 500) {
    refusal = std::to_string(banner.reply.code) + " " + banner.reply.safe_text();
    why = "untested: greeting " + refusal;
    co_return false;
  }
  if (!banner.step.ok || banner.reply.code != 220) {
    why = "untested: no greeting";
    co_return false;
  }
  const auto ehlo = co_await conn.command("EHLO " + s.ehlo_name, step(s.limits.command_timeout));
  if (!ehlo.step.ok || ehlo.reply.code != 250) {
    why = "untested: EHLO failed";
    co_return false;
  }
  const auto starttls = co_await conn.command("STARTTLS", step(s.limits.command_timeout));
  if (!starttls.step.ok || starttls.reply.code != 220) {
    why = "untested: STARTTLS not offered or refused";
    co_return false;
  }
  co_return true;
}

// One session up to the handshake with only `context`'s versions offered. Returns the
// version negotiated, or empty with `why` set ("refused", "failed: ...", "untested: ...").
asio::awaitable<std::string> try_legacy(const ProbeSettings& s, asio::ssl::context& context, TlsStart start,
                                        const std::string& host, asio::ip::tcp::endpoint to, Clock::time_point deadline,
                                        std::string& why, std::string& refusal, core::StepLog log) {
  const Budget step(deadline);
  Connection conn(co_await asio::this_coro::executor, s.limits, s.limiter);
  conn.set_step_log(std::move(log));
  const auto c = co_await conn.connect(to, step(s.limits.connect_timeout), deadline);
  if (!c.ok) {
    why = "untested: " + c.error;
    co_return std::string{};
  }
  if (start == TlsStart::starttls) {
    const bool ready = co_await reach_starttls(conn, s, step, why, refusal);
    if (!ready) co_return std::string{};
  }
  const auto handshake = co_await conn.start_tls(context, host, step(s.limits.tls_timeout));
  if (!handshake.ok) {
    // A handshake the server declines (protocol_version alert, no shared cipher) is a
    // refusal; a timeout or a reset says nothing about what it accepts.
    why = handshake.error_kind == "handshake" ? "refused" : "failed: " + handshake.error;
    co_return std::string{};
  }
  std::string version = SSL_get_version(conn.ssl());
  // Inside implicit TLS the greeting comes first; QUIT at once is fine either way.
  co_await conn.send("QUIT", step(core::Millis{1'000}));
  co_return version;
}

}  // namespace

asio::awaitable<void> scan_legacy_tls(const ProbeSettings& s, tls::ClientContext& tls, TlsStart start,
                                      const std::string& host, asio::ip::tcp::endpoint to, Clock::time_point deadline,
                                      std::map<std::string, std::string>& out, std::string& refusal,
                                      core::StepLog log) {
  std::string why;
  const auto version = co_await try_legacy(s, tls.legacy_only(), start, host, to, deadline, why, refusal, log);
  if (version == "TLSv1") {
    out["TLSv1"] = "accepted";
    out["TLSv1.1"] = "refused";  // the server would have picked 1.1 if it had it
  } else if (version == "TLSv1.1") {
    out["TLSv1.1"] = "accepted";
    std::string why10;
    const auto v10 = co_await try_legacy(s, *tls.only(TLS1_VERSION), start, host, to, deadline, why10, refusal,
                                         log.as("legacy_tls1.0"));
    out["TLSv1"] = v10.empty() ? why10 : "accepted";
  } else {
    out["TLSv1"] = why;
    out["TLSv1.1"] = why;
  }
}

}  // namespace mxray::smtp
