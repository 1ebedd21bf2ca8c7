// The monitoring state (Monitoring Plugins): from the judge's verdict, raised by the
// certificate-lifetime thresholds of -D; and the -D syntax.
#include <gtest/gtest.h>

#include "mxray/checks/judge.hpp"
#include "mxray/checks/monitoring.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::checks {
namespace {

using test::load_evidence;

TEST(Monitoring, StateFollowsTheVerdict) {
  const CertificateThresholds none{0, 0};
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = load_evidence(name);
    const auto j = judge(ev);
    const auto r = monitoring_result(ev, j, none);
    const auto expected = j.verdict == Verdict::pass   ? MonitoringState::ok
                          : j.verdict == Verdict::warn ? MonitoringState::warning
                          : j.verdict == Verdict::fail ? MonitoringState::critical
                                                       : MonitoringState::unknown;
    // Thresholds of 0 days raise only for an expired chain.
    bool expired = false;
    for (const auto& c : r.certificates) expired = expired || c.days_left <= 0;
    EXPECT_EQ(r.state, expired ? MonitoringState::critical : expected) << name;
  }
  EXPECT_EQ(to_string(MonitoringState::unknown), "UNKNOWN");
}

TEST(Monitoring, CertificateThresholdsRaiseTheState) {
  const auto ev = load_evidence("good");
  const auto j = judge(ev);
  ASSERT_EQ(j.verdict, Verdict::pass);
  const auto base = monitoring_result(ev, j, {});
  ASSERT_FALSE(base.certificates.empty());
  const auto days = base.certificates.front().days_left;
  ASSERT_GT(days, 14) << "the fixture's certificate should be far from expiry";
  EXPECT_EQ(base.state, MonitoringState::ok);
  EXPECT_TRUE(base.reason.msgid.empty());
  const auto warn = monitoring_result(ev, j, {days, 0});
  EXPECT_EQ(warn.state, MonitoringState::warning);
  EXPECT_NE(warn.reason.plural.find("{days} days left"), std::string::npos) << warn.reason.plural;
  EXPECT_EQ(warn.reason.count, static_cast<unsigned long long>(days));
  EXPECT_EQ(warn.reason.args.at(2).second, std::to_string(days));
  EXPECT_EQ(monitoring_result(ev, j, {days + 10, days}).state, MonitoringState::critical);
  EXPECT_EQ(monitoring_result(ev, j, {days - 1, 0}).state, MonitoringState::ok);
  // Judged later (--at): the days left shrink with the moment.
  JudgeOptions later;
  later.at_epoch = ev.checked_at_epoch + (days - 3) * 86'400;
  const auto jl = judge(ev, later);
  const auto rl = monitoring_result(ev, jl, {14, 7});
  EXPECT_EQ(rl.certificates.front().days_left, 3);
  EXPECT_EQ(rl.state, MonitoringState::critical);
}

TEST(Monitoring, WarningNeverLowersACriticalVerdict) {
  const auto ev = load_evidence("relay_open");
  const auto j = judge(ev);
  ASSERT_EQ(j.verdict, Verdict::fail);
  EXPECT_EQ(monitoring_result(ev, j, {100'000 / 10, 0}).state, MonitoringState::critical);
}

TEST(Monitoring, ThresholdSyntax) {
  auto p = parse_certificate_thresholds("30,14");
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.thresholds.warn_days, 30);
  EXPECT_EQ(p.thresholds.crit_days, 14);
  p = parse_certificate_thresholds("21");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.thresholds.crit_days, 0);
  for (const auto* bad : {"", ",", "7,14", "-1,0", "a,b", "14,7,1", "14 ,7", "99999999999999999999,1", "40000,1"}) {
    EXPECT_FALSE(parse_certificate_thresholds(bad).ok) << bad;
  }
}

}  // namespace
}  // namespace mxray::checks
