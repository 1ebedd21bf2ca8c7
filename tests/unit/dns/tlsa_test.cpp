// TLSA rdata (RFC 6698 2.1) and TXT rdata from wire bytes: bounds, usability for SMTP
// (RFC 7672 3.1.3), and when DANE applies (secure TLSA and secure addresses).
#include <gtest/gtest.h>

#include <vector>

#include "mxray/checks/rules.hpp"
#include "mxray/dns/tlsa.hpp"
#include "mxray/dns/txt.hpp"

namespace mxray::dns {
namespace {

std::vector<std::uint8_t> tlsa(int u, int s, int m, std::size_t len) {
  std::vector<std::uint8_t> v{static_cast<std::uint8_t>(u), static_cast<std::uint8_t>(s), static_cast<std::uint8_t>(m)};
  for (std::size_t i = 0; i < len; ++i) v.push_back(static_cast<std::uint8_t>(i));
  return v;
}

TEST(Tlsa, ParsesDaneEeSha256) {
  const auto r = parse_tlsa(tlsa(3, 1, 1, 32), 4096);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->usage, 3);
  EXPECT_EQ(r->selector, 1);
  EXPECT_EQ(r->matching_type, 1);
  EXPECT_EQ(r->data.substr(0, 6), "000102");
  EXPECT_EQ(r->data.size(), 64u);
  EXPECT_TRUE(r->usable);
}

TEST(Tlsa, RejectsShortAndOversizedRdata) {
  EXPECT_FALSE(parse_tlsa(std::vector<std::uint8_t>{3, 1, 1}, 4096));
  EXPECT_FALSE(parse_tlsa(tlsa(3, 0, 0, 100), 99));
  EXPECT_TRUE(parse_tlsa(tlsa(3, 0, 0, 99), 99));
}

TEST(Tlsa, UsagesZeroAndOneAreUnusableForSmtp) {
  const auto r0 = parse_tlsa(tlsa(0, 1, 1, 32), 4096);
  const auto r1 = parse_tlsa(tlsa(1, 1, 1, 32), 4096);
  EXPECT_FALSE(r0->usable);
  EXPECT_FALSE(r1->usable);
  EXPECT_NE(r0->unusable_reason.find("RFC 7672"), std::string::npos);
}

TEST(Tlsa, WrongDigestLengthsAndUnknownParameters) {
  EXPECT_FALSE(parse_tlsa(tlsa(3, 1, 1, 31), 4096)->usable);
  EXPECT_FALSE(parse_tlsa(tlsa(3, 1, 2, 32), 4096)->usable);
  EXPECT_TRUE(parse_tlsa(tlsa(2, 0, 2, 64), 4096)->usable);
  EXPECT_FALSE(parse_tlsa(tlsa(3, 2, 1, 32), 4096)->usable);
  EXPECT_FALSE(parse_tlsa(tlsa(3, 1, 3, 32), 4096)->usable);
  EXPECT_FALSE(parse_tlsa(tlsa(4, 1, 1, 32), 4096)->usable);
}

TEST(Tlsa, DaneAppliesOnlyWhenEverythingIsSecure) {
  // dns/ records what was published; whether it applies is the judge's rule (one home).
  DnsAnswer a;
  a.dnssec = "secure";
  a.havedata = true;
  a.rdata.push_back(tlsa(3, 1, 1, 32));
  const core::Limits limits;
  report::MxEvidence mx;
  mx.host = "mx.example.com";
  mx.dnssec = "secure";
  mx.dane.looked_up = true;
  fill_dane(a, "mx.example.com", limits, mx.dane);
  EXPECT_FALSE(mx.dane.applies) << "fill_dane never decides";
  EXPECT_EQ(mx.dane.tlsa_name, "_25._tcp.mx.example.com");
  EXPECT_TRUE(checks::dane_applies(mx));
  mx.dnssec = "insecure";
  EXPECT_FALSE(checks::dane_applies(mx)) << "insecure addresses: RFC 7672 2.2.2";
  mx.dnssec = "secure";
  a.dnssec = "insecure";
  fill_dane(a, "mx.example.com", limits, mx.dane);
  EXPECT_FALSE(checks::dane_applies(mx));
  a.dnssec = "secure";
  a.rdata = {tlsa(1, 1, 1, 32)};
  fill_dane(a, "mx.example.com", limits, mx.dane);
  EXPECT_FALSE(checks::dane_applies(mx)) << "PKIX usages are not for SMTP (RFC 7672 3.1.3)";
}

TEST(Tlsa, RecordCountIsBounded) {
  DnsAnswer a;
  a.dnssec = "secure";
  for (int i = 0; i < 30; ++i) a.rdata.push_back(tlsa(3, 1, 1, 32));
  core::Limits limits;
  limits.max_tlsa_records = 5;
  report::DaneEvidence d;
  fill_dane(a, "mx.example.com", limits, d);
  EXPECT_EQ(d.records.size(), 5u);
  EXPECT_TRUE(d.records_truncated);
}

TEST(Txt, JoinsStringsAndChecksLengths) {
  const std::vector<std::uint8_t> two{3, 'a', 'b', 'c', 2, 'd', 'e'};
  EXPECT_EQ(parse_txt(two, 100), "abcde");
  const std::vector<std::uint8_t> overrun{5, 'a', 'b'};
  EXPECT_FALSE(parse_txt(overrun, 100));
  EXPECT_FALSE(parse_txt(two, 4));
  EXPECT_EQ(parse_txt(std::vector<std::uint8_t>{0}, 10), "");
}

}  // namespace
}  // namespace mxray::dns
