// See check.hpp.
#include "mxray/pipeline/check.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <ctime>

#include "mxray/checks/rules.hpp"
#include "mxray/core/clock.hpp"
#include "mxray/core/join.hpp"
#include "mxray/core/printable.hpp"
#include "mxray/core/step_log.hpp"
#include "mxray/core/text.hpp"
#include "mxray/dns/dnsbl.hpp"
#include "mxray/dns/domain_name.hpp"
#include "mxray/dns/submission_hosts.hpp"
#include "mxray/pipeline/session_plan.hpp"
#include "mxray/pipeline/target.hpp"
#include "mxray/policy/mta_sts_consequence.hpp"
#include "mxray/policy/mta_sts_policy.hpp"
#include "mxray/policy/policy_fetch.hpp"
#include "mxray/policy/tls_rpt.hpp"
#include "mxray/smtp/submission_probe.hpp"
#include "mxray/tls/next_certificate.hpp"

namespace mxray::pipeline {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// A probe fails only itself: a bug surfacing as an exception is recorded, not spread.
asio::awaitable<void> guarded_probe(const smtp::ProbeSettings& settings, tls::ClientContext& tls,
                                    const report::MxEvidence& mx, report::AddressEvidence& address,
                                    smtp::StepObserver on_step, std::vector<std::string> other_names) {
  try {
    co_await smtp::probe_address(settings, tls, mx, address, std::move(on_step), std::move(other_names));
  } catch (const std::exception& e) {
    address.aborted = std::string("internal error: ") + e.what();
    address.aborted_kind = "internal";
  }
}

// One stage of the domain's own work, timed into its timeline.
asio::awaitable<void> timed(core::StepLog log, std::string step, asio::awaitable<void> work) {
  const auto from = Clock::now();
  co_await std::move(work);
  log.add(std::move(step), from, Clock::now());
}

// The server said it is busy (RFC 5321 4.2.3 421: too many connections, try later).
bool server_busy(const report::AddressEvidence& a) {
  if (a.banner.code == 421) return true;
  const auto lower = core::ascii_lower(a.banner.text + ' ' + a.concurrent_refusal);
  return lower.find("too many connections") != std::string::npos;
}

// A session of a scan: made once per key and shared by every domain that needs it. After a
// 421 the address gets a pause (no new connection to it from this process) and one more try.
asio::awaitable<void> shared_probe(ProbeCache& cache, smtp::SessionLimiter& limiter, std::chrono::milliseconds backoff,
                                   const smtp::ProbeSettings& settings, tls::ClientContext& tls,
                                   const report::MxEvidence& mx, report::AddressEvidence& address,
                                   std::vector<std::string> names, std::string key, SharedProbeNote& note) {
  note.ip = address.ip;
  note.port = settings.port;
  auto claim = cache.claim(key, co_await asio::this_coro::executor);
  if (!claim.owner) {
    co_await cache.wait(key, claim.probe);
    address = reuse_for(*claim.probe, mx, names, address);
    note.reused = true;
    note.probed_as = claim.probe->host;
    note.probed_for = claim.probe->domain;
    note.taken_at_epoch = claim.probe->taken_at_epoch;
    co_return;
  }
  const auto before = address;  // what DNS gave, for a second try
  note.taken_at_epoch = static_cast<long long>(std::time(nullptr));
  co_await guarded_probe(settings, tls, mx, address, {}, names);
  const auto retry_by = Clock::now() + backoff + settings.limits.probe_timeout;
  if (server_busy(address) && backoff.count() > 0 && retry_by < settings.check_deadline) {
    limiter.back_off(address.ip, Clock::now() + backoff);
    asio::steady_timer pause(co_await asio::this_coro::executor);
    pause.expires_after(backoff);
    co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
    auto again = before;
    note.taken_at_epoch = static_cast<long long>(std::time(nullptr));
    co_await guarded_probe(settings, tls, mx, again, {}, names);
    again.reverse_dns = std::move(address.reverse_dns);  // written beside the probe, keep it
    again.dnsbl = std::move(address.dnsbl);
    for (auto& step : address.timeline) {
      if (step.session == "reverse_dns") again.timeline.push_back(std::move(step));
    }
    address = std::move(again);
    note.retried_busy = true;
  }
  claim.probe->evidence = address;
  claim.probe->host = mx.host;
  claim.probe->domain = settings.domain;
  claim.probe->taken_at_epoch = note.taken_at_epoch;
  note.probed_as = mx.host;
  note.probed_for = settings.domain;
  cache.finish(key, claim.probe);
}

// The MTA-STS policy fetch beside the probes (DESIGN.md data flow); it fails only itself.
asio::awaitable<void> guarded_fetch(dns::Resolver& resolver, X509_STORE* store, policy::FetchSettings settings,
                                    std::string domain, report::MtaStsEvidence& sts) {
  try {
    const auto body = co_await policy::fetch_policy(resolver, store, settings, domain, sts.fetch);
    if (sts.fetch.ok) sts.policy = policy::parse_policy(body, settings.limits.max_policy_lines);
  } catch (const std::exception& e) {
    sts.fetch.error = std::string("internal error: ") + e.what();
    sts.fetch.error_kind = "internal";
  }
}

// The submission services (--submission): found in DNS, then every address probed at once.
// Guessed candidates that nobody answers on are dropped (listed in `tried`).
asio::awaitable<void> submission_stage(dns::Resolver& resolver, smtp::ProbeSettings settings, tls::ClientContext& tls,
                                       dns::FamilyFilter families, report::DomainEvidence& ev) {
  auto& sub = ev.submission;
  try {
    co_await dns::resolve_submission(resolver, ev, settings.limits, families);
    for (auto& service : sub.services) service.dane.applies = checks::submission_dane_applies(sub, service);
    std::vector<asio::awaitable<void>> probes;
    for (auto& service : sub.services) {
      for (auto& a : service.addresses) {
        probes.push_back(smtp::probe_submission(settings, tls, service, a));
      }
    }
    co_await core::join_all(std::move(probes));
  } catch (const std::exception& e) {
    for (auto& service : sub.services) {
      for (auto& a : service.addresses) {
        if (a.aborted.empty()) {
          a.aborted = std::string("internal error: ") + e.what();
          a.aborted_kind = "internal";
        }
      }
    }
  }
  if (sub.source != "guess") co_return;
  std::vector<report::SubmissionService> kept;
  for (auto& service : sub.services) {
    sub.tried.push_back(service.host + ":" + std::to_string(service.port));
    const bool answered =
        std::any_of(service.addresses.begin(), service.addresses.end(), [](const auto& a) { return a.connect.ok; });
    if (answered) kept.push_back(std::move(service));
  }
  sub.services = std::move(kept);
}

// An address given as "[ip]": one MX of that name with that one address, nothing looked up.
std::string address_target(const Target& target, dns::FamilyFilter families, report::DomainEvidence& ev) {
  report::AddressEvidence address;
  address.ip = target.ip;
  address.family = target.ip.find(':') == std::string::npos ? "ipv4" : "ipv6";
  if ((address.family == "ipv4" && !families.ipv4) || (address.family == "ipv6" && !families.ipv6)) {
    return "the address " + target.name + " is " + (families.ipv4 ? "IPv6, but -4" : "IPv4, but -6") + " was given";
  }
  report::MxEvidence mx;
  mx.host = target.name;
  mx.direct = "address";
  mx.addresses.push_back(std::move(address));
  ev.mx.push_back(std::move(mx));
  return {};
}

// The settings of a submission session: the check's, without the port-25-only steps.
smtp::ProbeSettings tls_only_submission(smtp::ProbeSettings s) {
  s.probe_commands = false;
  return s;
}

}  // namespace

Checker::Checker(asio::any_io_executor executor, CheckOptions options) : options_(std::move(options)) {
  options_.resolver.timeout = options_.probe.limits.dns_timeout;
  resolver_ = std::make_unique<dns::Resolver>(executor, options_.resolver);
  limiter_ = std::make_unique<smtp::SessionLimiter>(options_.sessions_per_address);
  limiter_->set_rate(options_.connections_per_second);
  tls_ = std::make_unique<tls::ClientContext>(options_.ca_file);
}

Checker::~Checker() = default;

asio::awaitable<CheckResult> Checker::check(std::string input, ProgressObserver progress, bool submission_too) {
  const auto started = Clock::now();
  const bool submission = options_.submission || submission_too;
  CheckResult result;
  auto& ev = result.evidence;
  const core::StepLog timeline(&ev.timeline, started, "domain");
  ev.input = input;
  ev.checked_at_epoch = static_cast<long long>(std::time(nullptr));
  ev.checked_at = core::iso8601(ev.checked_at_epoch);
  ev.allow_private = options_.probe.allow_private;
  ev.port = options_.probe.port;
  // Where mxray looks from (shown in reports: problems at this end are not the server's).
  ev.vantage.ehlo_name = core::printable(options_.probe.ehlo_name);
  ev.vantage.resolvers = {resolver_->description()};
  ev.vantage.trust_anchor = options_.resolver.trust_anchor_file.empty() ? "/usr/share/dns/root.key (default)"
                                                                        : options_.resolver.trust_anchor_file;

  const auto target = parse_target(input, options_.direct_host);
  if (!target.ok()) {
    result.error = target.error;
    co_return result;
  }
  ev.domain = target.name;
  ev.target.kind = target.kind;
  auto settings = options_.probe;
  if (target.kind == "domain") {
    result.error =
        co_await dns::resolve_mail_hosts(*resolver_, ev, options_.probe.limits, options_.families, timeline.as("dns"));
  } else {
    // A host or an address probed directly (before DNS is changed): no MX lookup, and the
    // checks that need a domain's own records are not made.
    ev.target.mx_lookup = false;
    ev.target.skipped = {"mta_sts", "tls_rpt"};
    if (submission) ev.target.skipped.push_back("submission");
    if (target.kind == "host") {
      co_await timed(timeline.as("dns"), "A+AAAA+TLSA",
                     dns::resolve_direct_host(*resolver_, ev, options_.probe.limits, options_.families));
    } else {
      result.error = address_target(target, options_.families, ev);
      if (target.port != 0) settings.port = target.port;
    }
  }
  if (!result.error.empty()) co_return result;
  ev.port = settings.port;
  // Senders verify the handshake against TLSA records only where DANE applies: the judge's
  // rule, applied once here so the probe verifies exactly what senders would.
  for (auto& mx : ev.mx) mx.dane.applies = checks::dane_applies(mx);
  // The certificate about to be deployed needs only what DNS published: read it before any
  // session, so that an unreadable file stops the check at once.
  if (!options_.next_certificate_file.empty()) {
    ev.next_certificate = tls::read_next_certificate(options_.next_certificate_file, ev.mx, settings.limits);
    if (!ev.next_certificate.error.empty()) {
      result.error = "--next-cert: " + ev.next_certificate.error;
      co_return result;
    }
  }

  settings.now_epoch = ev.checked_at_epoch;
  settings.domain = ev.domain;
  settings.check_deadline = started + settings.limits.check_timeout;
  settings.check_started = started;
  settings.limiter = limiter_.get();
  auto tls_only = settings;
  tls_only.test_relay = false;
  tls_only.probe_commands = false;
  tls_only.scan_legacy_tls = false;
  if (progress) progress(ProgressEvent{ProgressEvent::Kind::mx, &ev, 0, 0, {}});
  std::vector<asio::awaitable<void>> probes;
  if (!ev.null_mx && ev.target.mx_lookup) {
    policy::evaluate_sts_txt(ev.mta_sts.txt.records, ev.mta_sts);
    policy::evaluate_tls_rpt(ev.tls_rpt.txt.records, ev.tls_rpt);
    if (options_.fetch_mta_sts) {
      policy::FetchSettings fetch{settings.limits, options_.mta_sts_port, settings.allow_private,
                                  settings.deny_prefixes, ev.checked_at_epoch};
      probes.push_back(timed(timeline.as("mta_sts"), "policy_fetch",
                             guarded_fetch(*resolver_, tls_->trust_store(), fetch, ev.domain, ev.mta_sts)));
    }
  }
  // One session per distinct address (several MX names may point to one server, or a
  // visitor may aim twenty names at a victim): the evidence is then shared by every MX name
  // there and its certificate matched against each name. A name with its own DANE records
  // needs its own handshake, so it gets a TLS-only session (no relay test, no VRFY/EXPN).
  auto plan = plan_sessions(ev);
  if (cache_ != nullptr) result.shared.resize(plan.size());
  for (std::size_t p = 0; p < plan.size(); ++p) {
    auto& session = plan[p];
    auto& mx = ev.mx[session.mx];
    smtp::StepObserver on_step;
    if (progress) {
      on_step = [&ev, &progress, m = session.mx, a = session.address](std::string_view step) {
        progress(ProgressEvent{ProgressEvent::Kind::address, &ev, m, a, step});
      };
    }
    auto& s = session.tls_only ? tls_only : settings;
    if (cache_ != nullptr) {
      auto& address = mx.addresses[session.address];
      auto key = ProbeCache::key_of(address.ip, s.port, session.tls_only, dane_signature(mx));
      probes.push_back(shared_probe(*cache_, *limiter_, options_.busy_backoff, s, *tls_, mx, address,
                                    session.other_names, std::move(key), result.shared[p]));
      continue;
    }
    probes.push_back(
        guarded_probe(s, *tls_, mx, mx.addresses[session.address], std::move(on_step), session.other_names));
  }
  if (submission && ev.target.mx_lookup) {
    probes.push_back(timed(timeline.as("submission"), "discovery_and_probes",
                           submission_stage(*resolver_, tls_only_submission(settings), *tls_, options_.families, ev)));
  }
  // Reverse DNS and blocklists beside the probes: none of them needs it.
  probes.push_back(dns::resolve_reverse_dns(*resolver_, ev, started));
  if (!options_.blocklists.empty()) {
    ev.dnsbl = dns::plan_blocklists(options_.blocklists, options_.resolver.forwarders);
    probes.push_back(timed(timeline.as("dnsbl"), "lookups", dns::lookup_blocklists(*resolver_, ev, settings.limits)));
  }
  co_await core::join_all(std::move(probes));
  share_evidence(ev, plan);
  if (progress) {
    for (const auto& session : plan) {
      for (const auto& [m, a] : session.copies)
        progress(ProgressEvent{ProgressEvent::Kind::address, &ev, m, a, "done"});
    }
  }
  if (ev.target.mx_lookup) policy::evaluate_mx(ev);
  ev.deadline_hit = Clock::now() >= settings.check_deadline;
  ev.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  co_return result;
}

CheckResult check_domain(const std::string& input, const CheckOptions& options) {
  asio::io_context io;
  Checker checker(io.get_executor(), options);
  CheckResult result;
  std::exception_ptr failure;
  asio::co_spawn(io, checker.check(input), [&](std::exception_ptr e, CheckResult r) {
    failure = e;
    result = std::move(r);
  });
  io.run();
  if (failure) std::rethrow_exception(failure);
  return result;
}

}  // namespace mxray::pipeline
