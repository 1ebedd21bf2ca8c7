// Front-end rules judged from evidence: postscreen's greeting pause and reconnect, greylisting,
// one session per client address, tarpits, the providers' throttling and reputation texts.
#include <gtest/gtest.h>

#include "mxray/checks/judge.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::checks {
namespace {

using test::find_finding;
using test::has_finding;
using test::load_evidence;

report::DomainEvidence good() { return load_evidence("good"); }
report::AddressEvidence& address(report::DomainEvidence& ev) { return ev.mx[0].addresses[0]; }

TEST(JudgeFrontEnd, PostscreenPauseIsInfoUpToEightSecondsAndAWarningBeyond) {
  auto ev = good();
  auto& a = address(ev);
  a.banner.lines = 2;
  a.banner.first_line_ms = 1;
  a.banner.ms = 6001;
  auto j = judge(ev);
  ASSERT_TRUE(has_finding(j, "smtp.greeting_pause"));
  EXPECT_EQ(find_finding(j, "smtp.greeting_pause")->severity, Severity::info);
  EXPECT_NE(find_finding(j, "smtp.greeting_pause")->detail.find("6.0 s"), std::string::npos);
  EXPECT_TRUE(has_finding(j, "smtp.postscreen"));
  EXPECT_FALSE(has_finding(j, "smtp.slow_banner"));
  EXPECT_EQ(j.verdict, Verdict::pass);
  a.banner.ms = 12001;
  j = judge(ev);
  ASSERT_TRUE(has_finding(j, "smtp.slow_banner"));
  EXPECT_NE(find_finding(j, "smtp.slow_banner")->detail.find("12.0 s"), std::string::npos);
  EXPECT_FALSE(has_finding(j, "smtp.greeting_pause"));
  // A one-line greeting that slow is still slow.
  a.banner.lines = 1;
  a.banner.ms = 3000;
  j = judge(ev);
  EXPECT_TRUE(has_finding(j, "smtp.slow_banner"));
}

TEST(JudgeFrontEnd, PostscreenReconnectIsExplainedAndTheRelayDecided) {
  auto ev = good();
  auto& a = address(ev);
  a.retry.retried = true;
  a.retry.reason = "postscreen";
  a.retry.first_banner = a.banner;
  a.retry.first_banner.lines = 2;
  a.retry.first_banner.first_line_ms = 1;
  a.retry.first_banner.ms = 3001;
  a.retry.deferred_command = "RCPT TO";
  a.retry.deferred_code = 450;
  a.retry.deferred_text = "4.3.2 Service currently unavailable";
  a.retry.wait_ms = 1000;
  const auto j = judge(ev);
  const auto* f = find_finding(j, "smtp.postscreen");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("reconnected"), std::string::npos) << f->detail;
  EXPECT_NE(f->detail.find("450 4.3.2"), std::string::npos) << f->detail;
  EXPECT_TRUE(has_finding(j, "smtp.greeting_pause"));
  EXPECT_TRUE(has_finding(j, "relay.closed"));
  EXPECT_EQ(j.verdict, Verdict::pass);
}

TEST(JudgeFrontEnd, GreylistingNotRetriedIsInconclusiveNotADeferralOrARejection) {
  auto ev = load_evidence("relay_deferred");
  for (auto& each : ev.mx[0].addresses) {
    each.retry.reason = "greylisting";
    each.retry.not_retried = "the server's text does not say when to retry";
    each.retry.deferred_command = "RCPT TO";
    each.retry.deferred_code = 450;
    each.retry.deferred_text = "4.2.0 Greylisted";
  }
  const auto& a = address(ev);
  const auto j = judge(ev);
  const auto* f = find_finding(j, "smtp.greylisting_unresolved");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, Status::inconclusive);
  EXPECT_EQ(f->step, "relay");
  EXPECT_FALSE(has_finding(j, "relay.deferred"));
  EXPECT_EQ(j.address_steps.at({ev.mx[0].host, a.ip}).at("relay"), Status::inconclusive);
}

TEST(JudgeFrontEnd, ProviderTextsAreInconclusiveAtTheirStep) {
  auto ev = good();
  auto& a = address(ev);
  ASSERT_FALSE(a.relay.attempts.empty());
  a.relay.attempts[0].code = 451;
  a.relay.attempts[0].text =
      "4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation.";
  auto j = judge(ev);
  const auto* f = find_finding(j, "smtp.provider_reputation");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, Status::inconclusive);
  EXPECT_EQ(f->step, "relay");
  EXPECT_NE(f->detail.find("Microsoft"), std::string::npos);
  EXPECT_FALSE(has_finding(j, "relay.deferred"));

  auto busy = good();
  auto& b = address(busy);
  b.ehlo.code = 421;
  b.ehlo.text = "4.7.0 Try again later, closing connection. (EHLO)";
  b.ehlo.extensions.clear();
  b.starttls = {};
  b.relay = {};
  b.aborted_kind = "closed";
  b.aborted = "EHLO: closed";
  j = judge(busy);
  ASSERT_TRUE(has_finding(j, "smtp.provider_throttle"));
  EXPECT_EQ(find_finding(j, "smtp.provider_throttle")->step, "ehlo");
  EXPECT_FALSE(has_finding(j, "smtp.helo_refused"));
  EXPECT_FALSE(has_finding(j, "smtp.dropped"));
}

TEST(JudgeFrontEnd, TarpitNeedsMostRepliesDelayed) {
  auto ev = good();
  auto& a = address(ev);
  for (const char* c : {"EHLO", "MAIL", "RSET", "STARTTLS"}) a.reply_times.push_back({c, 1500});
  a.reply_times.push_back({"QUIT", 2});
  auto j = judge(ev);
  const auto* f = find_finding(j, "smtp.tarpit");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("4 of 5"), std::string::npos) << f->detail;
  EXPECT_NE(f->detail.find("1.5 s"), std::string::npos) << f->detail;
  a.reply_times.resize(2);
  for (int i = 0; i < 5; ++i) a.reply_times.push_back({"RCPT", 3});
  j = judge(ev);
  EXPECT_FALSE(has_finding(j, "smtp.tarpit"));
}

TEST(JudgeFrontEnd, OneSessionPerClientIsInfo) {
  auto ev = good();
  address(ev).concurrent_refusal = "421 Too many concurrent SMTP connections from this IP address";
  address(ev).sessions_serialised = true;
  const auto j = judge(ev);
  ASSERT_TRUE(has_finding(j, "smtp.one_session_per_client"));
  EXPECT_EQ(find_finding(j, "smtp.one_session_per_client")->severity, Severity::info);
  EXPECT_EQ(j.verdict, Verdict::pass);
}

}  // namespace
}  // namespace mxray::checks
