// Integration: `mxray check --format nagios` against the lab, as a monitoring system runs it:
// the status line, the exit code of each state, -D thresholds, and bad input as UNKNOWN.
#include <gtest/gtest.h>

#include <regex>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

RunResult nagios(const std::string& domain, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"check", domain, "--format", "nagios"};
  for (const auto& a : lab_args()) args.push_back(a);
  for (const auto& a : extra) args.push_back(a);
  return run_mxray(args);
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

void expect_state(const RunResult& r, const std::string& state, int code) {
  EXPECT_EQ(r.exit_code, code) << r.out << r.err;
  EXPECT_TRUE(std::regex_match(first_line(r.out), std::regex("^MXRAY " + state + ": [^|]+ \\| '.*$"))) << r.out;
}

TEST(Nagios, EachStateHasItsExitCode) {
  expect_state(nagios("good.test"), "OK", 0);
  expect_state(nagios("deadprimary.test"), "WARNING", 1);
  expect_state(nagios("relayexpired.test"), "CRITICAL", 2);
  expect_state(nagios("busy.test"), "UNKNOWN", 3);  // nothing could be verified: every greeting 421
}

TEST(Nagios, PerfdataAndProblemsOfARealCheck) {
  const auto r = nagios("relayexpired.test");
  EXPECT_NE(r.out.find("'connect_127.0.0.15'="), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("'cert_days_127.0.0.12'=-[0-9]+;14;7"))) << r.out;
  EXPECT_NE(r.out.find("\n[CRITICAL] Open relay"), std::string::npos) << r.out;
}

TEST(Nagios, CertificateDaysRaiseAPassingCheck) {
  const auto r = nagios("good.test", {"-D", "400,10"});
  expect_state(r, "WARNING", 1);
  EXPECT_NE(r.out.find("days left (thresholds 400,10)"), std::string::npos) << r.out;
  expect_state(nagios("good.test", {"-D", "500,400"}), "CRITICAL", 2);
}

TEST(Nagios, BadInputIsUnknown) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"check", "--format", "nagios"},
        std::vector<std::string>{"check", "good.test", "--format", "nagios", "-D", "7,14"},
        std::vector<std::string>{"check", "good.test", "--format", "nagios", "--json"},
        std::vector<std::string>{"check", "no such domain!", "--format", "nagios"}}) {
    const auto r = run_mxray(args);
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_EQ(r.out.rfind("MXRAY UNKNOWN: ", 0), 0u) << r.out;
    EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << "one line: " << r.out;
  }
}

}  // namespace
}  // namespace mxray::testing
