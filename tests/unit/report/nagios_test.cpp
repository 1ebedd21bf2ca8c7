// The Monitoring Plugins output: one status line with parseable perfdata, then the problems;
// nothing from the network can break the line or the perfdata syntax.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "mxray/checks/judge.hpp"
#include "mxray/report/nagios.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::report {
namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// 'label'=value[UOM];[warn];[crit];[min];[max], labels quoted without ' or =.
const std::regex kPerf(R"('[^'=]+'=-?[0-9]+(\.[0-9]+)?(s|%|B|KB|MB|TB|c)?(;-?[0-9.]*){0,4})");

void expect_plugin_output(const std::string& out, const std::string& name) {
  const auto lines = lines_of(out);
  ASSERT_FALSE(lines.empty()) << name;
  const auto& first = lines.front();
  const std::regex head(R"(^MXRAY (OK|WARNING|CRITICAL|UNKNOWN): [^|]+ \| (.*)$)");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(first, m, head)) << name << ": " << first;
  std::istringstream perf(m[2].str());
  int items = 0;
  for (std::string item; perf >> item; ++items) EXPECT_TRUE(std::regex_match(item, kPerf)) << name << ": " << item;
  EXPECT_GE(items, 3) << name;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_TRUE(std::regex_search(lines[i], std::regex(R"(^\[(CRITICAL|WARNING|UNKNOWN)\] )")))
        << name << ": " << lines[i];
    EXPECT_EQ(lines[i].find('|'), std::string::npos) << lines[i];
  }
}

TEST(Nagios, EveryFixtureGivesAPluginStatusLine) {
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = test::load_evidence(name);
    const auto j = checks::judge(ev);
    const checks::CertificateThresholds t;
    const auto r = checks::monitoring_result(ev, j, t);
    const auto out = render_nagios(ev, j, r, t);
    expect_plugin_output(out, name);
    EXPECT_EQ(out.rfind("MXRAY " + std::string(checks::to_string(r.state)) + ": ", 0), 0u) << out;
  }
}

TEST(Nagios, PerfdataPerAddressAndCertificateThresholds) {
  const auto ev = test::load_evidence("good");
  const auto j = checks::judge(ev);
  const checks::CertificateThresholds t{30, 14};
  const auto out = render_nagios(ev, j, checks::monitoring_result(ev, j, t), t);
  const auto& a = ev.mx.at(0).addresses.at(0);
  EXPECT_NE(out.find("'connect_" + a.ip + "'="), std::string::npos) << out;
  EXPECT_NE(out.find("'starttls_" + a.ip + "'="), std::string::npos) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("'cert_days_" + a.ip + "'=[0-9]+;30;14"))) << out;
  EXPECT_NE(out.find("'time'="), std::string::npos);
}

TEST(Nagios, HostileTextCannotBreakTheOutput) {
  auto ev = test::load_evidence("relay_open");
  ev.domain = "evil.test | 'x'=1 \n[OK] fine";
  for (auto& mx : ev.mx) {
    mx.host = "mx'=|\n.test";
    for (auto& a : mx.addresses)
      a.relay.attempts.empty() ? void() : void(a.relay.attempts.front().text = "ok |\n'y'=2");
  }
  const auto j = checks::judge(ev);
  const checks::CertificateThresholds t;
  const auto out = render_nagios(ev, j, checks::monitoring_result(ev, j, t), t);
  expect_plugin_output(out, "hostile");
  const auto first = lines_of(out).front();
  const auto perf = first.substr(first.find(" | ") + 3);  // the summary has no '|' (checked above)
  EXPECT_EQ(perf.find("'x'=1"), std::string::npos) << "text from the network became perfdata: " << out;
  EXPECT_EQ(out.find("\n[OK] fine"), std::string::npos) << out;
}

TEST(Nagios, CouldNotCheckIsUnknown) {
  const auto out = render_nagios_error("bad|domain\n", "no such domain\nsecond line");
  EXPECT_EQ(out, "MXRAY UNKNOWN: cannot check 'bad/domain\\x0a': no such domain\\x0asecond line\n");
}

}  // namespace
}  // namespace mxray::report
