// `mxray serve` as a public service, against the lab: per-client caps (checks in flight,
// open connections), the client address behind a trusted proxy only, the Host allow-list
// (DNS rebinding, 421), the per-domain rate limit, and the check switches no visitor can undo.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "server_process.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

std::string error_of(const HttpReply& r) {
  const auto j = body_json(r);
  return j.is_object() && j.contains("error") && j["error"].is_string() ? j["error"].get<std::string>() : "";
}

void wait_for_active(const ServerProcess& server, int n) {
  for (int i = 0; i < 100; ++i) {
    if (body_json(server.get("/healthz"))["active_checks"] == n) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL() << "never saw " << n << " checks running";
}

TEST(WebPublic, AtMostTwoChecksInFlightPerClient) {
  ServerProcess server(with(lab_server_args(true), {"--timeout", "6", "--domain-rate-limit", "100"}));
  // silent.test accepts and never greets: each stream holds a check for a while.
  std::thread a([&] { server.get("/api/v1/check/stream?domain=silent.test"); });
  std::thread b([&] { server.get("/api/v1/check/stream?domain=silent.test"); });
  wait_for_active(server, 2);
  const auto third = server.get("/api/v1/check?domain=nullmx.test&lang=fr");
  const auto other = server.get("/api/v1/check?domain=nullmx.test", {}, "GET", "", "127.0.0.2");
  a.join();
  b.join();
  EXPECT_EQ(third.status, 429) << third.body;
  EXPECT_FALSE(third.header("retry-after").empty());
  EXPECT_NE(error_of(third).find("2"), std::string::npos) << third.body;
  EXPECT_EQ(error_of(third).find("you already have"), std::string::npos) << "translated: " << third.body;
  EXPECT_EQ(other.status, 200) << "another client is not held up: " << other.body;
  EXPECT_EQ(server.get("/api/v1/check?domain=nullmx.test").status, 200) << "the slots are free again";
}

TEST(WebPublic, OpenConnectionsPerClientAreCapped) {
  ServerProcess server(with(lab_server_args(true), {"--max-connections-per-client", "3"}));
  std::vector<int> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(server.connect_raw());
    ASSERT_GE(held.back(), 0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const int extra = server.connect_raw();
  ASSERT_GE(extra, 0) << "the kernel accepts; the server closes at once";
  const auto r = read_until_close(extra, 3);
  close(extra);
  EXPECT_TRUE(r.closed) << "a fourth connection from the same client is closed";
  EXPECT_TRUE(r.bytes.empty());
  EXPECT_NE(server.get("/healthz").status, 200) << "nor is a request on a new one served";
  EXPECT_EQ(server.get("/healthz", {}, "GET", "", "127.0.0.2").status, 200) << "another client is served";
  for (const int fd : held) close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(server.get("/healthz").status, 200) << "served again once its connections are closed";
}

TEST(WebPublic, ForwardedForIsIgnoredWithoutATrustedProxy) {
  ServerProcess server(with(lab_server_args(true), {"--rate-limit", "1", "--domain-rate-limit", "100"}));
  EXPECT_EQ(server.get("/api/v1/check?domain=nullmx.test", {{"X-Forwarded-For", "203.0.113.5"}}).status, 200);
  EXPECT_EQ(server.get("/api/v1/check?domain=nullmx.test", {{"X-Forwarded-For", "203.0.113.6"}}).status, 429)
      << "a client cannot pick another address with the header";
  EXPECT_EQ(server.get("/api/v1/check?domain=nullmx.test", {{"Forwarded", "for=203.0.113.7"}}).status, 429);
}

TEST(WebPublic, BehindATrustedProxyTheRightmostUntrustedHopIsTheClient) {
  ServerProcess server(with(lab_server_args(true),
                            {"--rate-limit", "1", "--domain-rate-limit", "100", "--trusted-proxy", "127.0.0.0/8"}));
  const auto check = [&](const std::string& xff) {
    return server.get("/api/v1/check?domain=nullmx.test", {{"X-Forwarded-For", xff}}).status;
  };
  EXPECT_EQ(check("203.0.113.5"), 200);
  EXPECT_EQ(check("203.0.113.5"), 429) << "the same client";
  EXPECT_EQ(check("203.0.113.6"), 200) << "another client";
  EXPECT_EQ(check("198.51.100.1, 203.0.113.7"), 200);
  EXPECT_EQ(check("198.51.100.2, 203.0.113.7"), 429) << "what the client wrote on the left does not count";
  EXPECT_EQ(check("203.0.113.8, 127.0.0.9"), 200) << "a trusted hop is skipped";
  EXPECT_EQ(check("203.0.113.8"), 429);
  EXPECT_EQ(check("junk"), 200) << "unreadable: the proxy's own address";
  EXPECT_EQ(check("other junk"), 429) << "junk does not give a new key";
}

TEST(WebPublic, ForwardedHeaderAndIpv6ClientsKeyedBySlash64) {
  ServerProcess server(with(lab_server_args(true), {"--rate-limit", "1", "--domain-rate-limit", "100",
                                                    "--trusted-proxy", "127.0.0.1", "--proxy-header", "forwarded"}));
  const auto check = [&](const std::map<std::string, std::string>& headers) {
    return server.get("/api/v1/check?domain=nullmx.test", headers).status;
  };
  EXPECT_EQ(check({{"Forwarded", "for=\"[2001:db8:1:2::5]:4711\";proto=https"}}), 200);
  EXPECT_EQ(check({{"Forwarded", "for=\"[2001:db8:1:2:ffff::6]\""}}), 429) << "same /64, same client";
  EXPECT_EQ(check({{"Forwarded", "for=\"[2001:db8:1:3::5]\""}}), 200) << "another /64";
  EXPECT_EQ(check({{"X-Forwarded-For", "203.0.113.50"}}), 200) << "X-Forwarded-For is not read: the proxy itself";
  EXPECT_EQ(check({{"X-Forwarded-For", "203.0.113.51"}}), 429);
}

TEST(WebPublic, UnknownHostNameGets421) {
  ServerProcess server(lab_server_args(true));
  const auto port = std::to_string(server.port());
  for (const std::string& host : std::vector<std::string>{"127.0.0.1", "127.0.0.1:" + port, "localhost:" + port}) {
    EXPECT_EQ(server.get("/", {{"Host", host}}).status, 200) << host;
  }
  const auto rebound = server.get("/api/v1/check?domain=nullmx.test", {{"Host", "rebind.attacker.example:" + port}});
  EXPECT_EQ(rebound.status, 421) << rebound.body;
  EXPECT_NE(error_of(rebound).find("rebind.attacker.example"), std::string::npos) << rebound.body;
  EXPECT_NE(error_of(rebound).find("--public-name"), std::string::npos) << rebound.body;
  EXPECT_EQ(rebound.header("content-type"), "application/json");
  EXPECT_FALSE(rebound.header("content-security-policy").empty());
  for (const std::string target : {"/", "/app.js", "/api/v1/messages", "/api/v1/check/stream?domain=nullmx.test"}) {
    EXPECT_EQ(server.get(target, {{"Host", "rebind.attacker.example"}}).status, 421) << target;
  }
  const auto fr = server.get("/", {{"Host", "rebind.attacker.example"}, {"Accept-Language", "fr"}});
  EXPECT_EQ(fr.status, 421);
  EXPECT_EQ(error_of(fr).find("does not answer"), std::string::npos) << "translated: " << fr.body;
  EXPECT_EQ(server.get("/healthz", {{"Host", "rebind.attacker.example"}}).status, 200) << "health checks by IP";
  const auto no_host = server.raw("GET / HTTP/1.0\r\n\r\n");
  EXPECT_EQ(no_host.rfind("HTTP/1.0 421", 0), 0u) << no_host.substr(0, 100);
}

TEST(WebPublic, PublicNamesReplaceTheDefault) {
  ServerProcess server(
      with(lab_server_args(true), {"--public-name", "mxray.example.org", "--public-name", "check.example.net:8443"}));
  EXPECT_EQ(server.get("/", {{"Host", "mxray.example.org"}}).status, 200);
  EXPECT_EQ(server.get("/", {{"Host", "MXRAY.example.org:443"}}).status, 200);
  EXPECT_EQ(server.get("/", {{"Host", "check.example.net:8443"}}).status, 200);
  EXPECT_EQ(server.get("/", {{"Host", "check.example.net"}}).status, 421);
  EXPECT_EQ(server.get("/", {{"Host", "127.0.0.1:" + std::to_string(server.port())}}).status, 421);
}

TEST(WebPublic, OneDomainAtMostNTimesAMinuteAcrossAllClients) {
  ServerProcess server(with(lab_server_args(true), {"--domain-rate-limit", "2", "--rate-limit", "100"}));
  EXPECT_EQ(server.get("/api/v1/check?domain=nullmx.test").status, 200);
  EXPECT_EQ(server.get("/api/v1/check?domain=nullmx.test", {}, "GET", "", "127.0.0.2").status, 200);
  const auto r = server.get("/api/v1/check?domain=NullMX.test.", {}, "GET", "", "127.0.0.3");
  EXPECT_EQ(r.status, 429) << "a third client, the same domain written otherwise: " << r.body;
  const auto retry = r.header("retry-after");
  ASSERT_FALSE(retry.empty());
  EXPECT_GE(std::stoi(retry), 50);
  EXPECT_LE(std::stoi(retry), 60);
  EXPECT_NE(error_of(r).find("nullmx.test"), std::string::npos) << r.body;
  const auto stream = server.get("/api/v1/check/stream?domain=nullmx.test", {}, "GET", "", "127.0.0.4");
  EXPECT_EQ(stream.status, 429) << "the stream too";
  EXPECT_EQ(server.get("/api/v1/check?domain=twomx.test", {}, "GET", "", "127.0.0.3").status, 200)
      << "another domain is not held up";
}

TEST(WebPublic, BadPublicServiceOptionsStopTheStart) {
  const auto args = lab_server_args(true);
  EXPECT_THROW(ServerProcess(with(args, {"--trusted-proxy", "10.0.0.0/33"})), std::runtime_error);
  EXPECT_THROW(ServerProcess(with(args, {"--trusted-proxy", "proxy.example"})), std::runtime_error);
  EXPECT_THROW(ServerProcess(with(args, {"--public-name", "mx.example.org/x"})), std::runtime_error);
  EXPECT_THROW(ServerProcess(with(args, {"--proxy-header", "x-real-ip"})), std::runtime_error);
  EXPECT_THROW(ServerProcess(with(args, {"--max-relay-tests", "some"})), std::runtime_error);
  EXPECT_THROW(ServerProcess(with(args, {"--max-checks-per-client", "0"})), std::runtime_error);
  EXPECT_THROW(ServerProcess(with(args, {"--deny-prefix", "64:ff9b::/129"})), std::runtime_error);
  EXPECT_THROW(ServerProcess(with(args, {"--sessions-per-address", "-1"})), std::runtime_error);
}

TEST(WebPublic, DeniedPrefixHoldsForEveryVisitor) {
  ServerProcess server(with(lab_server_args(true), {"--deny-prefix", "127.0.0.0/24", "--sessions-per-address", "1"}));
  const auto r = server.get("/api/v1/check?domain=good.test");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto a = body_json(r)["mx"][0]["addresses"][0];
  EXPECT_FALSE(a["allowed"]) << r.body;
  EXPECT_FALSE(a["connect"]["attempted"]);
  EXPECT_EQ(a["special_range"], "denied by --deny-prefix 127.0.0.0/24");
}

json first_address(const HttpReply& r) {
  const auto j = body_json(r);
  if (!j.is_object() || !j.contains("mx") || j["mx"].empty()) return json::object();
  return j["mx"][0]["addresses"][0];
}

TEST(WebPublic, ServeSwitchesHoldForEveryVisitor) {
  const std::string query = "/api/v1/check?domain=good.test&relay_tests=all&relay=1&no_relay_test=0&vrfy=1&legacy=1";
  {
    ServerProcess server(
        with(lab_server_args(true), {"--no-relay-test", "--no-commands-probe", "--no-legacy-tls-scan"}));
    const auto r = server.get(query);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto a = first_address(r);
    ASSERT_TRUE(a.contains("relay")) << r.body;
    EXPECT_TRUE(a["starttls"]["ok"]) << "the rest of the check still runs";
    EXPECT_FALSE(a["relay"]["tested"]);
    EXPECT_TRUE(a["relay"]["attempts"].empty());
    EXPECT_FALSE(a["vrfy"]["sent"]);
    EXPECT_FALSE(a["expn"]["sent"]);
    EXPECT_FALSE(a["mail_before_tls"]["sent"]);
    EXPECT_TRUE(a["starttls"]["legacy_versions"].empty()) << a["starttls"].dump();
  }
  {
    ServerProcess server(lab_server_args(true));  // the defaults: everything, relay quick
    const auto a = first_address(server.get(query));
    ASSERT_TRUE(a.contains("relay"));
    EXPECT_TRUE(a["relay"]["tested"]);
    EXPECT_EQ(a["relay"]["mode"], "quick") << "a visitor cannot ask for every variant";
    EXPECT_TRUE(a["vrfy"]["sent"]);
    EXPECT_FALSE(a["starttls"]["legacy_versions"].empty());
  }
  {
    ServerProcess server(with(lab_server_args(true), {"--max-relay-tests", "all"}));
    const auto a = first_address(server.get("/api/v1/check?domain=good.test"));
    ASSERT_TRUE(a.contains("relay"));
    EXPECT_EQ(a["relay"]["mode"], "all");
    EXPECT_GT(a["relay"]["attempts"].size(), 1u);
  }
}

}  // namespace
}  // namespace mxray::testing
