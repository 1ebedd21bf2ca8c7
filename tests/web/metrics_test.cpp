// `mxray serve --metrics` against the lab: GET /probe?target= is Prometheus text format
// (promtool check metrics and the strict reader of the unit tests agree), with every address
// of every MX name and TLS metrics also on an expired certificate; it keeps the validation,
// the address policy and the rate limits of the check API; /metrics counts requests, checks
// and refusals. promtool comes from Debian's prometheus package (scripts/setup.sh): a test
// that needs it fails when it is missing.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "server_process.hpp"
#include "support/prometheus_text.hpp"

namespace mxray::testing {
namespace {

constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

// promtool's lint of the exposition text (it reads stdin): "" when it passes, else what it said.
std::string promtool_problems(const std::string& text) {
  char path[] = "/tmp/mxray-metrics-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return "cannot make a temporary file";
  close(fd);
  std::ofstream(path) << text;
  const std::string command = std::string(MXRAY_PROMTOOL) + " check metrics < " + path + " 2>&1";
  std::string said;
  int status = -1;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[512];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) said.append(buf, n);
    status = pclose(p);
  }
  unlink(path);
  if (status != 0) return "promtool (" + std::string(MXRAY_PROMTOOL) + ") exit " + std::to_string(status) + ": " + said;
  return "";
}

test::PromParse valid(const HttpReply& r) {
  EXPECT_EQ(r.status, 200) << r.error << r.body;
  EXPECT_EQ(r.header("content-type"), kContentType);
  EXPECT_EQ(promtool_problems(r.body), "") << r.body;
  auto p = test::parse_prometheus_text(r.body);
  EXPECT_EQ(p.error, "") << r.body;
  return p;
}

double one(const test::PromParse& p, const std::string& name, const std::map<std::string, std::string>& labels = {}) {
  const auto found = p.find(name, labels);
  EXPECT_EQ(found.size(), 1u) << name;
  return found.empty() ? -1 : found.front().value;
}

std::vector<std::string> metrics_args(const std::vector<std::string>& extra = {}) {
  auto args = with(lab_server_args(true), {"--metrics", "--domain-rate-limit", "100", "--rate-limit", "100"});
  return with(args, extra);
}

TEST(WebMetrics, ProbeOfAGoodDomainIsPrometheusText) {
  ServerProcess server(metrics_args());
  const auto p = valid(server.get("/probe?target=good.test"));
  EXPECT_EQ(one(p, "mxray_probe_success"), 1);
  EXPECT_GT(one(p, "mxray_probe_duration_seconds"), 0);
  EXPECT_EQ(one(p, "mxray_verdict", {{"verdict", "pass"}}), 1);
  const std::map<std::string, std::string> at{{"mx", "mx1.good.test"}, {"ip", "127.0.0.10"}};
  EXPECT_EQ(one(p, "mxray_connect_success", at), 1);
  EXPECT_EQ(one(p, "mxray_greeting_success", at), 1);
  EXPECT_EQ(one(p, "mxray_starttls_success", at), 1);
  EXPECT_EQ(one(p, "mxray_open_relay", at), 0);
  EXPECT_EQ(p.find("mxray_tls_version_info", at).size(), 1u);
  auto leaf = at;
  leaf["depth"] = "0";
  EXPECT_GT(one(p, "mxray_cert_not_after_timestamp_seconds", leaf), static_cast<double>(std::time(nullptr)));
  EXPECT_GE(p.find("mxray_cert_not_after_timestamp_seconds", at).size(), 2u) << "the intermediate too";
}

TEST(WebMetrics, EveryAddressOfEveryMxName) {
  ServerProcess server(metrics_args());
  const auto p = valid(server.get("/probe?target=twomx.test"));
  for (const auto& [mx, ip] : std::vector<std::pair<std::string, std::string>>{{"mx1.twomx.test", "127.0.0.30"},
                                                                               {"mx1.twomx.test", "127.0.0.31"},
                                                                               {"mx2.twomx.test", "127.0.0.32"},
                                                                               {"mx2.twomx.test", "127.0.0.33"}}) {
    EXPECT_EQ(p.find("mxray_connect_success", {{"mx", mx}, {"ip", ip}}).size(), 1u) << mx << " " << ip;
  }
  EXPECT_EQ(p.find("mxray_connect_success").size(), 4u);
}

TEST(WebMetrics, ExpiredCertificateStillHasTlsMetrics) {
  ServerProcess server(metrics_args());
  const auto p = valid(server.get("/probe?target=expired.test"));
  EXPECT_EQ(one(p, "mxray_verdict", {{"verdict", "pass"}}), 0);
  const std::map<std::string, std::string> at{{"mx", "mx.expired.test"}, {"ip", "127.0.0.12"}};
  EXPECT_EQ(one(p, "mxray_starttls_success", at), 1);
  EXPECT_EQ(p.find("mxray_tls_version_info", at).size(), 1u);
  EXPECT_EQ(one(p, "mxray_cert_trusted", at), 0);
  auto leaf = at;
  leaf["depth"] = "0";
  EXPECT_LT(one(p, "mxray_cert_not_after_timestamp_seconds", leaf), static_cast<double>(std::time(nullptr)));
}

TEST(WebMetrics, DaneMismatchAndMtaStsCoverage) {
  ServerProcess server(metrics_args());
  const auto dane = valid(server.get("/probe?target=dane-mismatch.test"));
  EXPECT_EQ(one(dane, "mxray_dane_match", {{"mx", "mismatch.dane.test"}}), 0);
  const auto sts = valid(server.get("/probe?target=sts-unlisted.test"));
  EXPECT_EQ(one(sts, "mxray_mta_sts_mode_info", {{"mode", "enforce"}}), 1);
  EXPECT_EQ(one(sts, "mxray_mta_sts_mx_listed", {{"mx", "mx.multiline.test"}}), 0);
  EXPECT_EQ(one(sts, "mxray_mta_sts_mx_listed", {{"mx", "mx1.good.test"}}), 1);
}

TEST(WebMetrics, OnlyWithTheMetricsOption) {
  ServerProcess server(with(lab_server_args(true), {}));
  EXPECT_EQ(server.get("/probe?target=good.test").status, 404);
  EXPECT_EQ(server.get("/metrics").status, 404);
}

TEST(WebMetrics, ProbeKeepsTheValidationAndAddressPolicy) {
  ServerProcess server(
      with(lab_server_args(false), {"--metrics", "--domain-rate-limit", "100", "--rate-limit", "100"}));
  EXPECT_EQ(server.get("/probe").status, 400);
  EXPECT_EQ(server.get("/probe?domain=good.test").status, 400) << "the parameter is target, as blackbox_exporter's";
  EXPECT_EQ(server.get("/probe?target=a..b").status, 400);
  EXPECT_EQ(server.get("/probe?target=good.test:2525").status, 400) << "no other port than the server's";
  EXPECT_EQ(server.get("/probe?target=good.test", {{"Host", "attacker.example"}}).status, 421);
  // Without --allow-private the lab's loopback addresses are refused, not probed.
  const auto p = valid(server.get("/probe?target=good.test"));
  const std::map<std::string, std::string> at{{"mx", "mx1.good.test"}, {"ip", "127.0.0.10"}};
  EXPECT_EQ(one(p, "mxray_address_probed", at), 0);
  EXPECT_EQ(one(p, "mxray_connect_success", at), 0);
}

TEST(WebMetrics, ProbeSharesTheRateLimitsAndMetricsCountThem) {
  ServerProcess server(with(lab_server_args(true), {"--metrics", "--domain-rate-limit", "1", "--rate-limit", "100"}));
  valid(server.get("/probe?target=nullmx.test"));
  const auto again = server.get("/probe?target=nullmx.test");
  EXPECT_EQ(again.status, 429) << again.body;
  EXPECT_FALSE(again.header("retry-after").empty());
  EXPECT_EQ(server.get("/api/v1/check?domain=nullmx.test").status, 429) << "one limit for /probe and the API";
  EXPECT_EQ(server.get("/no-such-page").status, 404);
  const auto m = valid(server.get("/metrics"));
  EXPECT_EQ(one(m, "mxray_http_requests_total", {{"route", "/probe"}, {"code", "200"}}), 1);
  EXPECT_EQ(one(m, "mxray_http_requests_total", {{"route", "/probe"}, {"code", "429"}}), 1);
  EXPECT_EQ(one(m, "mxray_http_requests_total", {{"route", "/api/v1/check"}, {"code", "429"}}), 1);
  EXPECT_EQ(one(m, "mxray_http_requests_total", {{"route", "other"}, {"code", "404"}}), 1) << "paths are not labels";
  EXPECT_EQ(one(m, "mxray_rate_limit_rejections_total", {{"reason", "domain_rate"}}), 2);
  EXPECT_EQ(one(m, "mxray_rate_limit_rejections_total", {{"reason", "client_rate"}}), 0);
  EXPECT_EQ(one(m, "mxray_checks_total"), 1);
  EXPECT_EQ(one(m, "mxray_checks_running"), 0);
  ASSERT_EQ(m.find("mxray_build_info").size(), 1u);
  EXPECT_FALSE(m.find("mxray_build_info").front().labels.at("version").empty());
  EXPECT_EQ(m.types.at("mxray_http_requests_total"), "counter");
}

TEST(WebMetrics, ClientRateLimitAppliesToProbes) {
  ServerProcess server(with(lab_server_args(true), {"--metrics", "--domain-rate-limit", "100", "--rate-limit", "1"}));
  EXPECT_EQ(server.get("/probe?target=nullmx.test").status, 200);
  const auto r = server.get("/probe?target=nullmx.test");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(one(valid(server.get("/metrics")), "mxray_rate_limit_rejections_total", {{"reason", "client_rate"}}), 1);
}

}  // namespace
}  // namespace mxray::testing
