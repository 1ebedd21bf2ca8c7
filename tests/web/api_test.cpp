// HTTP tests of `mxray serve` against the lab: the check endpoint returns the CLI's JSON,
// bad input is a 400 naming the problem, the rate limit and the concurrency cap answer 429
// with Retry-After, and a name resolving to loopback is refused without --allow-private.
#include <gtest/gtest.h>

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "mxray/dns/domain_name.hpp"
#include "server_process.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

std::set<std::string> finding_ids(const json& report) {
  std::set<std::string> ids;
  for (const auto& f : report["findings"]) ids.insert(f["id"].get<std::string>());
  return ids;
}

TEST(WebApi, GoodDomainGivesTheSameReportAsTheCommandLine) {
  ServerProcess server(lab_server_args(true));
  const auto r = server.get("/api/v1/check?domain=good.test");
  ASSERT_EQ(r.status, 200) << r.error << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  const auto j = body_json(r);
  ASSERT_TRUE(j.is_object()) << r.body;
  EXPECT_EQ(j["schema"], "mxray.report/1");
  EXPECT_EQ(j["domain"], "good.test");
  EXPECT_EQ(j["verdict"], "pass");
  ASSERT_EQ(j["mx"].size(), 1u);
  const auto& a = j["mx"][0]["addresses"][0];
  EXPECT_TRUE(a["connect"]["ok"]);
  EXPECT_EQ(a["banner"]["code"], 220);
  EXPECT_TRUE(a["starttls"]["ok"]);
  EXPECT_TRUE(a["certificate"]["trusted"]);
  EXPECT_EQ(a["status"]["relay"], "ok");
  EXPECT_TRUE(finding_ids(j).count("tls.ok"));
  EXPECT_TRUE(finding_ids(j).count("relay.closed"));
}

TEST(WebApi, LanguageFromParameterOrAcceptLanguage) {
  ServerProcess server(lab_server_args(true));
  const auto en = body_json(server.get("/api/v1/check?domain=nullmx.test"));
  const auto fr = body_json(server.get("/api/v1/check?domain=nullmx.test&lang=fr"));
  const auto de =
      body_json(server.get("/api/v1/check?domain=nullmx.test", {{"Accept-Language", "de-CH,de;q=0.9,en;q=0.5"}}));
  ASSERT_FALSE(en["findings"].empty()) << en.dump();
  const auto title = [](const json& j) { return j["findings"][0]["title"].get<std::string>(); };
  EXPECT_EQ(en["findings"][0]["id"], fr["findings"][0]["id"]);
  EXPECT_NE(title(en), title(fr));
  EXPECT_NE(title(en), title(de));
  EXPECT_NE(title(fr), title(de));
}

TEST(WebApi, BadInputIs400NamingTheProblem) {
  ServerProcess server(lab_server_args(true));
  for (const std::string& input :
       std::vector<std::string>{"exa mple.com", "a..b", "-bad-.test", std::string(300, 'a')}) {
    const auto r =
        server.get("/api/v1/check?domain=" + (input == "exa mple.com" ? std::string("exa%20mple.com") : input));
    EXPECT_EQ(r.status, 400) << input << ": " << r.body;
    const auto j = body_json(r);
    ASSERT_TRUE(j.contains("error")) << r.body;
    EXPECT_EQ(j["error"], dns::normalise_domain(input).error) << input;
  }
  const auto missing = server.get("/api/v1/check");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(body_json(missing)["error"].get<std::string>().find("domain"), std::string::npos);
  const auto stream = server.get("/api/v1/check/stream?domain=a..b");
  EXPECT_EQ(stream.status, 400) << "the stream refuses bad input before any event";
  EXPECT_EQ(stream.header("content-type"), "application/json");
}

TEST(WebApi, RateLimitPerClientAnswers429WithRetryAfter) {
  ServerProcess server(with(lab_server_args(true), {"--rate-limit", "2"}));
  EXPECT_EQ(server.get("/api/v1/check?domain=nullmx.test").status, 200);
  EXPECT_EQ(server.get("/api/v1/check?domain=nullmx.test").status, 200);
  const auto r = server.get("/api/v1/check?domain=nullmx.test");
  EXPECT_EQ(r.status, 429) << r.body;
  const auto retry = r.header("retry-after");
  ASSERT_FALSE(retry.empty());
  EXPECT_GE(std::stoi(retry), 1);
  EXPECT_LE(std::stoi(retry), 30) << "2 per minute: one token every 30 s";
  EXPECT_TRUE(body_json(r).contains("error"));
  EXPECT_EQ(server.get("/healthz").status, 200) << "only checks are rate limited";
}

TEST(WebApi, ConcurrentChecksAreCappedWith429) {
  ServerProcess server(with(lab_server_args(true), {"--max-concurrent", "1", "--timeout", "6"}));
  // silent.test accepts and never greets: the stream holds the only slot for a while.
  std::thread slow([&] { server.get("/api/v1/check/stream?domain=silent.test"); });
  HttpReply busy;
  for (int i = 0; i < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (body_json(server.get("/healthz"))["active_checks"] == 1) break;
  }
  busy = server.get("/api/v1/check?domain=nullmx.test");
  slow.join();
  EXPECT_EQ(busy.status, 429) << busy.body;
  EXPECT_FALSE(busy.header("retry-after").empty());
  EXPECT_EQ(server.get("/api/v1/check?domain=nullmx.test").status, 200) << "the slot is free again";
}

TEST(WebApi, LoopbackTargetRefusedWithoutAllowPrivate) {
  ServerProcess server(lab_server_args(false));
  for (const std::string domain : {"loopback.test", "good.test"}) {
    const auto r = server.get("/api/v1/check?domain=" + domain);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto j = body_json(r);
    const auto& a = j["mx"][0]["addresses"][0];
    EXPECT_FALSE(a["allowed"]) << domain;
    EXPECT_EQ(a["special_range"], "loopback") << domain;
    EXPECT_FALSE(a["connect"]["attempted"]) << domain << ": never connected";
    EXPECT_FALSE(j["allow_private"]);
    EXPECT_TRUE(finding_ids(j).count("address.special_range")) << j["findings"].dump();
  }
  const auto events = parse_events(server.get("/api/v1/check/stream?domain=loopback.test").body);
  bool refused_event = false;
  for (const auto& e : events) {
    if (e.name != "address") continue;
    const auto d = json::parse(e.data);
    if (d["evidence"]["allowed"] == false && d["step"] == "done") refused_event = true;
  }
  EXPECT_TRUE(refused_event) << "the stream shows the refusal too";
}

// The ids of one "Uid:" / "Gid:" line of /proc/PID/status (real, effective, saved, filesystem).
std::vector<long> status_ids(const std::string& status, const std::string& key) {
  std::istringstream lines(status);
  std::string line;
  std::vector<long> ids;
  while (std::getline(lines, line)) {
    if (line.rfind(key, 0) != 0) continue;
    std::istringstream fields(line.substr(key.size()));
    long id = 0;
    while (fields >> id) ids.push_back(id);
  }
  return ids;
}

std::string status_line(const std::string& status, const std::string& key) {
  std::istringstream lines(status);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(key, 0) == 0) return line.substr(key.size());
  }
  return "(absent)";
}

// Only root can drop root: elsewhere there is nothing to test, and CI (root) must run it.
bool skip_unless_root() {
  if (geteuid() == 0) return false;
  if (std::getenv("CI") != nullptr) ADD_FAILURE() << "CI runs as root; this test must run there";
  return true;
}

TEST(WebApi, PrivilegesDroppedWhenStartedAsRoot) {
  if (skip_unless_root()) GTEST_SKIP() << "not root: the privilege drop cannot be tested (CI runs it as root)";
  const passwd* nobody = getpwnam("nobody");
  ASSERT_NE(nobody, nullptr) << "no user nobody on this machine";
  const auto uid = static_cast<long>(nobody->pw_uid);
  const auto gid = static_cast<long>(nobody->pw_gid);
  ASSERT_NE(uid, 0);
  ServerProcess server(lab_server_args(true));
  // The serving process itself (ServerProcess forks and execs mxray: no wrapper in between).
  std::ifstream in("/proc/" + std::to_string(server.pid()) + "/status");
  ASSERT_TRUE(in) << "cannot read the status of the server process";
  std::stringstream text;
  text << in.rdbuf();
  const auto status = text.str();
  ASSERT_NE(status_line(status, "Name:").find("mxray"), std::string::npos) << status;
  EXPECT_EQ(status_ids(status, "Uid:"), (std::vector<long>{uid, uid, uid, uid})) << status_line(status, "Uid:");
  EXPECT_EQ(status_ids(status, "Gid:"), (std::vector<long>{gid, gid, gid, gid})) << status_line(status, "Gid:");
  EXPECT_TRUE(status_ids(status, "Groups:").empty()) << "no supplementary groups:" << status_line(status, "Groups:");
  EXPECT_EQ(status_line(status, "CapEff:"), "\t0000000000000000") << "no capabilities left";
  EXPECT_EQ(status_line(status, "CapPrm:"), "\t0000000000000000");
  EXPECT_EQ(server.get("/api/v1/check?domain=good.test").status, 200) << "still checks after dropping root";
}

TEST(WebApi, RootRefusesToServeAsRootOrAsAnUnknownUser) {
  if (skip_unless_root()) GTEST_SKIP() << "not root: --user is not used (CI runs it as root)";
  auto args = lab_server_args(true);
  EXPECT_THROW(ServerProcess(with(args, {"--user", "root"})), std::runtime_error);
  EXPECT_THROW(ServerProcess(with(args, {"--user", "no-such-user-mxray"})), std::runtime_error);
}

}  // namespace
}  // namespace mxray::testing
