// Integration: DANE against the lab (TLSA records computed from the lab's certificates at
// start): every usable combination, mismatch, usages 0/1, unsigned, bogus, DANE-TA names,
// DANE-EE on an expired certificate, an MX that is an alias.
#include <gtest/gtest.h>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

TEST(Dane, EveryUsableCombinationMatchesWithItsRecordAndDepth) {
  const auto r = check_lab("dane-combos.test", {"--no-relay-test"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  EXPECT_EQ(r.json["verdict"], "pass") << r.out;
  ASSERT_EQ(r.json["mx"].size(), 12u);
  for (const auto& mx : r.json["mx"]) {
    const auto host = mx["host"].get<std::string>();
    const auto& d = mx["dane"];
    EXPECT_EQ(d["dnssec"], "secure") << host;
    EXPECT_TRUE(d["applies"]) << host;
    ASSERT_EQ(d["records"].size(), 1u) << host;
    const auto& rec = d["records"][0];
    // c<usage><selector><matching>.dane.test
    EXPECT_EQ(host.substr(0, 4), "c" + std::to_string(rec["usage"].get<int>()) +
                                     std::to_string(rec["selector"].get<int>()) +
                                     std::to_string(rec["matching_type"].get<int>()));
    const auto& a = mx["addresses"][0]["dane"];
    EXPECT_TRUE(a["checked"]) << host;
    EXPECT_TRUE(a["matched"]) << host;
    EXPECT_EQ(a["matched_record"], 0) << host;
    EXPECT_EQ(a["depth"], rec["usage"] == 3 ? 0 : 1) << host << ": DANE-EE at the leaf, DANE-TA at the intermediate";
  }
  EXPECT_EQ(findings(r.json, "dane.ok").size(), 12u);
}

TEST(Dane, MismatchIsCriticalAtTheAddress) {
  const auto r = check_lab("dane-mismatch.test", {"--no-relay-test"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  const auto f = findings(r.json, "dane.no_match", "127.0.0.60");
  ASSERT_EQ(f.size(), 1u) << r.out;
  EXPECT_EQ(f[0]["severity"], "critical");
  const auto& a = r.json["mx"][0]["addresses"][0]["dane"];
  EXPECT_FALSE(a["matched"]);
  EXPECT_FALSE(a["error"].get<std::string>().empty());
  EXPECT_EQ(a["record_depths"], json::array({-1}));
  EXPECT_TRUE(r.json["mx"][0]["addresses"][0]["certificate"]["trusted"]) << "PKIX trust stays independent of DANE";
}

TEST(Dane, UsagesZeroAndOneAreReportedAsUnusable) {
  const auto r = check_lab("dane-usage01.test", {"--no-relay-test"});
  EXPECT_EQ(severity_of(r.json, "dane.unusable_usage"), "warning") << r.out;
  const auto& d = r.json["mx"][0]["dane"];
  EXPECT_FALSE(d["applies"]);
  ASSERT_EQ(d["records"].size(), 2u);
  for (const auto& rec : d["records"]) EXPECT_FALSE(rec["usable"]);
}

TEST(Dane, PreparedNextKeyRecordIsInfo) {
  const auto r = check_lab("dane-rollover.test", {"--no-relay-test"});
  EXPECT_EQ(severity_of(r.json, "dane.record_unmatched"), "info") << r.out;
  EXPECT_EQ(severity_of(r.json, "dane.ok"), "ok");
  // The order of the RRset is the server's: one record matches the leaf, the other nothing.
  const auto& a = r.json["mx"][0]["addresses"][0]["dane"];
  const auto& depths = a["record_depths"];
  ASSERT_EQ(depths.size(), 2u);
  EXPECT_EQ(depths[0].get<int>() + depths[1].get<int>(), -1) << depths.dump();
  EXPECT_EQ(depths[a["matched_record"].get<std::size_t>()], 0);
}

TEST(Dane, TlsaInUnsignedZoneIsIgnored) {
  const auto r = check_lab("dane-unsigned.test", {"--no-relay-test"});
  EXPECT_EQ(severity_of(r.json, "dane.unsigned_tlsa"), "warning") << r.out;
  EXPECT_EQ(r.json["mx"][0]["dane"]["dnssec"], "insecure");
  EXPECT_FALSE(r.json["mx"][0]["addresses"][0]["dane"]["checked"]);
}

TEST(Dane, BogusTlsaIsCritical) {
  const auto r = check_lab("dane-bogus.test", {"--no-relay-test"});
  EXPECT_EQ(severity_of(r.json, "dane.bogus"), "critical") << r.out;
  EXPECT_EQ(r.json["mx"][0]["dane"]["dnssec"], "bogus");
  EXPECT_EQ(r.json["mx"][0]["dnssec"], "secure") << "the rest of the lab stays secure";
  EXPECT_EQ(r.json["mx_dnssec"], "secure");
}

TEST(Dane, DaneTaChecksTheMxName) {
  const auto r = check_lab("dane-taname.test", {"--no-relay-test"});
  const auto& a = r.json["mx"][0]["addresses"][0]["dane"];
  EXPECT_FALSE(a["matched"]) << r.out;
  EXPECT_EQ(a["record_depths"], json::array({1})) << "the record matches the intermediate, but the name does not";
  EXPECT_NE(a["error"].get<std::string>().find("hostname"), std::string::npos);
  EXPECT_EQ(severity_of(r.json, "dane.no_match"), "critical");
}

TEST(Dane, DaneEeIgnoresExpiryAndNames) {
  const auto r = check_lab("dane-expired.test", {"--no-relay-test"});
  EXPECT_TRUE(r.json["mx"][0]["addresses"][0]["dane"]["matched"]) << r.out;
  EXPECT_EQ(severity_of(r.json, "dane.ok"), "ok");
  EXPECT_EQ(severity_of(r.json, "cert.expired"), "info") << "DANE-EE senders ignore the dates (RFC 7672 3.1.1)";
}

TEST(Dane, AliasUsesTheTlsaOfTheTarget) {
  const auto r = check_lab("dane-cname.test", {"--no-relay-test"});
  const auto& d = r.json["mx"][0]["dane"];
  EXPECT_EQ(d["base_domain"], "c311.dane.test") << r.out;
  EXPECT_EQ(d["tlsa_name"], "_25._tcp.c311.dane.test");
  EXPECT_TRUE(r.json["mx"][0]["addresses"][0]["dane"]["matched"]);
}

TEST(Dane, SignedMxWithoutTlsaIsInfo) {
  const auto r = check_lab("good.test", {"--no-relay-test"});
  EXPECT_EQ(severity_of(r.json, "dane.missing"), "info") << r.out;
  EXPECT_TRUE(r.json["mx"][0]["dane"]["looked_up"]);
  EXPECT_TRUE(r.json["mx"][0]["dane"]["records"].empty());
}

}  // namespace
}  // namespace mxray::testing
