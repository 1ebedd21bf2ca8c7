// `mxray diff` from two hand-made reports: certificate rotation, TLSA and policy changes,
// new and resolved findings, and which changes count as worse.
#include <gtest/gtest.h>

#include "mxray/checks/report_diff.hpp"

namespace mxray::checks {
namespace {

using nlohmann::json;

json report(const std::string& verdict, const std::string& cert, const std::string& tlsa, const std::string& sts_id,
            json findings, const std::string& starttls = "ok") {
  json record = {{"usage", 3}, {"selector", 1}, {"matching_type", 1}, {"data", tlsa}};
  json leaf = {{"sha256", cert}, {"subject", "CN=" + cert}, {"not_after", "2027"}};
  json address = {{"ip", "192.0.2.25"}, {"verdict", verdict}, {"status", {{"starttls", starttls}}}};
  address["certificate"]["chain"] = json::array({leaf});
  json mx = {{"host", "mx.example.test"}, {"verdict", verdict}};
  mx["dane"]["records"] = json::array({record});
  mx["addresses"] = json::array({address});
  json r = {{"schema", "mxray.report/1"},
            {"domain", "example.test"},
            {"checked_at", "2026-12-01T00:00:00Z"},
            {"verdict", verdict},
            {"status", {{"dns", "ok"}}}};
  r["mta_sts"] = {{"id", sts_id}, {"policy", {{"mode", "enforce"}, {"max_age", 86400}}}};
  r["mx"] = json::array({mx});
  r["findings"] = std::move(findings);
  return r;
}

const Change* find(const ReportDiff& d, const std::string& kind) {
  for (const auto& c : d.changes) {
    if (c.kind == kind) return &c;
  }
  return nullptr;
}

TEST(ReportDiff, SameReportHasNoChanges) {
  const auto r = report("pass", "aa", "11", "id1", json::array());
  const auto d = diff_reports(r, r);
  EXPECT_TRUE(d.changes.empty());
  EXPECT_FALSE(d.worse);
}

TEST(ReportDiff, RotationTlsaAndPolicyIdAreReportedNotWorse) {
  const auto d =
      diff_reports(report("pass", "aa", "11", "id1", json::array()), report("pass", "bb", "22", "id2", json::array()));
  EXPECT_FALSE(d.worse);
  const auto* cert = find(d, "certificate");
  ASSERT_NE(cert, nullptr);
  EXPECT_EQ(cert->ip, "192.0.2.25");
  EXPECT_EQ(cert->before, "CN=aa until 2027");
  EXPECT_EQ(cert->after, "CN=bb until 2027");
  ASSERT_NE(find(d, "tlsa_added"), nullptr);
  EXPECT_EQ(find(d, "tlsa_added")->after, "3 1 1 22");
  ASSERT_NE(find(d, "tlsa_removed"), nullptr);
  ASSERT_NE(find(d, "mta_sts_id"), nullptr);
  EXPECT_EQ(find(d, "mta_sts_id")->before, "id1");
}

TEST(ReportDiff, NewCriticalFindingAndRaisedStepAreWorse) {
  const json f = {
      {{"id", "tls.no_starttls"}, {"severity", "critical"}, {"mx", "mx.example.test"}, {"ip", "192.0.2.25"}}};
  const json ok = {{{"id", "tls.ok"}, {"severity", "ok"}, {"mx", "mx.example.test"}, {"ip", "192.0.2.25"}}};
  const auto before = report("pass", "aa", "11", "id1", ok);
  const auto after = report("fail", "aa", "11", "id1", f, "critical");
  const auto d = diff_reports(before, after);
  EXPECT_TRUE(d.worse);
  ASSERT_NE(find(d, "finding_new"), nullptr);
  EXPECT_TRUE(find(d, "finding_new")->worse);
  ASSERT_NE(find(d, "finding_resolved"), nullptr);
  EXPECT_FALSE(find(d, "finding_resolved")->better) << "an ok finding going away is no improvement";
  const auto* step = find(d, "step");
  ASSERT_NE(step, nullptr);
  EXPECT_EQ(step->what, "starttls");
  EXPECT_TRUE(step->worse);
  // The other way round it is better, and nothing is worse.
  const auto back = diff_reports(after, before);
  EXPECT_FALSE(back.worse);
  EXPECT_TRUE(find(back, "verdict")->better);
}

TEST(ReportDiff, AddedAndRemovedPlaces) {
  auto after = report("pass", "aa", "11", "id1", json::array());
  after["mx"][0]["host"] = "mx2.example.test";
  const auto d = diff_reports(report("pass", "aa", "11", "id1", json::array()), after);
  ASSERT_NE(find(d, "mx_added"), nullptr);
  ASSERT_NE(find(d, "mx_removed"), nullptr);
  EXPECT_EQ(find(d, "mx_added")->mx, "mx2.example.test");
}

TEST(ReportDiff, NotAReportIsRefused) {
  EXPECT_THROW(diff_reports(json{{"schema", "mxray.evidence/1"}}, report("pass", "a", "1", "i", json::array())),
               std::invalid_argument);
  EXPECT_THROW(diff_reports(json::array(), json::array()), std::invalid_argument);
}

}  // namespace
}  // namespace mxray::checks
