// Integration: one truth per step. Against the lab, each verdict is as strong as its evidence:
// a refused primary warns, all-4xx is inconclusive (exit 4), MTA-STS enforce with an MX that
// refuses is not "satisfied", a DANE-matched expired certificate is info; saved evidence judged
// with `mxray judge` is escaped and gives "not tested from here" when every connection timed out.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

const json& mx_named(const json& report, const std::string& host) {
  for (const auto& mx : report["mx"]) {
    if (mx["host"] == host) return mx;
  }
  static const json none;
  return none;
}

TEST(Verdict, RefusedPrimaryWarnsAndIsNeverPass) {
  const auto r = check_lab("deadprimary.test", {"--no-relay-test"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto& primary = mx_named(r.json, "mx1.deadprimary.test");
  ASSERT_TRUE(primary.is_object()) << r.out;
  EXPECT_EQ(primary["verdict"], "warn");
  EXPECT_EQ(primary["addresses"][0]["verdict"], "warn");
  EXPECT_EQ(primary["addresses"][0]["status"]["connect"], "warning");
  EXPECT_EQ(primary["addresses"][0]["status"]["greeting"], "not_tested");
  EXPECT_EQ(severity_of(r.json, "domain.nolisting"), "warning");
  EXPECT_EQ(r.json["verdict"], "warn");
  EXPECT_EQ(r.exit_code, 1);
  // The terminal agrees: no PASS on the refused MX, a warning mark on its connect step.
  std::vector<std::string> args = {"check", "deadprimary.test", "--no-relay-test", "--color", "never"};
  for (const auto& a : lab_args()) args.push_back(a);
  const auto text = run_mxray(args).out;
  EXPECT_NE(text.find("mx1.deadprimary.test  WARN"), std::string::npos) << text;
  EXPECT_NE(text.find("      ! connect"), std::string::npos) << text;
}

TEST(Verdict, AllGreetings421AreInconclusiveWithItsOwnExitCode) {
  const auto r = check_lab("busy.test");
  ASSERT_TRUE(r.json.is_object()) << r.err;
  EXPECT_EQ(r.json["verdict"], "inconclusive") << r.out;
  EXPECT_EQ(r.exit_code, 4);
  const auto& a = first_address(r.json);
  EXPECT_EQ(a["status"]["greeting"], "inconclusive");
  EXPECT_EQ(a["status"]["starttls"], "not_tested");
  EXPECT_EQ(a["status"]["relay"], "not_tested");
  EXPECT_EQ(a["verdict"], "inconclusive");
  EXPECT_EQ(severity_of(r.json, "domain.nothing_verified"), "info");
}

TEST(Verdict, MtaStsEnforceWithARefusingMxIsNotSatisfied) {
  const auto r = check_lab("sts-down.test", {"--no-relay-test"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  EXPECT_TRUE(r.json["mta_sts"]["fetch"]["ok"]) << r.out;
  EXPECT_TRUE(findings(r.json, "mtasts.ok").empty()) << "an MX that was never verified";
  const auto f = findings(r.json, "mtasts.mx_not_verified");
  ASSERT_EQ(f.size(), 1u) << r.out;
  EXPECT_EQ(f[0]["mx"], "mx1.sts-down.test");
  EXPECT_EQ(f[0]["status"], "inconclusive");
  const auto& sts_mx = r.json["mta_sts"]["mx"];
  ASSERT_EQ(sts_mx.size(), 2u);
  EXPECT_EQ(sts_mx[0]["consequence"], "deliver");
  EXPECT_EQ(sts_mx[0]["addresses"][0]["outcome"], "verified");
  EXPECT_EQ(sts_mx[1]["consequence"], "not_verified");
  EXPECT_EQ(sts_mx[1]["addresses"][0]["outcome"], "not_verified");
  EXPECT_EQ(mx_named(r.json, "mx1.sts-down.test")["status"]["mta_sts"], "inconclusive");
  EXPECT_EQ(mx_named(r.json, "mx1.good.test")["status"]["mta_sts"], "ok");
}

TEST(Verdict, DaneMatchedExpiredCertificateIsInfoForDaneSenders) {
  const auto r = check_lab("dane-expired.test", {"--no-relay-test"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto& a = first_address(r.json);
  EXPECT_TRUE(a["dane"]["matched"]) << r.out;
  EXPECT_EQ(severity_of(r.json, "cert.expired"), "info");
  EXPECT_EQ(severity_of(r.json, "cert.dane_authenticated"), "info");
  EXPECT_EQ(a["status"]["certificate"], "info");
  EXPECT_EQ(a["status"]["dane"], "ok");
}

TEST(Verdict, QuickRelayTestTriesASenderInTheDomainItself) {
  const auto r = check_lab("good.test");
  const auto& relay = first_address(r.json)["relay"];
  ASSERT_EQ(relay["attempts"].size(), 2u) << r.out;
  EXPECT_EQ(relay["attempts"][1]["variant"], "sender_own_domain");
  EXPECT_EQ(relay["attempts"][1]["mail_from"], "postmaster@good.test");
  EXPECT_EQ(first_address(r.json)["status"]["relay"], "ok");
  EXPECT_NE(lab_file("logs/good.log").find("C: MAIL FROM:<postmaster@good.test>"), std::string::npos);
}

TEST(Verdict, VantagePointIsRecorded) {
  const auto r = check_lab("good.test", {"--no-relay-test", "--ehlo-name", "probe.mxray.test"});
  EXPECT_EQ(r.json["vantage"]["ehlo_name"], "probe.mxray.test");
  EXPECT_FALSE(r.json["vantage"]["resolvers"].empty());
  EXPECT_FALSE(r.json["vantage"]["trust_anchor"].get<std::string>().empty());
  EXPECT_EQ(first_address(r.json)["connect"]["source"].get<std::string>().rfind("127.", 0), 0u) << r.out;
}

std::filesystem::path write_file(const std::string& name, const json& content) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << content.dump();
  return path;
}

// Saved evidence where every connection timed out (as on a network blocking outbound port 25).
json all_timeout_evidence() {
  json a = {{"ip", "127.0.0.122"},
            {"family", "ipv4"},
            {"allowed", true},
            {"connect",
             {{"attempted", true},
              {"ok", false},
              {"ms", 10000.0},
              {"error", "no answer within 10000 ms"},
              {"error_kind", "timeout"}}}};
  json b = a;
  b["ip"] = "127.0.0.123";
  return {{"schema", "mxray.evidence/1"},
          {"input", "blocked.test"},
          {"domain", "blocked.test"},
          {"checked_at", "2026-12-01T00:00:00Z"},
          {"checked_at_epoch", 1796083200},
          {"mx", json::array({{{"host", "mx1.blocked.test"}, {"preference", 10}, {"addresses", json::array({a})}},
                              {{"host", "mx2.blocked.test"}, {"preference", 20}, {"addresses", json::array({b})}}})}};
}

TEST(Verdict, EveryTimeoutIsNotTestedFromHere) {
  const auto file = write_file("mxray-verdict-timeout.json", all_timeout_evidence());
  const auto r = run_mxray({"judge", "--json", file.string()});
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_EQ(r.json["verdict"], "inconclusive");
  EXPECT_EQ(severity_of(r.json, "vantage.port25_blocked"), "info");
  EXPECT_TRUE(findings(r.json, "smtp.unreachable").empty());
  EXPECT_TRUE(findings(r.json, "domain.all_down").empty());
  const auto text = run_mxray({"judge", "--color", "never", file.string()});
  EXPECT_NE(text.out.find("Not tested from here"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("no sender can deliver"), std::string::npos);
  std::filesystem::remove(file);
}

TEST(Verdict, EveryConnectTimingOutInTheLabIsNotTestedFromHere) {
  const auto r = check_lab("blackhole.test", {"--connect-timeout", "1"});
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_EQ(r.json["verdict"], "inconclusive");
  ASSERT_EQ(r.json["mx"].size(), 2u) << r.out;
  for (const auto& mx : r.json["mx"]) {
    const auto& a = mx["addresses"][0];
    EXPECT_TRUE(a["connect"]["attempted"]);
    EXPECT_FALSE(a["connect"]["ok"]);
    EXPECT_EQ(a["connect"]["error_kind"], "timeout") << a["connect"].dump();
  }
  EXPECT_EQ(severity_of(r.json, "vantage.port25_blocked"), "info");
  EXPECT_TRUE(findings(r.json, "smtp.unreachable").empty()) << "not blamed on the server";
  EXPECT_TRUE(findings(r.json, "domain.all_down").empty());
  EXPECT_LT(r.seconds, 10.0) << "the two 1 s connect deadlines, not the whole check's";
}

TEST(Verdict, JudgeEscapesEveryStringOfTheFile) {
  auto ev = all_timeout_evidence();
  ev["mx"][0]["addresses"][0]["connect"]["error"] = "\x1b[2J\x1b]0;pwned\x07 refused";
  ev["mx"][0]["host"] = "mx1.blocked.test\x1b[31m";
  // A line feed outside a reply text could forge a line of the report.
  ev["mx"][0]["addresses"][0]["ip"] = "127.0.0.1\nForged: PASS";
  const auto file = write_file("mxray-verdict-escape.json", ev);
  const auto r = run_mxray({"judge", "--color", "never", file.string()});
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "an escape sequence from the file reached the terminal";
  EXPECT_EQ(r.out.find('\x07'), std::string::npos);
  EXPECT_NE(r.out.find("\\x1b[2J"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\nForged: PASS"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Forged: PASS"), std::string::npos) << "the forged text should be shown, escaped:\n" << r.out;
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace mxray::testing
