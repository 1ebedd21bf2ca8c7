// Slow and oversized clients against `mxray serve`: a client dripping one byte a second gets
// 408 at the header deadline while other clients are served at once; an idle connection is
// closed; a slow body, an overlong request line (414) and oversized headers (431) are refused.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "server_process.hpp"

namespace mxray::testing {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Sends `bytes` one at a time, one a second, until the server answers or closes; returns
// what the server sent and when (seconds after the start).
struct DripResult {
  std::string reply;
  bool closed = false;
  double seconds = 0;
  std::size_t sent = 0;
};

DripResult drip(const ServerProcess& server, const std::string& bytes, double max_seconds) {
  DripResult out;
  const int fd = server.connect_raw();
  if (fd < 0) {
    out.reply = "connect failed";
    return out;
  }
  const auto start = Clock::now();
  for (const char c : bytes) {
    if (since(start) > max_seconds) break;
    if (send(fd, &c, 1, MSG_NOSIGNAL) != 1) break;
    ++out.sent;
    const auto r = read_until_close(fd, 1.0);
    out.reply += r.bytes;
    if (!out.reply.empty() || r.closed) {
      out.closed = r.closed;
      break;
    }
  }
  if (!out.closed) {
    const auto r = read_until_close(fd, 2.0);
    out.reply += r.bytes;
    out.closed = r.closed;
  }
  out.seconds = since(start);
  close(fd);
  return out;
}

TEST(WebSlowClients, DrippingClientGets408WhileOthersAreServedPromptly) {
  ServerProcess server(with(lab_server_args(true), {"--header-timeout", "4"}));
  const std::string request =
      "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(100, 'z') + "\r\n\r\n";
  std::vector<DripResult> drips(4);
  std::vector<std::thread> drippers;
  for (auto& d : drips) drippers.emplace_back([&server, &request, &d] { d = drip(server, request, 20); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  // While four clients drip, the others are served at once, again and again.
  double slowest = 0;
  for (int i = 0; i < 6; ++i) {
    const auto t = Clock::now();
    const auto r = server.get("/healthz");
    slowest = std::max(slowest, since(t));
    EXPECT_EQ(r.status, 200) << r.error;
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
  }
  EXPECT_LT(slowest, 1.0) << "a normal client waited for the slow ones";
  for (auto& t : drippers) t.join();
  for (const auto& d : drips) {
    EXPECT_EQ(d.reply.rfind("HTTP/1.1 408", 0), 0u) << d.reply;
    EXPECT_TRUE(d.closed) << "the connection is closed after the 408";
    EXPECT_GE(d.seconds, 3.0) << "not before the deadline";
    EXPECT_LT(d.seconds, 8.0) << "the deadline is for the whole header, not per byte";
    EXPECT_LT(d.sent, request.size()) << "the request was never completed";
  }
}

TEST(WebSlowClients, IdleConnectionIsClosedWithoutAnAnswer) {
  ServerProcess server(with(lab_server_args(true), {"--header-timeout", "2"}));
  const int fd = server.connect_raw();
  ASSERT_GE(fd, 0);
  const auto start = Clock::now();
  const auto r = read_until_close(fd, 6);
  close(fd);
  EXPECT_TRUE(r.closed);
  EXPECT_TRUE(r.bytes.empty()) << "nothing was asked, nothing is answered: " << r.bytes;
  EXPECT_GE(since(start), 1.5);
  EXPECT_LT(since(start), 5.0);
}

TEST(WebSlowClients, SlowBodyGets408AtTheBodyDeadline) {
  ServerProcess server(with(lab_server_args(true), {"--header-timeout", "10", "--body-timeout", "2"}));
  const int fd = server.connect_raw();
  ASSERT_GE(fd, 0);
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nab";
  ASSERT_EQ(send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  const auto start = Clock::now();
  const auto r = read_until_close(fd, 8);
  close(fd);
  EXPECT_EQ(r.bytes.rfind("HTTP/1.1 408", 0), 0u) << r.bytes;
  EXPECT_GE(since(start), 1.5);
  EXPECT_LT(since(start), 6.0) << "the body deadline (2 s), not the header deadline (10 s)";
}

TEST(WebSlowClients, OverlongRequestLineIs414AndHugeHeadersAre431) {
  ServerProcess server(lab_server_args(true));
  // Longer than the request-line cap (4 KiB) but within the header cap (8 KiB).
  const auto long_target = server.raw("GET /" + std::string(5000, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(long_target.rfind("HTTP/1.1 414", 0), 0u) << long_target.substr(0, 200);
  // Longer than the whole header cap, before any line end.
  const auto huge_target = server.raw("GET /" + std::string(9000, 'a'));
  EXPECT_EQ(huge_target.rfind("HTTP/1.1 414", 0), 0u) << huge_target.substr(0, 200);
  const auto many_headers =
      server.raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: " + std::string(9000, 'h') + "\r\n\r\n");
  EXPECT_EQ(many_headers.rfind("HTTP/1.1 431", 0), 0u) << many_headers.substr(0, 200);
  const auto body_start = long_target.find("\r\n\r\n");
  ASSERT_NE(body_start, std::string::npos);
  const auto body = nlohmann::json::parse(long_target.substr(body_start + 4), nullptr, false);
  ASSERT_TRUE(body.is_object()) << long_target;
  EXPECT_NE(body["error"].get<std::string>().find("4096"), std::string::npos) << body.dump();
  EXPECT_EQ(server.get("/healthz").status, 200) << "still serving";
}

}  // namespace
}  // namespace mxray::testing
