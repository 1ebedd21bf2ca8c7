// mxray-delay-proxy: a userspace WAN for the lab (this kernel has no netem). Forwards TCP and
// UDP between loopback addresses with a fixed one-way delay in each direction, and delays a
// TCP connection's set-up as the network would (the server hears of it 1.5 round trips after
// the client asked, so its greeting arrives 2 round trips after connect, as over a real WAN).
// Usage:
//   mxray-delay-proxy --delay-ms ONE_WAY [--tcp LISTEN=TARGET]... [--udp LISTEN=TARGET]...
//                     [--stats FILE]
// It counts client turns per TCP connection: how often the client sent after the server had
// spoken (a round trip the client waited for), and appends one line per closed connection to
// FILE: "tcp LISTEN turns=N up=BYTES down=BYTES". Loopback addresses only; bytes are not read.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <csignal>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kChunk = 16 * 1024;
constexpr std::size_t kMaxQueued = 4 * 1024 * 1024;  // per direction; the reader waits beyond it

struct Options {
  milliseconds delay{25};
  std::vector<std::pair<std::string, std::string>> tcp, udp;
  std::string stats;
};

template <typename Endpoint>
Endpoint parse_endpoint(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("expected ADDR:PORT: " + text);
  auto host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  const auto address = asio::ip::make_address(host);
  if (!address.is_loopback()) throw std::runtime_error("not a loopback address: " + text);
  return Endpoint(address, static_cast<unsigned short>(std::stoi(text.substr(colon + 1))));
}

asio::awaitable<void> sleep_until(Clock::time_point t) {
  asio::steady_timer timer(co_await asio::this_coro::executor, t);
  co_await timer.async_wait(kTuple);
}

// One TCP connection: two directions, each a queue of (due time, bytes) drained in order.
struct Link : std::enable_shared_from_this<Link> {
  Link(tcp::socket c, milliseconds d, std::string name, std::string stats)
      : client(std::move(c)),
        server(client.get_executor()),
        delay(d),
        listen(std::move(name)),
        stats_file(std::move(stats)),
        wake_up(client.get_executor()),
        wake_down(client.get_executor()) {}

  struct Item {
    Clock::time_point due;
    std::string bytes;  // empty: end of stream
  };

  tcp::socket client, server;
  milliseconds delay;
  std::string listen, stats_file;
  std::deque<Item> up, down;  // up: client -> server
  std::size_t queued_up = 0, queued_down = 0;
  asio::steady_timer wake_up, wake_down;
  bool server_spoke = false;  // the server sent since the client's last flight
  long turns = 0, bytes_up = 0, bytes_down = 0;
  int finished = 0;

  void push(bool to_server, std::string bytes) {
    auto& q = to_server ? up : down;
    (to_server ? queued_up : queued_down) += bytes.size();
    q.push_back(Item{Clock::now() + delay, std::move(bytes)});
    (to_server ? wake_up : wake_down).cancel();
  }

  asio::awaitable<void> read_side(bool from_client) {
    auto self = shared_from_this();
    auto& in = from_client ? client : server;
    std::string buf(kChunk, '\0');
    for (;;) {
      while ((from_client ? queued_up : queued_down) > kMaxQueued) co_await sleep_until(Clock::now() + milliseconds(5));
      auto [ec, n] = co_await in.async_read_some(asio::buffer(buf), kTuple);
      if (n > 0) {
        if (from_client) {
          if (server_spoke || turns == 0) ++turns;
          server_spoke = false;
          bytes_up += static_cast<long>(n);
        } else {
          server_spoke = true;
          bytes_down += static_cast<long>(n);
        }
        push(from_client, buf.substr(0, n));
      }
      if (ec) {
        push(from_client, {});
        co_return;
      }
    }
  }

  asio::awaitable<void> write_side(bool to_server) {
    auto self = shared_from_this();
    auto& q = to_server ? up : down;
    auto& out = to_server ? server : client;
    auto& wake = to_server ? wake_up : wake_down;
    for (;;) {
      while (q.empty()) {
        wake.expires_at(Clock::time_point::max());
        co_await wake.async_wait(kTuple);
      }
      auto item = std::move(q.front());
      q.pop_front();
      (to_server ? queued_up : queued_down) -= item.bytes.size();
      co_await sleep_until(item.due);
      if (item.bytes.empty()) {
        boost::system::error_code ignored;
        out.shutdown(tcp::socket::shutdown_send, ignored);
        break;
      }
      auto [ec, n] = co_await asio::async_write(out, asio::buffer(item.bytes), kTuple);
      if (ec) break;
    }
    if (++finished == 2) close();
  }

  void close() {
    boost::system::error_code ignored;
    client.close(ignored);
    server.close(ignored);
    if (!stats_file.empty()) {
      std::ofstream(stats_file, std::ios::app)
          << "tcp " << listen << " turns=" << turns << " up=" << bytes_up << " down=" << bytes_down << "\n";
    }
  }

  asio::awaitable<void> run(tcp::endpoint target) {
    auto self = shared_from_this();
    // SYN to the server (half a round trip), its SYN-ACK back and the client's ACK (one more):
    // the server accepts 1.5 round trips (3 one-way delays) after the client's connect.
    co_await sleep_until(Clock::now() + 3 * delay);
    auto [ec] = co_await server.async_connect(target, kTuple);
    if (ec) {
      boost::system::error_code ignored;
      client.close(ignored);
      co_return;
    }
    boost::system::error_code ignored;
    client.set_option(tcp::no_delay(true), ignored);  // the proxy adds its delay, nothing more
    server.set_option(tcp::no_delay(true), ignored);
    auto ex = client.get_executor();
    asio::co_spawn(ex, read_side(true), asio::detached);
    asio::co_spawn(ex, read_side(false), asio::detached);
    asio::co_spawn(ex, write_side(true), asio::detached);
    asio::co_spawn(ex, write_side(false), asio::detached);
  }
};

asio::awaitable<void> serve_tcp(tcp::endpoint listen, tcp::endpoint target, milliseconds delay, std::string stats) {
  auto ex = co_await asio::this_coro::executor;
  tcp::acceptor acceptor(ex, listen, true);
  const auto name = listen.address().to_string() + ":" + std::to_string(listen.port());
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kTuple);
    if (ec) {
      co_await sleep_until(Clock::now() + milliseconds(50));
      continue;
    }
    auto link = std::make_shared<Link>(std::move(socket), delay, name, stats);
    asio::co_spawn(ex, link->run(target), asio::detached);
  }
}

// UDP (DNS): one upstream socket per client address; both directions delayed.
asio::awaitable<void> delayed_send(udp::socket& socket, std::string bytes, udp::endpoint to, milliseconds delay) {
  co_await sleep_until(Clock::now() + delay);
  co_await socket.async_send_to(asio::buffer(bytes), to, kTuple);
}

struct UdpRelay {
  std::map<udp::endpoint, std::shared_ptr<udp::socket>> upstream;
};

asio::awaitable<void> pump_replies(std::shared_ptr<udp::socket> up, udp::socket& front, udp::endpoint client,
                                   milliseconds delay) {
  std::string buf(65536, '\0');
  for (;;) {
    udp::endpoint from;
    auto [ec, n] = co_await up->async_receive_from(asio::buffer(buf), from, kTuple);
    if (ec) co_return;
    asio::co_spawn(up->get_executor(), delayed_send(front, buf.substr(0, n), client, delay), asio::detached);
  }
}

asio::awaitable<void> serve_udp(udp::endpoint listen, udp::endpoint target, milliseconds delay) {
  auto ex = co_await asio::this_coro::executor;
  udp::socket front(ex, listen);
  UdpRelay relay;
  std::string buf(65536, '\0');
  for (;;) {
    udp::endpoint client;
    auto [ec, n] = co_await front.async_receive_from(asio::buffer(buf), client, kTuple);
    if (ec) continue;
    auto& up = relay.upstream[client];
    if (!up) {
      up = std::make_shared<udp::socket>(ex, udp::endpoint(target.address(), 0));
      asio::co_spawn(ex, pump_replies(up, front, client, delay), asio::detached);
    }
    asio::co_spawn(ex, delayed_send(*up, buf.substr(0, n), target, delay), asio::detached);
  }
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    const auto eq = value.find('=');
    if (flag == "--delay-ms") {
      o.delay = milliseconds(std::stoi(value));
    } else if (flag == "--stats") {
      o.stats = value;
    } else if ((flag == "--tcp" || flag == "--udp") && eq != std::string::npos) {
      (flag == "--tcp" ? o.tcp : o.udp).emplace_back(value.substr(0, eq), value.substr(eq + 1));
    } else {
      throw std::runtime_error("usage: mxray-delay-proxy --delay-ms N [--tcp L=T]... [--udp L=T]... [--stats FILE]");
    }
  }
  if (argc % 2 == 0) throw std::runtime_error("options come in pairs");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  try {
    const auto o = parse(argc, argv);
    asio::io_context io(1);
    for (const auto& [l, t] : o.tcp) {
      asio::co_spawn(io,
                     serve_tcp(parse_endpoint<tcp::endpoint>(l), parse_endpoint<tcp::endpoint>(t), o.delay, o.stats),
                     [](std::exception_ptr e) {
                       if (e) std::rethrow_exception(e);
                     });
    }
    for (const auto& [l, t] : o.udp) {
      asio::co_spawn(io, serve_udp(parse_endpoint<udp::endpoint>(l), parse_endpoint<udp::endpoint>(t), o.delay),
                     [](std::exception_ptr e) {
                       if (e) std::rethrow_exception(e);
                     });
    }
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io](const boost::system::error_code&, int) { io.stop(); });
    std::cerr << "mxray-delay-proxy: " << o.tcp.size() << " tcp, " << o.udp.size() << " udp, one-way delay "
              << o.delay.count() << " ms, ready" << std::endl;
    io.run();
  } catch (const std::exception& e) {
    std::cerr << "mxray-delay-proxy: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
