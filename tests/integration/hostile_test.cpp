// The hostile and broken servers of lab/hostile.json (plus the older ones of scenarios.json):
// for each, what the report says, that the check ends within its deadline + 10 %, and that
// mxray's memory stays bounded. A case that crashes, hangs or swells fails here.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;
using Expect = std::function<void(const RunResult&, const json& address)>;

constexpr double kDeadline = 8.0;      // --timeout of every case
constexpr long kMaxRssKb = 96 * 1024;  // a normal check needs ~15 MiB
// Under AddressSanitizer (the sanitizer pass of scripts/test.sh) shadow memory and quarantine
// multiply every process's footprint; the bound still catches unbounded growth.
long max_rss_kb() { return std::getenv("ASAN_OPTIONS") != nullptr ? 8 * kMaxRssKb : kMaxRssKb; }

struct Case {
  std::string domain;
  Expect expect;
};

std::string str(const json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }
bool has(const json& list, const std::string& needle) {
  for (const auto& item : list) {
    if (str(item).find(needle) != std::string::npos) return true;
  }
  return false;
}
bool has_finding(const RunResult& r, const std::string& id) { return !findings(r.json, id).empty(); }

void no_raw_control_bytes(const std::string& text) {
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    ASSERT_FALSE(b == 0x1b || b == 0x00 || b == 0x07) << "raw control byte " << int(b) << " reached the output";
  }
}

const std::vector<Case>& cases() {
  static const std::vector<Case> all{
      {"drip.hostile.test",  // one byte per second: the banner deadline, not the drip, decides
       [](const RunResult& r, const json& a) {
         EXPECT_EQ(a["banner"]["error"], "timeout");
         EXPECT_TRUE(has_finding(r, "smtp.no_banner"));
       }},
      {"nulbanner.hostile.test",
       [](const RunResult&, const json& a) {
         EXPECT_NE(str(a["banner"]["text"]).find("\\x00"), std::string::npos);
         EXPECT_NE(str(a["banner"]["text"]).find("\\xff\\xfe"), std::string::npos);
       }},
      {"ansibanner.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_NE(str(a["banner"]["text"]).find("\\x1b"), std::string::npos);
         const auto text = run_mxray([&] {
           std::vector<std::string> args{"check", "ansibanner.hostile.test", "--color", "never"};
           for (const auto& x : lab_args()) args.push_back(x);
           return args;
         }());
         no_raw_control_bytes(text.out);
         no_raw_control_bytes(r.out);
       }},
      {"htmlbanner.hostile.test",
       [](const RunResult&, const json& a) {
         // JSON keeps printable text as text; the page inserts it as text, never as markup.
         EXPECT_NE(str(a["banner"]["text"]).find("<script>"), std::string::npos);
         EXPECT_EQ(a["banner"]["code"], 220);
       }},
      {"nulehlo.hostile.test",
       [](const RunResult&, const json& a) {
         EXPECT_EQ(a["ehlo"]["code"], 250);
         EXPECT_TRUE(has(a["ehlo"]["extensions"].items().begin() == a["ehlo"]["extensions"].items().end()
                             ? json::array()
                             : [&] {
                                 json keys = json::array();
                                 for (const auto& [k, v] : a["ehlo"]["extensions"].items()) keys.push_back(k);
                                 return keys;
                               }(),
                         "\\x00"));
       }},
      {"ehlo10k.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_EQ(a["aborted_kind"], "too_many_lines");
         EXPECT_TRUE(has(a["bounds_hit"], "EHLO"));
         EXPECT_TRUE(has_finding(r, "smtp.bound_reached"));
       }},
      {"megaline.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_TRUE(has(a["bounds_hit"], "longer than 2048"));
         EXPECT_TRUE(has_finding(r, "smtp.bound_reached"));
       }},
      {"tlsalert.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_TRUE(a["starttls"]["attempted"]);
         EXPECT_FALSE(a["starttls"]["ok"]);
         EXPECT_NE(str(a["starttls"]["error"]).find("handshake"), std::string::npos);
         EXPECT_TRUE(has_finding(r, "tls.starttls_failed"));
       }},
      {"tlsstall.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_FALSE(a["starttls"]["ok"]);
         EXPECT_NE(str(a["starttls"]["error"]).find("no answer within"), std::string::npos);
         EXPECT_TRUE(has_finding(r, "tls.starttls_failed"));
       }},
      {"badder.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_FALSE(a["starttls"]["ok"]);
         EXPECT_FALSE(a["certificate"]["present"]);
         EXPECT_TRUE(has_finding(r, "tls.starttls_failed"));
       }},
      {"inject.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_GT(a["starttls"]["bytes_before_handshake"].get<int>(), 0);
         EXPECT_TRUE(has_finding(r, "tls.plaintext_injection"));
       }},
      {"starttlsclose.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_EQ(a["starttls"]["code"], 220);
         EXPECT_FALSE(a["starttls"]["ok"]);
         EXPECT_TRUE(has_finding(r, "tls.starttls_failed"));
       }},
      {"code000.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_EQ(a["banner"]["error"], "malformed");
         EXPECT_TRUE(has_finding(r, "smtp.malformed_reply"));
       }},
      {"code999.hostile.test",
       [](const RunResult&, const json& a) {
         EXPECT_EQ(a["aborted_kind"], "malformed");
         EXPECT_NE(str(a["ehlo"]["error"]), "");
       }},
      {"rcptflip.hostile.test",
       [](const RunResult& r, const json& a) {
         // Lock-step sees the extra reply after RCPT; a pipelined group sees RSET answered 550.
         EXPECT_TRUE(has(a["out_of_turn"], "RCPT") || has(a["out_of_turn"], "RSET")) << a["out_of_turn"].dump();
         EXPECT_TRUE(has_finding(r, "smtp.out_of_turn"));
         EXPECT_TRUE(has_finding(r, "relay.desynced")) << "neither open nor closed on replies out of turn";
         EXPECT_FALSE(has_finding(r, "relay.open"));
         EXPECT_FALSE(has_finding(r, "relay.closed"));
       }},
      {"mlmismatch.hostile.test", [](const RunResult&, const json& a) { EXPECT_EQ(a["aborted_kind"], "malformed"); }},
      {"mid421.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_FALSE(has_finding(r, "relay.open"));
         EXPECT_TRUE(a["relay"]["attempts"].empty() || a["relay"]["attempts"][0]["mail_code"] == 421 ||
                     !str(a["relay"]["skipped_reason"]).empty() || !str(a["aborted"]).empty());
       }},
      {"stallaftertls.hostile.test",
       [](const RunResult&, const json& a) {
         EXPECT_TRUE(a["starttls"]["ok"]);
         EXPECT_EQ(a["aborted_kind"], "timeout");
         EXPECT_NE(str(a["aborted"]).find("EHLO after STARTTLS"), std::string::npos);
       }},
      {"resetall.hostile.test",
       [](const RunResult&, const json& a) {
         EXPECT_TRUE(a["banner"]["received"]);
         EXPECT_EQ(a["aborted_kind"], "closed");
       }},
      {"echo.hostile.test", [](const RunResult&, const json& a) { EXPECT_EQ(a["aborted_kind"], "malformed"); }},
      {"closefirst.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_TRUE(a["connect"]["ok"]);
         EXPECT_EQ(a["banner"]["error"], "closed");
         EXPECT_TRUE(has_finding(r, "smtp.no_banner"));
       }},
      {"resetfirst.hostile.test",  // the reset may land before or after connect() returns
       [](const RunResult& r, const json& a) {
         EXPECT_FALSE(a["banner"]["received"]);
         EXPECT_TRUE(has_finding(r, "smtp.no_banner") || has_finding(r, "smtp.unreachable"));
         EXPECT_TRUE(has_finding(r, "domain.all_down"));
       }},
      {"longchain.hostile.test",
       [](const RunResult& r, const json& a) {
         const auto& c = a["certificate"];
         EXPECT_EQ(c["chain_length_presented"], 50);
         EXPECT_TRUE(c["chain_truncated"]);
         EXPECT_EQ(c["chain"].size(), 10u);
         EXPECT_TRUE(has(a["bounds_hit"], "certificate"));
         EXPECT_TRUE(has_finding(r, "cert.oversized"));
       }},
      {"bigleaf.hostile.test",  // the ~90 KB leaf that used to crash mxray
       [](const RunResult& r, const json& a) {
         const auto& c = a["certificate"];
         ASSERT_TRUE(c["present"]);
         EXPECT_TRUE(c["chain_truncated"]);
         ASSERT_EQ(c["chain"].size(), 1u) << "the leaf's facts are kept";
         EXPECT_GT(c["chain"][0]["der_bytes"].get<int>(), 64 * 1024);
         EXPECT_NE(str(c["chain"][0]["subject"]).find("mx-bigleaf.hostile.test"), std::string::npos);
         EXPECT_TRUE(c["hostname_match"]);
         EXPECT_TRUE(has_finding(r, "cert.oversized"));
       }},
      {"manysans.hostile.test",
       [](const RunResult&, const json& a) {
         const auto& leaf = a["certificate"]["chain"][0];
         EXPECT_EQ(leaf["san_count"], 5000);
         EXPECT_TRUE(leaf["san_truncated"]);
         EXPECT_EQ(leaf["san"].size(), 100u);
         EXPECT_TRUE(a["certificate"]["hostname_match"]) << "the MX name is the last of 5,000 names";
       }},
      {"dripehlo.hostile.test",
       [](const RunResult&, const json& a) {
         EXPECT_EQ(a["aborted_kind"], "timeout");
         EXPECT_NE(str(a["aborted"]).find("EHLO"), std::string::npos);
       }},
      {"barelf.hostile.test",
       [](const RunResult&, const json& a) {
         EXPECT_EQ(a["banner"]["code"], 220);
         EXPECT_EQ(a["ehlo"]["code"], 250);
       }},
      {"endlessehlo.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_EQ(a["aborted_kind"], "too_many_lines");
         EXPECT_TRUE(has_finding(r, "smtp.bound_reached"));
       }},
      {"garbagetls.hostile.test",
       [](const RunResult&, const json& a) {
         EXPECT_TRUE(a["starttls"]["ok"]);
         EXPECT_EQ(a["aborted_kind"], "malformed");
       }},
      {"twogreetings.hostile.test",
       [](const RunResult&, const json& a) {
         EXPECT_EQ(a["banner"]["code"], 220);
         EXPECT_TRUE(has(a["out_of_turn"], "greeting") || has(a["out_of_turn"], "EHLO"));
       }},
      {"bigreply.hostile.test",  // 99 lines of 60 bytes and one of 2000: within every bound
       [](const RunResult&, const json& a) {
         EXPECT_EQ(a["ehlo"]["code"], 250);
         EXPECT_TRUE(a["bounds_hit"].empty());
       }},
      {"unsolicited.hostile.test",
       [](const RunResult& r, const json& a) {
         EXPECT_TRUE(has(a["out_of_turn"], "EHLO"));
         EXPECT_TRUE(has_finding(r, "smtp.out_of_turn"));
       }},
      // The older misbehaving servers of lab/scenarios.json, held to the same deadline and memory.
      {"silent.test", [](const RunResult&, const json& a) { EXPECT_EQ(a["banner"]["error"], "timeout"); }},
      {"garbage.test", [](const RunResult&, const json& a) { EXPECT_EQ(a["banner"]["error"], "malformed"); }},
      {"hugeline.test", [](const RunResult&, const json& a) { EXPECT_EQ(a["banner"]["error"], "line_too_long"); }},
      {"endless.test", [](const RunResult&, const json& a) { EXPECT_EQ(a["banner"]["error"], "too_many_lines"); }},
      {"brokentls.test", [](const RunResult&, const json& a) { EXPECT_FALSE(a["starttls"]["ok"]); }},
      {"busy.test", [](const RunResult&, const json& a) { EXPECT_EQ(a["banner"]["code"], 421); }},
      {"dropped.test", [](const RunResult&, const json& a) { EXPECT_EQ(a["aborted_kind"], "closed"); }},
  };
  return all;
}

class HostileServer : public ::testing::TestWithParam<std::size_t> {};

TEST_P(HostileServer, ReportsItWithinTheDeadlineAndBoundedMemory) {
  const auto& c = cases()[GetParam()];
  const auto r = check_lab(
      c.domain, {"--timeout", "8", "--banner-timeout", "3", "--command-timeout", "3", "--connect-timeout", "3"});
  ASSERT_TRUE(r.json.is_object()) << "exit " << r.exit_code << ", stderr: " << r.err;
  EXPECT_LE(r.seconds, kDeadline * 1.1) << "the check overran its deadline";
  EXPECT_LE(r.max_rss_kb, max_rss_kb()) << "mxray's memory was not bounded";
  EXPECT_TRUE(r.exit_code >= 0 && r.exit_code <= 4) << "exit " << r.exit_code << ": " << r.err;
  const auto& a = first_address(r.json);
  c.expect(r, a);
}

std::string case_name(const ::testing::TestParamInfo<std::size_t>& info) {
  std::string name;
  for (const char ch : cases()[info.param].domain) {
    if (std::isalnum(static_cast<unsigned char>(ch))) name += ch;
    if (ch == '.') break;
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Lab, HostileServer, ::testing::Range<std::size_t>(0, cases().size()), case_name);

// The same 90 KB certificate that crashed `mxray check` must not take `mxray serve` down:
// the web tests check the API answers after it (tests/web); here the command line survives.
TEST(HostileServer, OversizedCertificateDoesNotCrashTheTextReport) {
  std::vector<std::string> args{"check", "bigleaf.hostile.test", "--color", "never"};
  for (const auto& x : lab_args()) args.push_back(x);
  const auto r = run_mxray(args);
  EXPECT_LT(r.exit_code, 128) << "killed by a signal";
  EXPECT_NE(r.out.find("mx-bigleaf.hostile.test"), std::string::npos);
}

}  // namespace
}  // namespace mxray::testing
