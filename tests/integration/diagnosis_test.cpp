// Integration: the diagnosis a postmaster acts on (issue 4) against the lab: the software,
// reverse DNS, what the session gives away, inconclusive cases, relay variants, languages.
#include <gtest/gtest.h>

#include <algorithm>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

TEST(Diagnosis, PasswordLoginBeforeTlsIsCritical) {
  const auto r = check_lab("auth.test");
  EXPECT_EQ(first_address(r.json)["ehlo"]["extensions"]["AUTH"], "PLAIN LOGIN");
  EXPECT_EQ(severity_of(r.json, "smtp.auth_plaintext"), "critical");
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Diagnosis, VrfyAndExpnThatAnswerAreReportedAndSendmailIsRecognised) {
  const auto r = check_lab("vrfy.test");
  const auto& a = first_address(r.json);
  EXPECT_EQ(a["vrfy"]["code"], 250);
  EXPECT_EQ(a["expn"]["code"], 250);
  EXPECT_EQ(severity_of(r.json, "smtp.vrfy_enabled"), "warning");
  EXPECT_EQ(severity_of(r.json, "smtp.expn_enabled"), "warning");
  EXPECT_EQ(a["server_software"]["id"], "sendmail");
  EXPECT_EQ(a["server_software"]["version"], "8.17.1");
  EXPECT_GE(a["server_software"]["confidence"].get<int>(), 90);
  EXPECT_EQ(severity_of(r.json, "smtp.banner_version"), "info");
}

TEST(Diagnosis, VrfyThatCannotVerifyIsNotAnIssue) {
  const auto r = check_lab("good.test");
  EXPECT_EQ(first_address(r.json)["vrfy"]["code"], 252);
  EXPECT_TRUE(findings(r.json, "smtp.vrfy_enabled").empty());
}

TEST(Diagnosis, StartTlsNotRequiredIsInformationOnly) {
  const auto r = check_lab("good.test");
  EXPECT_EQ(first_address(r.json)["mail_before_tls"]["code"], 250);
  EXPECT_EQ(severity_of(r.json, "tls.not_required"), "info");
  EXPECT_EQ(r.exit_code, 0);
}

TEST(Diagnosis, GreylistedRelayTestIsInconclusive) {
  const auto r = check_lab("greylist.test");
  EXPECT_EQ(first_address(r.json)["relay"]["attempts"][0]["code"], 450);
  // Greylisting that does not say how soon: not retried, inconclusive in the server's words
  // (smtp.greylisting_unresolved says so instead of relay.deferred).
  const auto grey = findings(r.json, "smtp.greylisting_unresolved");
  ASSERT_EQ(grey.size(), 1u) << r.out;
  EXPECT_EQ(grey[0]["status"], "inconclusive");
  EXPECT_NE(grey[0]["detail"].get<std::string>().find("Greylisted"), std::string::npos);
  EXPECT_EQ(first_address(r.json)["status"]["relay"], "inconclusive");
  EXPECT_TRUE(findings(r.json, "relay.closed").empty()) << "450 does not mean closed";
  EXPECT_TRUE(findings(r.json, "relay.open").empty());
  EXPECT_EQ(severity_of(r.json, "smtp.banner_not_fqdn"), "info") << "the greeting says just 'mailhost'";
}

TEST(Diagnosis, ReverseDnsIsCheckedAndForwardConfirmed) {
  const auto good = check_lab("good.test");
  const auto& rev = first_address(good.json)["reverse_dns"];
  EXPECT_EQ(rev["names"][0], "mx1.good.test");
  EXPECT_TRUE(rev["forward_confirmed"]);
  EXPECT_EQ(severity_of(good.json, "dns.ptr_ok"), "ok");

  const auto mismatch = check_lab("mismatch.test");
  EXPECT_FALSE(first_address(mismatch.json)["reverse_dns"]["forward_confirmed"]);
  EXPECT_EQ(severity_of(mismatch.json, "dns.ptr_not_confirmed"), "warning");

  const auto missing = check_lab("auth.test");
  EXPECT_TRUE(first_address(missing.json)["reverse_dns"]["names"].empty());
  EXPECT_EQ(severity_of(missing.json, "dns.ptr_missing"), "warning");
}

TEST(Diagnosis, AllRelayVariantsAreTriedWithRsetBetweenAndNeverData) {
  const auto r = check_lab("good.test", {"--relay-tests", "all"});
  const auto& relay = first_address(r.json)["relay"];
  EXPECT_EQ(relay["mode"], "all");
  ASSERT_EQ(relay["attempts"].size(), 16u);
  std::vector<std::string> variants;
  for (const auto& a : relay["attempts"]) variants.push_back(a["variant"]);
  for (const auto* v : {"plain", "null_sender", "percent_hack", "quoted_local_part", "source_route", "bang_path",
                        "at_in_local_part", "sender_address_literal"}) {
    EXPECT_NE(std::find(variants.begin(), variants.end(), v), variants.end()) << v;
  }
  EXPECT_EQ(first_address(r.json)["status"]["relay"], "warning") << "outside recipients refused; tricks accepted";
  // The fixture takes any address in its own domain, so tricks addressed to it are accepted:
  // reported as a warning, not as an open relay.
  EXPECT_EQ(severity_of(r.json, "relay.trick_accepted"), "warning");
  const auto log = lab_file("logs/good.log");
  EXPECT_NE(log.find("C: RCPT TO:<relay-test%example.net@good.test>"), std::string::npos);
  EXPECT_NE(log.find("C: RCPT TO:<@good.test:relay-test@example.net>"), std::string::npos);
  EXPECT_EQ(log.find("C: DATA"), std::string::npos);
}

TEST(Diagnosis, OpenRelayNamesTheAcceptedVariants) {
  const auto r = check_lab("openrelay.test", {"--relay-tests", "all"});
  const auto& relay = first_address(r.json)["relay"];
  EXPECT_EQ(first_address(r.json)["status"]["relay"], "critical");
  int accepted_outside = 0;
  for (const auto& a : relay["attempts"])
    accepted_outside += a["accepted"].get<bool>() && a["targets_outside"].get<bool>();
  EXPECT_GE(accepted_outside, 4);
  EXPECT_EQ(severity_of(r.json, "relay.open"), "critical");
}

TEST(Diagnosis, RecognisedPostfixGetsPostfixSettingsInTheFix) {
  const auto r = check_lab("postfix-relay.test");
  EXPECT_EQ(first_address(r.json)["server_software"]["id"], "postfix");
  const auto f = findings(r.json, "relay.open");
  ASSERT_FALSE(f.empty()) << r.out;
  EXPECT_NE(f[0]["fix"].get<std::string>().find("smtpd_relay_restrictions"), std::string::npos);
  EXPECT_NE(f[0]["fix"].get<std::string>().find("mynetworks"), std::string::npos);
}

TEST(Languages, ReportTextFollowsLangAndIdsStayStable) {
  const auto en = check_lab("expired.test");
  for (const auto* lang : {"fr", "de", "es", "it"}) {
    const auto r = check_lab("expired.test", {"--lang", lang});
    EXPECT_EQ(r.json["language"], lang);
    const auto f = findings(r.json, "cert.expired");
    ASSERT_FALSE(f.empty()) << lang;
    const auto f_en = findings(en.json, "cert.expired");
    EXPECT_NE(f[0]["title"], f_en[0]["title"]) << lang << ": the title is translated";
    EXPECT_NE(f[0]["fix"], f_en[0]["fix"]) << lang;
    EXPECT_NE(f[0]["fix"].get<std::string>().find("certbot renew"), std::string::npos) << "commands stay as they are";
    EXPECT_EQ(finding_ids(r.json), finding_ids(en.json)) << lang << ": ids do not change";
  }
}

TEST(Languages, LangEnvironmentAndHelpAreTranslated) {
  const auto help = run_mxray({"check", "--help", "--lang", "de"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_EQ(help.out.find("Check the mail servers of one domain"), std::string::npos) << help.out;
  auto args = std::vector<std::string>{"check", "good.test", "--lang", "it"};
  for (const auto& a : lab_args()) args.push_back(a);
  const auto text = run_mxray(args);
  EXPECT_EQ(text.out.find("Findings"), std::string::npos) << "the terminal labels are translated too";
}

}  // namespace
}  // namespace mxray::testing

namespace mxray::testing {
namespace {

TEST(Diagnosis, OldTlsVersionsStillAcceptedAreFoundEvenWhenTls13IsNegotiated) {
  // The real Postfix of the lab that still allows TLS 1.0 and 1.1 (lab/mta).
  const auto legacy = check_lab("postfix-legacy.test");
  const auto& tls = legacy.json.at("mx").at(0).at("addresses").at(0).at("starttls");
  EXPECT_EQ(tls["version"], "TLSv1.3");
  EXPECT_EQ(tls["legacy_versions"]["TLSv1"], "accepted");
  EXPECT_EQ(tls["legacy_versions"]["TLSv1.1"], "accepted");
  EXPECT_FALSE(findings(legacy.json, "tls.legacy_accepted").empty());

  const auto good = check_lab("good.test");
  const auto& modern = good.json.at("mx").at(0).at("addresses").at(0).at("starttls");
  EXPECT_EQ(modern["legacy_versions"]["TLSv1"], "refused");
  EXPECT_TRUE(findings(good.json, "tls.legacy_accepted").empty());
}

}  // namespace
}  // namespace mxray::testing
