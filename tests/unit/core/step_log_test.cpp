// core::StepLog: steps relative to the origin, bounded, and nothing recorded without a list.
#include "mxray/core/step_log.hpp"

#include <gtest/gtest.h>

namespace mxray::core {
namespace {

using Clock = std::chrono::steady_clock;

TEST(StepLog, RecordsStartAndDurationSinceTheOrigin) {
  std::vector<TimedStep> steps;
  const auto origin = Clock::now();
  const StepLog log(&steps, origin, "main");
  log.add("connect", origin + std::chrono::milliseconds(5), origin + std::chrono::milliseconds(12));
  log.as("legacy_tls")
      .add("tls_handshake", origin + std::chrono::milliseconds(7), origin + std::chrono::milliseconds(9), false);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].session, "main");
  EXPECT_EQ(steps[0].step, "connect");
  EXPECT_DOUBLE_EQ(steps[0].start_ms, 5.0);
  EXPECT_DOUBLE_EQ(steps[0].ms, 7.0);
  EXPECT_TRUE(steps[0].ok);
  EXPECT_EQ(steps[1].session, "legacy_tls");
  EXPECT_DOUBLE_EQ(steps[1].start_ms, 7.0);
  EXPECT_FALSE(steps[1].ok);
}

TEST(StepLog, IsBoundedSoThatAServerCannotGrowIt) {
  std::vector<TimedStep> steps;
  const auto origin = Clock::now();
  const StepLog log(&steps, origin, "main");
  for (int i = 0; i < 1000; ++i) log.add("RCPT", origin, origin);
  EXPECT_EQ(steps.size(), kMaxTimedSteps);
}

TEST(StepLog, DefaultLogRecordsNothing) {
  const StepLog log;
  EXPECT_FALSE(log.enabled());
  log.add("connect", Clock::now(), Clock::now());  // no list: nothing to write, no crash
  EXPECT_FALSE(log.as("relay").enabled());
}

}  // namespace
}  // namespace mxray::core
