// The monitoring probe's answers: the judge's verdict decides probe success, every address of
// every MX name is there, an open relay is the judge's relay.open finding, MTA-STS modes are
// the three of RFC 8461 or "invalid".
#include <gtest/gtest.h>

#include <algorithm>

#include "mxray/checks/judge.hpp"
#include "mxray/checks/probe_outcome.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::checks {
namespace {

TEST(ProbeOutcome, SuccessFollowsTheVerdict) {
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = test::load_evidence(name);
    const auto j = judge(ev);
    const auto o = probe_outcome(ev, j);
    EXPECT_EQ(o.verdict, j.verdict) << name;
    EXPECT_EQ(o.success, j.verdict == Verdict::pass || j.verdict == Verdict::warn) << name;
    std::size_t addresses = 0;
    for (const auto& mx : ev.mx) addresses += mx.addresses.size();
    ASSERT_EQ(o.addresses.size(), addresses) << name;
    std::size_t findings = 0;
    for (const auto n : o.findings_by_severity) findings += n;
    EXPECT_EQ(findings, j.findings.size()) << name;
    for (const auto& a : o.addresses) {
      ASSERT_NE(a.session, nullptr);
      EXPECT_EQ(a.session->ip, a.ip);
      if (a.open_relay && *a.open_relay) {
        EXPECT_TRUE(std::any_of(j.findings.begin(), j.findings.end(), [&](const Finding& f) {
          return f.id == "relay.open" && f.ip == a.ip;
        })) << name;
      }
    }
  }
}

TEST(ProbeOutcome, AnswersOfOneAddress) {
  const auto expired = test::load_evidence("cert_expired");
  const auto e = probe_outcome(expired, judge(expired));
  ASSERT_FALSE(e.addresses.empty());
  EXPECT_TRUE(e.addresses[0].greeted);
  EXPECT_TRUE(e.addresses[0].starttls);
  EXPECT_FALSE(e.addresses[0].certificate_trusted);
  EXPECT_EQ(e.verdict, Verdict::warn) << "opportunistic TLS: senders still deliver";
  EXPECT_TRUE(e.success);
  const auto relay = test::load_evidence("relay_open");
  const auto r = probe_outcome(relay, judge(relay));
  ASSERT_FALSE(r.addresses.empty());
  ASSERT_TRUE(r.addresses[0].open_relay.has_value());
  EXPECT_TRUE(*r.addresses[0].open_relay);
  const auto good = test::load_evidence("good");
  const auto g = probe_outcome(good, judge(good));
  EXPECT_TRUE(g.success);
  EXPECT_FALSE(g.addresses.at(0).dane_match.has_value()) << "no TLSA: DANE does not apply";
}

TEST(ProbeOutcome, MtaStsModes) {
  auto ev = test::load_evidence("sts_unlisted");
  auto o = probe_outcome(ev, judge(ev));
  EXPECT_EQ(o.mta_sts_mode, "enforce");
  ASSERT_EQ(o.mta_sts_coverage.size(), 2u);
  EXPECT_TRUE(o.mta_sts_coverage[0].listed);
  EXPECT_FALSE(o.mta_sts_coverage[1].listed);
  ev.mta_sts.policy.mode = "enforcing";
  ev.mta_sts.policy.valid = false;
  EXPECT_EQ(probe_outcome(ev, judge(ev)).mta_sts_mode, "invalid");
  ev.mta_sts.policy.parsed = false;
  o = probe_outcome(ev, judge(ev));
  EXPECT_EQ(o.mta_sts_mode, "");
  EXPECT_TRUE(o.mta_sts_coverage.empty());
}

}  // namespace
}  // namespace mxray::checks
