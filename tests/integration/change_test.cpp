// Integration: `mxray diff` of two reports of the same domain before and after a change in
// the lab. The test runs its own mxray-fixture on the spare address 127.0.0.222:25, which
// change.test's MX (mx.change.test) points at: first with STARTTLS and a valid certificate for
// the MX name, then, restarted, without STARTTLS and with another banner. Same domain, same
// address, one change; the diff must show it, and as worse.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "lab_client.hpp"

extern char** environ;

namespace mxray::testing {
namespace {

namespace fs = std::filesystem;

fs::path work_dir() {
  const auto dir = fs::temp_directory_path() / ("mxray-change-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

bool accepts(const char* ip, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, ip, &sa.sin_addr);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0;
  ::close(fd);
  return ok;
}

// One mxray-fixture process serving `config`; stopped (by its PID) when this goes away.
class Fixture {
 public:
  Fixture(const fs::path& config, const fs::path& logs) {
    const std::string bin = MXRAY_FIXTURE_BIN, certs = std::string(MXRAY_LAB_DIR) + "/certs";
    const std::string cfg = config.string(), log = logs.string();
    std::vector<std::string> args = {bin, "--config", cfg, "--base-dir", certs, "--log-dir", log};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (::posix_spawn(&pid_, bin.c_str(), nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~Fixture() { stop(); }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;
  bool ready() const {
    for (int i = 0; i < 100 && pid_ > 0; ++i) {
      if (accepts("127.0.0.222", 25)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

void write_config(const fs::path& file, bool starttls, const std::string& banner) {
  std::ofstream out(file);
  out << R"({"listeners": [{"name": "change", "listen": ["127.0.0.222:25"], "greeting": [")" << banner
      << R"("], "ehlo_name": "mx.change.test", "extensions": ["PIPELINING", "SIZE 10240000")"
      << (starttls ? R"(, "STARTTLS")" : "") << R"(, "ENHANCEDSTATUSCODES"],)"
      << R"( "tls": {"cert": "submit.pem", "key": "submit.key"}, "relay": "deny", "local_domains": ["change.test"]}]})";
}

TEST(Diff, SameDomainBeforeAndAfterALabChange) {
  const auto dir = work_dir();
  const auto before_cfg = dir / "before.json", after_cfg = dir / "after.json";
  write_config(before_cfg, true, "220 mx.change.test ESMTP before the change");
  write_config(after_cfg, false, "220 mx.change.test ESMTP after the change");
  const std::vector<std::string> fast = {"--no-legacy-tls-scan"};

  RunResult before;
  {
    Fixture server(before_cfg, dir);
    ASSERT_TRUE(server.ready()) << "mxray-fixture did not start on 127.0.0.222:25";
    before = check_lab("change.test", fast);
  }
  ASSERT_FALSE(accepts("127.0.0.222", 25)) << "the first server is still there";
  RunResult after;
  {
    Fixture server(after_cfg, dir);
    ASSERT_TRUE(server.ready()) << "mxray-fixture did not start again on 127.0.0.222:25";
    after = check_lab("change.test", fast);
  }
  ASSERT_TRUE(before.json.is_object() && after.json.is_object()) << before.err << after.err;
  EXPECT_EQ(before.json["domain"], after.json["domain"]);
  EXPECT_TRUE(first_address(before.json)["starttls"]["ok"]) << before.out;
  EXPECT_FALSE(first_address(after.json)["starttls"]["offered"]) << after.out;

  const auto fa = (dir / "a.json").string(), fb = (dir / "b.json").string();
  std::ofstream(fa) << before.out;
  std::ofstream(fb) << after.out;
  const auto d = run_mxray({"diff", "--json", fa, fb});
  EXPECT_EQ(d.exit_code, 1) << d.out;
  EXPECT_TRUE(d.json["worse"]) << d.out;
  bool lost_tls = false, new_missing = false, verdict = false;
  for (const auto& c : d.json["changes"]) {
    new_missing = new_missing || (c["kind"] == "finding_new" && c["what"] == "tls.starttls_missing");
    lost_tls = lost_tls || (c["kind"] == "finding_resolved" && c["what"] == "tls.ok");
    verdict = verdict || (c["kind"] == "verdict" && c["mx"] == "" && c["after"] == "fail");
  }
  EXPECT_TRUE(new_missing && lost_tls && verdict) << d.out;
  // Back the other way it is better, not worse.
  const auto back = run_mxray({"diff", "--json", fb, fa});
  EXPECT_EQ(back.exit_code, 0) << back.out;
  EXPECT_FALSE(back.json["worse"]);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mxray::testing
