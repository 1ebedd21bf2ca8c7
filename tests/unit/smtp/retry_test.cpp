// When the probe reconnects once: postscreen's first-contact 450 after a paused greeting, and
// greylisting only when its text says how soon, within the deadline (smtp/retry.hpp).
#include <gtest/gtest.h>

#include "mxray/smtp/retry.hpp"

namespace mxray::smtp {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

report::AddressEvidence deferred_at_rcpt(int code, const std::string& text, bool paused) {
  report::AddressEvidence a;
  a.banner.received = true;
  a.banner.code = 220;
  a.banner.lines = paused ? 2 : 1;
  a.banner.first_line_ms = 2;
  a.banner.ms = paused ? 3005 : 3;
  report::RelayAttempt attempt;
  attempt.mail_code = 250;
  attempt.code = code;
  attempt.text = text;
  a.relay.attempts.push_back(attempt);
  return a;
}

TEST(Retry, StatedWaitIsReadInSecondsOrMinutes) {
  EXPECT_EQ(stated_wait_seconds("4.7.1 <a@b.test>: Recipient address rejected: Greylisted, try again in 2 seconds"), 2);
  EXPECT_EQ(stated_wait_seconds("Greylisted for 300s"), 300);
  EXPECT_EQ(stated_wait_seconds("please try again in 5 minutes"), 300);
  EXPECT_EQ(stated_wait_seconds("4.2.0 Greylisted, see http://greylist.example.test/help/a.test.html"), -1);
  EXPECT_EQ(stated_wait_seconds("4.7.1 from 127.0.0.1"), -1);
  EXPECT_EQ(stated_wait_seconds("retry in 99999999999999 seconds"), 24 * 3600);
}

TEST(Retry, PostscreenFirstContactIsRetriedAtOnce) {
  const auto plan =
      plan_retry(deferred_at_rcpt(450, "4.3.2 Service currently unavailable", true), seconds(60), seconds(10));
  EXPECT_TRUE(plan.retry);
  EXPECT_EQ(plan.reason, "postscreen");
  EXPECT_EQ(plan.deferred_command, "RCPT TO");
  EXPECT_LE(plan.wait, seconds(2));
}

TEST(Retry, ProviderThrottlingAfterAPausedGreetingIsNotRetried) {
  const auto plan =
      plan_retry(deferred_at_rcpt(451, "4.7.500 Server busy. Please try again later", true), seconds(60), seconds(10));
  EXPECT_FALSE(plan.retry);
  EXPECT_EQ(plan.reason, "");
}

TEST(Retry, GreylistingWithAStatedWaitIsRetriedWithinTheDeadline) {
  const auto ev =
      deferred_at_rcpt(450, "4.7.1 <x@y.test>: Recipient address rejected: Greylisted, try again in 2 seconds", false);
  auto plan = plan_retry(ev, seconds(60), seconds(10));
  EXPECT_TRUE(plan.retry);
  EXPECT_EQ(plan.reason, "greylisting");
  EXPECT_EQ(plan.stated_wait_s, 2);
  EXPECT_EQ(plan.wait, seconds(3));
  plan = plan_retry(ev, seconds(12), seconds(10));
  EXPECT_FALSE(plan.retry);
  EXPECT_NE(plan.not_retried.find("deadline"), std::string::npos) << plan.not_retried;
}

TEST(Retry, GreylistingWithoutAStatedWaitIsNotRetried) {
  const auto plan =
      plan_retry(deferred_at_rcpt(450, "4.2.0 Greylisted, see the help page", false), seconds(60), seconds(10));
  EXPECT_FALSE(plan.retry);
  EXPECT_EQ(plan.reason, "greylisting");
  EXPECT_FALSE(plan.not_retried.empty());
}

TEST(Retry, OtherDeferralsAndRefusalsAreNotRetried) {
  EXPECT_FALSE(plan_retry(deferred_at_rcpt(451, "4.3.0 Temporary failure", false), seconds(60), seconds(10)).retry);
  EXPECT_FALSE(plan_retry(deferred_at_rcpt(554, "5.7.1 Relay access denied", true), seconds(60), seconds(10)).retry);
}

}  // namespace
}  // namespace mxray::smtp
