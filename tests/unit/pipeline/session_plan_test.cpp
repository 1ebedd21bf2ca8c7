// One SMTP session per distinct address: twenty MX names on one address make one session,
// and its evidence is judged against every name (certificate names per MX, DANE per MX).
#include "mxray/pipeline/session_plan.hpp"

#include <gtest/gtest.h>

namespace mxray::pipeline {
namespace {

report::MxEvidence mx(const std::string& host, std::vector<std::string> ips) {
  report::MxEvidence m;
  m.host = host;
  for (auto& ip : ips) {
    report::AddressEvidence a;
    a.ip = ip;
    m.addresses.push_back(a);
  }
  return m;
}

report::MxEvidence with_dane(report::MxEvidence m, const std::string& data) {
  m.dane.applies = true;
  m.dane.base_domain = m.host;
  report::TlsaRecord r;
  r.usage = 3;
  r.selector = 1;
  r.matching_type = 1;
  r.data = data;
  m.dane.records.push_back(r);
  return m;
}

TEST(SessionPlan, TwentyNamesOnOneAddressMakeOneSession) {
  report::DomainEvidence ev;
  for (int i = 0; i < 20; ++i) ev.mx.push_back(mx("mx" + std::to_string(i) + ".victim.test", {"192.0.2.25"}));
  const auto plan = plan_sessions(ev);
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].copies.size(), 19u);
  EXPECT_EQ(plan[0].other_names.size(), 19u);
}

TEST(SessionPlan, DistinctAddressesEachGetASessionAndIpLiteralsNone) {
  report::DomainEvidence ev;
  ev.mx.push_back(mx("a.test", {"192.0.2.1", "2001:db8::1"}));
  ev.mx.push_back(mx("b.test", {"192.0.2.2", "192.0.2.1"}));
  auto literal = mx("192.0.2.9", {"192.0.2.9"});
  literal.ip_literal = true;
  ev.mx.push_back(literal);
  const auto plan = plan_sessions(ev);
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].copies, (std::vector<std::pair<std::size_t, std::size_t>>{{1, 1}}));
}

TEST(SessionPlan, ANameWithItsOwnDaneRecordsGetsATlsOnlySession) {
  report::DomainEvidence ev;
  ev.mx.push_back(with_dane(mx("a.test", {"192.0.2.1"}), "aa"));
  ev.mx.push_back(with_dane(mx("b.test", {"192.0.2.1"}), "bb"));
  ev.mx.push_back(with_dane(mx("c.test", {"192.0.2.1"}), "aa"));  // same records as a.test: shares it
  ev.mx.push_back(mx("d.test", {"192.0.2.1"}));                   // no DANE: shares the full session
  const auto plan = plan_sessions(ev);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_FALSE(plan[0].tls_only);
  EXPECT_TRUE(plan[1].tls_only);
  EXPECT_EQ(plan[1].base, 0);
  EXPECT_EQ(plan[0].copies.size(), 2u);
}

TEST(SessionPlan, SharedEvidenceIsJudgedPerName) {
  report::DomainEvidence ev;
  ev.mx.push_back(with_dane(mx("a.test", {"192.0.2.1"}), "aa"));
  ev.mx.push_back(mx("b.test", {"192.0.2.1"}));
  ev.mx.push_back(mx("c.test", {"192.0.2.1"}));
  ev.mx[1].addresses[0].reverse_dns.names = {"ptr.b.test"};
  const auto plan = plan_sessions(ev);
  auto& probed = ev.mx[0].addresses[0];
  probed.connect.ok = true;
  probed.certificate.present = true;
  probed.certificate.matched_name = "a.test";
  probed.certificate.hostname_match = true;
  probed.certificate.name_matches = {{"a.test", "a.test"}, {"b.test", "*.test"}};
  probed.dane.checked = true;
  share_evidence(ev, plan);
  const auto& b = ev.mx[1].addresses[0];
  EXPECT_TRUE(b.connect.ok);
  EXPECT_EQ(b.evidence_from, "a.test");
  EXPECT_TRUE(b.certificate.hostname_match);
  EXPECT_EQ(b.certificate.matched_name, "*.test");
  EXPECT_FALSE(b.dane.checked) << "b.test has no DANE records: the handshake's DANE result is not its own";
  EXPECT_EQ(b.reverse_dns.names, std::vector<std::string>{"ptr.b.test"}) << "its own lookup is kept";
  const auto& c = ev.mx[2].addresses[0];
  EXPECT_FALSE(c.certificate.hostname_match) << "c.test is not among the certificate's names";
  EXPECT_EQ(ev.mx[0].addresses[0].shared_with, (std::vector<std::string>{"b.test", "c.test"}));
  EXPECT_EQ(ev.mx[0].addresses[0].evidence_from, "");
}

}  // namespace
}  // namespace mxray::pipeline
