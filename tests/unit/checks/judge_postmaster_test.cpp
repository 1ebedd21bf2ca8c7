// The rules of issue 14 judged from evidence: direct targets, what lapses as of a later
// moment (chain certificates, RRSIGs, a cached MTA-STS policy), the next certificate, DNSBL answers.
#include <gtest/gtest.h>

#include "mxray/checks/judge.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::checks {
namespace {

using test::find_finding;
using test::has_finding;
using test::load_evidence;

constexpr long long kDay = 86400;

report::DomainEvidence with_intermediate(long long ends_after_check) {
  auto ev = load_evidence("good");
  auto& a = ev.mx.at(0).addresses.at(0);
  report::CertificateFacts ca;
  ca.subject = "CN=Lab Intermediate";
  ca.not_after_epoch = ev.checked_at_epoch + ends_after_check;
  ca.not_after = "soon";
  a.certificate.chain.resize(1);
  a.certificate.chain.push_back(ca);
  return ev;
}

TEST(JudgePostmaster, ChainElementEndingWithinTwoWeeksWarnsAndEndedIsExpired) {
  EXPECT_FALSE(has_finding(judge(with_intermediate(20 * kDay)), "cert.chain_expiring"));
  const auto soon = judge(with_intermediate(10 * kDay));
  const auto* f = find_finding(soon, "cert.chain_expiring");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->step, "certificate");
  EXPECT_EQ(soon.verdict, Verdict::warn);
  JudgeOptions later;
  const auto ev = with_intermediate(10 * kDay);
  later.at_epoch = ev.checked_at_epoch + 11 * kDay;
  const auto j = judge(ev, later);
  EXPECT_TRUE(has_finding(j, "cert.chain_expired"));
  EXPECT_EQ(j.as_of_epoch, later.at_epoch);
}

TEST(JudgePostmaster, SignaturesLapseAsOfTheMomentJudged) {
  auto ev = load_evidence("good");
  ev.mx_dnssec = "secure";
  ev.mx_rrsig_expires_epoch = ev.checked_at_epoch + 20 * kDay;
  ev.mx.at(0).dnssec = "secure";
  ev.mx.at(0).rrsig_expires_epoch = ev.checked_at_epoch + 2 * kDay;
  const auto now = judge(ev);
  const auto* expiring = find_finding(now, "dns.signature_expiring");
  ASSERT_NE(expiring, nullptr) << "2 days left";
  EXPECT_EQ(expiring->mx, ev.mx.at(0).host);
  EXPECT_FALSE(has_finding(now, "dns.signature_expired"));
  JudgeOptions later;
  later.at_epoch = ev.checked_at_epoch + 30 * kDay;
  const auto j = judge(ev, later);
  int expired = 0;
  for (const auto& f : j.findings) expired += f.id == "dns.signature_expired" ? 1 : 0;
  EXPECT_EQ(expired, 2) << "the MX answer and the host's addresses";
  EXPECT_EQ(j.verdict, Verdict::fail);
  ev.mx_dnssec = "insecure";  // unsigned answers have no signature to lapse
  ev.mx.at(0).dnssec = "insecure";
  EXPECT_FALSE(has_finding(judge(ev, later), "dns.signature_expired"));
}

TEST(JudgePostmaster, MtaStsPolicyStillCachedAtTheMomentJudged) {
  const auto ev = load_evidence("sts_dane");  // enforce, max_age 86400
  EXPECT_FALSE(has_finding(judge(ev), "mtasts.cached_until")) << "only a later moment asks what senders still hold";
  JudgeOptions soon;
  soon.at_epoch = ev.checked_at_epoch + 3600;
  const auto judged = judge(ev, soon);  // the finding points into it: keep it alive
  const auto* f = find_finding(judged, "mtasts.cached_until");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("mode enforce"), std::string::npos) << f->detail;
  JudgeOptions later;
  later.at_epoch = ev.checked_at_epoch + 2 * kDay;  // past max_age: the cached copy has run out
  EXPECT_FALSE(has_finding(judge(ev, later), "mtasts.cached_until"));
}

TEST(JudgePostmaster, DirectAddressSkipsDomainChecksAndNames) {
  auto ev = load_evidence("cert_name_mismatch");
  ev.target.kind = "address";
  ev.target.mx_lookup = false;
  ev.mx.at(0).direct = "address";
  const auto j = judge(ev);
  EXPECT_TRUE(has_finding(j, "target.address"));
  EXPECT_FALSE(has_finding(j, "cert.name_mismatch"));
  for (const auto& f : j.findings) {
    EXPECT_NE(f.id.rfind("mtasts.", 0), 0u) << f.id;
    EXPECT_NE(f.id.rfind("tlsrpt.", 0), 0u) << f.id;
  }
}

TEST(JudgePostmaster, NextCertificateAgainstDaneEe) {
  auto ev = load_evidence("dane_combos");
  // Keep one MX with a DANE-EE record.
  report::MxEvidence mx;
  for (const auto& m : ev.mx) {
    if (!m.dane.records.empty() && m.dane.records[0].usage == 3) mx = m;
  }
  ASSERT_FALSE(mx.host.empty());
  ev.mx = {mx};
  ev.next_certificate.given = true;
  ev.next_certificate.file = "next.pem";
  report::CertificateFacts leaf;
  leaf.subject = "CN=next";
  leaf.not_after_epoch = ev.checked_at_epoch + 365 * kDay;
  leaf.san = {mx.host};
  ev.next_certificate.chain = {leaf};
  ev.next_certificate.mx = {{mx.host, mx.host, true, {0}}};
  const auto fits = judge(ev);
  EXPECT_TRUE(has_finding(fits, "nextcert.tlsa_match"));
  EXPECT_TRUE(has_finding(fits, "nextcert.ok"));
  ev.next_certificate.mx = {{mx.host, "", true, {-1}}};
  const auto breaks = judge(ev);
  EXPECT_TRUE(has_finding(breaks, "nextcert.tlsa_mismatch"));
  EXPECT_TRUE(has_finding(breaks, "nextcert.name_mismatch"));
  EXPECT_FALSE(has_finding(breaks, "nextcert.ok"));
  EXPECT_EQ(breaks.verdict, Verdict::fail);
  JudgeOptions later;
  later.at_epoch = ev.checked_at_epoch + 400 * kDay;
  EXPECT_TRUE(has_finding(judge(ev, later), "nextcert.expired"));
}

TEST(JudgePostmaster, BlocklistCodes) {
  auto ev = load_evidence("good");
  auto& a = ev.mx.at(0).addresses.at(0);
  a.dnsbl = {{"zen.spamhaus.org", "q1", true, {"127.0.0.4"}, "see https://check.spamhaus.org", ""},
             {"bl.example", "q2", true, {}, "", ""},
             {"b.example", "q3", true, {"127.255.255.254"}, "", ""},
             {"w.example", "q4", true, {"192.0.2.1"}, "", ""},
             {"t.example", "q5", false, {}, "", "timeout"}};
  const auto j = judge(ev);
  const auto* listed = find_finding(j, "dnsbl.listed");
  ASSERT_NE(listed, nullptr);
  EXPECT_NE(listed->detail.find("XBL"), std::string::npos) << listed->detail;
  EXPECT_NE(listed->detail.find("check.spamhaus.org"), std::string::npos) << listed->detail;
  EXPECT_TRUE(has_finding(j, "dnsbl.not_listed"));
  const auto* refused = find_finding(j, "dnsbl.refused");
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->status, Status::inconclusive);
  int failed = 0;
  for (const auto& f : j.findings) failed += f.id == "dnsbl.lookup_failed" ? 1 : 0;
  EXPECT_EQ(failed, 2) << "an answer outside 127/8 and a timeout";
  EXPECT_EQ(j.verdict, Verdict::warn);
}

}  // namespace
}  // namespace mxray::checks
