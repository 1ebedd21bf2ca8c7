// The moments --at accepts: offsets after the check time and UTC dates; nothing else.
#include <gtest/gtest.h>

#include "mxray/core/clock.hpp"

namespace mxray::core {
namespace {

TEST(Moment, Offsets) {
  EXPECT_EQ(parse_moment("+30d")->at(1000), 1000 + 30 * 86400);
  EXPECT_EQ(parse_moment("+12h")->at(0), 12 * 3600);
  EXPECT_EQ(parse_moment("+2w")->at(0), 14 * 86400);
  EXPECT_TRUE(parse_moment("+0d")->relative);
}

TEST(Moment, Dates) {
  const auto day = parse_moment("2027-01-15");
  ASSERT_TRUE(day);
  EXPECT_FALSE(day->relative);
  EXPECT_EQ(iso8601(day->at(0)), "2027-01-15T00:00:00Z");
  EXPECT_EQ(iso8601(parse_moment("2027-01-15T08:30:05Z")->at(123)), "2027-01-15T08:30:05Z");
}

TEST(Moment, RefusesAnythingElse) {
  for (const char* bad : {"", "30d", "+30", "+d", "+-3d", "+3y", "+99999999d", "2027-02-30", "2027-13-01", "2027-1-15",
                          "2027-01-15T08:30:05", "2027-01-15 08:30:05Z", "tomorrow", "1969-12-31"}) {
    EXPECT_FALSE(parse_moment(bad)) << bad;
  }
}

}  // namespace
}  // namespace mxray::core
