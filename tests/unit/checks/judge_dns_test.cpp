// DNS and domain-wide rules judged from saved evidence: null and implicit MX, no mail host,
// aliases, IP literals, DNSSEC, and which MX is down while another answers.
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

TEST(JudgeDns, NullMxPasses) {
  const auto j = judge(load_evidence("null_mx"));
  EXPECT_EQ(sorted_ids(j), sorted({"dns.null_mx"}));
  EXPECT_EQ(find_finding(j, "dns.null_mx")->severity, Severity::info);
  EXPECT_EQ(j.verdict, Verdict::pass);
}

TEST(JudgeDns, ImplicitMxWarns) {
  const auto j = judge(load_evidence("implicit_mx"));
  const auto* f = find_finding(j, "dns.implicit_mx");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->mx, "example.com");
  EXPECT_FALSE(has_finding(j, "dns.no_mail_host"));
  EXPECT_TRUE(has_finding(j, "tls.ok"));  // the domain's own address was still probed
  EXPECT_EQ(j.verdict, Verdict::warn);
}

TEST(JudgeDns, NoMxAndNoAddressIsNoMailHost) {
  const auto j = judge(load_evidence("no_mail_host"));
  const auto* f = find_finding(j, "dns.no_mail_host");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_FALSE(has_finding(j, "dns.implicit_mx"));
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(JudgeDns, MxAliasWarns) {
  const auto j = judge(load_evidence("mx_cname"));
  EXPECT_EQ(sorted_ids(j), sorted({"dns.mx_cname", "tls.ok", "cert.ok", "relay.closed"}));
  const auto* f = find_finding(j, "dns.mx_cname");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->mx, "mx1.example.com");
  EXPECT_NE(f->detail.find("mail.hosting.example"), std::string::npos) << f->detail;
  EXPECT_EQ(j.verdict, Verdict::warn);
}

TEST(JudgeDns, MxIpLiteralIsCritical) {
  const auto j = judge(load_evidence("mx_ip_literal"));
  const auto* f = find_finding(j, "dns.mx_ip_literal");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_EQ(f->mx, "193.0.6.139");
  EXPECT_FALSE(has_finding(j, "dns.mx_no_address"));  // one finding for one mistake
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(JudgeDns, BogusAddressRecordsAreCritical) {
  const auto j = judge(load_evidence("dns_bogus"));
  EXPECT_EQ(sorted_ids(j), sorted({"dns.bogus", "tls.ok", "cert.ok", "relay.closed"}));
  const auto* f = find_finding(j, "dns.bogus");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_EQ(f->mx, "mx1.example.com");
  EXPECT_EQ(j.mx_verdicts.at("mx1.example.com"), Verdict::fail);
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(JudgeDns, BogusMxAnswerIsDomainWide) {
  auto ev = load_evidence("good");
  ev.mx_dnssec = "bogus";
  const auto j = judge(ev);
  const auto* f = find_finding(j, "dns.bogus");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->mx, "");
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(JudgeDns, SignedMxIsOk) {
  auto ev = load_evidence("good");
  ev.mx_dnssec = "secure";
  const auto j = judge(ev);
  ASSERT_TRUE(has_finding(j, "dns.secure"));
  EXPECT_EQ(find_finding(j, "dns.secure")->severity, Severity::ok);
  EXPECT_EQ(j.verdict, Verdict::pass);
}

TEST(JudgeDomain, PrimaryDownWhileBackupAnswers) {
  const auto j = judge(load_evidence("primary_down"));
  EXPECT_EQ(sorted_ids(j), sorted({"domain.primary_down", "smtp.unreachable", "tls.ok", "cert.ok", "relay.closed"}));
  const auto* f = find_finding(j, "domain.primary_down");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->mx, "mx1.example.com");
  EXPECT_FALSE(has_finding(j, "domain.all_down"));
}

TEST(JudgeDomain, BackupDown) {
  const auto j = judge(load_evidence("backup_down"));
  EXPECT_EQ(sorted_ids(j), sorted({"domain.backup_down", "smtp.unreachable", "tls.ok", "cert.ok", "relay.closed"}));
  const auto* f = find_finding(j, "domain.backup_down");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->mx, "mx2.example.com");
  EXPECT_FALSE(has_finding(j, "domain.primary_down"));
  EXPECT_FALSE(has_finding(j, "domain.all_down"));
  EXPECT_EQ(j.mx_verdicts.at("mx1.example.com"), Verdict::pass);
}

TEST(JudgeDomain, AllMxDownWhenEveryAddressFails) {
  auto ev = load_evidence("primary_down");
  ev.mx[0].addresses[0].connect.error_kind = "refused";  // every timeout would be "not tested from here"
  ev.mx[1].addresses[0] = ev.mx[0].addresses[0];
  ev.mx[1].addresses[0].ip = "193.0.6.140";
  const auto j = judge(ev);
  EXPECT_TRUE(has_finding(j, "domain.all_down"));
  EXPECT_FALSE(has_finding(j, "domain.primary_down"));
  EXPECT_FALSE(has_finding(j, "domain.backup_down"));
}

}  // namespace
}  // namespace mxray::checks
