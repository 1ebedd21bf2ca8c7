// Certificate rules judged from saved evidence: dates against the check time, trust (self-
// signed, incomplete chain, other CA), name, key size and signature hash.
#include <gtest/gtest.h>

#include "mxray/checks/judge.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::checks {
namespace {

using test::find_finding;
using test::has_finding;
using test::load_evidence;
using test::sorted;
using test::sorted_ids;

TEST(JudgeCertificate, ExpiredWarnsUnderOpportunisticTlsAndIsNotUntrusted) {
  const auto j = judge(load_evidence("cert_expired"));
  EXPECT_EQ(sorted_ids(j), sorted({"cert.expired", "tls.ok", "relay.closed"}));
  const auto* f = find_finding(j, "cert.expired");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);  // critical only under MTA-STS enforce (verdict_test.cpp)
  EXPECT_EQ(f->mx, "mx1.example.com");
  EXPECT_EQ(f->ip, "193.0.6.139");
  EXPECT_NE(f->detail.find("5 days ago"), std::string::npos) << f->detail;
  EXPECT_EQ(j.verdict, Verdict::warn);
}

TEST(JudgeCertificate, ExpiringInTenDaysWarns) {
  const auto j = judge(load_evidence("cert_expiring"));
  EXPECT_EQ(sorted_ids(j), sorted({"cert.expiring", "tls.ok", "relay.closed"}));
  const auto* f = find_finding(j, "cert.expiring");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_NE(f->detail.find("in 10 days"), std::string::npos) << f->detail;
  EXPECT_EQ(j.verdict, Verdict::warn);
}

TEST(JudgeCertificate, ExpiryWarningFollowsOption) {
  JudgeOptions options;
  options.expiry_warning_days = 7;
  const auto j = judge(load_evidence("cert_expiring"), options);
  EXPECT_FALSE(has_finding(j, "cert.expiring"));
  EXPECT_TRUE(has_finding(j, "cert.ok"));
  EXPECT_EQ(j.verdict, Verdict::pass);
}

TEST(JudgeCertificate, ExpiryWarningIsJudgedAtCheckTime) {
  // cert.expired compares notAfter with checked_at_epoch; cert.expiring must use the same clock,
  // not the days_left stored with the evidence, or re-judging at another time disagrees.
  auto ev = load_evidence("good");
  ev.mx[0].addresses.resize(1);
  const auto not_after = ev.mx[0].addresses[0].certificate.chain[0].not_after_epoch;
  ev.checked_at_epoch = not_after - 10 * 86400;  // days_left in the file still says 60
  const auto j = judge(ev);
  const auto* f = find_finding(j, "cert.expiring");
  ASSERT_NE(f, nullptr) << "10 days before notAfter, the certificate must be reported as expiring";
  EXPECT_NE(f->detail.find("in 10 days"), std::string::npos) << f->detail;
  EXPECT_FALSE(has_finding(j, "cert.ok"));
}

TEST(JudgeCertificate, NotYetValidWarnsUnderOpportunisticTls) {
  const auto j = judge(load_evidence("cert_not_yet_valid"));
  EXPECT_EQ(sorted_ids(j), sorted({"cert.not_yet_valid", "tls.ok", "relay.closed"}));
  EXPECT_EQ(find_finding(j, "cert.not_yet_valid")->severity, Severity::warning);
  EXPECT_EQ(j.verdict, Verdict::warn);
}

TEST(JudgeCertificate, SelfSignedIsNotReportedAsUntrusted) {
  const auto j = judge(load_evidence("cert_self_signed"));
  EXPECT_EQ(sorted_ids(j), sorted({"cert.self_signed", "tls.ok", "relay.closed"}));
  const auto* f = find_finding(j, "cert.self_signed");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_NE(f->detail.find("self-signed certificate (OpenSSL error 18)"), std::string::npos) << f->detail;
  EXPECT_EQ(j.verdict, Verdict::warn);
}

TEST(JudgeCertificate, LeafAloneWithUnknownIssuerIsIncompleteChain) {
  const auto j = judge(load_evidence("cert_incomplete_chain"));
  EXPECT_EQ(sorted_ids(j), sorted({"cert.incomplete_chain", "tls.ok", "relay.closed"}));
  EXPECT_EQ(find_finding(j, "cert.incomplete_chain")->severity, Severity::warning);
  EXPECT_EQ(j.verdict, Verdict::warn);
}

TEST(JudgeCertificate, UnknownIssuerWithFullChainIsUntrusted) {
  // The same verify error with the intermediates sent is not a missing-chain problem.
  auto ev = load_evidence("cert_incomplete_chain");
  auto& cert = ev.mx[0].addresses[0].certificate;
  cert.chain.push_back(cert.chain.front());
  cert.chain.back().subject = cert.chain.front().issuer;
  cert.chain_length_presented = 2;
  const auto j = judge(ev);
  EXPECT_TRUE(has_finding(j, "cert.untrusted"));
  EXPECT_FALSE(has_finding(j, "cert.incomplete_chain"));
}

TEST(JudgeCertificate, OtherCaIsUntrusted) {
  const auto j = judge(load_evidence("cert_untrusted"));
  EXPECT_EQ(sorted_ids(j), sorted({"cert.untrusted", "tls.ok", "relay.closed"}));
  const auto* f = find_finding(j, "cert.untrusted");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_NE(f->detail.find("OpenSSL error 19"), std::string::npos) << f->detail;
}

TEST(JudgeCertificate, NameMismatchListsTheCertificateNames) {
  const auto j = judge(load_evidence("cert_name_mismatch"));
  EXPECT_EQ(sorted_ids(j), sorted({"cert.name_mismatch", "tls.ok", "relay.closed"}));
  const auto* f = find_finding(j, "cert.name_mismatch");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_NE(f->detail.find("mx1.example.com"), std::string::npos) << f->detail;
  EXPECT_NE(f->detail.find("mail.hosting.example"), std::string::npos) << f->detail;
}

TEST(JudgeCertificate, Rsa1024IsWeakKey) {
  const auto j = judge(load_evidence("cert_weak_key"));
  EXPECT_EQ(sorted_ids(j), sorted({"cert.weak_key", "tls.ok", "relay.closed"}));
  const auto* f = find_finding(j, "cert.weak_key");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("RSA 1024"), std::string::npos) << f->detail;
}

TEST(JudgeCertificate, Sha1SignatureIsReported) {
  const auto j = judge(load_evidence("cert_sha1_signature"));
  EXPECT_EQ(sorted_ids(j), sorted({"cert.sha1_signature", "tls.ok", "relay.closed"}));
  const auto* f = find_finding(j, "cert.sha1_signature");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("sha1WithRSAEncryption"), std::string::npos) << f->detail;
}

TEST(JudgeCertificate, NoCertificateFindingsWithoutTls) {
  const auto j = judge(load_evidence("no_starttls"));
  for (const auto& f : j.findings) EXPECT_NE(f.id.rfind("cert.", 0), 0u) << f.id;
}

}  // namespace
}  // namespace mxray::checks
