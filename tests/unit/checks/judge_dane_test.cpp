// DANE, MTA-STS and TLS-RPT rules judged from saved evidence (recorded from the lab's
// dane-* and sts-* domains, domain renamed to example.com).
#include <gtest/gtest.h>

#include "mxray/checks/judge.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::checks {
namespace {

using test::find_finding;
using test::has_finding;
using test::load_evidence;

TEST(JudgeDane, EveryUsableCombinationMatches) {
  const auto ev = load_evidence("dane_combos");
  const auto j = judge(ev);
  EXPECT_EQ(j.verdict, Verdict::pass);
  ASSERT_EQ(ev.mx.size(), 12u);
  int ok = 0;
  for (const auto& f : j.findings) ok += f.id == "dane.ok";
  EXPECT_EQ(ok, 12);
  for (const auto& mx : ev.mx) {
    const auto& a = mx.addresses.at(0);
    EXPECT_TRUE(a.dane.matched) << mx.host;
    EXPECT_EQ(a.dane.depth, mx.dane.records.at(0).usage == 3 ? 0 : 1) << mx.host;
  }
}

TEST(JudgeDane, NoMatchIsCritical) {
  const auto j = judge(load_evidence("dane_mismatch"));
  const auto* f = find_finding(j, "dane.no_match");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_EQ(f->ip, "127.0.0.60");
  EXPECT_TRUE(has_finding(j, "dane.single_key"));
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(JudgeDane, UnmatchedRecordBesideAMatchIsAPreparedNextKey) {
  const auto j = judge(load_evidence("dane_rollover"));
  EXPECT_EQ(find_finding(j, "dane.record_unmatched")->severity, Severity::info);
  EXPECT_TRUE(has_finding(j, "dane.ok"));
  EXPECT_FALSE(has_finding(j, "dane.single_key")) << "two keys published";
  EXPECT_EQ(j.verdict, Verdict::pass);
}

TEST(JudgeDane, BogusTlsaIsCriticalAndNotVerified) {
  const auto ev = load_evidence("dane_bogus");
  const auto j = judge(ev);
  EXPECT_EQ(find_finding(j, "dane.bogus")->severity, Severity::critical);
  EXPECT_FALSE(ev.mx[0].addresses[0].dane.checked);
  EXPECT_FALSE(has_finding(j, "dane.ok"));
}

TEST(JudgeDane, UnsignedTlsaIsReportedAndIgnored) {
  const auto j = judge(load_evidence("dane_unsigned"));
  EXPECT_EQ(find_finding(j, "dane.unsigned_tlsa")->severity, Severity::warning);
  EXPECT_FALSE(has_finding(j, "dane.ok"));
  EXPECT_FALSE(has_finding(j, "dane.no_match"));
  EXPECT_FALSE(has_finding(j, "tlsrpt.missing")) << "DANE is not in use";
}

TEST(JudgeDane, UsagesZeroAndOneAreUnusable) {
  const auto j = judge(load_evidence("dane_usage01"));
  const auto* f = find_finding(j, "dane.unusable_usage");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("0 1 1"), std::string::npos);
  EXPECT_NE(f->detail.find("1 1 1"), std::string::npos);
  EXPECT_FALSE(has_finding(j, "dane.ok"));
}

TEST(JudgeDane, SignedMxWithoutTlsaIsInfo) {
  const auto j = judge(load_evidence("sts_unlisted"));
  EXPECT_EQ(find_finding(j, "dane.missing")->severity, Severity::info);
}

TEST(JudgeDane, BreakingTheChainAfterwardsIsNoMatch) {
  auto ev = load_evidence("dane_combos");
  ev.mx[0].addresses[0].dane.matched = false;
  ev.mx[0].addresses[0].dane.error = "no matching DANE TLSA records";
  EXPECT_TRUE(has_finding(judge(ev), "dane.no_match"));
  ev.mx[0].addresses[0].dane.checked = false;
  ev.mx[0].addresses[0].starttls.offered = false;
  EXPECT_TRUE(has_finding(judge(ev), "dane.no_tls"));
}

TEST(JudgeMtaSts, UnlistedMxInEnforceIsCritical) {
  const auto j = judge(load_evidence("sts_unlisted"));
  const auto* f = find_finding(j, "mtasts.enforce_mx_unlisted");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_EQ(f->mx, "mx.multiline.test");
  EXPECT_NE(f->title.find("senders that honour the policy will not deliver there"), std::string::npos);
  EXPECT_TRUE(has_finding(j, "tlsrpt.missing"));
}

TEST(JudgeMtaSts, TestingModeWarns) {
  const auto j = judge(load_evidence("sts_testing"));
  EXPECT_EQ(find_finding(j, "mtasts.testing_tls_invalid")->severity, Severity::warning);
  EXPECT_TRUE(has_finding(j, "mtasts.mode_testing"));
  EXPECT_FALSE(has_finding(j, "mtasts.enforce_tls_invalid"));
  EXPECT_TRUE(has_finding(j, "tlsrpt.malformed"));
}

TEST(JudgeMtaSts, EnforceWithBadCertificateIsCritical) {
  auto ev = load_evidence("sts_testing");
  ev.mta_sts.policy.mode = "enforce";
  const auto j = judge(ev);
  const auto* f = find_finding(j, "mtasts.enforce_tls_invalid");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_NE(f->detail.find("not trusted"), std::string::npos);
}

TEST(JudgeMtaSts, PolicyWithoutTxt) {
  const auto j = judge(load_evidence("sts_notxt"));
  EXPECT_TRUE(has_finding(j, "mtasts.policy_without_txt"));
  EXPECT_FALSE(has_finding(j, "mtasts.ok"));
}

TEST(JudgeMtaSts, DaneMakesSendersIgnoreMtaSts) {
  const auto j = judge(load_evidence("sts_dane"));
  EXPECT_TRUE(has_finding(j, "dane.mta_sts_ignored"));
  EXPECT_TRUE(has_finding(j, "mtasts.ok"));
  EXPECT_EQ(j.verdict, Verdict::pass);
}

TEST(JudgeMtaSts, OldEvidenceWithoutLookupsHasNoPolicyFindings) {
  const auto j = judge(load_evidence("good"));
  for (const auto& f : j.findings) {
    EXPECT_NE(f.id.rfind("mtasts.", 0), 0u) << f.id;
    EXPECT_NE(f.id.rfind("tlsrpt.", 0), 0u) << f.id;
  }
}

}  // namespace
}  // namespace mxray::checks
