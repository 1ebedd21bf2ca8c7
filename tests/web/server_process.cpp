// See server_process.hpp.
#include "server_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <fstream>
#include <stdexcept>

namespace mxray::testing {
namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::ip::tcp;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void set_timeout(tcp::socket& socket, int seconds) {
  timeval tv{seconds, 0};
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

}  // namespace

std::string HttpReply::header(const std::string& name) const {
  const auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

ServerProcess::ServerProcess(const std::vector<std::string>& args) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv_strings{MXRAY_BIN, "serve", "--listen", "127.0.0.1:0"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  // The first line says where it listens: "mxray serve: listening on http://127.0.0.1:PORT/".
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[256];
    const auto n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  close(out[0]);
  const auto at = line.find("http://127.0.0.1:");
  if (at == std::string::npos) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw std::runtime_error("mxray serve did not start listening; it said: " + line);
  }
  port_ = static_cast<unsigned short>(std::stoi(line.substr(at + 17)));
}

ServerProcess::~ServerProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    usleep(100'000);
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

HttpReply ServerProcess::get(const std::string& target, const std::map<std::string, std::string>& headers,
                             const std::string& method, const std::string& body, const std::string& source) const {
  HttpReply reply;
  try {
    asio::io_context io;
    tcp::socket socket(io);
    if (!source.empty()) {
      socket.open(tcp::v4());
      socket.bind({asio::ip::make_address(source), 0});
    }
    socket.connect({asio::ip::make_address("127.0.0.1"), port_});
    set_timeout(socket, 60);
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    if (!body.empty()) req.prepare_payload();
    req.keep_alive(false);
    http::write(socket, req);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    boost::system::error_code ec;
    http::read(socket, buffer, parser, ec);
    if (ec && ec != http::error::end_of_stream) {
      reply.error = ec.message();
      return reply;
    }
    // A connection closed before any response: no status (Beast's default would say 200).
    if (!parser.is_header_done()) {
      reply.error = "closed without a response";
      return reply;
    }
    const auto& res = parser.get();
    reply.status = static_cast<int>(res.result_int());
    for (const auto& field : res) reply.headers[lower(std::string(field.name_string()))] = std::string(field.value());
    reply.body = res.body();
  } catch (const std::exception& e) {
    reply.error = e.what();
  }
  return reply;
}

std::string ServerProcess::raw(const std::string& bytes) const {
  std::string out;
  try {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), port_});
    set_timeout(socket, 20);
    boost::system::error_code ec;
    asio::write(socket, asio::buffer(bytes), ec);
    char buf[4096];
    for (;;) {
      const auto n = socket.read_some(asio::buffer(buf), ec);
      if (ec || n == 0) break;
      out.append(buf, n);
    }
  } catch (const std::exception&) {
  }
  return out;
}

int ServerProcess::connect_raw(const std::string& source) const {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  if (!source.empty()) {
    local.sin_addr.s_addr = htonl(asio::ip::make_address_v4(source).to_uint());
    if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      close(fd);
      return -1;
    }
  }
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(port_);
  remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

RawRead read_until_close(int fd, double seconds) {
  RawRead out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::max<long long>(1, left.count()))) <= 0) continue;
    char buf[4096];
    const auto n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      out.closed = true;
      break;
    }
    out.bytes.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& extra) {
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

nlohmann::json body_json(const HttpReply& r) { return nlohmann::json::parse(r.body, nullptr, false); }

std::vector<std::string> lab_server_args(bool allow_private) {
  std::vector<std::string> out;
  std::ifstream in(std::string(MXRAY_LAB_DIR) + "/mxray.args");
  std::string line;
  while (std::getline(in, line)) {
    if (line == "--allow-private") continue;
    const auto space = line.find(' ');
    out.push_back(line.substr(0, space));
    if (space != std::string::npos) out.push_back(line.substr(space + 1));
  }
  if (allow_private) out.push_back("--allow-private");
  return out;
}

std::vector<Event> parse_events(const std::string& body) {
  std::vector<Event> events;
  std::size_t pos = 0;
  for (;;) {
    const auto end = body.find("\n\n", pos);
    if (end == std::string::npos) break;
    Event e;
    std::size_t line_start = pos;
    while (line_start < end) {
      auto line_end = body.find('\n', line_start);
      if (line_end == std::string::npos || line_end > end) line_end = end;
      const auto line = body.substr(line_start, line_end - line_start);
      if (line.rfind("event: ", 0) == 0) e.name = line.substr(7);
      if (line.rfind("data: ", 0) == 0) e.data += line.substr(6);
      line_start = line_end + 1;
    }
    // A block of comments only (": keep-alive") dispatches no event (HTML 9.2.6).
    if (!e.name.empty() || !e.data.empty()) events.push_back(std::move(e));
    pos = end + 2;
  }
  return events;
}

}  // namespace mxray::testing
