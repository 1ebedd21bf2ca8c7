// Integration: MTA-STS and TLS-RPT against the lab's policy server (mxray-sts-server,
// lab/sts_sites.json) and the TXT records of the sts-*.test domains.
#include <gtest/gtest.h>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

RunResult sts(const std::string& name) { return check_lab(name + ".test", {"--no-relay-test"}); }

TEST(MtaSts, EnforceAndCorrectPasses) {
  const auto r = sts("sts-enforce");
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto& s = r.json["mta_sts"];
  EXPECT_EQ(s["id"], "20240101000000");
  EXPECT_EQ(s["txt_error"], "");
  EXPECT_TRUE(s["fetch"]["ok"]) << r.out;
  EXPECT_EQ(s["fetch"]["status"], 200);
  EXPECT_TRUE(s["fetch"]["cert_trusted"]);
  EXPECT_EQ(s["policy"]["mode"], "enforce");
  EXPECT_EQ(s["policy"]["max_age"], 86400);
  EXPECT_EQ(s["policy"]["mx"], json::array({"mx1.good.test"}));
  ASSERT_EQ(s["mx"].size(), 1u);
  EXPECT_EQ(s["mx"][0]["consequence"], "deliver");
  EXPECT_EQ(severity_of(r.json, "mtasts.ok"), "ok");
  EXPECT_EQ(r.json["tls_rpt"]["rua"].size(), 2u);
  EXPECT_EQ(severity_of(r.json, "tlsrpt.ok"), "ok");
  EXPECT_EQ(r.json["verdict"], "pass");
}

TEST(MtaSts, EnforceWithUnlistedMxIsCritical) {
  const auto r = sts("sts-unlisted");
  const auto f = findings(r.json, "mtasts.enforce_mx_unlisted");
  ASSERT_EQ(f.size(), 1u) << r.out;
  EXPECT_EQ(f[0]["mx"], "mx.multiline.test");
  EXPECT_NE(f[0]["title"].get<std::string>().find("will not deliver"), std::string::npos);
  EXPECT_EQ(r.json["mta_sts"]["mx"][1]["consequence"], "will_not_deliver");
  EXPECT_EQ(r.exit_code, 2);
}

TEST(MtaSts, EnforceWithBadCertificateIsCritical) {
  const auto r = sts("sts-badcert");
  EXPECT_EQ(findings(r.json, "mtasts.enforce_tls_invalid", "127.0.0.14").size(), 1u) << r.out;
  EXPECT_EQ(r.json["mta_sts"]["mx"][0]["consequence"], "will_not_deliver");
}

TEST(MtaSts, TestingModeWarns) {
  const auto r = sts("sts-testing");
  EXPECT_EQ(severity_of(r.json, "mtasts.testing_tls_invalid"), "warning") << r.out;
  EXPECT_EQ(severity_of(r.json, "mtasts.mode_testing"), "info");
  EXPECT_EQ(r.json["mta_sts"]["mx"][0]["consequence"], "report_only");
  EXPECT_EQ(r.json["mta_sts"]["mx"][0]["pattern"], "*.selfsigned.test");
  EXPECT_EQ(r.json["tls_rpt"]["error"], "malformed");
  EXPECT_EQ(severity_of(r.json, "tlsrpt.malformed"), "warning");
}

TEST(MtaSts, ModeNone) {
  const auto r = sts("sts-none");
  EXPECT_EQ(severity_of(r.json, "mtasts.mode_none"), "info") << r.out;
  EXPECT_EQ(r.json["mta_sts"]["mx"][0]["consequence"], "not_applied");
}

TEST(MtaSts, FetchFailuresArePrecise) {
  const std::vector<std::pair<std::string, std::string>> cases = {{"sts-redirect", "redirect"},
                                                                  {"sts-ctype", "content_type"},
                                                                  {"sts-big", "too_large"},
                                                                  {"sts-untrusted", "certificate"},
                                                                  {"sts-nopolicy", "connect"}};
  for (const auto& [domain, kind] : cases) {
    const auto r = sts(domain);
    const auto& fetch = r.json["mta_sts"]["fetch"];
    EXPECT_FALSE(fetch["ok"]) << domain;
    EXPECT_EQ(fetch["error_kind"], kind) << domain << ": " << fetch.dump();
    EXPECT_EQ(severity_of(r.json, "mtasts.fetch_failed"), "warning") << domain;
    EXPECT_EQ(severity_of(r.json, "mtasts.txt_without_policy"), "warning") << domain;
    EXPECT_FALSE(r.json["mta_sts"]["policy"]["parsed"]) << domain;
  }
}

TEST(MtaSts, RedirectIsNotFollowed) {
  const auto r = sts("sts-redirect");
  const auto& fetch = r.json["mta_sts"]["fetch"];
  EXPECT_EQ(fetch["status"], 301);
  EXPECT_EQ(fetch["location"], "https://mta-sts.sts-enforce.test/.well-known/mta-sts.txt");
}

TEST(MtaSts, MalformedLinesAreReportedAndTheRestUsed) {
  const auto r = sts("sts-malformed");
  const auto& p = r.json["mta_sts"]["policy"];
  EXPECT_TRUE(p["valid"]) << r.out;
  ASSERT_EQ(p["bad_lines"].size(), 3u);
  EXPECT_EQ(p["bad_lines"][0]["line"], 5);
  EXPECT_EQ(p["unknown_keys"], json::array({"future_key"}));
  EXPECT_EQ(severity_of(r.json, "mtasts.policy_bad_line"), "warning");
}

TEST(MtaSts, PolicyWithoutTxt) {
  const auto r = sts("sts-notxt");
  EXPECT_EQ(r.json["mta_sts"]["txt_error"], "none");
  EXPECT_TRUE(r.json["mta_sts"]["fetch"]["ok"]) << r.out;
  EXPECT_EQ(severity_of(r.json, "mtasts.policy_without_txt"), "warning");
}

TEST(MtaSts, SeveralAndMalformedTxtRecords) {
  const auto two = sts("sts-twotxt");
  EXPECT_EQ(two.json["mta_sts"]["txt_error"], "several") << two.out;
  EXPECT_EQ(severity_of(two.json, "mtasts.txt_several"), "warning");
  EXPECT_EQ(severity_of(two.json, "tlsrpt.several"), "warning");
  const auto bad = sts("sts-badtxt");
  EXPECT_EQ(bad.json["mta_sts"]["txt_error"], "malformed") << bad.out;
  EXPECT_EQ(severity_of(bad.json, "mtasts.txt_malformed"), "warning");
}

TEST(MtaSts, NoMtaStsIsInfo) {
  const auto r = sts("good");
  EXPECT_EQ(severity_of(r.json, "mtasts.none"), "info") << r.out;
  EXPECT_EQ(r.json["mta_sts"]["fetch"]["error_kind"], "dns");
  EXPECT_TRUE(findings(r.json, "tlsrpt.missing").empty()) << "neither DANE nor MTA-STS in use";
}

TEST(MtaSts, DaneMakesSendersIgnoreMtaSts) {
  const auto r = sts("sts-dane");
  EXPECT_EQ(severity_of(r.json, "dane.mta_sts_ignored"), "info") << r.out;
  EXPECT_EQ(severity_of(r.json, "mtasts.ok"), "ok");
  EXPECT_EQ(severity_of(r.json, "tlsrpt.missing"), "info");
}

TEST(MtaSts, TextReportShowsTheSections) {
  std::vector<std::string> args{"check", "sts-unlisted.test", "--no-relay-test", "--color", "never"};
  for (const auto& a : lab_args()) args.push_back(a);
  const auto r = run_mxray(args);
  EXPECT_NE(r.out.find("MTA-STS"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("will_not_deliver mx.multiline.test (not listed)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("TLS-RPT"), std::string::npos);
}

}  // namespace
}  // namespace mxray::testing
