// The verdict model from saved evidence (tests/fixtures/evidence): every step status, the one
// verdict rule for address, MX and domain, inconclusive domains, evidence-strength cases
// (refused primary, all 421, all timeouts, MTA-STS with unverified MX), weighing by consequence.
#include <gtest/gtest.h>

#include "mxray/checks/judge.hpp"
#include "mxray/checks/status.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::checks {
namespace {

using test::find_finding;
using test::has_finding;
using test::load_evidence;

Status step(const Judgement& j, const std::string& mx, const std::string& ip, const std::string& name) {
  return j.address_steps.at({mx, ip}).at(name);
}

TEST(VerdictRule, CriticalFailsWarningWarnsElseVerifiedDecides) {
  for (const auto verified : {true, false}) {
    EXPECT_EQ(verdict_of(Status::critical, verified), Verdict::fail);
    EXPECT_EQ(verdict_of(Status::warning, verified), Verdict::warn);
  }
  for (const auto s : {Status::not_tested, Status::ok, Status::info, Status::inconclusive}) {
    EXPECT_EQ(verdict_of(s, true), Verdict::pass) << to_string(s);
    EXPECT_EQ(verdict_of(s, false), Verdict::inconclusive) << to_string(s);
  }
  EXPECT_EQ(to_string(Verdict::inconclusive), "inconclusive");
  EXPECT_EQ(to_string(Status::not_tested), "not_tested");
  EXPECT_LT(Status::info, Status::inconclusive);
  EXPECT_LT(Status::inconclusive, Status::warning);
}

TEST(VerdictRule, HoldsForEveryFixtureAndPlace) {
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = load_evidence(name);
    const auto j = judge(ev);
    Status domain = Status::not_tested;
    bool any_verified = ev.null_mx;
    for (const auto& f : j.findings) {
      domain = std::max(domain, f.status);
      EXPECT_EQ(f.status, status_of(f)) << name << " " << f.id;
      EXPECT_EQ(f.step, step_of(f)) << name << " " << f.id;
    }
    for (const auto& [s, st] : j.domain_steps) domain = std::max(domain, st);
    for (const auto& mx : ev.mx) {
      Status mw = Status::not_tested;
      bool mv = false;
      for (const auto& [s, st] : j.mx_steps.at(mx.host)) mw = std::max(mw, st);
      for (const auto& f : j.findings) {
        if (!mx.host.empty() && f.mx == mx.host) mw = std::max(mw, f.status);  // "" is the domain
      }
      for (const auto& a : mx.addresses) {
        Status aw = Status::not_tested;
        for (const auto& [s, st] : j.address_steps.at({mx.host, a.ip})) aw = std::max(aw, st);
        for (const auto& f : j.findings) {
          if (f.mx == mx.host && f.ip == a.ip) aw = std::max(aw, f.status);
        }
        const bool verified = a.banner.received && a.banner.code == 220;
        EXPECT_EQ(j.address_verdicts.at({mx.host, a.ip}), verdict_of(aw, verified)) << name << " " << a.ip;
        mv = mv || verified;
        mw = std::max(mw, aw);
      }
      EXPECT_EQ(j.mx_verdicts.at(mx.host), verdict_of(mw, mv)) << name << " " << mx.host;
      any_verified = any_verified || mv;
      domain = std::max(domain, mw);
    }
    EXPECT_EQ(j.verdict, verdict_of(domain, any_verified)) << name;
  }
}

TEST(VerdictRule, EveryAddressHasEveryStep) {
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = load_evidence(name);
    const auto j = judge(ev);
    for (const auto& mx : ev.mx) {
      EXPECT_EQ(j.mx_steps.at(mx.host).size(), kMxSteps.size()) << name;
      for (const auto& a : mx.addresses)
        EXPECT_EQ(j.address_steps.at({mx.host, a.ip}).size(), kAddressSteps.size()) << name;
    }
    EXPECT_EQ(j.domain_steps.size(), kDomainSteps.size()) << name;
  }
}

TEST(Statuses, GoodServerStepsAreOkOrNotTested) {
  const auto j = judge(load_evidence("good"));
  const std::string mx = "mx1.example.com";
  for (const auto* s : {"connect", "greeting", "ehlo", "starttls", "certificate", "relay"}) {
    EXPECT_EQ(step(j, mx, "193.0.6.139", s), Status::ok) << s;
  }
  EXPECT_EQ(step(j, mx, "193.0.6.139", "dane"), Status::not_tested);
  EXPECT_EQ(step(j, mx, "193.0.6.139", "mta_sts"), Status::not_tested);
  EXPECT_EQ(j.verdict, Verdict::pass);
}

TEST(Statuses, RefusedPrimaryWarnsAndNamesBothReadings) {
  const auto j = judge(load_evidence("deadprimary"));
  EXPECT_EQ(step(j, "mx1.example.com", "193.0.6.139", "connect"), Status::warning);
  EXPECT_EQ(j.address_verdicts.at({"mx1.example.com", "193.0.6.139"}), Verdict::warn);
  EXPECT_EQ(j.mx_verdicts.at("mx1.example.com"), Verdict::warn);
  EXPECT_EQ(j.mx_verdicts.at("mx2.example.com"), Verdict::pass);
  EXPECT_EQ(j.verdict, Verdict::warn);
  const auto* f = find_finding(j, "domain.nolisting");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_NE(f->explanation.find("nolisting"), std::string::npos);
  EXPECT_NE(f->explanation.find("down"), std::string::npos);
  EXPECT_FALSE(has_finding(j, "smtp.unreachable"));
}

TEST(Statuses, EveryGreeting421IsInconclusive) {
  for (const auto* name : {"greeting_421", "all_421"}) {
    const auto j = judge(load_evidence(name));
    EXPECT_EQ(j.verdict, Verdict::inconclusive) << name;
    EXPECT_EQ(step(j, "mx1.example.com", "193.0.6.139", "greeting"), Status::inconclusive) << name;
    EXPECT_EQ(step(j, "mx1.example.com", "193.0.6.139", "starttls"), Status::not_tested) << name;
    EXPECT_EQ(step(j, "mx1.example.com", "193.0.6.139", "relay"), Status::not_tested) << name;
    EXPECT_TRUE(has_finding(j, "domain.nothing_verified")) << name;
    EXPECT_EQ(j.mx_verdicts.at("mx1.example.com"), Verdict::inconclusive) << name;
  }
}

TEST(Statuses, EveryConnectionTimingOutIsNotTestedFromHere) {
  for (const auto* name : {"all_timeout", "unreachable"}) {
    const auto j = judge(load_evidence(name));
    EXPECT_EQ(j.verdict, Verdict::inconclusive) << name;
    EXPECT_TRUE(has_finding(j, "vantage.port25_blocked")) << name;
    EXPECT_TRUE(has_finding(j, "smtp.not_tested_here")) << name;
    EXPECT_FALSE(has_finding(j, "smtp.unreachable")) << name;
    EXPECT_FALSE(has_finding(j, "domain.all_down")) << name;
    EXPECT_EQ(step(j, "mx1.example.com", "193.0.6.139", "connect"), Status::inconclusive) << name;
  }
}

TEST(Statuses, OneTimeoutAmongAnswersIsTheServersProblem) {
  const auto j = judge(load_evidence("primary_down"));
  EXPECT_TRUE(has_finding(j, "smtp.unreachable"));
  EXPECT_FALSE(has_finding(j, "vantage.port25_blocked"));
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(Statuses, NoIpv6RouteIsNotTestedFromHere) {
  const auto j = judge(load_evidence("ipv6_no_route"));
  EXPECT_TRUE(has_finding(j, "vantage.no_ipv6"));
  EXPECT_FALSE(has_finding(j, "smtp.unreachable"));
  EXPECT_EQ(step(j, "mx1.example.com", "2a00:1450::1", "connect"), Status::inconclusive);
  EXPECT_EQ(j.address_verdicts.at({"mx1.example.com", "2a00:1450::1"}), Verdict::inconclusive);
  EXPECT_EQ(j.verdict, Verdict::pass);  // the IPv4 address was verified
}

TEST(Statuses, RelayAnswered4xxIsInconclusiveNotRefused) {
  const auto j = judge(load_evidence("relay_deferred"));
  EXPECT_EQ(step(j, "mx1.example.com", "193.0.6.139", "relay"), Status::inconclusive);
  EXPECT_FALSE(has_finding(j, "relay.closed"));
  EXPECT_TRUE(has_finding(j, "relay.deferred"));
}

TEST(Statuses, RelayOpenForASenderInTheOwnDomain) {
  const auto j = judge(load_evidence("relay_own_domain"));
  const auto* f = find_finding(j, "relay.open");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("postmaster@example.com"), std::string::npos) << f->detail;
  EXPECT_NE(f->explanation.find("DATA"), std::string::npos);
  EXPECT_EQ(step(j, "mx1.example.com", "193.0.6.139", "relay"), Status::critical);
}

TEST(Statuses, NoTlsRptRecordIsNotTestedNotOk) {
  const auto j = judge(load_evidence("good"));
  EXPECT_EQ(j.domain_steps.at("tls_rpt"), Status::not_tested);
}

TEST(MtaSts, UnreachableListedMxIsNotVerifiedAndNoOk) {
  const auto j = judge(load_evidence("sts_enforce_unreachable"));
  EXPECT_FALSE(has_finding(j, "mtasts.ok"));
  const auto* f = find_finding(j, "mtasts.mx_not_verified");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->mx, "c312.dane.test");
  ASSERT_EQ(j.mta_sts_mx.size(), 2u);
  EXPECT_EQ(j.mta_sts_mx[0].consequence, "deliver");
  EXPECT_EQ(j.mta_sts_mx[0].addresses.at(0).outcome, "verified");
  EXPECT_EQ(j.mta_sts_mx[1].consequence, "not_verified");
  EXPECT_EQ(j.mta_sts_mx[1].addresses.at(0).outcome, "not_verified");
  EXPECT_EQ(j.mx_steps.at("c312.dane.test").at("mta_sts"), Status::inconclusive);
  EXPECT_EQ(j.mx_steps.at("c311.dane.test").at("mta_sts"), Status::ok);
}

TEST(MtaSts, EveryMxVerifiedGivesOk) {
  const auto j = judge(load_evidence("sts_dane"));
  EXPECT_TRUE(has_finding(j, "mtasts.ok"));
  EXPECT_EQ(step(j, "c311.dane.test", "127.0.0.60", "mta_sts"), Status::ok);
}

TEST(Consequence, DaneEeMatchedExpiredCertificateIsInfo) {
  const auto j = judge(load_evidence("dane_ee_expired"));
  const auto* f = find_finding(j, "cert.expired");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::info);
  const auto* note = find_finding(j, "cert.dane_authenticated");
  ASSERT_NE(note, nullptr);
  EXPECT_NE(note->detail.find("cert.expired"), std::string::npos) << note->detail;
  EXPECT_EQ(step(j, "c311.dane.test", "127.0.0.60", "certificate"), Status::info);
  EXPECT_EQ(j.verdict, Verdict::pass);
}

TEST(Consequence, MtaStsEnforceExpiredCertificateIsCritical) {
  const auto j = judge(load_evidence("sts_enforce_expired"));
  EXPECT_EQ(find_finding(j, "cert.expired")->severity, Severity::critical);
  EXPECT_TRUE(has_finding(j, "mtasts.enforce_tls_invalid"));
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(Consequence, OpportunisticOnlyExpiredCertificateWarnsAndSaysWho) {
  const auto j = judge(load_evidence("cert_expired"));
  const auto* f = find_finding(j, "cert.expired");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_NE(f->explanation.find("Senders that verify certificates"), std::string::npos);
  EXPECT_EQ(j.verdict, Verdict::warn);
}

TEST(Consequence, PreparedNextKeyIsInfo) {
  const auto j = judge(load_evidence("dane_rollover"));
  const auto* f = find_finding(j, "dane.record_unmatched");
  ASSERT_NE(f, nullptr) << "the rollover fixture has a prepared next key";
  EXPECT_EQ(f->severity, Severity::info);
  EXPECT_EQ(definition("dane.record_unmatched").severity, Severity::info);
}

TEST(NullMx, MixedWithOtherMxRecordsIsCritical) {
  const auto j = judge(load_evidence("null_mx_mixed"));
  ASSERT_TRUE(has_finding(j, "dns.null_mx_mixed"));
  EXPECT_EQ(find_finding(j, "dns.null_mx_mixed")->severity, Severity::critical);
  EXPECT_FALSE(has_finding(j, "dns.mx_no_address"));
  EXPECT_EQ(j.domain_steps.at("dns"), Status::critical);
}

TEST(NullMx, PreferenceOtherThanZeroWarns) {
  const auto j = judge(load_evidence("null_mx_preference"));
  EXPECT_TRUE(has_finding(j, "dns.null_mx_preference"));
  EXPECT_EQ(j.verdict, Verdict::warn);
  EXPECT_FALSE(has_finding(judge(load_evidence("null_mx")), "dns.null_mx_preference"));
  EXPECT_EQ(judge(load_evidence("null_mx")).verdict, Verdict::pass);
}

// On a host without IPv6 whose outbound port 25 is blocked: the IPv4 timeouts are still "not
// tested from here", not the server's fault.
TEST(Vantage, NoIpv6RouteDoesNotHideABlockedPort25) {
  auto ev = load_evidence("good");
  for (auto& mx : ev.mx) {
    for (auto& a : mx.addresses) {
      a.connect = {};
      a.connect.attempted = true;
      a.connect.error_kind = a.family == "ipv6" ? "unreachable" : "timeout";
      a.connect.error = a.family == "ipv6" ? "Network is unreachable" : "timed out";
      a.banner = {};
      a.ehlo = {};
      a.starttls = {};
      a.certificate = {};
      a.relay = {};
    }
  }
  const auto j = judge(ev);
  EXPECT_TRUE(has_finding(j, "vantage.port25_blocked"));
  EXPECT_TRUE(has_finding(j, "vantage.no_ipv6"));
  EXPECT_FALSE(has_finding(j, "smtp.unreachable"));
  EXPECT_EQ(j.verdict, Verdict::inconclusive);
}

// A server that greets, then never answers: a warning of its own, and what could not be tried
// is not tested (never "STARTTLS failed" with no error, never an MTA-STS failure).
TEST(Statuses, StallAfterTheGreetingIsAWarningAndLeavesTheRestNotTested) {
  auto ev = load_evidence("sts_unlisted");
  auto& a = ev.mx[0].addresses[0];
  a.aborted = "MAIL FROM before STARTTLS: timed out";
  a.aborted_kind = "timeout";
  a.starttls.attempted = false;
  a.starttls.ok = false;
  a.starttls.version.clear();
  a.certificate = {};
  a.dane = {};
  const auto j = judge(ev);
  const auto* f = find_finding(j, "smtp.stalled");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, Status::warning);
  EXPECT_EQ(f->ip, a.ip);
  for (const auto& g : j.findings) {
    if (g.ip != a.ip) continue;
    EXPECT_NE(g.id, "tls.starttls_failed");
    EXPECT_NE(g.id, "dane.no_tls");
  }
  EXPECT_EQ(step(j, ev.mx[0].host, a.ip, "starttls"), Status::not_tested);
  EXPECT_EQ(step(j, ev.mx[0].host, a.ip, "certificate"), Status::not_tested);
  for (const auto& m : j.mta_sts_mx) {
    for (const auto& o : m.addresses) {
      if (o.ip == a.ip) {
        EXPECT_EQ(o.outcome, "not_verified") << o.why;
      }
    }
  }
}

// An address whose TLS verified, under an MX that senders honouring the policy will not use
// (not listed in enforce), gets no MTA-STS tick.
TEST(Statuses, VerifiedAddressUnderAnUnlistedMxHasNoMtaStsTick) {
  const auto ev = load_evidence("sts_unlisted");
  const auto j = judge(ev);
  for (const auto& mx : ev.mx) {
    for (const auto& a : mx.addresses) {
      const auto s = step(j, mx.host, a.ip, "mta_sts");
      if (mx.host == "mx.multiline.test") {
        EXPECT_NE(s, Status::ok) << a.ip;
      } else {
        EXPECT_EQ(s, Status::ok) << mx.host << " " << a.ip;
      }
    }
  }
}

}  // namespace
}  // namespace mxray::checks
