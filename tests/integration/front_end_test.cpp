// Integration: no false alarms on real anti-spam front ends (lab/zones/frontends.zone.in).
// Real software: Postfix postscreen (greeting pause, deep protocol tests enforced, first and
// second contact), postgrey behind Postfix (a stated wait, and postgrey's default text), Exim
// with one session per client address; the fixture plays the large providers' throttling and
// reputation texts, a tarpit and a one-session server. Each test checks the report (ids,
// statuses, verdict), the server's own log (no bot-test trip, no DATA) and the check's time.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

// postscreen's log lines for a client that failed a bot test, naming mxray's address.
void expect_no_bot_test_tripped(const std::string& log) {
  for (const char* trip : {"PREGREET", "PIPELINING", "NON-SMTP COMMAND", "BARE NEWLINE"}) {
    EXPECT_EQ(log.find(trip), std::string::npos) << trip << " in the postscreen log:\n" << log;
  }
}

void expect_no_data(const std::string& log) {
  static const std::regex kData(R"((C: DATA|after DATA|DATA command from|\bDATA\b.*127\.0\.0\.1))", std::regex::icase);
  EXPECT_FALSE(std::regex_search(log, kData)) << log;
}

// No finding of this report says the server is at fault.
void expect_no_fault(const json& report) {
  for (const auto& f : report["findings"]) {
    EXPECT_NE(f["severity"], "critical") << f.dump();
    EXPECT_NE(f["severity"], "warning") << f.dump();
  }
}

// Exim counts a session until its child process is reaped, a moment after QUIT: a check right
// after the previous test's would meet that test's last session.
void let_exim_reap() { std::this_thread::sleep_for(std::chrono::milliseconds(1500)); }

std::string detail_of(const json& report, const std::string& id) {
  const auto f = findings(report, id);
  return f.empty() ? std::string() : f[0]["detail"].get<std::string>();
}

TEST(FrontEnd, PostscreenFirstContactReconnectsOnceAndDecidesOnTheRealServer) {
  const auto r = check_lab("screen1.frontends.test");
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto& a = first_address(r.json);
  EXPECT_TRUE(a["retry"]["retried"]) << a.dump(1);
  EXPECT_EQ(a["retry"]["reason"], "postscreen");
  EXPECT_EQ(a["retry"]["deferred_code"], 450);
  EXPECT_GE(a["retry"]["first_banner"]["lines"].get<int>(), 2);
  // postscreen_greet_wait is 3 s in the lab.
  const double pause =
      a["retry"]["first_banner"]["ms"].get<double>() - a["retry"]["first_banner"]["first_line_ms"].get<double>();
  EXPECT_GT(pause, 2500);
  EXPECT_LT(pause, 4500);
  EXPECT_EQ(severity_of(r.json, "smtp.postscreen"), "info") << r.out;
  EXPECT_NE(detail_of(r.json, "smtp.postscreen").find("reconnected"), std::string::npos);
  EXPECT_EQ(severity_of(r.json, "smtp.greeting_pause"), "info");
  EXPECT_TRUE(findings(r.json, "smtp.slow_banner").empty());
  EXPECT_TRUE(findings(r.json, "relay.deferred").empty());
  EXPECT_EQ(severity_of(r.json, "relay.closed"), "ok") << r.out;
  EXPECT_EQ(a["status"]["relay"], "ok");
  EXPECT_EQ(a["status"]["greeting"], "info");
  EXPECT_EQ(a["status"]["starttls"], "info");  // tls.not_required: MAIL FROM before STARTTLS, as RFC 3207 asks
  EXPECT_EQ(r.json["verdict"], "pass");
  EXPECT_EQ(r.exit_code, 0);
  expect_no_fault(r.json);
  const auto log = lab_file("logs/postfix-screen1.log");
  expect_no_bot_test_tripped(log);
  EXPECT_NE(log.find("PASS NEW [127.0.0.1]"), std::string::npos) << log;
  expect_no_data(log);
  EXPECT_LT(r.seconds, 20);
}

TEST(FrontEnd, PostscreenSecondContactGoesStraightToSmtpd) {
  const auto first = check_lab("screen2.frontends.test");
  ASSERT_TRUE(first.json.is_object()) << first.err;
  const auto r = check_lab("screen2.frontends.test");
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto& a = first_address(r.json);
  EXPECT_FALSE(a["retry"]["retried"]) << a.dump(1);
  EXPECT_EQ(a["banner"]["lines"], 1);
  EXPECT_TRUE(findings(r.json, "smtp.greeting_pause").empty());
  EXPECT_TRUE(findings(r.json, "smtp.slow_banner").empty());
  EXPECT_EQ(severity_of(r.json, "relay.closed"), "ok") << r.out;
  EXPECT_EQ(r.json["verdict"], "pass");
  expect_no_fault(r.json);
  const auto log = lab_file("logs/postfix-screen2.log");
  expect_no_bot_test_tripped(log);
  EXPECT_NE(log.find("PASS OLD [127.0.0.1]"), std::string::npos) << log;
  expect_no_data(log);
  EXPECT_LT(r.seconds, 8);
}

TEST(FrontEnd, GreylistingWithAStatedWaitIsRetriedOnce) {
  const auto r = check_lab("grey.frontends.test");
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto& a = first_address(r.json);
  EXPECT_TRUE(a["retry"]["retried"]) << a.dump(1);
  EXPECT_EQ(a["retry"]["reason"], "greylisting");
  EXPECT_EQ(a["retry"]["stated_wait_s"], 2);
  EXPECT_GE(a["retry"]["wait_ms"].get<double>(), 2900);
  EXPECT_EQ(severity_of(r.json, "smtp.greylisting"), "info") << r.out;
  EXPECT_NE(detail_of(r.json, "smtp.greylisting").find("Greylisted"), std::string::npos);
  EXPECT_EQ(severity_of(r.json, "relay.closed"), "ok") << r.out;
  EXPECT_EQ(a["status"]["relay"], "info");
  EXPECT_EQ(r.json["verdict"], "pass");
  expect_no_fault(r.json);
  const auto log = lab_file("logs/postfix-grey.log");
  EXPECT_NE(log.find("Greylisted, try again in"), std::string::npos) << log;
  expect_no_data(log);
  EXPECT_LT(r.seconds, 15);
}

TEST(FrontEnd, GreylistingWithoutAStatedWaitIsInconclusiveInTheServersWords) {
  const auto r = check_lab("greyplain.frontends.test");
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto& a = first_address(r.json);
  EXPECT_FALSE(a["retry"]["retried"]) << a.dump(1);
  EXPECT_EQ(a["retry"]["reason"], "greylisting");
  const auto f = findings(r.json, "smtp.greylisting_unresolved");
  ASSERT_EQ(f.size(), 1u) << r.out;
  EXPECT_EQ(f[0]["status"], "inconclusive");
  EXPECT_NE(f[0]["detail"].get<std::string>().find("Greylisted"), std::string::npos);
  EXPECT_EQ(a["status"]["relay"], "inconclusive");
  EXPECT_TRUE(findings(r.json, "relay.deferred").empty());
  EXPECT_TRUE(findings(r.json, "relay.closed").empty());
  EXPECT_NE(r.json["verdict"], "fail");
  expect_no_fault(r.json);
  expect_no_data(lab_file("logs/postfix-greyplain.log"));
  EXPECT_LT(r.seconds, 8);
}

// With --sessions-per-address 0: the TLS 1.0/1.1 session is refused beside the main one, then
// runs after it.
void expect_one_session_refused_then_serialised();

// Both halves in one test: CTest runs tests two at a time, and two checks of this one Exim at
// once from the same client address would trip the very limit the test is about.
TEST(FrontEnd, EximConnectionLimitWithThePerAddressLimitOnAndOff) {
  let_exim_reap();
  const auto r = check_lab("eximlimit.frontends.test", {"--sessions-per-address", "1"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto& a = first_address(r.json);
  EXPECT_TRUE(findings(r.json, "smtp.one_session_per_client").empty()) << r.out;
  EXPECT_EQ(a["concurrent_refusal"], "");
  EXPECT_EQ(a["starttls"]["legacy_versions"]["TLSv1"], "refused") << a["starttls"].dump();
  EXPECT_EQ(severity_of(r.json, "relay.closed"), "ok") << r.out;
  EXPECT_EQ(r.json["verdict"], "pass");
  expect_no_fault(r.json);
  // (Exim may still count the first session for a moment after its QUIT and refuse the next one
  // once; mxray then tries again, and that refusal is not a second session at once.)
  expect_no_data(lab_file("logs/exim-limits-main.log"));
  EXPECT_LT(r.seconds, 8);
  expect_one_session_refused_then_serialised();
}

void expect_one_session_refused_then_serialised() {
  let_exim_reap();
  const auto r = check_lab("eximlimit.frontends.test", {"--sessions-per-address", "0"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto& a = first_address(r.json);
  const auto f = findings(r.json, "smtp.one_session_per_client");
  ASSERT_EQ(f.size(), 1u) << r.out;
  EXPECT_EQ(f[0]["severity"], "info");
  EXPECT_NE(f[0]["detail"].get<std::string>().find("421"), std::string::npos);
  EXPECT_TRUE(a["sessions_serialised"]);
  // The second session ran again after the first: TLS 1.0/1.1 were tested after all.
  EXPECT_EQ(a["starttls"]["legacy_versions"]["TLSv1"], "refused") << a["starttls"].dump();
  EXPECT_TRUE(findings(r.json, "smtp.greeting_busy").empty());
  EXPECT_EQ(severity_of(r.json, "relay.closed"), "ok") << r.out;
  EXPECT_EQ(r.json["verdict"], "pass");
  expect_no_fault(r.json);
  const auto log = lab_file("logs/exim-limits-main.log");
  EXPECT_NE(log.find("too many connections"), std::string::npos) << log;
  expect_no_data(log);
  EXPECT_LT(r.seconds, 8);
}

TEST(FrontEnd, FixtureWithOneSessionPerClient) {
  const auto r = check_lab("onesession.frontends.test");
  ASSERT_TRUE(r.json.is_object()) << r.err;
  EXPECT_EQ(severity_of(r.json, "smtp.one_session_per_client"), "info") << r.out;
  EXPECT_EQ(r.json["verdict"], "pass");
  expect_no_fault(r.json);
  const auto polite = check_lab("onesession.frontends.test", {"--sessions-per-address", "1"});
  ASSERT_TRUE(polite.json.is_object()) << polite.err;
  EXPECT_TRUE(findings(polite.json, "smtp.one_session_per_client").empty()) << polite.out;
  expect_no_data(lab_file("logs/onesession.log"));
  EXPECT_LT(r.seconds + polite.seconds, 10);
}

struct ProviderCase {
  const char* domain;
  const char* id;
  const char* step;
  const char* provider;
  const char* verdict;
};

TEST(FrontEnd, ProvidersThrottlingAndReputationRepliesAreExplainedNotFaults) {
  const ProviderCase cases[] = {
      {"gmail-rate.frontends.test", "smtp.provider_reputation", "relay", "Gmail", "pass"},
      {"gmail-busy.frontends.test", "smtp.provider_throttle", "ehlo", "Gmail", "pass"},
      {"ms-busy.frontends.test", "smtp.provider_throttle", "relay", "Microsoft", "pass"},
      {"ms-reputation.frontends.test", "smtp.provider_reputation", "relay", "Microsoft", "pass"},
      {"yahoo.frontends.test", "smtp.provider_reputation", "greeting", "Yahoo", "inconclusive"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.domain);
    const auto r = check_lab(c.domain);
    ASSERT_TRUE(r.json.is_object()) << r.err;
    const auto f = findings(r.json, c.id);
    ASSERT_EQ(f.size(), 1u) << r.out;
    EXPECT_EQ(f[0]["severity"], "info");
    EXPECT_EQ(f[0]["status"], "inconclusive");
    EXPECT_EQ(f[0]["step"], c.step);
    EXPECT_NE(f[0]["detail"].get<std::string>().find(c.provider), std::string::npos);
    EXPECT_EQ(first_address(r.json)["status"][c.step], "inconclusive");
    for (const char* never : {"smtp.dropped", "smtp.helo_refused", "tls.starttls_failed", "relay.deferred",
                              "smtp.greeting_busy", "relay.open"}) {
      EXPECT_TRUE(findings(r.json, never).empty()) << never << "\n" << r.out;
    }
    EXPECT_EQ(r.json["verdict"], c.verdict);
    expect_no_fault(r.json);
    std::string listener = c.domain;
    listener = listener.substr(0, listener.find('.'));
    expect_no_data(lab_file("logs/" + listener + ".log"));
    EXPECT_LT(r.seconds, 6);
  }
}

TEST(FrontEnd, TarpitDelaysAreReportedAndTheCheckKeepsItsDeadline) {
  const auto r = check_lab("tarpit.frontends.test", {"--timeout", "8"});
  ASSERT_TRUE(r.json.is_object()) << r.err;
  const auto f = findings(r.json, "smtp.tarpit");
  ASSERT_EQ(f.size(), 1u) << r.out;
  EXPECT_EQ(f[0]["severity"], "info");
  const auto detail = f[0]["detail"].get<std::string>();
  EXPECT_NE(detail.find("1.2 s"), std::string::npos) << detail;
  EXPECT_NE(detail.find("EHLO"), std::string::npos) << detail;
  EXPECT_NE(detail.find("deadline"), std::string::npos) << detail;
  EXPECT_TRUE(findings(r.json, "smtp.bound_reached").empty()) << r.out;
  expect_no_data(lab_file("logs/tarpit.log"));
  // The whole check stays within its 8 s deadline (plus the program's start and exit).
  EXPECT_LT(r.seconds, 9.5);
}

}  // namespace
}  // namespace mxray::testing
