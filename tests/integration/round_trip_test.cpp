// Round trips, counted, not timed: the lab's delay proxy (lab/delay_proxy) counts how often
// the client had to wait for the server on each connection. A change that adds a round trip
// to the SMTP session fails here, whatever the machine's speed.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <thread>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

struct Turns {
  long turns = 0;
  long up = 0;
};

// The proxy's lines for `address`, once `count` connections to it have closed (or 5 s).
std::vector<Turns> connections_to(const std::string& address, std::size_t count) {
  const std::regex line("tcp " + address + ":25 turns=(\\d+) up=(\\d+) down=(\\d+)");
  std::vector<Turns> out;
  for (int i = 0; i < 50; ++i) {
    out.clear();
    std::ifstream in(std::string(MXRAY_LAB_DIR) + "/wan-stats.txt");
    std::string text;
    while (std::getline(in, text)) {
      std::smatch m;
      if (std::regex_search(text, m, line)) out.push_back({std::stol(m[1]), std::stol(m[2])});
    }
    if (out.size() >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return out;
}

std::vector<std::string> wan_args() {
  auto args = lab_args();
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--resolver") args[i + 1] = "127.0.0.1@5301";  // DNS through the WAN too
  }
  return args;
}

TEST(RoundTrips, DefaultCheckNeedsAtMostEightClientTurnsPerSession) {
  std::ofstream(std::string(MXRAY_LAB_DIR) + "/wan-stats.txt", std::ios::trunc).close();
  std::vector<std::string> args{"check", "--json", "wan.test"};
  for (const auto& a : wan_args()) args.push_back(a);
  const auto r = run_mxray(args);
  ASSERT_TRUE(r.json.is_object()) << r.err;
  ASSERT_EQ(r.json["mx"][0]["addresses"].size(), 2u);
  EXPECT_TRUE(r.json["mx"][0]["addresses"][0]["starttls"]["ok"]);
  EXPECT_TRUE(r.json["mx"][0]["addresses"][0]["relay"]["tested"]);
  EXPECT_TRUE(r.json["mx"][0]["addresses"][0]["vrfy"]["sent"]);
  for (const std::string address : {"127.0.0.90", "127.0.0.91"}) {
    // The main session and the TLS 1.0/1.1 session beside it.
    const auto sessions = connections_to(address, 2);
    ASSERT_EQ(sessions.size(), 2u) << address;
    const auto& main = sessions[0].up > sessions[1].up ? sessions[0] : sessions[1];
    const auto& legacy = sessions[0].up > sessions[1].up ? sessions[1] : sessions[0];
    // Greeting, EHLO, MAIL+RSET+STARTTLS, TLS 1.3 (one flight and Finished), EHLO,
    // MAIL+RCPT+RSET+VRFY, EXPN, QUIT: 8 turns where lock-step needed 14.
    EXPECT_LE(main.turns, 8) << address << ": the SMTP session needs more round trips than it should";
    EXPECT_GE(main.turns, 6) << address << ": fewer turns than the session's own dependencies allow";
    EXPECT_LE(legacy.turns, 4) << address;
  }
}

}  // namespace
}  // namespace mxray::testing
