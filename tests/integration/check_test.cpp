// Integration: `mxray check --json` against the lab's well-behaved and misconfigured servers.
// Each test asserts what a postmaster reads in the report: fields, findings, verdict, exit code.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(Check, GoodServerWithTrustedChainPasses) {
  const auto r = check_lab("good.test");
  ASSERT_FALSE(r.json.is_null()) << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.out;
  const auto& j = r.json;
  EXPECT_EQ(j["schema"], "mxray.report/1");
  EXPECT_EQ(j["domain"], "good.test");
  EXPECT_EQ(j["verdict"], "pass");
  EXPECT_EQ(j["mx_dnssec"], "secure");
  ASSERT_EQ(j["mx"].size(), 1u);
  const auto& mx = j["mx"][0];
  EXPECT_EQ(mx["host"], "mx1.good.test");
  EXPECT_EQ(mx["preference"], 10);
  ASSERT_EQ(mx["addresses"].size(), 1u) << "IPv4 only (IPv6 ::1 is the real Postfix, postfix.test)";
  std::vector<std::string> families;
  for (const auto& a : mx["addresses"]) {
    families.push_back(a["family"]);
    EXPECT_TRUE(a["connect"]["ok"]);
    EXPECT_GE(a["connect"]["ms"].get<double>(), 0.0);
    EXPECT_EQ(a["banner"]["code"], 220);
    EXPECT_EQ(a["banner"]["text"], "mx1.good.test ESMTP ready");
    EXPECT_EQ(a["ehlo"]["code"], 250);
    EXPECT_TRUE(a["ehlo"]["extensions"].contains("STARTTLS"));
    EXPECT_EQ(a["ehlo"]["extensions"]["SIZE"], "10240000");
    EXPECT_TRUE(a["starttls"]["offered"]);
    EXPECT_TRUE(a["starttls"]["ok"]);
    EXPECT_TRUE(a["starttls"]["version"] == "TLSv1.3" || a["starttls"]["version"] == "TLSv1.2");
    EXPECT_FALSE(a["starttls"]["cipher"].get<std::string>().empty());
    EXPECT_FALSE(a["ehlo_tls"]["extensions"].contains("STARTTLS")) << "not offered again inside TLS";
    const auto& cert = a["certificate"];
    EXPECT_TRUE(cert["trusted"]);
    EXPECT_TRUE(cert["hostname_match"]);
    EXPECT_EQ(cert["verify_error"], "ok");
    EXPECT_GT(cert["days_left"].get<int>(), 300);
    ASSERT_EQ(cert["chain"].size(), 2u) << "leaf and intermediate";
    const auto& leaf = cert["chain"][0];
    EXPECT_EQ(leaf["san"][0], "mx1.good.test");
    EXPECT_NE(leaf["subject"].get<std::string>().find("CN=mx1.good.test"), std::string::npos);
    EXPECT_NE(leaf["issuer"].get<std::string>().find("Intermediate"), std::string::npos);
    EXPECT_EQ(leaf["sha256"].get<std::string>().size(), 64u);
    EXPECT_GE(leaf["key_bits"].get<int>(), 256);
    EXPECT_FALSE(leaf["signature_algorithm"].get<std::string>().empty());
    EXPECT_TRUE(a["relay"]["tested"]);
    EXPECT_EQ(a["status"]["relay"], "ok");
    EXPECT_EQ(a["relay"]["attempts"][0]["code"], 554);
    EXPECT_EQ(a["verdict"], "pass");
  }
  EXPECT_TRUE(contains(families, "ipv4"));
  EXPECT_FALSE(contains(families, "ipv6")) << "IPv6 is covered by postfix.test (FamilyOptionsLimitTheAddresses)";
  for (const auto& f : j["findings"]) {
    EXPECT_TRUE(f["severity"] == "ok" || f["severity"] == "info") << f.dump();
  }
  const auto ids = finding_ids(j);
  EXPECT_TRUE(contains(ids, "tls.ok"));
  EXPECT_TRUE(contains(ids, "cert.ok"));
  EXPECT_TRUE(contains(ids, "relay.closed"));
}

TEST(Check, TextReportIsPlainWithoutTerminalAndColouredOnRequest) {
  auto args = std::vector<std::string>{"check", "good.test"};
  for (const auto& a : lab_args()) args.push_back(a);
  const auto plain = run_mxray(args);
  EXPECT_EQ(plain.exit_code, 0);
  EXPECT_NE(plain.out.find("MX 10 mx1.good.test"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("Verdict: PASS"), std::string::npos);
  EXPECT_EQ(plain.out.find("\x1b["), std::string::npos) << "no colour when stdout is not a terminal";
  args.push_back("--color");
  args.push_back("always");
  const auto coloured = run_mxray(args);
  EXPECT_NE(coloured.out.find("\x1b["), std::string::npos);
}

TEST(Check, NoStartTlsIsCritical) {
  const auto r = check_lab("nostarttls.test");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(first_address(r.json)["starttls"]["offered"]);
  EXPECT_EQ(severity_of(r.json, "tls.starttls_missing"), "critical");
  EXPECT_EQ(r.json["verdict"], "fail");
}

TEST(Check, ExpiredCertificateWarnsUnderOpportunisticTlsAndIsNotCalledUntrusted) {
  // No MTA-STS, no DANE: only senders that verify certificates are affected (a warning).
  const auto r = check_lab("expired.test");
  EXPECT_EQ(r.exit_code, 1);
  const auto& cert = first_address(r.json)["certificate"];
  EXPECT_FALSE(cert["trusted"]);
  EXPECT_TRUE(cert["chain_trusted"]);
  EXPECT_NE(cert["verify_error"].get<std::string>().find("expired"), std::string::npos);
  EXPECT_LT(cert["days_left"].get<int>(), 0);
  EXPECT_EQ(severity_of(r.json, "cert.expired"), "warning");
  EXPECT_EQ(first_address(r.json)["status"]["certificate"], "warning");
  const auto f = findings(r.json, "cert.expired");
  ASSERT_FALSE(f.empty());
  EXPECT_NE(f[0]["fix"].get<std::string>().find("certbot renew"), std::string::npos);
  EXPECT_TRUE(findings(r.json, "cert.untrusted").empty());
}

TEST(Check, NameMismatchIsReported) {
  const auto r = check_lab("mismatch.test");
  EXPECT_EQ(r.exit_code, 1);
  const auto& cert = first_address(r.json)["certificate"];
  EXPECT_TRUE(cert["trusted"]) << "the chain itself is fine";
  EXPECT_FALSE(cert["hostname_match"]);
  EXPECT_EQ(severity_of(r.json, "cert.name_mismatch"), "warning");
}

TEST(Check, SelfSignedCertificateIsReported) {
  const auto r = check_lab("selfsigned.test");
  EXPECT_EQ(r.exit_code, 1);
  const auto& cert = first_address(r.json)["certificate"];
  EXPECT_FALSE(cert["trusted"]);
  EXPECT_EQ(cert["chain"].size(), 1u);
  EXPECT_TRUE(cert["chain"][0]["self_signed"]);
  EXPECT_EQ(severity_of(r.json, "cert.self_signed"), "warning");
}

TEST(Check, OpenRelayIsCriticalAndNoMessageIsSent) {
  const auto r = check_lab("openrelay.test");
  EXPECT_EQ(r.exit_code, 2);
  const auto& relay = first_address(r.json)["relay"];
  EXPECT_TRUE(relay["tested"]);
  EXPECT_EQ(first_address(r.json)["status"]["relay"], "critical");
  EXPECT_EQ(relay["attempts"][0]["code"], 250);
  EXPECT_EQ(relay["attempts"][0]["rcpt_to"], "relay-test@example.net");
  EXPECT_EQ(severity_of(r.json, "relay.open"), "critical");
  const auto log = lab_file("logs/openrelay.log");
  EXPECT_NE(log.find("RCPT TO:<relay-test@example.net>"), std::string::npos) << log;
  EXPECT_NE(log.find("RSET"), std::string::npos);
  EXPECT_NE(log.find("QUIT"), std::string::npos);
}

TEST(Check, NoServerLogShowsData) {
  for (const auto& d : {"openrelay.test", "good.test", "brokentls.test"}) check_lab(d);
  int logs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(MXRAY_LAB_DIR) + "/logs")) {
    if (entry.path().extension() != ".log") continue;
    ++logs;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      EXPECT_EQ(line.find("C: DATA"), std::string::npos) << entry.path() << ": " << line;
    }
  }
  EXPECT_GT(logs, 3);
}

TEST(Check, ClosedPortIsUnreachableAndDomainDown) {
  const auto r = check_lab("closed.test");
  EXPECT_EQ(r.exit_code, 2);
  const auto& a = first_address(r.json);
  EXPECT_FALSE(a["connect"]["ok"]);
  EXPECT_EQ(a["connect"]["error_kind"], "refused");
  EXPECT_FALSE(a["connect"]["error"].get<std::string>().empty());
  EXPECT_EQ(severity_of(r.json, "smtp.unreachable"), "critical");
  EXPECT_EQ(severity_of(r.json, "domain.all_down"), "critical");
}

TEST(Check, BusyGreetingIsNotMistakenForMissingStartTls) {
  const auto r = check_lab("busy.test");
  const auto& a = first_address(r.json);
  EXPECT_EQ(a["banner"]["code"], 421);
  EXPECT_NE(a["banner"]["text"].get<std::string>().find("too busy"), std::string::npos);
  EXPECT_EQ(severity_of(r.json, "smtp.greeting_busy"), "info") << "inconclusive, not failed";
  EXPECT_TRUE(findings(r.json, "tls.starttls_missing").empty());
  EXPECT_TRUE(findings(r.json, "domain.all_down").empty()) << "a temporary refusal is not 'down'";
  EXPECT_EQ(r.exit_code, 4) << "nothing was verified: inconclusive";
}

TEST(Check, MultiLineBannerIsReadWhole) {
  const auto r = check_lab("multiline.test");
  const auto& banner = first_address(r.json)["banner"];
  EXPECT_EQ(banner["code"], 220);
  const auto text = banner["text"].get<std::string>();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  EXPECT_NE(text.find("Unsolicited bulk mail"), std::string::npos);
  EXPECT_EQ(severity_of(r.json, "smtp.banner_version"), "info") << "Postfix 3.7.11 is in the banner";
  EXPECT_EQ(r.exit_code, 0);
}

TEST(Check, NullMxIsReportedAndNotProbed) {
  const auto r = check_lab("nullmx.test");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.json["null_mx"]);
  EXPECT_TRUE(r.json["mx"].empty());
  EXPECT_EQ(severity_of(r.json, "dns.null_mx"), "info");
}

TEST(Check, NoMxFallsBackToTheDomainAddress) {
  const auto r = check_lab("implicit.test");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.json["implicit_mx"]);
  ASSERT_EQ(r.json["mx"].size(), 1u);
  EXPECT_EQ(r.json["mx"][0]["host"], "implicit.test");
  EXPECT_EQ(first_address(r.json)["banner"]["code"], 220);
  EXPECT_TRUE(first_address(r.json)["certificate"]["hostname_match"]);
  EXPECT_EQ(severity_of(r.json, "dns.implicit_mx"), "warning");
}

TEST(Check, RefusingPrimaryWithAnsweringBackupWarnsNolistingOrDead) {
  const auto r = check_lab("backup.test");
  ASSERT_EQ(r.json["mx"].size(), 2u);
  EXPECT_EQ(r.json["mx"][0]["host"], "mx1.backup.test");
  EXPECT_EQ(r.json["mx"][1]["host"], "mx2.backup.test");
  EXPECT_EQ(r.json["mx"][1]["verdict"], "pass");
  EXPECT_EQ(r.json["mx"][0]["verdict"], "warn") << "never PASS on the MX that refused";
  EXPECT_EQ(severity_of(r.json, "domain.nolisting"), "warning");
  EXPECT_EQ(severity_of(r.json, "smtp.unreachable_nolisting"), "warning");
  EXPECT_TRUE(findings(r.json, "smtp.unreachable").empty());
  EXPECT_TRUE(findings(r.json, "domain.all_down").empty());
  EXPECT_EQ(r.exit_code, 1) << "nolisting or a dead server: a warning naming both";
}

TEST(Check, PrimaryDownWhileBackupAnswers) {
  // The primary accepts the connection but never greets: not nolisting, a broken primary.
  const auto r = check_lab("silentprimary.test", {"--banner-timeout", "2"});
  ASSERT_EQ(r.json["mx"].size(), 2u);
  EXPECT_EQ(r.json["mx"][0]["verdict"], "fail");
  EXPECT_EQ(r.json["mx"][1]["verdict"], "pass");
  EXPECT_EQ(severity_of(r.json, "domain.primary_down"), "warning");
  EXPECT_TRUE(findings(r.json, "domain.nolisting").empty());
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Check, TwoMxTwoAddressesAreAllProbed) {
  const auto r = check_lab("twomx.test");
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_EQ(r.json["mx"].size(), 2u);
  int probed = 0;
  for (const auto& mx : r.json["mx"]) {
    for (const auto& a : mx["addresses"]) {
      EXPECT_TRUE(a["starttls"]["ok"]);
      ++probed;
    }
  }
  EXPECT_EQ(probed, 4);
}

TEST(Check, MxThatIsAnAliasIsReportedAndItsTargetAccepted) {
  const auto r = check_lab("cname.test");
  EXPECT_EQ(r.json["mx"][0]["cname_target"], "mx1.good.test");
  EXPECT_EQ(severity_of(r.json, "dns.mx_cname"), "warning");
  EXPECT_TRUE(first_address(r.json)["certificate"]["hostname_match"]) << "RFC 7672 2.2.2: the alias target counts";
}

TEST(Check, MxWrittenAsIpAddressIsCritical) {
  const auto r = check_lab("iplit.test");
  EXPECT_TRUE(r.json["mx"][0]["ip_literal"]);
  EXPECT_EQ(severity_of(r.json, "dns.mx_ip_literal"), "critical");
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Check, MxWithoutAddressIsReported) {
  const auto r = check_lab("noaddr.test");
  EXPECT_EQ(r.json["mx"][0]["host"], "nowhere.noaddr.test");
  EXPECT_TRUE(r.json["mx"][0]["addresses"].empty());
  EXPECT_EQ(findings(r.json, "dns.mx_no_address").size(), 1u);
  EXPECT_EQ(r.json["mx"][1]["verdict"], "pass");
}

TEST(Check, FamilyOptionsLimitTheAddresses) {
  // postfix.test (the lab's real Postfix, lab/mta) has A 127.0.0.50 and AAAA ::1.
  const auto both = check_lab("postfix.test");
  ASSERT_EQ(both.json["mx"][0]["addresses"].size(), 2u) << both.out;
  const auto v6 = check_lab("postfix.test", {"-6"});
  ASSERT_EQ(v6.json["mx"][0]["addresses"].size(), 1u);
  EXPECT_EQ(v6.json["mx"][0]["addresses"][0]["ip"], "::1");
  const auto v4 = check_lab("postfix.test", {"-4"});
  ASSERT_EQ(v4.json["mx"][0]["addresses"].size(), 1u);
  EXPECT_EQ(v4.json["mx"][0]["addresses"][0]["ip"], "127.0.0.50");
}

TEST(Check, DnssecStateIsRecorded) {
  EXPECT_EQ(check_lab("good.test").json["mx_dnssec"], "secure");
  EXPECT_EQ(check_lab("unsigned.insecure.test").json["mx_dnssec"], "insecure");
}

TEST(Check, SavedReportJudgesTheSameAgain) {
  const auto r = check_lab("expired.test");
  const auto file = std::filesystem::temp_directory_path() / "mxray-saved-report.json";
  std::ofstream(file) << r.out;
  const auto again = run_mxray({"judge", "--json", file.string()});
  std::filesystem::remove(file);
  EXPECT_EQ(again.exit_code, r.exit_code);
  EXPECT_EQ(again.json["verdict"], r.json["verdict"]);
  EXPECT_EQ(finding_ids(again.json), finding_ids(r.json));
}

// Where the check spent its time: every session's steps with their start since the check began,
// the DNS stages and the policy fetch, and the same as a table with --timings.
TEST(Check, TimelineShowsEveryStepOfEverySession) {
  const auto r = check_lab("sts-enforce.test");
  ASSERT_FALSE(r.json.is_null()) << r.err;
  const auto& j = r.json;
  const double total = j["duration_ms"].get<double>();
  std::vector<std::string> domain_steps;
  for (const auto& t : j["timeline"]) {
    domain_steps.push_back(t["session"].get<std::string>() + ":" + t["step"].get<std::string>());
    EXPECT_GE(t["start_ms"].get<double>(), 0.0);
    EXPECT_LE(t["start_ms"].get<double>() + t["ms"].get<double>(), total + 1.0) << t.dump();
  }
  EXPECT_TRUE(contains(domain_steps, "dns:MX+TXT")) << j["timeline"].dump();
  EXPECT_TRUE(contains(domain_steps, "dns:A+AAAA+TLSA")) << j["timeline"].dump();
  EXPECT_TRUE(contains(domain_steps, "mta_sts:policy_fetch")) << j["timeline"].dump();

  const auto& a = first_address(j);
  std::vector<std::string> steps;
  double previous_main = -1;
  for (const auto& t : a["timeline"]) {
    const auto session = t["session"].get<std::string>();
    const auto step = t["step"].get<std::string>();
    steps.push_back(session + ":" + step);
    if (session == "main") {
      // One session's steps follow one another.
      EXPECT_GE(t["start_ms"].get<double>(), previous_main) << step;
      previous_main = t["start_ms"].get<double>();
    }
  }
  const auto dump = a["timeline"].dump();
  for (const char* expected :
       {"main:connect", "main:greeting", "main:EHLO", "main:tls_handshake", "main:QUIT", "legacy_tls:connect",
        "legacy_tls:greeting", "legacy_tls:tls_handshake", "reverse_dns:PTR"}) {
    EXPECT_TRUE(contains(steps, expected)) << expected << " in " << dump;
  }
  // STARTTLS, the relay attempts and VRFY/EXPN are there, pipelined or one by one.
  const auto has = [&](const std::string& verb) {
    return std::any_of(steps.begin(), steps.end(), [&](const std::string& s) {
      return s.rfind("main:", 0) == 0 && (s.find(verb) != std::string::npos);
    });
  };
  for (const char* verb : {"STARTTLS", "RCPT", "VRFY", "EXPN"}) EXPECT_TRUE(has(verb)) << verb << " in " << dump;

  auto args = lab_args();
  args.insert(args.begin(), {"check", "sts-enforce.test", "--timings", "--color", "never"});
  const auto text = run_mxray(args);
  EXPECT_NE(text.out.find("Where the check spent its time"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("main session: TLS handshake"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("MTA-STS: policy fetch (HTTPS)"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace mxray::testing
