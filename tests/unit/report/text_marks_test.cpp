// The terminal report decides nothing: for every saved evidence fixture, every step of every
// address is rendered with the mark of the judge's status for it (report/marks.hpp), MX and
// domain verdicts are printed as judged, and the JSON report carries the same statuses.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "mxray/checks/judge.hpp"
#include "mxray/checks/status.hpp"
#include "mxray/report/json.hpp"
#include "mxray/report/marks.hpp"
#include "mxray/report/text.hpp"
#include "mxray/report/text_parts.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::report {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The lines of the block of address `ip` under MX `host`.
std::vector<std::string> address_block(const std::vector<std::string>& lines, const std::string& host,
                                       const std::string& ip) {
  std::vector<std::string> block;
  bool in_mx = false;
  bool in_address = false;
  for (const auto& l : lines) {
    if (l.rfind("MX ", 0) == 0)
      in_mx = l.find(" " + (host.empty() ? std::string(".") : host) + "  ") != std::string::npos;
    if (l.empty() || l.rfind("MX ", 0) == 0) in_address = false;
    if (in_mx && l.rfind("  " + ip + "  ", 0) == 0) {
      in_address = true;
      continue;
    }
    if (in_address && l.rfind("  ", 0) == 0 && l.rfind("   ", 0) != 0) in_address = false;  // next address
    if (in_address) block.push_back(l);
  }
  return block;
}

TEST(TextMarks, EveryStepShowsTheJudgesStatus) {
  int checked = 0;
  std::set<checks::Status> seen;
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = test::load_evidence(name);
    const auto j = checks::judge(ev);
    const auto lines = lines_of(render_text(ev, j, false, "en"));
    for (const auto& mx : ev.mx) {
      for (const auto& a : mx.addresses) {
        const auto block = address_block(lines, mx.host, a.ip);
        for (const auto& [step, status] : j.address_steps.at({mx.host, a.ip})) {
          seen.insert(status);
          const std::string label(step_label("en", step));
          const std::string prefix = status == checks::Status::not_tested ? "not tested" : label;
          bool found = false;
          for (const auto& l : block) {
            const auto pos = l.find(std::string(mark_of(status)) + " " + prefix);
            if (l.rfind("      ", 0) != 0 || pos != 6) continue;
            if (status == checks::Status::not_tested && l.find(label) == std::string::npos) continue;
            found = true;
          }
          EXPECT_TRUE(found) << name << " " << mx.host << " " << a.ip << " " << step << " should show "
                             << mark_of(status) << " (" << to_string(status) << ")";
          ++checked;
        }
      }
      // The MX's own steps: its DANE line and its MTA-STS line carry the judge's mark.
      const auto& ms = j.mx_steps.at(mx.host);
      const auto dane = ms.at("dane");
      seen.insert(dane);
      bool dane_line = false, dane_shown = false;
      for (const auto& l : lines) {
        if (l.find(" DANE " + mx.dane.tlsa_name + " ") == std::string::npos || mx.dane.tlsa_name.empty()) continue;
        dane_shown = true;
        dane_line = dane_line || l.rfind("  " + std::string(mark_of(dane)) + " DANE ", 0) == 0;
      }
      if (dane_shown || (dane != checks::Status::not_tested && dane != checks::Status::ok)) {
        EXPECT_TRUE(dane_line) << name << " " << mx.host << " DANE should show " << mark_of(dane);
        ++checked;
      }
      for (const auto& m : j.mta_sts_mx) {
        if (m.host != mx.host) continue;
        const auto st = ms.at("mta_sts");
        bool line = false;
        for (const auto& l : lines) {
          line = line || l.rfind("      " + std::string(mark_of(st)) + " " + m.consequence, 0) == 0;
        }
        EXPECT_TRUE(line) << name << " " << mx.host << " MTA-STS should show " << mark_of(st);
        ++checked;
      }
      const auto v = j.mx_verdicts.at(mx.host);
      bool mx_line = false;
      for (const auto& l : lines) {
        if (l.rfind("MX ", 0) == 0 && l.find(std::string(label_of(v))) != std::string::npos) mx_line = true;
      }
      EXPECT_TRUE(mx_line) << name << " " << mx.host << " " << label_of(v);
    }
    // The domain's steps: MTA-STS and TLS-RPT carry their mark on their heading.
    if (!ev.null_mx && ev.target.mx_lookup) {
      for (const auto& [step, heading] :
           {std::pair<std::string, std::string>{"mta_sts", "MTA-STS"}, {"tls_rpt", "TLS-RPT"}}) {
        const auto st = j.domain_steps.at(step);
        bool line = false;
        for (const auto& l : lines) line = line || l == std::string(mark_of(st)) + " " + heading;
        EXPECT_TRUE(line) << name << " " << heading << " should show " << mark_of(st);
        ++checked;
      }
    }
    bool verdict_line = false;
    for (const auto& l : lines) {
      if (l.rfind("Verdict: " + std::string(label_of(j.verdict)), 0) == 0) verdict_line = true;
    }
    EXPECT_TRUE(verdict_line) << name;
  }
  EXPECT_GT(checked, 100);
  // The fixtures exercise every status, so every mark was compared at least once.
  for (const auto s : {checks::Status::ok, checks::Status::info, checks::Status::warning, checks::Status::critical,
                       checks::Status::inconclusive, checks::Status::not_tested}) {
    EXPECT_TRUE(seen.count(s)) << "no fixture has a step with status " << to_string(s);
  }
}

TEST(TextMarks, FourXxRelayIsNotShownAsRefused) {
  const auto ev = test::load_evidence("relay_deferred");
  const auto text = render_text(ev, checks::judge(ev), false, "en");
  EXPECT_NE(text.find("      ? relay"), std::string::npos) << text;
  EXPECT_EQ(text.find("✓ relay"), std::string::npos) << text;
}

TEST(TextMarks, NoTlsRptDataShowsNoTick) {
  const auto ev = test::load_evidence("good");
  const auto text = render_text(ev, checks::judge(ev), false, "en");
  EXPECT_EQ(text.find("✓ TLS-RPT"), std::string::npos) << text;
  EXPECT_NE(text.find("- TLS-RPT"), std::string::npos) << text;
  EXPECT_EQ(text.find("✓ rua"), std::string::npos) << text;
}

TEST(ReportJson, CarriesTheJudgesStatusesEverywhere) {
  const std::set<std::string> statuses = {"ok", "info", "warning", "critical", "inconclusive", "not_tested"};
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = test::load_evidence(name);
    const auto j = checks::judge(ev);
    const auto r = report_json(ev, j);
    ASSERT_TRUE(r.at("status").is_object()) << name;
    for (const auto& [step, s] : j.domain_steps) EXPECT_EQ(r["status"][step], to_string(s)) << name;
    for (std::size_t m = 0; m < ev.mx.size(); ++m) {
      const auto& host = ev.mx[m].host;
      for (const auto& [step, s] : j.mx_steps.at(host)) EXPECT_EQ(r["mx"][m]["status"][step], to_string(s)) << name;
      for (std::size_t i = 0; i < ev.mx[m].addresses.size(); ++i) {
        const auto& a = r["mx"][m]["addresses"][i];
        for (const auto& [step, s] : j.address_steps.at({host, ev.mx[m].addresses[i].ip})) {
          EXPECT_EQ(a["status"][step], to_string(s)) << name << " " << step;
        }
      }
    }
    for (const auto& f : r["findings"]) {
      EXPECT_TRUE(statuses.count(f["status"].get<std::string>())) << name << " " << f["id"];
      EXPECT_TRUE(f.contains("step")) << name;
    }
    EXPECT_TRUE(r["verdict"] == "pass" || r["verdict"] == "warn" || r["verdict"] == "fail" ||
                r["verdict"] == "inconclusive");
  }
}

TEST(ReportJson, MtaStsOutcomesAreTheJudges) {
  const auto ev = test::load_evidence("sts_enforce_unreachable");
  const auto r = report_json(ev, checks::judge(ev));
  ASSERT_EQ(r["mta_sts"]["mx"].size(), 2u);
  EXPECT_EQ(r["mta_sts"]["mx"][0]["consequence"], "deliver");
  EXPECT_EQ(r["mta_sts"]["mx"][1]["consequence"], "not_verified");
  EXPECT_EQ(r["mta_sts"]["mx"][1]["addresses"][0]["outcome"], "not_verified");
}

}  // namespace
}  // namespace mxray::report
