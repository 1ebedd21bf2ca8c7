// Integration: what postmasters ask for around a change (issue 14), against the lab: a host
// (--host) and an address literal checked directly, --at far enough ahead that lab
// certificates and signatures lapse, --next-cert against the lab's TLSA records, `mxray diff`
// of two reports, and the lab's blocklist zone (dnsbl.test lists 127.0.0.15, the open relay).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string save(const std::string& name, const std::string& text) {
  const auto path =
      std::filesystem::temp_directory_path() / ("mxray-postmaster-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path.string();
}

TEST(DirectTarget, AddressLiteralProbesTheAddressWithoutDns) {
  const auto r = check_lab("[127.0.0.10]", {"--no-relay-test"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.json["target"]["kind"], "address");
  EXPECT_FALSE(r.json["target"]["mx_lookup"]);
  EXPECT_EQ(r.json["target"]["skipped"], json::array({"mta_sts", "tls_rpt"}));
  ASSERT_EQ(r.json["mx"].size(), 1u);
  EXPECT_EQ(r.json["mx"][0]["host"], "[127.0.0.10]");
  EXPECT_FALSE(r.json["mx"][0]["dane"]["looked_up"]) << "an address has no TLSA name";
  const auto& a = first_address(r.json);
  EXPECT_EQ(a["ip"], "127.0.0.10");
  EXPECT_TRUE(a["starttls"]["ok"]) << r.out;
  const auto ids = finding_ids(r.json);
  EXPECT_TRUE(has(ids, "target.address")) << r.out;
  EXPECT_FALSE(has(ids, "cert.name_mismatch")) << "no name to match for an address";
  for (const auto& id : ids) EXPECT_NE(id.rfind("mtasts.", 0), 0u) << id;
  EXPECT_EQ(r.json["status"]["mta_sts"], "not_tested");
}

TEST(DirectTarget, AddressLiteralWithPortAndIpv6) {
  const auto v6 = check_lab("[::1]:25", {"--no-relay-test", "--no-legacy-tls-scan"});
  ASSERT_TRUE(v6.json.is_object()) << v6.err;
  EXPECT_EQ(first_address(v6.json)["family"], "ipv6");
  EXPECT_EQ(v6.json["port"], 25);
  EXPECT_TRUE(first_address(v6.json)["banner"]["received"]) << v6.out;
  // Nothing listens on port 2 of the good server: the port after the literal is used.
  const auto closed = check_lab("[127.0.0.10]:2", {"--no-relay-test"});
  EXPECT_EQ(closed.json["port"], 2);
  EXPECT_FALSE(first_address(closed.json)["connect"]["ok"]) << closed.out;
  EXPECT_EQ(closed.exit_code, 2);
}

TEST(DirectTarget, MalformedLiteralCannotBeChecked) {
  for (const std::string bad : {"[127.0.0.300]", "[127.0.0.10]:99999", "[127.0.0.10]x", "[mx1.good.test]"}) {
    const auto r = check_lab(bad);
    EXPECT_EQ(r.exit_code, 3) << bad << ": " << r.out;
    EXPECT_EQ(r.json["verdict"], "error") << bad;
  }
}

TEST(DirectTarget, AddressPolicyStillApplies) {
  // Without the lab's --allow-private a loopback literal is refused, as a name pointing there is.
  std::vector<std::string> args{"check", "--json", "[127.0.0.10]", "--no-relay-test"};
  for (const auto& a : lab_args()) {
    if (a != "--allow-private") args.push_back(a);
  }
  const auto r = run_mxray(args);
  ASSERT_TRUE(r.json.is_object()) << r.err;
  EXPECT_FALSE(first_address(r.json)["allowed"]);
  EXPECT_FALSE(first_address(r.json)["connect"]["attempted"]);
  EXPECT_TRUE(has(finding_ids(r.json), "address.special_range")) << r.out;
}

TEST(DirectTarget, HostIsProbedAsItsOwnMxWithItsTlsa) {
  const auto r = check_lab("c311.dane.test", {"--host", "--no-relay-test"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  EXPECT_EQ(r.json["target"]["kind"], "host");
  EXPECT_EQ(r.json["mx_rcode"], 0);
  ASSERT_EQ(r.json["mx"].size(), 1u);
  EXPECT_EQ(r.json["mx"][0]["host"], "c311.dane.test");
  EXPECT_EQ(r.json["mx"][0]["direct"], "host");
  EXPECT_TRUE(r.json["mx"][0]["dane"]["looked_up"]);
  EXPECT_TRUE(first_address(r.json)["dane"]["matched"]) << r.out;
  const auto ids = finding_ids(r.json);
  EXPECT_TRUE(has(ids, "target.host"));
  EXPECT_TRUE(has(ids, "dane.ok"));
  EXPECT_FALSE(has(ids, "dns.implicit_mx")) << "no MX lookup, so no implicit-MX finding";
  // The text report says so too.
  auto args = std::vector<std::string>{"check", "c311.dane.test", "--host", "--no-relay-test", "--color", "never"};
  for (const auto& a : lab_args()) args.push_back(a);
  const auto text = run_mxray(args);
  EXPECT_NE(text.out.find("no MX lookup"), std::string::npos) << text.out;
}

TEST(FutureMoment, AtPastTheLeafsEndDateExpiresItAndTheSignatures) {
  const auto now = check_lab("good.test", {"--no-relay-test", "-4"});
  ASSERT_TRUE(now.json.is_object()) << now.err;
  EXPECT_EQ(severity_of(now.json, "cert.expired"), "");
  EXPECT_FALSE(now.json.contains("judged_at"));
  // Lab leaves last 365 days, zone signatures 30 days, the intermediate 5 years.
  const auto later = check_lab("good.test", {"--no-relay-test", "-4", "--at", "+400d"});
  ASSERT_TRUE(later.json.is_object()) << later.err;
  EXPECT_EQ(later.json["judged_at_epoch"], later.json["checked_at_epoch"].get<long long>() + 400 * 86400);
  const auto ids = finding_ids(later.json);
  EXPECT_TRUE(has(ids, "cert.expired")) << later.out;
  EXPECT_TRUE(has(ids, "dns.signature_expired")) << "the MX RRSIG of good.test ends in 30 days: " << later.out;
  EXPECT_FALSE(has(ids, "cert.chain_expired")) << "the intermediate lasts 5 years";
  const auto much_later = check_lab("good.test", {"--no-relay-test", "-4", "--at", "+1900d"});
  EXPECT_TRUE(has(finding_ids(much_later.json), "cert.chain_expired")) << much_later.out;
  EXPECT_EQ(much_later.exit_code, 2);
}

TEST(FutureMoment, ExpiringCertificateIsExpiredElevenDaysOnAndJudgeTakesAtToo) {
  const auto r = check_lab("expiring.test", {"--no-relay-test"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  EXPECT_EQ(severity_of(r.json, "cert.expiring"), "warning") << "within 14 days by default";
  const auto file = save("expiring.json", r.out);
  const auto judged = run_mxray({"judge", "--json", file, "--at", "+11d"});
  EXPECT_TRUE(has(finding_ids(judged.json), "cert.expired")) << judged.out;
  EXPECT_FALSE(has(finding_ids(judged.json), "cert.expiring"));
  const auto bad = run_mxray({"judge", "--json", file, "--at", "tomorrow"});
  EXPECT_EQ(bad.exit_code, 3);
  std::filesystem::remove(file);
}

TEST(NextCertificate, MatchingAndNonMatchingCertificatesAgainstTheLabsTlsa) {
  const std::string certs = std::string(MXRAY_LAB_DIR) + "/certs/";
  const auto good = check_lab("c311.dane.test", {"--host", "--no-relay-test", "--next-cert", certs + "dane.pem"});
  ASSERT_TRUE(good.json.is_object()) << good.err;
  EXPECT_TRUE(good.json["next_certificate"]["given"]);
  EXPECT_EQ(good.json["next_certificate"]["mx"][0]["record_depths"], json::array({0}));
  EXPECT_EQ(severity_of(good.json, "nextcert.tlsa_match"), "ok") << good.out;
  EXPECT_EQ(severity_of(good.json, "nextcert.ok"), "ok");
  EXPECT_EQ(good.exit_code, 0) << good.out;

  const auto wrong = check_lab("c311.dane.test", {"--host", "--no-relay-test", "--next-cert", certs + "good.pem"});
  ASSERT_TRUE(wrong.json.is_object()) << wrong.err;
  EXPECT_EQ(severity_of(wrong.json, "nextcert.tlsa_mismatch"), "critical") << wrong.out;
  EXPECT_EQ(severity_of(wrong.json, "nextcert.name_mismatch"), "warning");
  EXPECT_EQ(wrong.exit_code, 2);

  const auto unreadable = check_lab("good.test", {"--no-relay-test", "--next-cert", certs + "good.key"});
  EXPECT_EQ(unreadable.exit_code, 3) << unreadable.out;
}

TEST(Diff, TwoChecksOfAnUnchangedLabDomainShowNothingWorse) {
  const auto a = check_lab("twomx.test", {"--no-relay-test"});
  const auto b = check_lab("twomx.test", {"--no-relay-test"});
  ASSERT_TRUE(a.json.is_object() && b.json.is_object()) << a.err << b.err;
  const auto fa = save("a.json", a.out), fb = save("b.json", b.out);
  const auto d = run_mxray({"diff", "--json", fa, fb});
  EXPECT_EQ(d.exit_code, 0) << d.out;
  EXPECT_EQ(d.json["schema"], "mxray.diff/1");
  EXPECT_FALSE(d.json["worse"]);
  for (const auto& c : d.json["changes"]) EXPECT_NE(c["kind"], "verdict") << c.dump();
  // The same report judged 400 days on: certificates expired, a verdict turned to warn or fail.
  const auto later = run_mxray({"judge", "--json", fb, "--at", "+400d"});
  const auto fl = save("later.json", later.out);
  const auto worse = run_mxray({"diff", "--json", fb, fl});
  EXPECT_EQ(worse.exit_code, 1) << worse.out;
  EXPECT_TRUE(worse.json["worse"]);
  bool new_expired = false, resolved_ok = false, verdict = false;
  for (const auto& c : worse.json["changes"]) {
    new_expired = new_expired || (c["kind"] == "finding_new" && c["what"] == "cert.expired");
    resolved_ok = resolved_ok || (c["kind"] == "finding_resolved" && c["what"] == "cert.ok");
    verdict = verdict || (c["kind"] == "verdict" && c["mx"] == "" && c["before"] == "pass");
  }
  EXPECT_TRUE(new_expired && resolved_ok && verdict) << worse.out;
  const auto text = run_mxray({"diff", fl, fb, "--color", "never"});
  EXPECT_EQ(text.exit_code, 0) << "back to how it was is better, not worse: " << text.out;
  EXPECT_NE(text.out.find("cert.expired"), std::string::npos) << text.out;
  const auto not_report = run_mxray({"diff", fa, std::string(MXRAY_LAB_DIR) + "/mxray.args"});
  EXPECT_EQ(not_report.exit_code, 3);
  for (const auto& f : {fa, fb, fl}) std::filesystem::remove(f);
}

TEST(Blocklist, LabZoneListsTheOpenRelayAndNotTheGoodServer) {
  const auto relay = check_lab("openrelay.test", {"--no-relay-test", "--dnsbl", "dnsbl.test"});
  ASSERT_TRUE(relay.json.is_object()) << relay.err;
  const auto& l = first_address(relay.json)["dnsbl"];
  ASSERT_EQ(l.size(), 1u) << relay.out;
  EXPECT_EQ(l[0]["query"], "15.0.0.127.dnsbl.test");
  EXPECT_EQ(l[0]["codes"], json::array({"127.0.0.2"}));
  const auto f = findings(relay.json, "dnsbl.listed", "127.0.0.15");
  ASSERT_EQ(f.size(), 1u) << relay.out;
  EXPECT_NE(f[0]["detail"].get<std::string>().find("open relay: listed by the mxray lab"), std::string::npos)
      << f[0].dump();

  const auto good =
      check_lab("good.test", {"--no-relay-test", "--dnsbl", "dnsbl.test", "--dnsbl", "refusing.dnsbl.test"});
  ASSERT_TRUE(good.json.is_object()) << good.err;
  EXPECT_EQ(severity_of(good.json, "dnsbl.listed"), "");
  EXPECT_EQ(severity_of(good.json, "dnsbl.not_listed"), "ok") << good.out;
  const auto refused = findings(good.json, "dnsbl.refused", "127.0.0.10");
  ASSERT_EQ(refused.size(), 1u) << good.out;
  EXPECT_EQ(refused[0]["status"], "inconclusive");
  EXPECT_EQ(good.exit_code, 0) << "a refusal says nothing about the server";
  // IPv6: the nibbles of ::1 under the zone.
  for (const auto& mx : good.json["mx"]) {
    for (const auto& a : mx["addresses"]) {
      if (a["family"] == "ipv6") {
        EXPECT_EQ(a["dnsbl"][0]["query"].get<std::string>().substr(0, 8), "1.0.0.0.") << a["dnsbl"].dump();
      }
    }
  }
}

}  // namespace
}  // namespace mxray::testing
