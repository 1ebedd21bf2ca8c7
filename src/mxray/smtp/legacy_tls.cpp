// See legacy_tls.hpp.
#include "mxray/smtp/legacy_tls.hpp"

#include <openssl/ssl.h>

#include <boost/asio/this_coro.hpp>

#include "mxray/core/join.hpp"
#include "mxray/smtp/connection.hpp"

namespace mxray::smtp {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// One session up to the handshake with only `version` offered; the outcome as a word.
asio::awaitable<void> try_version(const ProbeSettings& s, asio::ssl::context& only, const std::string& mx_host,
                                  asio::ip::tcp::endpoint to, Clock::time_point deadline, std::string& out) {
  const auto step = [&](core::Millis limit) {
    const auto left = std::chrono::ceil<core::Millis>(deadline - Clock::now());
    return std::max(core::Millis{1}, std::min(limit, left));
  };
  Connection conn(co_await asio::this_coro::executor, s.limits, s.limiter);
  const auto c = co_await conn.connect(to, step(s.limits.connect_timeout), deadline);
  if (!c.ok) {
    out = "untested: " + c.error;
    co_return;
  }
  const auto banner = co_await conn.read_reply(step(s.limits.banner_timeout));
  if (!banner.step.ok || banner.reply.code != 220) {
    out = "untested: no greeting";
    co_return;
  }
  const auto ehlo = co_await conn.command("EHLO " + s.ehlo_name, step(s.limits.command_timeout));
  if (!ehlo.step.ok || ehlo.reply.code != 250) {
    out = "untested: EHLO failed";
    co_return;
  }
  const auto starttls = co_await conn.command("STARTTLS", step(s.limits.command_timeout));
  if (!starttls.step.ok || starttls.reply.code != 220) {
    out = "untested: STARTTLS refused";
    co_return;
  }
  const auto handshake = co_await conn.start_tls(only, mx_host, step(s.limits.tls_timeout));
  out = handshake.ok ? "accepted" : "refused";
  if (handshake.ok) co_await conn.send("QUIT", step(core::Millis{2'000}));
}

}  // namespace

asio::awaitable<void> scan_legacy_tls(const ProbeSettings& s, tls::ClientContext& tls, const std::string& mx_host,
                                      asio::ip::tcp::endpoint to, Clock::time_point deadline,
                                      report::AddressEvidence& ev) {
  std::string tls10, tls11;
  std::vector<asio::awaitable<void>> tries;
  tries.push_back(try_version(s, *tls.only(TLS1_VERSION), mx_host, to, deadline, tls10));
  tries.push_back(try_version(s, *tls.only(TLS1_1_VERSION), mx_host, to, deadline, tls11));
  co_await core::join_all(std::move(tries));
  ev.starttls.legacy_versions["TLSv1"] = tls10;
  ev.starttls.legacy_versions["TLSv1.1"] = tls11;
}

}  // namespace mxray::smtp
