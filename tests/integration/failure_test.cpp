// Integration: hostile or broken servers and bad input. Every case must end with a clear
// report or message and the documented exit code, within its deadline, never a crash or hang.
#include <gtest/gtest.h>

#include <algorithm>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

std::vector<std::string> lab_args_without(const std::string& option) {
  auto args = lab_args();
  args.erase(std::remove(args.begin(), args.end(), option), args.end());
  return args;
}

TEST(Hostile, SilentServerEndsWithinTheBannerDeadline) {
  const auto r = check_lab("silent.test", {"--banner-timeout", "2"});
  EXPECT_LT(r.seconds, 8.0);
  EXPECT_EQ(r.exit_code, 2);
  const auto& a = first_address(r.json);
  EXPECT_TRUE(a["connect"]["ok"]);
  EXPECT_EQ(a["banner"]["error"], "timeout");
  EXPECT_GE(a["banner"]["ms"].get<double>(), 1900.0);
  EXPECT_EQ(severity_of(r.json, "smtp.no_banner"), "critical");
}

TEST(Hostile, SilentServerEndsWithinTheWholeCheckDeadline) {
  const auto r = check_lab("silent.test", {"--timeout", "3"});  // banner timeout stays 30 s
  EXPECT_LT(r.seconds, 8.0);
  EXPECT_TRUE(r.json["deadline_hit"]);
  EXPECT_FALSE(findings(r.json, "smtp.bound_reached").empty()) << "reaching a bound is a finding";
}

TEST(Hostile, GarbageInsteadOfGreetingIsNotSmtp) {
  const auto r = check_lab("garbage.test");
  EXPECT_LT(r.seconds, 10.0);
  EXPECT_EQ(first_address(r.json)["banner"]["error"], "malformed");
  EXPECT_EQ(severity_of(r.json, "smtp.malformed_reply"), "critical");
}

TEST(Hostile, EndlessLineHitsTheLineBound) {
  const auto r = check_lab("hugeline.test");
  EXPECT_LT(r.seconds, 10.0);
  EXPECT_EQ(first_address(r.json)["banner"]["error"], "line_too_long");
  EXPECT_EQ(severity_of(r.json, "smtp.bound_reached"), "warning");
}

TEST(Hostile, EndlessContinuationHitsTheLineCountBound) {
  const auto r = check_lab("endless.test");
  EXPECT_LT(r.seconds, 10.0);
  EXPECT_EQ(first_address(r.json)["banner"]["error"], "too_many_lines");
  EXPECT_FALSE(findings(r.json, "smtp.bound_reached").empty());
}

TEST(Hostile, BrokenTlsFailsStartTlsButRelayIsStillTested) {
  const auto r = check_lab("brokentls.test");
  const auto& a = first_address(r.json);
  EXPECT_TRUE(a["starttls"]["offered"]);
  EXPECT_FALSE(a["starttls"]["ok"]);
  EXPECT_NE(a["starttls"]["error"].get<std::string>().find("TLS handshake failed"), std::string::npos);
  EXPECT_EQ(severity_of(r.json, "tls.starttls_failed"), "critical");
  EXPECT_TRUE(a["relay"]["tested"]) << "on a second, plain-text session";
  EXPECT_FALSE(a["relay"]["over_tls"]);
}

TEST(Hostile, ServerDroppingUsAfterTheBannerIsReported) {
  const auto r = check_lab("dropped.test");
  EXPECT_EQ(first_address(r.json)["banner"]["code"], 220);
  EXPECT_EQ(severity_of(r.json, "smtp.dropped"), "warning");
}

TEST(Legacy, Tls10IsReportedAsOld) {
  const auto r = check_lab("oldtls.test");
  const auto& a = first_address(r.json);
  EXPECT_TRUE(a["starttls"]["ok"]);
  EXPECT_EQ(a["starttls"]["version"], "TLSv1");
  EXPECT_EQ(severity_of(r.json, "tls.old_version"), "warning");
}

TEST(Legacy, HeloOnlyServerIsReported) {
  const auto r = check_lab("noehlo.test");
  const auto& a = first_address(r.json);
  EXPECT_EQ(a["ehlo"]["command"], "HELO");
  EXPECT_TRUE(a["ehlo"]["ehlo_refused"]);
  EXPECT_EQ(severity_of(r.json, "smtp.ehlo_refused"), "warning");
  EXPECT_EQ(severity_of(r.json, "tls.starttls_missing"), "critical");
}

TEST(Certificates, MissingIntermediateIsAnIncompleteChain) {
  const auto r = check_lab("nochain.test");
  EXPECT_EQ(first_address(r.json)["certificate"]["chain"].size(), 1u);
  EXPECT_EQ(severity_of(r.json, "cert.incomplete_chain"), "warning");
}

TEST(Certificates, NotYetValidAndExpiringSoon) {
  const auto notyet = check_lab("notyet.test");
  // Opportunistic senders still deliver to it (MTA-STS enforce would make it critical).
  EXPECT_EQ(severity_of(notyet.json, "cert.not_yet_valid"), "warning");
  const auto expiring = check_lab("expiring.test");
  EXPECT_EQ(severity_of(expiring.json, "cert.expiring"), "warning");
  const auto days = first_address(expiring.json)["certificate"]["days_left"].get<int>();
  EXPECT_GE(days, 8);
  EXPECT_LE(days, 10);
}

TEST(Safety, LoopbackMxIsRefusedWithoutAllowPrivate) {
  auto args = lab_args_without("--allow-private");
  args.insert(args.begin(), {"check", "--json", "loopback.test"});
  const auto r = run_mxray(args);
  EXPECT_NE(r.exit_code, 0);
  const auto& a = first_address(r.json);
  EXPECT_EQ(a["ip"], "127.0.0.1");
  EXPECT_FALSE(a["allowed"]);
  EXPECT_FALSE(a["connect"]["attempted"]) << "no connection is even tried";
  EXPECT_EQ(a["special_range"], "loopback");
  EXPECT_EQ(severity_of(r.json, "address.special_range"), "warning");
}

TEST(Safety, DeniedPrefixIsRefusedEvenWithAllowPrivate) {
  const auto r = check_lab("good.test", {"--deny-prefix", "10.9.0.0/16", "--deny-prefix", "127.0.0.0/24"});
  const auto& a = first_address(r.json);
  EXPECT_FALSE(a["allowed"]);
  EXPECT_FALSE(a["connect"]["attempted"]) << "no connection is even tried";
  EXPECT_EQ(a["special_range"], "denied by --deny-prefix 127.0.0.0/24");
  EXPECT_EQ(severity_of(r.json, "address.special_range"), "warning");
  const auto other = check_lab("good.test", {"--deny-prefix", "10.9.0.0/16"});
  EXPECT_TRUE(first_address(other.json)["allowed"]) << "other prefixes change nothing";
  EXPECT_TRUE(first_address(other.json)["connect"]["ok"]);
  const auto bad = check_lab("good.test", {"--deny-prefix", "127.0.0.0/33"});
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("not an address prefix"), std::string::npos) << bad.err;
}

TEST(BadInput, MalformedDomainsGetAClearMessageAndExitThree) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"https://good.test/", "URL"},
      {"postmaster@good.test", "e-mail address"},
      {"127.0.0.1", "IP address"},
      // "[::1]" is an address literal checked directly (postmaster_test.cpp); broken ones are refused.
      {"[::1", "address literal"},
      {"[mx.good.test]", "between the brackets"},
      {"bad..test", "empty label"},
      {std::string(64, 'a') + ".test", "longer than 63"},
      {"exa mple.test", "cannot hold"},
      {"", "empty"},
  };
  for (const auto& [input, hint] : cases) {
    const auto r = run_mxray({"check", input, "--resolver", "127.0.0.1@5300"});
    EXPECT_EQ(r.exit_code, 3) << input;
    EXPECT_NE(r.err.find(hint), std::string::npos) << input << " -> " << r.err;
    EXPECT_TRUE(r.out.empty()) << input;
  }
}

TEST(BadInput, JsonModeReportsTheErrorAsJson) {
  const auto r = run_mxray({"check", "--json", "https://good.test", "--resolver", "127.0.0.1@5300"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.json["verdict"], "error");
  EXPECT_NE(r.json["error"].get<std::string>().find("URL"), std::string::npos);
}

TEST(BadInput, UnreachableResolverIsAClearErrorNotAnEmptyReport) {
  auto args = lab_args();
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--resolver") args[i + 1] = "127.0.0.1@9";  // nothing listens there
  }
  args.insert(args.begin(), {"check", "good.test", "--dns-timeout", "5"});
  const auto r = run_mxray(args);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_LT(r.seconds, 15.0);
  EXPECT_NE(r.err.find("good.test"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(BadInput, NonexistentDomainIsAClearError) {
  const auto r = check_lab("does-not-exist.test");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
}

TEST(BadInput, MissingFilesAndBadOptionsExitThree) {
  EXPECT_EQ(check_lab("good.test", {"--ca-file", "/nonexistent/ca.pem"}).exit_code, 3);
  EXPECT_EQ(check_lab("good.test", {"--trust-anchor", "/nonexistent/anchor"}).exit_code, 3);
  EXPECT_EQ(check_lab("good.test", {"--port", "99999"}).exit_code, 3);
  EXPECT_EQ(check_lab("good.test", {"--resolver", "not an address"}).exit_code, 3);
  EXPECT_EQ(run_mxray({"check"}).exit_code, 3);
  EXPECT_EQ(run_mxray({"frobnicate"}).exit_code, 3);
}

TEST(BadInput, HelpDocumentsTheExitCodes) {
  const auto r = run_mxray({"check", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("3 could not check"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--allow-private"), std::string::npos);
}

}  // namespace
}  // namespace mxray::testing

namespace mxray::testing {
namespace {

TEST(Slow, SlowGreetingIsMeasuredAndReported) {
  const auto r = check_lab("slow.test");
  const auto& a = r.json.at("mx").at(0).at("addresses").at(0);
  EXPECT_GE(a["banner"]["ms"].get<double>(), 2900.0);
  EXPECT_EQ(a["banner"]["code"], 220);
  const auto f = findings(r.json, "smtp.slow_banner");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "warning");
  EXPECT_NE(f[0]["detail"].get<std::string>().find(" ms"), std::string::npos);
  EXPECT_TRUE(a["starttls"]["ok"]) << "a slow server is still checked to the end";
}

}  // namespace
}  // namespace mxray::testing
