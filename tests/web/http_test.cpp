// HTTP tests of `mxray serve`: security headers on every response, request limits, the
// page and its files, the OpenAPI document, the UI messages, and the order of the events of
// a streamed check (mx, then address steps, then the report).
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "server_process.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

void expect_security_headers(const HttpReply& r, const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_TRUE(r.error.empty()) << r.error;
  const auto csp = r.header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("style-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("referrer-policy"), "no-referrer");
}

class WebHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess(lab_server_args(true)); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static ServerProcess* server_;
};
ServerProcess* WebHttp::server_ = nullptr;

TEST_F(WebHttp, EveryResponseCarriesTheSecurityHeaders) {
  for (const std::string target : {"/", "/index.html", "/app.js", "/style.css", "/healthz", "/api/v1/openapi.json",
                                   "/api/v1/messages?lang=fr", "/api/v1/check?domain=a..b", "/no/such/page",
                                   "/api/v1/check?domain=nullmx.test", "/api/v1/check/stream?domain=nullmx.test"}) {
    expect_security_headers(server_->get(target), target);
  }
  expect_security_headers(server_->get("/", {}, "POST", "x"), "POST /");
}

TEST_F(WebHttp, ThePageAndItsFilesAreServedFromTheProgram) {
  const auto page = server_->get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<script src=\"/app.js\""), std::string::npos);
  EXPECT_EQ(page.body.find("<script>"), std::string::npos) << "no inline script (the CSP forbids it)";
  EXPECT_EQ(page.body.find("style=\""), std::string::npos) << "no inline style";
  EXPECT_EQ(page.body.find("http://"), std::string::npos) << "no outside resources";
  EXPECT_EQ(page.body.find("https://"), std::string::npos) << "no CDN";
  const auto js = server_->get("/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body.find("innerHTML"), std::string::npos) << "server strings go in with textContent";
  EXPECT_EQ(server_->get("/style.css").header("content-type"), "text/css; charset=utf-8");
  const auto head = server_->get("/", {}, "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(page.body.size()));
  const auto missing = server_->get("/../etc/passwd");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(json::parse(missing.body).contains("error"));
}

TEST_F(WebHttp, OpenApiHealthAndMessages) {
  const auto spec = json::parse(server_->get("/api/v1/openapi.json").body);
  EXPECT_EQ(spec["openapi"], "3.0.3");
  for (const auto* path : {"/api/v1/check", "/api/v1/check/stream", "/healthz"}) {
    EXPECT_TRUE(spec["paths"].contains(path)) << path;
  }
  EXPECT_EQ(json::parse(server_->get("/healthz").body)["status"], "ok");
  const auto en = json::parse(server_->get("/api/v1/messages?lang=en").body);
  const auto fr = json::parse(server_->get("/api/v1/messages", {{"Accept-Language", "fr-FR,fr;q=0.9"}}).body);
  EXPECT_EQ(fr["lang"], "fr");
  EXPECT_EQ(en["messages"]["check_button"], "Check");
  EXPECT_EQ(fr["messages"]["check_button"], "Vérifier");
  EXPECT_EQ(en["messages"].size(), fr["messages"].size());
  EXPECT_EQ(fr["languages"].size(), 5u);
}

TEST_F(WebHttp, RequestLimits) {
  EXPECT_EQ(server_->get("/", {}, "POST", "x").status, 405);
  EXPECT_EQ(server_->get("/", {}, "POST", "x").header("allow"), "GET, HEAD");
  const auto huge_header = server_->get("/", {{"X-Filler", std::string(16 * 1024, 'a')}});
  EXPECT_EQ(huge_header.status, 431) << huge_header.error;
  const auto huge_body = server_->get("/", {}, "GET", std::string(8 * 1024, 'b'));
  EXPECT_EQ(huge_body.status, 413) << huge_body.error;
  const auto garbage = server_->raw("HELLO\r\n\r\n");
  EXPECT_EQ(garbage.rfind("HTTP/1.1 400", 0), 0u) << garbage;
  EXPECT_EQ(server_->get("/healthz").status, 200) << "still serving";
}

TEST_F(WebHttp, StreamSendsMxThenAddressStepsThenTheReport) {
  const auto r = server_->get("/api/v1/check/stream?domain=twomx.test&lang=de");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.header("content-type"), "text/event-stream; charset=utf-8");
  const auto events = parse_events(r.body);
  ASSERT_GE(events.size(), 3u) << r.body;
  EXPECT_EQ(events.front().name, "mx");
  EXPECT_EQ(events.back().name, "report");
  const auto mx = json::parse(events.front().data);
  ASSERT_EQ(mx["mx"].size(), 2u);
  EXPECT_EQ(mx["mx"][0]["addresses"].size(), 2u) << "the addresses are known before any probe";
  std::map<std::string, std::vector<std::string>> steps;  // ip -> steps in order
  for (std::size_t i = 1; i + 1 < events.size(); ++i) {
    ASSERT_EQ(events[i].name, "address") << i;
    const auto d = json::parse(events[i].data);
    steps[d["ip"].get<std::string>()].push_back(d["step"]);
  }
  ASSERT_EQ(steps.size(), 4u);
  const std::vector<std::string> expected{"connect", "banner", "ehlo", "starttls", "certificate", "relay", "done"};
  for (const auto& [ip, seen] : steps) EXPECT_EQ(seen, expected) << ip;
  const auto report = json::parse(events.back().data);
  EXPECT_EQ(report["schema"], "mxray.report/1");
  EXPECT_EQ(report["verdict"], "pass");
  EXPECT_EQ(report["mx"][0]["addresses"][0]["verdict"], "pass");
}

TEST_F(WebHttp, StreamOfAnUncheckableDomainEndsWithAnError) {
  const auto events = parse_events(server_->get("/api/v1/check/stream?domain=nosuchdomain.test").body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().name, "error");
  const auto d = json::parse(events.back().data);
  EXPECT_FALSE(d["error"].get<std::string>().empty());
  EXPECT_EQ(d["report"]["verdict"], "error");
}

}  // namespace
}  // namespace mxray::testing
