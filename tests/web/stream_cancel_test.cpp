// The event stream while a server takes its time (issue 17): a visitor who goes away (Cancel on
// the page, a closed tab) stops the check at once, its SMTP sessions closed and its slot free;
// a quiet stream gets keep-alive comments; the page's first paint is in the negotiated language.
// Against the lab: silent.test accepts the connection and never greets.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "server_process.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// The socket inodes of process `pid` (/proc/PID/fd links "socket:[INODE]").
std::set<std::string> socket_inodes(pid_t pid) {
  std::set<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    const auto target = std::filesystem::read_symlink(entry.path(), ec).string();
    if (target.rfind("socket:[", 0) == 0) out.insert(target.substr(8, target.size() - 9));
  }
  return out;
}

// Established TCP connections of `pid` to `remote` as /proc/net/tcp writes it ("1100007F:0019"
// is 127.0.0.17:25).
int sessions_to(pid_t pid, const std::string& remote) {
  const auto mine = socket_inodes(pid);
  std::ifstream in("/proc/net/tcp");
  std::string line;
  std::getline(in, line);  // header
  int n = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, rem, state, queues, timer, retransmits, uid, timeout, inode;
    fields >> slot >> local >> rem >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
    if (rem == remote && state == "01" && mine.count(inode)) ++n;
  }
  return n;
}

std::size_t active_checks(const ServerProcess& server) {
  const auto j = body_json(server.get("/healthz"));
  return j.is_object() ? j["active_checks"].get<std::size_t>() : 999;
}

// Opens the event stream of `domain` and returns the socket once the `mx` event has come.
int open_stream(const ServerProcess& server, const std::string& domain, std::string& received) {
  const int fd = server.connect_raw();
  if (fd < 0) return -1;
  const std::string request = "GET /api/v1/check/stream?domain=" + domain +
                              " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(server.port()) +
                              "\r\nAccept: text/event-stream\r\n\r\n";
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    close(fd);
    return -1;
  }
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (received.find("event: mx") == std::string::npos && Clock::now() < deadline) {
    const auto part = read_until_close(fd, 0.2);
    received += part.bytes;
    if (part.closed) break;
  }
  return fd;
}

TEST(WebStream, VisitorGoingAwayStopsTheCheckAndClosesItsSessions) {
  ServerProcess server(lab_server_args(true));
  std::string received;
  const int fd = open_stream(server, "silent.test", received);
  ASSERT_GE(fd, 0);
  ASSERT_NE(received.find("event: mx"), std::string::npos) << received;
  // The session to mx.silent.test (127.0.0.17:25) is open and waits for a greeting that never comes.
  const std::string silent = "1100007F:0019";
  auto deadline = Clock::now() + std::chrono::seconds(5);
  while (sessions_to(server.pid(), silent) == 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_GE(sessions_to(server.pid(), silent), 1) << "the check has a session open to the silent server";
  EXPECT_EQ(active_checks(server), 1u);

  close(fd);  // the visitor pressed Cancel
  const auto closed_at = Clock::now();
  deadline = closed_at + std::chrono::seconds(5);
  while ((active_checks(server) != 0 || sessions_to(server.pid(), silent) != 0) && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(active_checks(server), 0u) << "the check ended when its visitor left, not at the 30 s greeting timeout";
  EXPECT_EQ(sessions_to(server.pid(), silent), 0) << "its SMTP session was closed";
  EXPECT_LT(Clock::now() - closed_at, std::chrono::seconds(5));

  // The server is still fine: the next check runs to its report.
  const auto next = server.get("/api/v1/check?domain=good.test");
  EXPECT_EQ(next.status, 200) << next.error;
  EXPECT_EQ(body_json(next)["verdict"], "pass");
}

TEST(WebStream, QuietStreamGetsKeepAliveComments) {
  ServerProcess server(lab_server_args(true));
  std::string received;
  const int fd = open_stream(server, "silent.test", received);
  ASSERT_GE(fd, 0);
  ASSERT_NE(received.find("event: mx"), std::string::npos) << received;
  // Nothing happens for 30 s (the greeting timeout); a comment comes every 10 s.
  const auto rest = read_until_close(fd, 12.5);
  close(fd);
  received += rest.bytes;
  EXPECT_FALSE(rest.closed);
  EXPECT_NE(received.find("\n\n: keep-alive\n\n"), std::string::npos) << received.substr(0, 2000);
  // A comment is not an event: the stream's events are unchanged.
  for (const auto& e : parse_events(received.substr(received.find("\r\n\r\n") + 4))) EXPECT_FALSE(e.name.empty());
}

TEST(WebPage, FirstPaintInTheNegotiatedLanguage) {
  ServerProcess server(lab_server_args(true));
  // q-values count, not the order: French (0.9) before German (0.5).
  const auto fr = server.get("/", {{"Accept-Language", "de;q=0.5, fr-CH;q=0.9, *;q=0.1"}});
  ASSERT_EQ(fr.status, 200) << fr.error;
  EXPECT_NE(fr.body.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(fr.body.find(">Vérifier</button>"), std::string::npos) << "the Check button in French before any script";
  EXPECT_NE(fr.body.find("<script type=\"application/json\" id=\"ui-messages\">{"), std::string::npos);
  EXPECT_EQ(fr.header("vary"), "Accept-Language");
  const auto it = server.get("/?lang=it", {{"Accept-Language", "fr"}});
  EXPECT_NE(it.body.find("<html lang=\"it\">"), std::string::npos) << "?lang= wins over the header";
  const auto en = server.get("/index.html", {{"Accept-Language", "fr;q=0, sv"}});
  EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos) << "q=0 means not French";
  EXPECT_NE(en.body.find(">Check</button>"), std::string::npos);
  // The inline messages are the same as the API's, and cannot end the script element.
  const auto start = fr.body.find("id=\"ui-messages\">") + 17;
  const auto inline_json = json::parse(fr.body.substr(start, fr.body.find("</script>", start) - start), nullptr, false);
  ASSERT_TRUE(inline_json.is_object());
  EXPECT_EQ(inline_json, body_json(server.get("/api/v1/messages?lang=fr")));
}

}  // namespace
}  // namespace mxray::testing
