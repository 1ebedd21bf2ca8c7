// Integration: --submission against the lab's submission domains (lab/zones/test.zone.in,
// fixture listeners on 127.0.0.216-.221 and .223, ports 465 and 587): SRV discovery, implicit
// TLS on 465, STARTTLS on 587, AUTH offered before TLS, an open relay, plain text on 465, the
// usual names tried when no SRV record exists, DANE (RFC 7673) and TLS 1.0/1.1 still accepted. mxray never sends AUTH:
// the fixture logs say so.
#include <gtest/gtest.h>

#include <algorithm>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

const std::vector<std::string> kFast = {"--submission", "--no-legacy-tls-scan"};

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

const json* service(const json& report, const std::string& host, int port) {
  for (const auto& s : report["submission"]["services"]) {
    if (s["host"] == host && s["port"] == port) return &s;
  }
  return nullptr;
}

TEST(Submission, SrvNamesImplicitTlsAndStartTlsBothWellProtected) {
  const auto r = check_lab("submit.test", kFast);
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto& sub = r.json["submission"];
  EXPECT_TRUE(sub["checked"]);
  EXPECT_EQ(sub["source"], "srv");
  EXPECT_EQ(sub["submissions"]["records"][0]["port"], 465);
  EXPECT_EQ(sub["submissions"]["dnssec"], "secure");
  const auto* implicit = service(r.json, "implicit.submit.test", 465);
  const auto* starttls = service(r.json, "starttls.submit.test", 587);
  ASSERT_TRUE(implicit && starttls) << sub.dump(1);
  EXPECT_EQ((*implicit)["mode"], "implicit_tls");
  const auto& ia = (*implicit)["addresses"][0];
  EXPECT_TRUE(ia["tls"]["ok"]) << ia.dump(1);
  EXPECT_TRUE(ia["certificate"]["trusted"]);
  EXPECT_TRUE(ia["certificate"]["hostname_match"]);
  EXPECT_EQ(ia["ehlo_tls"]["extensions"]["AUTH"], "PLAIN LOGIN");
  EXPECT_EQ(ia["relay"]["attempts"][0]["code"], 554) << "relaying without AUTH refused";
  const auto& sa = (*starttls)["addresses"][0];
  EXPECT_FALSE(sa["ehlo"]["extensions"].contains("AUTH")) << "no AUTH before STARTTLS";
  EXPECT_TRUE(sa["tls"]["ok"]);
  EXPECT_EQ(sa["ehlo_tls"]["extensions"]["AUTH"], "PLAIN LOGIN");
  EXPECT_EQ((*implicit)["status"], "ok");
  EXPECT_EQ((*starttls)["status"], "ok");
  EXPECT_EQ(r.json["status"]["submission"], "ok");
  EXPECT_EQ(findings(r.json, "submission.ok").size(), 2u) << r.out;
  const auto ids = finding_ids(r.json);
  EXPECT_FALSE(has(ids, "submission.starttls_only"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  // Never a credential: no AUTH command reached either server.
  for (const auto* log : {"submit-implicit.log", "submit-starttls.log"}) {
    const auto text = lab_file("logs/" + std::string(log));
    EXPECT_NE(text.find("C: EHLO"), std::string::npos) << log;
    EXPECT_EQ(text.find("C: AUTH"), std::string::npos) << log;
    EXPECT_EQ(text.find("C: DATA"), std::string::npos) << log;
  }
}

TEST(Submission, AuthBeforeTlsAndNoImplicitTls) {
  const auto r = check_lab("submit-authplain.test", kFast);
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto bad = findings(r.json, "submission.auth_before_tls");
  ASSERT_EQ(bad.size(), 1u) << r.out;
  EXPECT_EQ(bad[0]["mx"], "smtp.submit-authplain.test:587");
  EXPECT_EQ(bad[0]["severity"], "critical");
  EXPECT_EQ(severity_of(r.json, "submission.starttls_only"), "warning");
  EXPECT_EQ(r.json["status"]["submission"], "critical");
  EXPECT_EQ(r.json["verdict"], "fail");
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Submission, OpenRelayAndPlainTextOnTheImplicitTlsPort) {
  const auto relay = check_lab("submit-relay.test", kFast);
  ASSERT_TRUE(relay.json.is_object()) << relay.err;
  EXPECT_EQ(severity_of(relay.json, "submission.open_relay"), "critical") << relay.out;
  EXPECT_FALSE(has(finding_ids(relay.json), "submission.ok"));
  const auto plain = check_lab("submit-plain465.test", kFast);
  ASSERT_TRUE(plain.json.is_object()) << plain.err;
  const auto f = findings(plain.json, "submission.implicit_tls_missing");
  ASSERT_EQ(f.size(), 1u) << plain.out;
  EXPECT_NE(f[0]["detail"].get<std::string>().find("plain text"), std::string::npos) << f[0].dump();
  EXPECT_TRUE(service(plain.json, "smtp.submit-plain465.test", 465)->at("addresses")[0]["plaintext_reply"]);
}

TEST(Submission, WithoutSrvTheUsualNamesAreTriedAndNothingFoundIsSaid) {
  const auto r = check_lab("submit-guess.test", kFast);
  ASSERT_TRUE(r.json.is_object()) << r.err;
  EXPECT_EQ(r.json["submission"]["source"], "guess");
  const auto& tried = r.json["submission"]["tried"];
  EXPECT_NE(std::find(tried.begin(), tried.end(), "mx1.good.test:587"), tried.end()) << tried.dump();
  ASSERT_EQ(r.json["submission"]["services"].size(), 1u) << r.json["submission"].dump(1);
  EXPECT_EQ(r.json["submission"]["services"][0]["host"], "smtp.submit-guess.test");
  EXPECT_EQ(r.json["submission"]["services"][0]["found_by"], "name");
  const auto ids = finding_ids(r.json);
  EXPECT_TRUE(has(ids, "submission.srv_missing")) << r.out;
  EXPECT_TRUE(has(ids, "submission.ok")) << r.out;

  const auto none = check_lab("submit-none.test", kFast);
  ASSERT_TRUE(none.json.is_object()) << none.err;
  EXPECT_TRUE(none.json["submission"]["services"].empty());
  EXPECT_EQ(severity_of(none.json, "submission.none_found"), "info") << none.out;
  // The terminal report shows the section too.
  const auto text = run_mxray([&] {
    auto args = std::vector<std::string>{"check", "submit.test", "--color", "never"};
    for (const auto& a : lab_args()) args.push_back(a);
    for (const auto& a : kFast) args.push_back(a);
    return args;
  }());
  EXPECT_NE(text.out.find("Submission"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("implicit.submit.test:465"), std::string::npos) << text.out;
}

TEST(Submission, RealPostfixOn465And587WithAuthOnlyInsideTls) {
  const auto r = check_lab("submit-postfix.test", kFast);
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto* implicit = service(r.json, "mx.postfix.test", 465);
  const auto* starttls = service(r.json, "mx.postfix.test", 587);
  ASSERT_TRUE(implicit && starttls) << r.json["submission"].dump(1);
  EXPECT_EQ((*implicit)["status"], "ok") << r.out;
  EXPECT_EQ((*starttls)["status"], "ok") << r.out;
  ASSERT_EQ((*starttls)["addresses"].size(), 2u) << "127.0.0.50 and ::1";
  for (const auto* s : {implicit, starttls}) {
    for (const auto& a : (*s)["addresses"]) {
      EXPECT_TRUE(a["tls"]["ok"]) << a.dump(1);
      EXPECT_TRUE(a["certificate"]["hostname_match"]) << a.dump(1);
      EXPECT_NE(a["ehlo_tls"]["extensions"]["AUTH"].get<std::string>().find("PLAIN"), std::string::npos) << a.dump(1);
      EXPECT_EQ(a["relay"]["attempts"][0]["code"], 554) << a.dump(1);
    }
  }
  for (const auto& a : (*starttls)["addresses"]) {
    EXPECT_TRUE(a["ehlo"]["extensions"].contains("STARTTLS"));
    EXPECT_FALSE(a["ehlo"]["extensions"].contains("AUTH")) << "smtpd_tls_auth_only";
  }
  EXPECT_EQ(findings(r.json, "submission.ok").size(), 4u) << r.out;
  EXPECT_EQ(r.json["status"]["submission"], "ok");
  // Postfix counts every command of a session in its "disconnect" line: never an auth=.
  const auto log = lab_file("logs/postfix.log");
  EXPECT_NE(log.find("postfix/submissions/smtpd"), std::string::npos);
  EXPECT_NE(log.find("postfix/submission/smtpd"), std::string::npos);
  EXPECT_EQ(log.find(" auth="), std::string::npos);
}

TEST(Submission, DaneForSubmissionOnTheSameHandshake) {
  const auto r = check_lab("submit-dane.test", kFast);
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto* implicit = service(r.json, "dane465.submit.test", 465);
  const auto* starttls = service(r.json, "dane587.submit.test", 587);
  ASSERT_TRUE(implicit && starttls) << r.json["submission"].dump(1);
  EXPECT_EQ((*implicit)["dane"]["tlsa_name"], "_465._tcp.dane465.submit.test");
  EXPECT_EQ((*implicit)["dane"]["dnssec"], "secure");
  EXPECT_TRUE((*implicit)["dane"]["applies"]) << (*implicit)["dane"].dump(1);
  EXPECT_TRUE((*implicit)["addresses"][0]["dane"]["matched"]) << (*implicit)["addresses"][0].dump(1);
  EXPECT_EQ((*starttls)["dane"]["tlsa_name"], "_587._tcp.dane587.submit.test");
  EXPECT_TRUE((*starttls)["addresses"][0]["dane"]["checked"]);
  EXPECT_FALSE((*starttls)["addresses"][0]["dane"]["matched"]);
  const auto ok = findings(r.json, "submission.dane_ok");
  ASSERT_EQ(ok.size(), 1u) << r.out;
  EXPECT_EQ(ok[0]["mx"], "dane465.submit.test:465");
  const auto bad = findings(r.json, "submission.dane_no_match");
  ASSERT_EQ(bad.size(), 1u) << r.out;
  EXPECT_EQ(bad[0]["mx"], "dane587.submit.test:587");
  EXPECT_EQ(bad[0]["severity"], "warning");
  EXPECT_EQ((*implicit)["status"], "ok");
  EXPECT_EQ((*starttls)["status"], "warning");
  // The other services of the lab publish no TLSA record: nothing is said about DANE there.
  const auto plain = check_lab("submit.test", kFast);
  ASSERT_TRUE(plain.json.is_object()) << plain.err;
  EXPECT_FALSE(service(plain.json, "implicit.submit.test", 465)->at("dane")["applies"]);
  for (const auto& id : finding_ids(plain.json)) EXPECT_EQ(id.find("submission.dane"), std::string::npos) << id;
}

TEST(Submission, LegacyTlsAcceptedOnTheImplicitTlsPort) {
  const auto r = check_lab("submit-legacy.test", {"--submission", "--no-relay-test"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto* s = service(r.json, "smtp.submit-legacy.test", 465);
  ASSERT_TRUE(s) << r.json["submission"].dump(1);
  const auto& tls = (*s)["addresses"][0]["tls"];
  EXPECT_EQ(tls["version"], "TLSv1.3") << tls.dump(1);
  EXPECT_EQ(tls["legacy_versions"]["TLSv1"], "accepted") << tls.dump(1);
  const auto f = findings(r.json, "submission.tls_legacy");
  ASSERT_EQ(f.size(), 1u) << r.out;
  EXPECT_EQ(f[0]["severity"], "warning");
  // A service that refuses old versions gets no such finding, and says "refused".
  const auto modern = check_lab("submit.test", {"--submission", "--no-relay-test"});
  ASSERT_TRUE(modern.json.is_object()) << modern.err;
  const auto& mtls = service(modern.json, "implicit.submit.test", 465)->at("addresses")[0]["tls"];
  EXPECT_EQ(mtls["legacy_versions"]["TLSv1"], "refused") << mtls.dump(1);
  EXPECT_EQ(mtls["legacy_versions"]["TLSv1.1"], "refused") << mtls.dump(1);
  EXPECT_TRUE(findings(modern.json, "submission.tls_legacy").empty()) << modern.out;
}

TEST(Submission, NotAskedForNothingIsProbed) {
  const auto r = check_lab("submit.test", {"--no-legacy-tls-scan", "--no-relay-test"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  EXPECT_FALSE(r.json["submission"]["checked"]);
  EXPECT_FALSE(r.json["status"].contains("submission"));
}

}  // namespace
}  // namespace mxray::testing
