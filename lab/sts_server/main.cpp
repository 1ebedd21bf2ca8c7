// mxray-sts-server: the lab's HTTPS server for MTA-STS policies. Each site listens on its own
// loopback address and answers every request with one configured response (policy, redirect,
// wrong type, oversized body). Config JSON is trusted (written by the lab); requests are
// untrusted and bounded (8 KiB of headers, 10 s per connection). Loopback addresses only.
#include <openssl/ssl.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

constexpr auto kUse = asio::as_tuple(asio::use_awaitable);

/// One site: where it listens, its certificate and the response it gives.
struct Site {
  std::string name;
  tcp::endpoint listen;
  std::unique_ptr<asio::ssl::context> tls;
  int status = 200;
  std::string content_type = "text/plain";
  std::string location;
  std::string body;
};

tcp::endpoint parse_endpoint(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("no port in " + text);
  auto host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  const auto address = asio::ip::make_address(host);
  if (!address.is_loopback()) throw std::runtime_error("not a loopback address: " + text);
  return {address, static_cast<unsigned short>(std::stoi(text.substr(colon + 1)))};
}

std::unique_ptr<asio::ssl::context> make_context(const std::filesystem::path& cert, const std::filesystem::path& key) {
  auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(ctx->native_handle(), cert.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx->native_handle(), key.c_str(), SSL_FILETYPE_PEM) != 1) {
    throw std::runtime_error("cannot load " + cert.string() + " / " + key.string());
  }
  return ctx;
}

std::vector<Site> load(const std::filesystem::path& file, const std::filesystem::path& base) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  const auto j = nlohmann::json::parse(in);
  std::vector<Site> sites;
  for (const auto& s : j.at("sites")) {
    Site site;
    site.name = s.at("name");
    site.listen = parse_endpoint(s.at("listen"));
    site.tls = make_context(base / s.at("cert").get<std::string>(), base / s.at("key").get<std::string>());
    site.status = s.value("status", 200);
    site.content_type = s.value("content_type", "text/plain");
    site.location = s.value("location", "");
    if (s.contains("body_lines")) {
      for (const auto& line : s["body_lines"]) site.body += line.get<std::string>() + s.value("eol", "\r\n");
    }
    site.body += std::string(s.value("pad_bytes", std::size_t{0}), 'x');
    sites.push_back(std::move(site));
  }
  return sites;
}

asio::awaitable<void> serve(tcp::socket socket, Site& site) {
  beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *site.tls);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  auto [hec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kUse);
  if (hec) co_return;
  beast::flat_buffer buffer;
  http::request_parser<http::empty_body> parser;
  parser.header_limit(8 * 1024);
  auto [rec, rn] = co_await http::async_read(stream, buffer, parser, kUse);
  (void)rn;
  if (rec) co_return;
  http::response<http::string_body> res{static_cast<http::status>(site.status), 11};
  res.set(http::field::server, "mxray-sts-server");
  res.set(http::field::content_type, site.content_type);
  if (!site.location.empty()) res.set(http::field::location, site.location);
  res.set(http::field::connection, "close");
  res.body() = parser.get().target() == "/.well-known/mta-sts.txt" || site.status != 200 ? site.body : "not found\n";
  if (parser.get().target() != "/.well-known/mta-sts.txt" && site.status == 200) res.result(http::status::not_found);
  res.prepare_payload();
  co_await http::async_write(stream, res, kUse);
  co_await stream.async_shutdown(kUse);
}

asio::awaitable<void> accept_loop(tcp::acceptor acceptor, Site& site) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kUse);
    if (ec == asio::error::operation_aborted) co_return;
    if (ec) continue;
    asio::co_spawn(acceptor.get_executor(), serve(std::move(socket), site), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: mxray-sts-server CONFIG.json CERT_DIR\n";
    return 2;
  }
  try {
    asio::io_context io;
    auto sites = load(argv[1], argv[2]);
    for (auto& site : sites) {
      tcp::acceptor acceptor(io);
      acceptor.open(site.listen.protocol());
      acceptor.set_option(tcp::acceptor::reuse_address(true));
      acceptor.bind(site.listen);
      acceptor.listen();
      asio::co_spawn(io, accept_loop(std::move(acceptor), site), asio::detached);
    }
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](auto, auto) { io.stop(); });
    std::cout << "mxray-sts-server: " << sites.size() << " sites ready" << std::endl;
    io.run();
  } catch (const std::exception& e) {
    std::cerr << "mxray-sts-server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
