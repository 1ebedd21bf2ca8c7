// checks::judge on saved evidence (tests/fixtures/evidence): the good server, ordering and
// determinism of findings, verdicts per address, MX and domain, catalogue text in findings.
#include "mxray/checks/judge.hpp"
#include "mxray/checks/software_fixes.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "mxray/checks/catalogue.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::checks {
namespace {

using test::has_finding;
using test::load_evidence;
using test::sorted;
using test::sorted_ids;

TEST(Judge, GoodServerPassesWithOnlyOkFindings) {
  const auto j = judge(load_evidence("good"));
  EXPECT_EQ(sorted_ids(j), sorted({"tls.ok", "cert.ok", "relay.closed", "tls.ok", "cert.ok", "relay.closed"}));
  for (const auto& f : j.findings) {
    if (f.id == "smtp.software") continue;  // info: recognised from the refusal wording
    EXPECT_EQ(f.severity, Severity::ok) << f.id;
    EXPECT_EQ(f.mx, "mx1.example.com") << f.id;
  }
  EXPECT_EQ(j.verdict, Verdict::pass);
  ASSERT_EQ(j.mx_verdicts.size(), 1u);
  EXPECT_EQ(j.mx_verdicts.at("mx1.example.com"), Verdict::pass);
  ASSERT_EQ(j.address_verdicts.size(), 2u);
  EXPECT_EQ(j.address_verdicts.at({"mx1.example.com", "193.0.6.139"}), Verdict::pass);
  EXPECT_EQ(j.address_verdicts.at({"mx1.example.com", "2a00:1450::1"}), Verdict::pass);
}

TEST(Judge, GoodServerFindingsSayWhatWasSeen) {
  const auto j = judge(load_evidence("good"));
  const auto* tls = test::find_finding(j, "tls.ok");
  ASSERT_NE(tls, nullptr);
  EXPECT_NE(tls->detail.find("TLSv1.3"), std::string::npos) << tls->detail;
  const auto* cert = test::find_finding(j, "cert.ok");
  ASSERT_NE(cert, nullptr);
  EXPECT_NE(cert->detail.find("60 days left"), std::string::npos) << cert->detail;
}

TEST(Judge, FindingsCarryTheirCatalogueEntry) {
  for (const auto& name : test::evidence_fixtures()) {
    for (const auto& f : judge(load_evidence(name)).findings) {
      const auto& d = definition(f.id);
      // Certificate findings are weighed by how senders authenticate the server
      // (certificate_weight.cpp): their severity may differ from the catalogue's.
      if (f.id.rfind("cert.", 0) != 0) {
        EXPECT_EQ(f.severity, d.severity) << name << " " << f.id;
      }
      EXPECT_EQ(f.title, d.title) << name << " " << f.id;
      EXPECT_EQ(f.explanation, d.explanation) << name << " " << f.id;
      // A recognised server gets the fix for its own software (software_fixes.cpp).
      const auto software = checks::software_fix(f.id, "postfix");
      EXPECT_TRUE(f.fix == d.fix || (!software.empty() && f.fix == software)) << name << " " << f.id;
      EXPECT_FALSE(f.detail.empty()) << name << " " << f.id;
    }
  }
}

TEST(Judge, SortsFindingsWorstFirst) {
  bool saw_mixed = false;
  for (const auto& name : test::evidence_fixtures()) {
    const auto j = judge(load_evidence(name));
    for (std::size_t i = 1; i < j.findings.size(); ++i) {
      EXPECT_GE(j.findings[i - 1].severity, j.findings[i].severity)
          << name << ": " << j.findings[i - 1].id << " before " << j.findings[i].id;
      saw_mixed = saw_mixed || j.findings[i - 1].severity != j.findings[i].severity;
    }
  }
  EXPECT_TRUE(saw_mixed) << "no fixture mixes severities, so the order was never tested";
}

TEST(Judge, RelayOpenComesBeforeOkFindings) {
  const auto j = judge(load_evidence("relay_open"));
  ASSERT_FALSE(j.findings.empty());
  EXPECT_EQ(j.findings.front().id, "relay.open");
  EXPECT_EQ(j.findings.back().severity, Severity::ok);
}

TEST(Judge, GivesSameResultTwice) {
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = load_evidence(name);
    const auto a = judge(ev);
    const auto b = judge(ev);
    ASSERT_EQ(a.findings.size(), b.findings.size()) << name;
    for (std::size_t i = 0; i < a.findings.size(); ++i) {
      EXPECT_EQ(a.findings[i].id, b.findings[i].id) << name;
      EXPECT_EQ(a.findings[i].mx, b.findings[i].mx) << name;
      EXPECT_EQ(a.findings[i].ip, b.findings[i].ip) << name;
      EXPECT_EQ(a.findings[i].detail, b.findings[i].detail) << name;
    }
    EXPECT_EQ(a.verdict, b.verdict) << name;
    EXPECT_EQ(a.mx_verdicts, b.mx_verdicts) << name;
    EXPECT_EQ(a.address_verdicts, b.address_verdicts) << name;
  }
}

TEST(Judge, VerdictNamesAndSeverityNames) {
  // The verdict rule itself is tested in verdict_test.cpp.
  EXPECT_EQ(to_string(Verdict::pass), "pass");
  EXPECT_EQ(to_string(Verdict::warn), "warn");
  EXPECT_EQ(to_string(Verdict::fail), "fail");
  EXPECT_EQ(to_string(Severity::critical), "critical");
  EXPECT_EQ(to_string(Severity::ok), "ok");
}

TEST(Judge, AddressVerdictsStayWithTheirAddress) {
  // mx1 is unreachable, mx2 works: the failure must not spill onto mx2.
  const auto j = judge(load_evidence("primary_down"));
  EXPECT_EQ(j.address_verdicts.at({"mx1.example.com", "193.0.6.139"}), Verdict::fail);
  EXPECT_EQ(j.address_verdicts.at({"mx2.example.com", "193.0.6.140"}), Verdict::pass);
  EXPECT_EQ(j.mx_verdicts.at("mx1.example.com"), Verdict::fail);
  EXPECT_EQ(j.mx_verdicts.at("mx2.example.com"), Verdict::pass);
  EXPECT_EQ(j.verdict, Verdict::fail);
}

TEST(Judge, UsesCheckTimeNotTheClock) {
  // The same saved evidence judged later gives the same answer: "now" is checked_at_epoch.
  auto ev = load_evidence("good");
  EXPECT_FALSE(has_finding(judge(ev), "cert.expired"));
  ev.checked_at_epoch = ev.mx[0].addresses[0].certificate.chain[0].not_after_epoch + 1;
  EXPECT_TRUE(has_finding(judge(ev), "cert.expired"));
}

TEST(EvidenceFixtures, AreAllListedAndSetTheCheckTime) {
  std::set<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(MXRAY_EVIDENCE_DIR)) {
    if (entry.path().extension() == ".json") on_disk.insert(entry.path().stem().string());
  }
  const std::set<std::string> listed(test::evidence_fixtures().begin(), test::evidence_fixtures().end());
  EXPECT_EQ(on_disk, listed);
  for (const auto& name : listed) {
    const auto ev = load_evidence(name);
    EXPECT_EQ(ev.checked_at_epoch, 1795000000) << name;
    EXPECT_EQ(ev.domain, "example.com") << name;
  }
}

}  // namespace
}  // namespace mxray::checks
