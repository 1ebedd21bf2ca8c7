// See policy_fetch.hpp. The certificate is judged with the same trust store and name matching
// as the MX certificates (tls/certificate.hpp) against the name mta-sts.<domain>; the response
// is judged by policy_response.hpp, the same code the fuzz target runs.
#include "mxray/policy/policy_fetch.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>

#include "mxray/core/address_policy.hpp"
#include "mxray/core/join.hpp"
#include "mxray/dns/records.hpp"
#include "mxray/policy/policy_response.hpp"
#include "mxray/tls/certificate.hpp"
#include "mxray/tls/client_context.hpp"

namespace mxray::policy {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

void fail(report::PolicyFetch& out, std::string kind, std::string text) {
  out.error_kind = std::move(kind);
  out.error = std::move(text);
}

// One attempt at one address; returns the body when out.ok.
asio::awaitable<std::string> fetch_from(const asio::ip::address& ip, X509_STORE* trust_store, const FetchSettings& s,
                                        Clock::time_point deadline, report::PolicyFetch& out) {
  auto ex = co_await asio::this_coro::executor;
  out.ip = ip.to_string();
  auto left = [&] { return std::max(Clock::duration{std::chrono::milliseconds(1)}, deadline - Clock::now()); };
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  SSL_CTX_set_verify(ctx.native_handle(), SSL_VERIFY_NONE, nullptr);  // judged below, with our store
  beast::ssl_stream<beast::tcp_stream> stream(ex, ctx);
  SSL_set_tlsext_host_name(stream.native_handle(), out.host.c_str());

  beast::get_lowest_layer(stream).expires_after(left());
  auto [cec] = co_await beast::get_lowest_layer(stream).async_connect(asio::ip::tcp::endpoint(ip, s.port), kTuple);
  if (cec) {
    fail(out, cec == beast::error::timeout ? "timeout" : "connect", "connect to " + out.ip + ": " + cec.message());
    co_return std::string{};
  }
  beast::get_lowest_layer(stream).expires_after(left());
  auto [hec] = co_await stream.async_handshake(asio::ssl::stream_base::client, kTuple);
  if (hec) {
    tls::drain_openssl_errors();
    fail(out, hec == beast::error::timeout ? "timeout" : "tls", "TLS handshake with " + out.ip + ": " + hec.message());
    co_return std::string{};
  }
  out.tls_version = SSL_get_version(stream.native_handle());
  const auto cert = tls::inspect_chain(stream.native_handle(), trust_store, {out.host}, s.now_epoch, s.limits);
  out.cert_trusted = cert.trusted;
  out.cert_name_match = cert.hostname_match;
  if (!cert.present)
    out.cert_error = "no certificate";
  else if (!cert.trusted)
    out.cert_error = cert.verify_error;
  else if (!cert.hostname_match)
    out.cert_error = "the certificate does not cover " + out.host;
  if (!out.cert_error.empty()) {
    // RFC 8461 3.3: senders must not use a policy fetched over an unauthenticated connection.
    fail(out, "certificate", "certificate of " + out.host + " rejected: " + out.cert_error);
    co_return std::string{};
  }

  http::request<http::empty_body> req{http::verb::get, "/.well-known/mta-sts.txt", 11};
  req.set(http::field::host, out.host);
  req.set(http::field::user_agent, "mxray");
  req.set(http::field::connection, "close");
  beast::get_lowest_layer(stream).expires_after(left());
  auto [wec, wn] = co_await http::async_write(stream, req, kTuple);
  (void)wn;
  if (wec) {
    fail(out, wec == beast::error::timeout ? "timeout" : "http", "sending the request: " + wec.message());
    co_return std::string{};
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(s.limits.max_http_header_bytes));
  parser.body_limit(boost::none);  // set below, once the status and type are known
  beast::get_lowest_layer(stream).expires_after(left());
  auto [hdr_ec, hn] = co_await http::async_read_header(stream, buffer, parser, kTuple);
  (void)hn;
  if (hdr_ec) {
    fail(out, hdr_ec == beast::error::timeout ? "timeout" : "http", "reading the response: " + hdr_ec.message());
    co_return std::string{};
  }
  if (!accept_policy_head(parser.get().base(), parser.content_length(), s.limits, out)) co_return std::string{};
  parser.body_limit(s.limits.max_policy_bytes);
  beast::get_lowest_layer(stream).expires_after(left());
  auto [bec, bn] = co_await http::async_read(stream, buffer, parser, kTuple);
  (void)bn;
  if (!accept_policy_body(bec, parser.get().body().size(), s.limits, out)) co_return std::string{};
  std::string body = parser.release().body();
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(1));
  co_await stream.async_shutdown(kTuple);
  co_return body;
}

}  // namespace

asio::awaitable<std::string> fetch_policy(dns::Resolver& resolver, X509_STORE* trust_store, const FetchSettings& s,
                                          const std::string& domain, report::PolicyFetch& out) {
  const auto started = Clock::now();
  const auto deadline = started + s.limits.policy_timeout;
  out.attempted = true;
  out.host = "mta-sts." + domain;
  out.url = "https://" + out.host + "/.well-known/mta-sts.txt";
  auto finish = [&] { out.ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count(); };

  std::vector<dns::DnsAnswer> answers(2);
  std::vector<asio::awaitable<void>> queries;
  queries.push_back(resolver.query_into(out.host, dns::rrtype::kA, answers[0]));
  queries.push_back(resolver.query_into(out.host, dns::rrtype::kAaaa, answers[1]));
  co_await core::join_all(std::move(queries));
  std::vector<asio::ip::address> ips;
  for (const auto& a : answers) {
    for (const auto& ip : dns::parse_addresses(a)) {
      if (ips.size() < s.limits.max_policy_addresses) ips.push_back(ip);
    }
  }
  for (const auto& ip : ips) out.addresses.push_back(ip.to_string());
  if (ips.empty()) {
    const bool nx = answers[0].nxdomain;
    fail(out, "dns", out.host + (nx ? " does not exist (NXDOMAIN)" : " has no address"));
    finish();
    co_return std::string{};
  }
  for (const auto& ip : ips) {
    if (Clock::now() >= deadline) {
      fail(out, "timeout", "no policy within " + std::to_string(s.limits.policy_timeout.count()) + " ms");
      break;
    }
    if (const auto denied = core::denied_by(ip, s.deny_prefixes); !denied.empty()) {
      fail(out, "address_policy", out.host + " resolves to " + ip.to_string() + ", denied by --deny-prefix " + denied);
      continue;
    }
    if (const auto range = core::special_range(ip); !range.empty() && !s.allow_private) {
      fail(out, "address_policy",
           out.host + " resolves to " + ip.to_string() + " (" + range + "): not fetched without --allow-private");
      continue;
    }
    out.cert_error.clear();
    auto body = co_await fetch_from(ip, trust_store, s, deadline, out);
    // Only a connection failure moves on to the next address; an answer is final.
    if (out.ok || (out.error_kind != "connect" && out.error_kind != "timeout")) {
      finish();
      co_return body;
    }
  }
  finish();
  co_return std::string{};
}

}  // namespace mxray::policy
