// Session, STARTTLS and relay rules judged from saved evidence: reachability, greetings,
// EHLO/HELO, bounds, address policy, TLS version and injection, open relay.
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

TEST(JudgeSession, UnreachableAddressFailsTheDomain) {
  // Refused, not timed out: a timeout of every connection is "not tested from here"
  // (verdict_test.cpp), a refusal is the server's answer.
  auto ev = load_evidence("unreachable");
  ev.mx[0].addresses[0].connect.error_kind = "refused";
  const auto j = judge(ev);
  EXPECT_EQ(sorted_ids(j), sorted({"smtp.unreachable", "domain.all_down"}));
  const auto* f = find_finding(j, "smtp.unreachable");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_EQ(f->ip, "193.0.6.139");
  EXPECT_NE(f->detail.find("Connection timed out"), std::string::npos) << f->detail;
  EXPECT_EQ(find_finding(j, "domain.all_down")->severity, Severity::critical);
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(JudgeSession, BusyGreetingIsNotDown) {
  // 421 is "try later": senders retry, so the domain is not reported as down, and the
  // check is inconclusive, not a failure (and not a pass: nothing was verified).
  const auto j = judge(load_evidence("greeting_421"));
  EXPECT_EQ(sorted_ids(j), sorted({"smtp.greeting_busy", "domain.nothing_verified"}));
  EXPECT_EQ(find_finding(j, "smtp.greeting_busy")->severity, Severity::info);
  EXPECT_EQ(find_finding(j, "smtp.greeting_busy")->status, Status::inconclusive);
  EXPECT_FALSE(has_finding(j, "domain.all_down"));
  EXPECT_EQ(j.verdict, Verdict::inconclusive);
}

TEST(JudgeSession, RefusingGreetingFails) {
  const auto j = judge(load_evidence("greeting_554"));
  const auto* f = find_finding(j, "smtp.greeting_refused");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_NE(f->detail.find("554"), std::string::npos) << f->detail;
  EXPECT_FALSE(has_finding(j, "smtp.greeting_busy"));
  EXPECT_FALSE(has_finding(j, "tls.starttls_missing"));  // never got to EHLO: nothing to say
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(JudgeSession, BannerWithVersionIsInfo) {
  const auto j = judge(load_evidence("banner_version"));
  EXPECT_EQ(sorted_ids(j), sorted({"smtp.banner_version", "tls.ok", "cert.ok", "relay.closed"}));
  const auto* f = find_finding(j, "smtp.banner_version");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::info);
  EXPECT_NE(f->detail.find("ESMTP Postfix 3.7.11"), std::string::npos) << f->detail;
  EXPECT_EQ(j.verdict, Verdict::pass);
}

TEST(JudgeSession, BannerWithoutVersionIsNotReported) {
  const auto ev = load_evidence("good");
  ASSERT_EQ(ev.mx[0].addresses[0].banner.text, "mx1.example.com ESMTP Postfix (Debian/GNU)");
  EXPECT_FALSE(has_finding(judge(ev), "smtp.banner_version"));
}

TEST(JudgeSession, SlowBannerWarns) {
  const auto j = judge(load_evidence("slow_banner"));
  EXPECT_EQ(sorted_ids(j), sorted({"smtp.slow_banner", "tls.ok", "cert.ok", "relay.closed"}));
  const auto* f = find_finding(j, "smtp.slow_banner");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_NE(f->detail.find("3000 ms"), std::string::npos) << f->detail;
  EXPECT_EQ(j.verdict, Verdict::warn);
}

TEST(JudgeSession, EhloRefusedWithHeloAcceptedHasNoStarttls) {
  const auto j = judge(load_evidence("ehlo_refused"));
  EXPECT_EQ(sorted_ids(j), sorted({"smtp.ehlo_refused", "tls.starttls_missing", "relay.closed"}));
  EXPECT_EQ(find_finding(j, "smtp.ehlo_refused")->severity, Severity::warning);
  const auto* tls = find_finding(j, "tls.starttls_missing");
  ASSERT_NE(tls, nullptr);
  EXPECT_NE(tls->detail.find("HELO only"), std::string::npos) << tls->detail;
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(JudgeSession, SpecialRangeAddressIsNotProbedNorDown) {
  const auto j = judge(load_evidence("special_range"));
  EXPECT_EQ(sorted_ids(j), sorted({"address.special_range", "domain.nothing_verified"}));
  const auto* f = find_finding(j, "address.special_range");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->ip, "10.0.0.25");
  EXPECT_NE(f->detail.find("private"), std::string::npos) << f->detail;
  EXPECT_EQ(j.verdict, Verdict::warn);
}

TEST(JudgeSession, BoundReachedNamesTheBound) {
  const auto j = judge(load_evidence("bound_reached"));
  EXPECT_EQ(sorted_ids(j), sorted({"smtp.bound_reached"}));
  const auto* f = find_finding(j, "smtp.bound_reached");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->detail, "EHLO: reply over 65536 bytes");
}

TEST(JudgeTls, MissingStarttlsFails) {
  const auto j = judge(load_evidence("no_starttls"));
  EXPECT_EQ(sorted_ids(j), sorted({"tls.starttls_missing", "relay.closed"}));
  const auto* f = find_finding(j, "tls.starttls_missing");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_EQ(f->detail, "EHLO lists no STARTTLS");
  EXPECT_EQ(j.verdict, Verdict::fail);
  EXPECT_EQ(j.mx_verdicts.at("mx1.example.com"), Verdict::fail);
}

TEST(JudgeTls, FailedUpgradeIsReportedWithoutCertificateFindings) {
  auto ev = load_evidence("good");
  ev.mx[0].addresses.resize(1);
  auto& a = ev.mx[0].addresses[0];
  a.starttls.ok = false;
  a.starttls.error = "sslv3 alert handshake failure";
  a.certificate = {};
  const auto j = judge(ev);
  EXPECT_EQ(sorted_ids(j), sorted({"tls.starttls_failed", "relay.closed"}));
  EXPECT_EQ(find_finding(j, "tls.starttls_failed")->detail, "sslv3 alert handshake failure");
}

TEST(JudgeTls, Tls10IsOldVersion) {
  const auto j = judge(load_evidence("tls_old_version"));
  EXPECT_EQ(sorted_ids(j), sorted({"tls.old_version", "tls.ok", "cert.ok", "relay.closed"}));
  const auto* f = find_finding(j, "tls.old_version");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->detail, "negotiated TLSv1");
}

TEST(JudgeTls, BytesBeforeHandshakeArePlaintextInjection) {
  const auto j = judge(load_evidence("tls_plaintext_injection"));
  EXPECT_EQ(sorted_ids(j), sorted({"tls.plaintext_injection", "tls.ok", "cert.ok", "relay.closed"}));
  const auto* f = find_finding(j, "tls.plaintext_injection");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_NE(f->detail.find("17 bytes"), std::string::npos) << f->detail;
}

TEST(JudgeRelay, OpenRelayIsCritical) {
  const auto j = judge(load_evidence("relay_open"));
  EXPECT_EQ(sorted_ids(j), sorted({"relay.open", "tls.ok", "cert.ok"}));
  const auto* f = find_finding(j, "relay.open");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_NE(f->detail.find("RCPT TO:<relay-test@example.net>"), std::string::npos) << f->detail;
  EXPECT_NE(f->detail.find("250"), std::string::npos) << f->detail;
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(JudgeRelay, RepliesOutOfTurnMakeTheRelayAnswerInconclusive) {
  // 250 then 550 to one RCPT: the 250 may be the relay answer or a stray one; either way no
  // verdict on relaying can be drawn from it, open or closed.
  auto ev = load_evidence("relay_open");
  ev.mx[0].addresses[0].out_of_turn = {"RCPT: 32 bytes after the reply, before the next command"};
  const auto j = judge(ev);
  EXPECT_FALSE(has_finding(j, "relay.open"));
  EXPECT_FALSE(has_finding(j, "relay.closed"));
  const auto* f = find_finding(j, "relay.desynced");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, Status::inconclusive);
  EXPECT_NE(f->detail.find("RCPT: 32 bytes"), std::string::npos) << f->detail;
  EXPECT_TRUE(has_finding(j, "smtp.out_of_turn"));
  EXPECT_EQ(j.verdict, Verdict::warn) << "the desync itself is a warning";
}

TEST(JudgeRelay, RefusedSenderIsInconclusive) {
  const auto j = judge(load_evidence("relay_inconclusive"));
  EXPECT_EQ(sorted_ids(j), sorted({"relay.inconclusive", "tls.ok", "cert.ok"}));
  const auto* f = find_finding(j, "relay.inconclusive");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::info);
  EXPECT_NE(f->detail.find("MAIL FROM answered 553"), std::string::npos) << f->detail;
  EXPECT_EQ(j.verdict, Verdict::pass);
}

TEST(JudgeRelay, ClosedRelayQuotesTheRefusal) {
  const auto j = judge(load_evidence("good"));
  const auto* f = find_finding(j, "relay.closed");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("554 5.7.1"), std::string::npos) << f->detail;
}

}  // namespace
}  // namespace mxray::checks
