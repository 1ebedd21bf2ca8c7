// The submission rules judged from evidence (--submission): discovery, implicit TLS and
// STARTTLS, the certificate, AUTH before and inside TLS, relaying without AUTH, RFC 8314's
// recommendation of implicit TLS; and the verdicts they give.
#include <gtest/gtest.h>

#include "mxray/checks/judge.hpp"
#include "mxray/checks/rules.hpp"
#include "mxray/checks/status.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::checks {
namespace {

using test::find_finding;
using test::has_finding;
using test::load_evidence;

// A service address that did everything right.
report::SubmissionAddress good_address(const std::string& mode, const std::string& host) {
  report::SubmissionAddress a;
  a.ip = "192.0.2.25";
  a.connect.attempted = a.connect.ok = true;
  a.tls.offered = a.tls.attempted = a.tls.ok = true;
  a.tls.version = "TLSv1.3";
  a.tls.cipher = "TLS_AES_256_GCM_SHA384";
  a.banner.received = true;
  a.banner.code = 220;
  a.banner.text = host + " ESMTP";
  if (mode == "starttls") {
    a.ehlo.sent = true;
    a.ehlo.code = 250;
    a.ehlo.extensions = {{"STARTTLS", ""}, {"PIPELINING", ""}};
    a.tls.code = 220;
  }
  a.ehlo_tls.sent = true;
  a.ehlo_tls.code = 250;
  a.ehlo_tls.extensions = {{"AUTH", "PLAIN LOGIN"}, {"PIPELINING", ""}};
  a.certificate.present = true;
  a.certificate.trusted = a.certificate.chain_trusted = true;
  a.certificate.hostname_match = true;
  a.certificate.days_left = 200;
  report::CertificateFacts leaf;
  leaf.subject = "CN=" + host;
  leaf.san = {host};
  a.certificate.chain.push_back(leaf);
  a.relay.tested = true;
  report::RelayAttempt r;
  r.variant = "plain";
  r.mail_code = 250;
  r.code = 554;
  r.text = "5.7.1 Relay access denied";
  a.relay.attempts.push_back(r);
  return a;
}

report::SubmissionService service(const std::string& host, int port, const std::string& mode) {
  report::SubmissionService s;
  s.host = host;
  s.port = port;
  s.mode = mode;
  s.found_by = "srv";
  s.addresses.push_back(good_address(mode, host));
  return s;
}

report::DomainEvidence with_services(std::vector<report::SubmissionService> services, std::string source = "srv") {
  auto ev = load_evidence("good");
  ev.submission.checked = true;
  ev.submission.source = std::move(source);
  ev.submission.services = std::move(services);
  return ev;
}

report::DomainEvidence both_good() {
  return with_services(
      {service("smtp.example.test", 465, "implicit_tls"), service("smtp.example.test", 587, "starttls")});
}

std::vector<std::string> submission_ids(const Judgement& j) {
  std::vector<std::string> ids;
  for (const auto& f : j.findings) {
    if (f.id.rfind("submission.", 0) == 0) ids.push_back(f.id + "@" + f.mx);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(JudgeSubmission, NotAskedForSaysNothing) {
  const auto j = judge(load_evidence("good"));
  EXPECT_TRUE(submission_ids(j).empty());
  EXPECT_EQ(j.domain_steps.count("submission"), 0u);
}

TEST(JudgeSubmission, BothPortsWellProtectedAreOk) {
  const auto j = judge(both_good());
  EXPECT_EQ(submission_ids(j),
            (std::vector<std::string>{"submission.ok@smtp.example.test:465", "submission.ok@smtp.example.test:587"}));
  EXPECT_EQ(j.domain_steps.at("submission"), Status::ok);
  EXPECT_EQ(j.submission_status.at("smtp.example.test:465"), Status::ok);
  EXPECT_EQ(j.verdict, judge(load_evidence("good")).verdict);
}

TEST(JudgeSubmission, AuthBeforeTlsIsCritical) {
  auto ev = both_good();
  ev.submission.services[1].addresses[0].ehlo.extensions["AUTH"] = "PLAIN LOGIN";
  const auto j = judge(ev);
  const auto* f = find_finding(j, "submission.auth_before_tls");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->mx, "smtp.example.test:587");
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_NE(f->detail.find("PLAIN LOGIN"), std::string::npos);
  EXPECT_EQ(j.submission_status.at("smtp.example.test:587"), Status::critical);
  EXPECT_EQ(j.submission_status.at("smtp.example.test:465"), Status::ok);
  EXPECT_EQ(j.domain_steps.at("submission"), Status::critical);
  EXPECT_EQ(j.verdict, Verdict::fail);
  // The MX of the same name is not touched: submission findings live at "host:port".
  for (const auto& [host, v] : j.mx_verdicts) EXPECT_NE(host, "smtp.example.test:587");
}

TEST(JudgeSubmission, OpenRelayWithoutAuth) {
  auto ev = both_good();
  auto& r = ev.submission.services[0].addresses[0].relay.attempts[0];
  r.code = 250;
  r.text = "2.1.5 Ok";
  r.accepted = true;
  const auto j = judge(ev);
  EXPECT_TRUE(has_finding(j, "submission.open_relay"));
  EXPECT_EQ(submission_ids(j), (std::vector<std::string>{"submission.ok@smtp.example.test:587",
                                                         "submission.open_relay@smtp.example.test:465"}));
}

TEST(JudgeSubmission, StartTlsOnlyGetsRfc8314Recommendation) {
  const auto j = judge(with_services({service("smtp.example.test", 587, "starttls")}));
  EXPECT_EQ(submission_ids(j),
            (std::vector<std::string>{"submission.ok@smtp.example.test:587", "submission.starttls_only@"}));
  EXPECT_EQ(j.domain_steps.at("submission"), Status::warning);
}

TEST(JudgeSubmission, ImplicitTlsPortSpeakingPlainText) {
  auto ev = both_good();
  auto& a = ev.submission.services[0].addresses[0];
  a = report::SubmissionAddress{};
  a.ip = "192.0.2.25";
  a.connect.attempted = a.connect.ok = true;
  a.tls.attempted = true;
  a.tls.error = "TLS handshake failed: wrong version number";
  a.plaintext_reply = true;
  a.banner.received = true;
  a.banner.code = 220;
  a.banner.text = "smtp.example.test ESMTP";
  const auto j = judge(ev);
  const auto* f = find_finding(j, "submission.implicit_tls_missing");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("plain text"), std::string::npos);
  EXPECT_TRUE(has_finding(j, "submission.starttls_only"));
}

TEST(JudgeSubmission, NoStartTlsAndUntrustedCertificate) {
  auto ev = both_good();
  auto& plain = ev.submission.services[1].addresses[0];
  plain.ehlo.extensions.erase("STARTTLS");
  plain.tls = report::StartTlsEvidence{};
  plain.certificate = report::CertificateEvidence{};
  plain.ehlo_tls = report::EhloEvidence{};
  auto& cert = ev.submission.services[0].addresses[0].certificate;
  cert.trusted = false;
  cert.hostname_match = false;
  cert.verify_error = "self-signed certificate";
  const auto j = judge(ev);
  EXPECT_EQ(submission_ids(j), (std::vector<std::string>{"submission.cert_name_mismatch@smtp.example.test:465",
                                                         "submission.cert_untrusted@smtp.example.test:465",
                                                         "submission.starttls_missing@smtp.example.test:587"}));
}

TEST(JudgeSubmission, NoAuthInsideTlsAndOldTls) {
  auto ev = both_good();
  auto& a = ev.submission.services[0].addresses[0];
  a.ehlo_tls.extensions.erase("AUTH");
  a.tls.version = "TLSv1.1";
  const auto j = judge(ev);
  EXPECT_TRUE(has_finding(j, "submission.auth_missing"));
  EXPECT_TRUE(has_finding(j, "submission.tls_old"));
  EXPECT_FALSE(has_finding(j, "submission.starttls_only"));
}

TEST(JudgeSubmission, BytesInjectedBeforeTheStartTlsHandshake) {
  auto ev = both_good();
  ev.submission.services[1].addresses[0].tls.bytes_before_handshake = 23;
  const auto j = judge(ev);
  const auto* f = find_finding(j, "submission.plaintext_injection");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->mx, "smtp.example.test:587");
  EXPECT_NE(f->detail.find("23 bytes"), std::string::npos);
  EXPECT_FALSE(has_finding(judge(both_good()), "submission.plaintext_injection"));
}

TEST(JudgeSubmission, NothingFoundAndGuessedServices) {
  auto none = with_services({}, "guess");
  none.submission.tried = {"smtp.example.test:465", "smtp.example.test:587"};
  const auto j = judge(none);
  const auto* f = find_finding(j, "submission.none_found");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("smtp.example.test:587"), std::string::npos);
  EXPECT_EQ(j.domain_steps.at("submission"), Status::info);

  auto guessed = both_good();
  guessed.submission.source = "guess";
  for (auto& s : guessed.submission.services) s.found_by = "name";
  EXPECT_TRUE(has_finding(judge(guessed), "submission.srv_missing"));
  EXPECT_FALSE(has_finding(judge(both_good()), "submission.srv_missing"));
}

TEST(JudgeSubmission, UnreachableSrvServiceWarns) {
  auto ev = both_good();
  auto& a = ev.submission.services[1].addresses[0];
  a = report::SubmissionAddress{};
  a.ip = "192.0.2.25";
  a.connect.attempted = true;
  a.connect.error = "Connection refused";
  a.connect.error_kind = "refused";
  const auto j = judge(ev);
  const auto* f = find_finding(j, "submission.unreachable");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->ip, "192.0.2.25");
  EXPECT_EQ(j.submission_status.at("smtp.example.test:587"), Status::warning);
}

// A service whose TLSA answer, address answers and SRV answer are all DNSSEC-secure.
report::DomainEvidence dane_secured(bool matched) {
  auto ev = with_services({service("smtp.example.test", 465, "implicit_tls")});
  ev.submission.submissions.dnssec = "secure";
  auto& s = ev.submission.services[0];
  s.dnssec = "secure";
  s.dane.looked_up = true;
  s.dane.tlsa_name = "_465._tcp.smtp.example.test";
  s.dane.dnssec = "secure";
  report::TlsaRecord r;
  r.usage = 3;
  r.selector = 1;
  r.matching_type = 1;
  r.data = std::string(64, 'a');
  r.usable = true;
  s.dane.records.push_back(r);
  auto& a = s.addresses[0];
  a.dane.checked = true;
  a.dane.matched = matched;
  a.dane.matched_record = matched ? 0 : -1;
  a.dane.depth = matched ? 0 : -1;
  if (!matched) a.dane.error = "no matching DANE TLSA records";
  return ev;
}

TEST(JudgeSubmission, DaneAppliesOnlyWithEveryAnswerSecure) {
  auto ev = dane_secured(true);
  const auto& sub = ev.submission;
  EXPECT_TRUE(submission_dane_applies(sub, sub.services[0]));
  auto insecure_srv = ev;
  insecure_srv.submission.submissions.dnssec = "insecure";
  EXPECT_FALSE(submission_dane_applies(insecure_srv.submission, insecure_srv.submission.services[0]));
  // A host found by its usual name (no SRV) is its own base domain: the SRV answer does not matter.
  insecure_srv.submission.services[0].found_by = "name";
  EXPECT_TRUE(submission_dane_applies(insecure_srv.submission, insecure_srv.submission.services[0]));
  auto insecure_address = ev;
  insecure_address.submission.services[0].dnssec = "insecure";
  EXPECT_FALSE(submission_dane_applies(insecure_address.submission, insecure_address.submission.services[0]));
  auto unusable = ev;
  unusable.submission.services[0].dane.records[0].usable = false;
  EXPECT_FALSE(submission_dane_applies(unusable.submission, unusable.submission.services[0]));
}

TEST(JudgeSubmission, DaneMatchIsOkBesideTheServiceOk) {
  const auto j = judge(dane_secured(true));
  EXPECT_EQ(submission_ids(j), (std::vector<std::string>{"submission.dane_ok@smtp.example.test:465",
                                                         "submission.ok@smtp.example.test:465"}));
  const auto* f = find_finding(j, "submission.dane_ok");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("_465._tcp.smtp.example.test"), std::string::npos);
  EXPECT_EQ(j.submission_status.at("smtp.example.test:465"), Status::ok);
}

TEST(JudgeSubmission, DaneMismatchWarnsAndNamesTheRecords) {
  const auto j = judge(dane_secured(false));
  const auto* f = find_finding(j, "submission.dane_no_match");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->mx, "smtp.example.test:465");
  EXPECT_FALSE(has_finding(j, "submission.dane_ok"));
  EXPECT_EQ(j.submission_status.at("smtp.example.test:465"), Status::warning);
  // Not applicable (the SRV answer is insecure): the same mismatch is no finding at all.
  auto ev = dane_secured(false);
  ev.submission.submissions.dnssec = "insecure";
  EXPECT_FALSE(has_finding(judge(ev), "submission.dane_no_match"));
}

TEST(JudgeSubmission, BogusTlsaAnswer) {
  auto ev = dane_secured(true);
  ev.submission.services[0].dane.dnssec = "bogus";
  ev.submission.services[0].dane.why_bogus = "signature expired";
  const auto j = judge(ev);
  const auto* f = find_finding(j, "submission.dane_bogus");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("signature expired"), std::string::npos);
  EXPECT_FALSE(has_finding(j, "submission.dane_ok"));
}

TEST(JudgeSubmission, LegacyTlsStillAcceptedBesideTls13) {
  auto ev = both_good();
  auto& a = ev.submission.services[0].addresses[0];
  a.tls.legacy_versions = {{"TLSv1", "accepted"}, {"TLSv1.1", "accepted"}};
  ev.submission.services[1].addresses[0].tls.legacy_versions = {{"TLSv1", "refused"}, {"TLSv1.1", "refused"}};
  const auto j = judge(ev);
  EXPECT_EQ(submission_ids(j), (std::vector<std::string>{"submission.ok@smtp.example.test:587",
                                                         "submission.tls_legacy@smtp.example.test:465"}));
  const auto* f = find_finding(j, "submission.tls_legacy");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("TLSv1, TLSv1.1"), std::string::npos);
  EXPECT_NE(f->detail.find("TLSv1.3"), std::string::npos);
}

TEST(JudgeSubmission, EvidenceRoundTripsThroughJson) {
  const auto ev = both_good();
  const nlohmann::json j = ev;
  const auto back = j.get<report::DomainEvidence>();
  ASSERT_EQ(back.submission.services.size(), 2u);
  EXPECT_EQ(back.submission.services[1].addresses[0].ehlo_tls.extensions.at("AUTH"), "PLAIN LOGIN");
  EXPECT_EQ(submission_ids(judge(back)), submission_ids(judge(ev)));
  const auto dane = dane_secured(false);
  const nlohmann::json d = dane;
  const auto dane_back = d.get<report::DomainEvidence>();
  EXPECT_EQ(dane_back.submission.services[0].dane.tlsa_name, "_465._tcp.smtp.example.test");
  EXPECT_EQ(submission_ids(judge(dane_back)), submission_ids(judge(dane)));
}

}  // namespace
}  // namespace mxray::checks
