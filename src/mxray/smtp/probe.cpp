// The per-address SMTP session; see probe.hpp. Each step takes the smaller of its own
// timeout and what is left of the probe's and the check's deadlines.
#include "mxray/smtp/probe.hpp"

#include <openssl/evp.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "mxray/core/address_policy.hpp"
#include "mxray/core/join.hpp"
#include "mxray/core/printable.hpp"
#include "mxray/smtp/budget.hpp"
#include "mxray/smtp/connection.hpp"
#include "mxray/smtp/extensions.hpp"
#include "mxray/smtp/legacy_tls.hpp"
#include "mxray/smtp/relay_attempt.hpp"
#include "mxray/smtp/retry.hpp"
#include "mxray/tls/certificate.hpp"
#include "mxray/tls/dane.hpp"

namespace mxray::smtp {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr core::Millis kQuitGrace{20};

// RFC 2920: pipeline only where the server advertised PIPELINING, and not once its replies
// have been out of turn (a sign the two ends are not in step).
bool can_pipeline(const Connection& conn, const report::EhloEvidence& ehlo) {
  return ehlo.command == "EHLO" && ehlo.extensions.count("PIPELINING") != 0 && conn.out_of_turn().empty();
}

// A group's deadline: one command's, plus a little for each further reply.
core::Millis group_timeout(const ProbeSettings& s, std::size_t commands) {
  return s.limits.command_timeout + core::Millis{500} * static_cast<long>(commands > 0 ? commands - 1 : 0);
}

void record(report::CommandProbe& out, const std::string& command, const ReplyOutcome& r) {
  out.sent = true;
  out.command = command;
  if (!r.step.ok) {
    out.text = r.step.error;
    return;
  }
  out.code = r.reply.code;
  out.text = r.reply.safe_text();
}

bool is_bound(const std::string& kind) {
  return kind == "line_too_long" || kind == "too_many_lines" || kind == "too_large";
}

void note_failure(report::AddressEvidence& ev, const Budget& budget, const std::string& step, const StepOutcome& out) {
  if (is_bound(out.error_kind)) ev.bounds_hit.push_back(step + ": " + out.error);
  if (out.error_kind == "timeout" && budget.exhausted()) ev.bounds_hit.push_back(step + ": probe time limit reached");
  if (ev.aborted.empty()) {
    ev.aborted = step + ": " + out.error;
    ev.aborted_kind = out.error_kind;
  }
}

std::string key_exchange(SSL* ssl) {
  EVP_PKEY* key = nullptr;
  if (SSL_get_peer_tmp_key(ssl, &key) != 1 || key == nullptr) return {};
  std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)> owned(key, EVP_PKEY_free);
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_X25519: return "X25519";
    case EVP_PKEY_X448: return "X448";
    case EVP_PKEY_DH: return "DH " + std::to_string(EVP_PKEY_get_bits(key));
    case EVP_PKEY_EC: {
      char group[64] = {};
      if (EVP_PKEY_get_group_name(key, group, sizeof group, nullptr) == 1) return group;
      return "EC";
    }
    default: return "other";
  }
}

// EHLO, or HELO when EHLO is refused with a permanent error (RFC 5321 4.1.4).
asio::awaitable<bool> greet(Connection& conn, const ProbeSettings& s, const Budget& budget, report::AddressEvidence& ev,
                            report::EhloEvidence& out, const std::string& step) {
  out.sent = true;
  out.command = "EHLO";
  auto r = co_await conn.command("EHLO " + s.ehlo_name, budget(s.limits.command_timeout));
  out.ms = r.step.ms;
  if (r.step.ok && r.reply.code >= 500) {
    out.ehlo_refused = true;
    out.command = "HELO";
    r = co_await conn.command("HELO " + s.ehlo_name, budget(s.limits.command_timeout));
    out.ms += r.step.ms;
  }
  if (!r.step.ok) {
    out.error = r.step.error;
    note_failure(ev, budget, step, r.step);
    co_return false;
  }
  out.code = r.reply.code;
  out.text = r.reply.safe_text();
  if (r.reply.code != 250) co_return false;
  if (out.command == "EHLO") {
    for (const auto& [k, v] : parse_extensions(r.reply).keywords)
      out.extensions[core::printable(k)] = core::printable(v);
  }
  co_return true;
}

std::vector<RelayVariant> variants_for(const ProbeSettings& s, const std::string& ip) {
  return relay_variants(s.relay_all, s.relay_from, s.relay_to, s.domain, ip);
}

// Sends one command and records its reply; false when the session broke.
asio::awaitable<bool> ask(Connection& conn, const ProbeSettings& s, const Budget& budget, report::AddressEvidence& ev,
                          const std::string& command, report::CommandProbe& out) {
  out.sent = true;
  out.command = command;
  const auto r = co_await conn.command(command, budget(s.limits.command_timeout));
  if (!r.step.ok) {
    out.text = r.step.error;
    note_failure(ev, budget, command, r.step);
    co_return false;
  }
  out.code = r.reply.code;
  out.text = r.reply.safe_text();
  co_return true;
}

// Whether the server takes MAIL FROM before STARTTLS (RFC 3207 4: a publicly referenced MX
// must not require TLS, so this is information, not a fault).
asio::awaitable<bool> probe_mail_before_tls(Connection& conn, const ProbeSettings& s, const Budget& budget,
                                            report::AddressEvidence& ev) {
  bool ok = co_await ask(conn, s, budget, ev, "MAIL FROM:<" + s.relay_from + ">", ev.mail_before_tls);
  if (ok && ev.mail_before_tls.code >= 200 && ev.mail_before_tls.code < 300) {
    report::CommandProbe rset;
    ok = co_await ask(conn, s, budget, ev, "RSET", rset);
  }
  // 421: the server is closing the session (RFC 5321 3.8); nothing more may be asked.
  co_return ok&& ev.mail_before_tls.code != 421;
}

// User enumeration: VRFY and EXPN (RFC 5321 3.5). Asked last, so that a server that drops
// the session for it costs no other evidence.
asio::awaitable<void> probe_enumeration(Connection& conn, const ProbeSettings& s, const Budget& budget,
                                        report::AddressEvidence& ev) {
  const bool ok = co_await ask(conn, s, budget, ev, "VRFY postmaster", ev.vrfy);
  if (ok) co_await ask(conn, s, budget, ev, "EXPN postmaster", ev.expn);
}

asio::awaitable<void> say_goodbye(Connection& conn, const ProbeSettings& s, const Budget& budget,
                                  report::AddressEvidence& ev) {
  if (budget.exhausted()) co_return;
  // Everything is known by now: QUIT is sent, and its 221 waited for only briefly, so a far
  // server costs no extra round trip (a near one still gets a clean goodbye).
  const auto from = Clock::now();
  const auto sent = co_await conn.send("QUIT", budget(std::min(s.limits.command_timeout, core::Millis{5'000})));
  ev.quit_sent = sent.ok;
  if (sent.ok) co_await conn.read_reply(budget(kQuitGrace));
  conn.note_step("QUIT", from, sent.ok);
}

// The relay test on a new plain-text session, used when the TLS session could not carry it.
asio::awaitable<void> relay_over_new_session(const ProbeSettings& s, const Budget& budget,
                                             const asio::ip::tcp::endpoint& to, report::AddressEvidence& ev) {
  Connection conn(co_await asio::this_coro::executor, s.limits, s.limiter);
  conn.set_step_log(core::StepLog(&ev.timeline, s.check_started, "relay"));
  const auto c = co_await conn.connect(to, budget(s.limits.connect_timeout), budget.deadline());
  if (!c.ok) {
    ev.relay.skipped_reason = "second connection for the relay test failed: " + c.error;
    co_return;
  }
  ev.relay.source = conn.local_address();
  const auto banner = co_await conn.read_reply(budget(s.limits.banner_timeout));
  if (!banner.step.ok || banner.reply.code != 220) {
    ev.relay.skipped_reason = "second connection for the relay test was not greeted";
    co_return;
  }
  report::EhloEvidence scratch;
  // GCC 12 miscompiles co_await inside a condition: await first, then test.
  const bool greeted = co_await greet(conn, s, budget, ev, scratch, "relay session EHLO");
  if (!greeted) {
    ev.relay.skipped_reason = "second connection for the relay test: EHLO failed";
    co_return;
  }
  co_await attempt_relay(
      conn, variants_for(s, ev.ip), [&] { return budget(s.limits.command_timeout); }, ev.relay);
  co_await say_goodbye(conn, s, budget, ev);
}

// The main session: connect, greeting, EHLO, STARTTLS, EHLO, relay attempts, VRFY/EXPN, QUIT.
asio::awaitable<void> main_session(const ProbeSettings& s, tls::ClientContext& tls, const report::MxEvidence& mx,
                                   report::AddressEvidence& ev, const asio::ip::tcp::endpoint endpoint,
                                   const std::function<void(std::string_view)>& step_done,
                                   const std::vector<std::string>& other_names, const Clock::time_point deadline,
                                   asio::steady_timer* connected) {
  const auto& mx_host = mx.host;
  const Budget budget(deadline);
  Connection conn(co_await asio::this_coro::executor, s.limits, s.limiter);
  conn.set_step_log(core::StepLog(&ev.timeline, s.check_started, "main"));
  // Every way out of the session keeps what the connection saw out of turn, and its reply times.
  auto finish = [&] {
    ev.out_of_turn = conn.out_of_turn();
    ev.reply_times.clear();
    for (const auto& t : conn.reply_times()) ev.reply_times.push_back(report::ReplyTiming{t.command, t.ms});
  };

  // Connect (after waiting for a session slot to this address, if others hold them).
  ev.connect.attempted = true;
  const auto c = co_await conn.connect(endpoint, budget(s.limits.connect_timeout), budget.deadline());
  ev.connect.queued_ms = conn.queued_ms();
  ev.connect.ok = c.ok;
  ev.connect.ms = c.ms;
  ev.connect.error = c.error;
  ev.connect.error_kind = c.error_kind;
  if (c.ok) ev.connect.source = conn.local_address();
  // The TLS 1.0/1.1 session waits for this one's connection, so that a server allowing one
  // session per client address greets this one and refuses the other.
  if (connected != nullptr) connected->cancel();
  step_done("connect");
  if (!c.ok) {
    finish();
    co_return;
  }

  // Banner (RFC 5321 3.1): the server speaks first.
  const auto banner = co_await conn.read_reply(budget(s.limits.banner_timeout));
  ev.banner.ms = banner.step.ms;
  if (!banner.step.ok) {
    ev.banner.error = banner.step.error_kind;
    ev.banner.text = banner.step.error;
    note_failure(ev, budget, "banner", banner.step);
    step_done("banner");
    finish();
    co_return;
  }
  conn.note_out_of_turn("greeting");
  ev.banner.received = true;
  ev.banner.code = banner.reply.code;
  ev.banner.text = banner.reply.safe_text();
  ev.banner.lines = static_cast<int>(banner.reply.lines.size());
  ev.banner.first_line_ms = banner.first_line_ms;
  step_done("banner");
  if (banner.reply.code != 220) {
    co_await say_goodbye(conn, s, budget, ev);
    finish();
    co_return;
  }

  // EHLO.
  const bool greeted = co_await greet(conn, s, budget, ev, ev.ehlo, "EHLO");
  step_done("ehlo");
  if (!greeted) {
    if (ev.ehlo.error.empty()) co_await say_goodbye(conn, s, budget, ev);
    finish();
    co_return;
  }

  ev.starttls.offered = ev.ehlo.extensions.count("STARTTLS") != 0;
  ReplyOutcome r;
  bool starttls_sent = false;
  if (ev.starttls.offered && s.probe_commands && can_pipeline(conn, ev.ehlo)) {
    starttls_sent = true;
    // One round trip: MAIL FROM (is TLS required?), RSET, STARTTLS (RFC 2920: it ends the group).
    ev.mail_before_tls.sent = true;
    ev.mail_before_tls.command = "MAIL FROM:<" + s.relay_from + ">";
    // A named vector: GCC 12 miscompiles a braced list inside a co_await expression.
    std::vector<std::string> group;
    group.push_back(ev.mail_before_tls.command);
    group.push_back("RSET");
    group.push_back("STARTTLS");
    const auto replies = co_await conn.exchange(group, budget(group_timeout(s, 3)));
    if (!replies.empty() && replies[0].step.ok) {
      ev.mail_before_tls.code = replies[0].reply.code;
      ev.mail_before_tls.text = replies[0].reply.safe_text();
    }
    if (replies.size() < 3 || !replies.back().step.ok) {
      const auto& failed = replies.back();
      if (replies.size() == 1) ev.mail_before_tls.text = failed.step.error;
      note_failure(ev, budget, replies.size() < 3 ? "MAIL FROM before STARTTLS" : "STARTTLS", failed.step);
      finish();
      co_return;
    }
    r = replies.back();
  } else if (s.probe_commands && ev.starttls.offered) {
    const bool still_open = co_await probe_mail_before_tls(conn, s, budget, ev);
    if (!still_open) {
      finish();
      co_return;
    }
  }

  // STARTTLS (RFC 3207) and the handshake.
  bool session_usable = true;
  if (ev.starttls.offered) {
    ev.starttls.attempted = true;
    if (!starttls_sent) r = co_await conn.command("STARTTLS", budget(s.limits.command_timeout));
    ev.starttls.ms = r.step.ms;
    if (!r.step.ok) {
      ev.starttls.error = r.step.error;
      note_failure(ev, budget, "STARTTLS", r.step);
      session_usable = false;
    } else {
      ev.starttls.code = r.reply.code;
      ev.starttls.reply_text = r.reply.safe_text();
      if (r.reply.code != 220) {
        ev.starttls.error = "STARTTLS refused: " + std::to_string(r.reply.code) + " " + ev.starttls.reply_text;
      } else {
        // Anything already sent after "220 Ready" was injected before encryption (CVE-2011-0411).
        ev.starttls.bytes_before_handshake = conn.unread_bytes();
        // DANE (RFC 7672) is verified on this same handshake, only when the TLSA records apply.
        std::function<std::string(SSL*)> prepare;
        if (mx.dane.applies) prepare = [&mx](SSL* ssl) { return tls::enable_dane(ssl, mx.dane, mx.host); };
        const auto h = co_await conn.start_tls(tls.ssl(), mx_host, budget(s.limits.tls_timeout), prepare);
        ev.starttls.ms += h.ms;
        if (!h.ok) {
          ev.starttls.error = h.error;
          if (h.error_kind == "timeout") note_failure(ev, budget, "TLS handshake", h);
          session_usable = false;
        } else {
          ev.starttls.ok = true;
          SSL* ssl = conn.ssl();
          ev.starttls.version = SSL_get_version(ssl);
          ev.starttls.cipher = SSL_CIPHER_get_name(SSL_get_current_cipher(ssl));
          ev.starttls.key_exchange = key_exchange(ssl);
          ev.certificate = tls::inspect_chain(ssl, tls.trust_store(), {mx.host, mx.cname_target}, s.now_epoch, s.limits,
                                              other_names);
          if (!ev.certificate.truncation.empty()) ev.bounds_hit.push_back("certificate: " + ev.certificate.truncation);
          if (mx.dane.applies) ev.dane = tls::dane_result(ssl, mx.dane);
          step_done("starttls");
          step_done("certificate");
          session_usable = co_await greet(conn, s, budget, ev, ev.ehlo_tls, "EHLO after STARTTLS");
        }
      }
    }
  }

  if (ev.starttls.attempted && !ev.starttls.ok) step_done("starttls");

  // Relay test: on this session when it is still usable, else on a new plain one.
  bool enumeration_done = false;
  if (s.test_relay) {
    ev.relay.mode = s.relay_all ? "all" : "quick";
    ev.relay.over_tls = ev.starttls.ok && session_usable;
    const auto& extensions = ev.starttls.ok ? ev.ehlo_tls : ev.ehlo;
    if (session_usable && can_pipeline(conn, extensions)) {
      // One round trip for every attempt, with VRFY last (RFC 2920 3.1: VRFY ends a group).
      const auto variants = variants_for(s, ev.ip);
      ReplyOutcome vrfy;
      const std::string last = s.probe_commands ? "VRFY postmaster" : "";
      session_usable = co_await attempt_relay_pipelined(
          conn, variants, budget(group_timeout(s, 3 * variants.size() + 1)), ev.relay, last, vrfy);
      if (!last.empty() && session_usable) {
        record(ev.vrfy, last, vrfy);
        enumeration_done = true;
        report::CommandProbe& expn = ev.expn;
        step_done("relay");
        co_await ask(conn, s, budget, ev, "EXPN postmaster", expn);
      }
    } else if (session_usable) {
      co_await attempt_relay(
          conn, variants_for(s, ev.ip), [&] { return budget(s.limits.command_timeout); }, ev.relay);
    } else if (!budget.exhausted()) {
      conn.close();
      co_await relay_over_new_session(s, budget, endpoint, ev);
    }
  } else {
    ev.relay.skipped_reason = "disabled with --no-relay-test";
  }
  if (!enumeration_done) step_done("relay");
  if (session_usable && s.probe_commands && !enumeration_done) co_await probe_enumeration(conn, s, budget, ev);
  if (session_usable) co_await say_goodbye(conn, s, budget, ev);
  conn.close();
  finish();
}

bool answers_220(const report::AddressEvidence& ev) { return ev.banner.received && ev.banner.code == 220; }

// The TLS 1.0/1.1 session, once the main one is connected. `overlapped`: a refusal came while
// the main session was still open (not merely while the server still counted it after QUIT).
asio::awaitable<void> legacy_after(asio::steady_timer& connected, const ProbeSettings& s, tls::ClientContext& tls,
                                   const std::string& mx_host, const asio::ip::tcp::endpoint endpoint,
                                   const Clock::time_point deadline, report::AddressEvidence& ev, std::string& refusal,
                                   const bool& main_done, bool& overlapped) {
  co_await connected.async_wait(asio::as_tuple(asio::use_awaitable));
  co_await scan_legacy_tls(s, tls, TlsStart::starttls, mx_host, endpoint, deadline, ev.starttls.legacy_versions,
                           refusal, core::StepLog(&ev.timeline, s.check_started, "legacy_tls"));
  overlapped = !refusal.empty() && !main_done;
}

asio::awaitable<void> then_mark(asio::awaitable<void> session, bool& done) {
  co_await std::move(session);
  done = true;
}

// Forgets the first session's evidence before the second (the TLS 1.0/1.1 results stay).
void start_over(report::AddressEvidence& ev) {
  auto legacy = std::move(ev.starttls.legacy_versions);
  ev.connect = {};
  ev.banner = {};
  ev.ehlo = {};
  ev.starttls = {};
  ev.starttls.legacy_versions = std::move(legacy);
  ev.ehlo_tls = {};
  ev.certificate = {};
  ev.vrfy = {};
  ev.expn = {};
  ev.mail_before_tls = {};
  ev.relay = {};
  ev.dane = {};
  ev.quit_sent = false;
  ev.bounds_hit.clear();
  ev.out_of_turn.clear();
  ev.aborted.clear();
  ev.aborted_kind.clear();
  ev.reply_times.clear();
  // The timeline keeps the first session, named as such.
  for (auto& step : ev.timeline) {
    if (step.session == "main") step.session = "first";
  }
}

// One reconnect, as a sender would after postscreen's first-contact 450 or a greylisting
// deferral that says how soon (retry.hpp decides); the second session's evidence replaces the first's.
asio::awaitable<void> retry_once(const ProbeSettings& s, tls::ClientContext& tls, const report::MxEvidence& mx,
                                 report::AddressEvidence& ev, const asio::ip::tcp::endpoint endpoint,
                                 const std::function<void(std::string_view)>& step_done,
                                 const std::vector<std::string>& other_names, const Clock::time_point deadline) {
  if (!answers_220(ev)) co_return;
  const auto left = std::chrono::floor<core::Millis>(deadline - Clock::now());
  // What a second session needs at least: a greeting and a few commands.
  const auto session_budget = std::min(s.limits.probe_timeout, core::Millis{10'000});
  const auto plan = plan_retry(ev, left, session_budget);
  auto& r = ev.retry;
  r.reason = plan.reason;
  r.not_retried = plan.not_retried;
  r.stated_wait_s = plan.stated_wait_s;
  r.deferred_command = plan.deferred_command;
  r.deferred_code = plan.deferred_code;
  r.deferred_text = plan.deferred_text;
  if (!plan.retry) co_return;
  r.first_banner = ev.banner;
  asio::steady_timer pause(co_await asio::this_coro::executor, plan.wait);
  const auto waited = Clock::now();
  co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
  core::StepLog(&ev.timeline, s.check_started, "first").add("retry_wait", waited, Clock::now());
  r.wait_ms = std::chrono::duration<double, std::milli>(Clock::now() - waited).count();
  r.retried = true;
  auto kept = std::move(ev.retry);
  start_over(ev);
  ev.retry = std::move(kept);
  co_await main_session(s, tls, mx, ev, endpoint, step_done, other_names, deadline, nullptr);
}

}  // namespace

asio::awaitable<void> probe_address(const ProbeSettings& settings, tls::ClientContext& tls,
                                    const report::MxEvidence& mx, report::AddressEvidence& ev, StepObserver on_step,
                                    std::vector<std::string> other_names) {
  const auto started = Clock::now();
  // The timeline counts from the start of the check (or of this probe when run on its own).
  ProbeSettings s = settings;
  if (s.check_started == Clock::time_point{}) s.check_started = started;
  const std::function<void(std::string_view)> step_done = [&](std::string_view step) {
    if (on_step) on_step(step);
  };
  auto finish = [&] {
    ev.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    step_done("done");
  };
  boost::system::error_code parse_error;
  const auto ip = asio::ip::make_address(ev.ip, parse_error);
  if (parse_error) {
    ev.aborted = "not an IP address: " + ev.ip;
    finish();
    co_return;
  }
  ev.special_range = core::special_range(ip);
  if (const auto denied = core::denied_by(ip, s.deny_prefixes); !denied.empty()) {
    ev.special_range = "denied by --deny-prefix " + denied;
    ev.allowed = false;
  } else if (!ev.special_range.empty() && !s.allow_private) {
    ev.allowed = false;
  }
  if (!ev.allowed) {
    finish();
    co_return;
  }
  const asio::ip::tcp::endpoint endpoint(ip, s.port);
  const auto deadline = Budget(s).deadline();
  std::string refusal;
  bool main_done = false;
  bool overlapped = false;
  if (s.scan_legacy_tls) {
    // The TLS 1.0/1.1 session runs beside the main one (its greeting wait overlaps), from the
    // moment the main session is connected.
    asio::steady_timer connected(co_await asio::this_coro::executor, deadline);
    std::vector<asio::awaitable<void>> sessions;
    sessions.push_back(
        then_mark(main_session(s, tls, mx, ev, endpoint, step_done, other_names, deadline, &connected), main_done));
    sessions.push_back(
        legacy_after(connected, s, tls, mx.host, endpoint, deadline, ev, refusal, main_done, overlapped));
    co_await core::join_all(std::move(sessions));
  } else {
    co_await main_session(s, tls, mx, ev, endpoint, step_done, other_names, deadline, nullptr);
  }
  co_await retry_once(s, tls, mx, ev, endpoint, step_done, other_names, deadline);
  // A server that allows one session per client address refused the second one: run it again
  // now that the first has ended (the per-address limit that server asks for).
  if (!refusal.empty() && answers_220(ev) && Clock::now() < deadline) {
    if (overlapped) {
      ev.concurrent_refusal = refusal;
      ev.sessions_serialised = true;
    }
    // The server may count the first session for a moment after its QUIT (Exim until its
    // child process is reaped): a short pause, and one more if it still refuses.
    const std::array<core::Millis, 2> pauses = {core::Millis{300}, core::Millis{1'000}};
    for (const auto pause : pauses) {
      if (Clock::now() + pause >= deadline) break;
      asio::steady_timer wait(co_await asio::this_coro::executor, pause);
      co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
      std::string again;
      co_await scan_legacy_tls(s, tls, TlsStart::starttls, mx.host, endpoint, deadline, ev.starttls.legacy_versions,
                               again, core::StepLog(&ev.timeline, s.check_started, "legacy_tls"));
      if (again.empty()) break;
    }
  } else if (overlapped && answers_220(ev)) {
    ev.concurrent_refusal = refusal;
  }
  finish();
}

}  // namespace mxray::smtp
