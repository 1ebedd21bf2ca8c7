// Selecting the one versioned TXT record (MTA-STS, TLS-RPT): others discarded, none or several reported.
#include "mxray/policy/versioned_record.hpp"

#include <gtest/gtest.h>

namespace mxray::policy {
namespace {

TEST(VersionedRecord, KeepsOnlyRecordsWithTheVersionPrefix) {
  const auto r = select_versioned_record({"v=spf1 -all", "v=STSv1; id=1", "google-site-verification=x"}, "v=STSv1");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0], "v=STSv1; id=1");
  EXPECT_TRUE(r.error.empty());
}

TEST(VersionedRecord, ReportsNoneAndSeveral) {
  EXPECT_EQ(select_versioned_record({"v=spf1 -all"}, "v=TLSRPTv1").error, "none");
  EXPECT_EQ(select_versioned_record({}, "v=TLSRPTv1").error, "none");
  const auto two =
      select_versioned_record({"v=TLSRPTv1; rua=mailto:a@b.test", "v=TLSRPTv1; rua=mailto:c@d.test"}, "v=TLSRPTv1");
  EXPECT_EQ(two.error, "several");
  EXPECT_EQ(two.detail, "several_records");
  EXPECT_EQ(two.records.size(), 2u);
}

TEST(VersionedRecord, PrefixIsCaseSensitiveAndMustStartTheRecord) {
  EXPECT_EQ(select_versioned_record({"V=STSv1; id=1", " v=STSv1; id=1"}, "v=STSv1").error, "none");
}

}  // namespace
}  // namespace mxray::policy
