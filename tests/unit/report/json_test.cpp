// The JSON report ("mxray.report/1") users and scripts read, and the evidence JSON that saved
// checks are judged again from: its keys, verdicts, rounding, defaults and round trip.
#include "mxray/report/json.hpp"

#include <gtest/gtest.h>

#include <string>

#include "mxray/checks/judge.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::report {
namespace {

using nlohmann::json;

json report_of(const std::string& fixture) {
  const auto ev = test::load_evidence(fixture);
  return report_json(ev, checks::judge(ev));
}

// Fails with the path of every key of `keys` missing from `object`.
void expect_keys(const json& object, std::initializer_list<const char*> keys, const std::string& where) {
  ASSERT_TRUE(object.is_object()) << where;
  for (const auto* k : keys) EXPECT_TRUE(object.contains(k)) << where << "." << k;
}

TEST(ReportJson, HasSchemaDomainVerdictAndDuration) {
  const auto r = report_of("good");
  EXPECT_EQ(r.at("schema"), "mxray.report/1");
  EXPECT_EQ(r.at("domain"), "example.com");
  EXPECT_EQ(r.at("verdict"), "pass");
  EXPECT_TRUE(r.at("duration_ms").is_number());
  ASSERT_TRUE(r.at("mx").is_array());
  ASSERT_TRUE(r.at("findings").is_array());
}

TEST(ReportJson, DescribesEveryMxAndAddress) {
  const auto r = report_of("good");
  ASSERT_EQ(r.at("mx").size(), 1u);
  const auto& mx = r.at("mx")[0];
  expect_keys(mx, {"host", "preference", "addresses", "verdict"}, "mx[0]");
  EXPECT_EQ(mx.at("host"), "mx1.example.com");
  EXPECT_EQ(mx.at("preference"), 10);
  EXPECT_EQ(mx.at("verdict"), "pass");
  ASSERT_EQ(mx.at("addresses").size(), 2u);
  const auto& a = mx.at("addresses")[0];
  expect_keys(a, {"ip", "family", "connect", "banner", "ehlo", "starttls", "certificate", "relay", "verdict"},
              "addresses[0]");
  EXPECT_EQ(a.at("ip"), "193.0.6.139");
  EXPECT_EQ(a.at("family"), "ipv4");
  EXPECT_EQ(mx.at("addresses")[1].at("family"), "ipv6");
  EXPECT_EQ(a.at("verdict"), "pass");
  expect_keys(a.at("connect"), {"ok", "ms", "error"}, "connect");
  EXPECT_EQ(a.at("connect").at("ok"), true);
  expect_keys(a.at("banner"), {"code", "text", "ms"}, "banner");
  EXPECT_EQ(a.at("banner").at("code"), 220);
  expect_keys(a.at("ehlo"), {"code", "extensions"}, "ehlo");
  EXPECT_EQ(a.at("ehlo").at("extensions").at("SIZE"), "10240000");
  expect_keys(a.at("starttls"), {"offered", "ok", "version", "cipher", "ms", "error"}, "starttls");
  EXPECT_EQ(a.at("starttls").at("version"), "TLSv1.3");
  expect_keys(a.at("certificate"), {"chain", "trusted", "verify_error", "hostname_match", "days_left"}, "certificate");
  ASSERT_TRUE(a.at("certificate").at("chain").is_array());
  EXPECT_EQ(a.at("certificate").at("chain").size(), 2u);
  EXPECT_EQ(a.at("certificate").at("days_left"), 60);
  expect_keys(a.at("relay"), {"tested", "attempts"}, "relay");
  EXPECT_FALSE(a.at("relay").contains("open")) << "whether a relay is open is the judge's call (status.relay)";
  EXPECT_EQ(a.at("status").at("relay"), "ok");
  EXPECT_EQ(a.at("relay").at("attempts").size(), 1u);
}

TEST(ReportJson, ListsFindingsWithTheirText) {
  const auto r = report_of("relay_open");
  ASSERT_FALSE(r.at("findings").empty());
  const auto& f = r.at("findings")[0];
  expect_keys(f, {"id", "severity", "mx", "ip", "title", "detail", "fix"}, "findings[0]");
  EXPECT_EQ(f.at("id"), "relay.open");
  EXPECT_EQ(f.at("severity"), "critical");
  EXPECT_EQ(f.at("mx"), "mx1.example.com");
  EXPECT_EQ(f.at("ip"), "193.0.6.139");
  EXPECT_FALSE(f.at("title").get<std::string>().empty());
  EXPECT_FALSE(f.at("fix").get<std::string>().empty());
  EXPECT_EQ(r.at("verdict"), "fail");
}

TEST(ReportJson, MergesFailingVerdicts) {
  const auto r = report_of("primary_down");
  ASSERT_EQ(r.at("mx").size(), 2u);
  EXPECT_EQ(r.at("mx")[0].at("verdict"), "fail");
  EXPECT_EQ(r.at("mx")[0].at("addresses")[0].at("verdict"), "fail");
  EXPECT_EQ(r.at("mx")[1].at("verdict"), "pass");
  EXPECT_EQ(r.at("verdict"), "fail");
}

TEST(ReportJson, RoundsTimesToHundredths) {
  const auto r = report_of("good");
  EXPECT_DOUBLE_EQ(r.at("mx")[0].at("addresses")[0].at("connect").at("ms").get<double>(), 23.46);
  EXPECT_DOUBLE_EQ(r.at("mx")[0].at("addresses")[0].at("duration_ms").get<double>(), 187.25);
}

TEST(ReportJson, NullMxReportHasNoMxHosts) {
  const auto r = report_of("null_mx");
  EXPECT_EQ(r.at("verdict"), "pass");
  EXPECT_TRUE(r.at("mx").empty());
  ASSERT_EQ(r.at("findings").size(), 1u);
  EXPECT_EQ(r.at("findings")[0].at("id"), "dns.null_mx");
}

TEST(ErrorJson, SaysWhyNoCheckWasMade) {
  const auto r = error_json("user@example.com", "this looks like an e-mail address");
  EXPECT_EQ(r.at("schema"), "mxray.report/1");
  EXPECT_EQ(r.at("input"), "user@example.com");
  EXPECT_EQ(r.at("verdict"), "error");
  EXPECT_EQ(r.at("error"), "this looks like an e-mail address");
}

TEST(EvidenceJson, RoundTrips) {
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = test::load_evidence(name);
    const json saved = ev;
    const auto loaded = saved.get<DomainEvidence>();
    EXPECT_EQ(json(loaded), saved) << name;
    EXPECT_EQ(loaded.domain, ev.domain) << name;
    EXPECT_EQ(loaded.checked_at_epoch, ev.checked_at_epoch) << name;
    EXPECT_EQ(loaded.null_mx, ev.null_mx) << name;
    ASSERT_EQ(loaded.mx.size(), ev.mx.size()) << name;
    for (std::size_t i = 0; i < ev.mx.size(); ++i) {
      EXPECT_EQ(loaded.mx[i].host, ev.mx[i].host) << name;
      ASSERT_EQ(loaded.mx[i].addresses.size(), ev.mx[i].addresses.size()) << name;
      for (std::size_t k = 0; k < ev.mx[i].addresses.size(); ++k) {
        const auto& a = loaded.mx[i].addresses[k];
        const auto& b = ev.mx[i].addresses[k];
        EXPECT_EQ(a.ip, b.ip) << name;
        EXPECT_EQ(a.allowed, b.allowed) << name;
        EXPECT_EQ(a.banner.code, b.banner.code) << name;
        EXPECT_EQ(a.ehlo.extensions, b.ehlo.extensions) << name;
        EXPECT_EQ(a.starttls.bytes_before_handshake, b.starttls.bytes_before_handshake) << name;
        EXPECT_EQ(a.certificate.chain.size(), b.certificate.chain.size()) << name;
        EXPECT_EQ(a.relay.attempts.size(), b.relay.attempts.size()) << name;
      }
    }
  }
}

TEST(EvidenceJson, RoundTripKeepsTheJudgement) {
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = test::load_evidence(name);
    const auto again = json(ev).get<DomainEvidence>();
    EXPECT_EQ(test::sorted_ids(checks::judge(again)), test::sorted_ids(checks::judge(ev))) << name;
  }
}

TEST(EvidenceJson, MissingFieldsTakeDefaults) {
  const auto ev = json::parse(R"({"domain": "example.com", "mx": [{"host": "mx1.example.com",
      "addresses": [{"ip": "193.0.6.139"}]}]})")
                      .get<DomainEvidence>();
  EXPECT_EQ(ev.schema, "mxray.evidence/1");
  EXPECT_EQ(ev.port, 25);
  EXPECT_FALSE(ev.null_mx);
  ASSERT_EQ(ev.mx.size(), 1u);
  ASSERT_EQ(ev.mx[0].addresses.size(), 1u);
  const auto& a = ev.mx[0].addresses[0];
  EXPECT_TRUE(a.allowed);
  EXPECT_FALSE(a.connect.attempted);
  EXPECT_FALSE(a.starttls.offered);
  EXPECT_TRUE(a.certificate.chain.empty());
}

}  // namespace
}  // namespace mxray::report
