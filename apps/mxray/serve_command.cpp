// `mxray serve`: the web page and JSON API. Parses its options, binds, drops root, and runs
// the HTTP server and every check on one event loop until SIGINT or SIGTERM.
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "mxray/i18n/translate.hpp"
#include "mxray/smtp/address_syntax.hpp"
#include "mxray/web/http_server.hpp"
#include "mxray/web/privileges.hpp"
#include "version_info.hpp"

namespace mxray::app {

CLI::App* add_serve_command(CLI::App& app, ServeArgs& a, const std::function<std::string(const char*)>& T) {
  auto* serve = app.add_subcommand("serve", T(N_("Serve the web page and the JSON API")));
  auto& c = a.config;
  serve->add_option("--listen", c.listen, T(N_("Address and port to listen on, ADDR:PORT or [ADDR6]:PORT")))
      ->capture_default_str();
  serve->add_flag(
      "--allow-private", c.check.probe.allow_private,
      T(N_("Allow checks of loopback, private and other non-public addresses (internal networks, the lab)")));
  serve->add_option("--resolver", c.check.resolver.forwarders,
                    T(N_("DNS resolver ADDR[@PORT] to ask (repeatable; default: the system's)")));
  serve->add_option("--trust-anchor", c.check.resolver.trust_anchor_file,
                    T(N_("DNSSEC trust anchor file (default: /usr/share/dns/root.key)")));
  serve->add_option("--ca-file", c.check.ca_file, T(N_("Trust these CA certificates instead of the system store")));
  serve->add_option("--port", a.smtp_port, T(N_("SMTP port to connect to")))->check(CLI::Range(1, 65535));
  serve
      ->add_option("--max-concurrent", c.limits.max_concurrent_checks,
                   T(N_("Checks running at once, all clients together")))
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  serve
      ->add_option("--rate-limit", c.limits.checks_per_minute, T(N_("Checks per minute allowed to one client address")))
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1e9));
  serve->add_option("--timeout", a.check_timeout, T(N_("Deadline for the whole check, seconds")))
      ->capture_default_str()
      ->check(CLI::Range(1.0, 600.0));
  serve->add_option("--user", c.user, T(N_("Run as this user when started as root")))->capture_default_str();
  // Facing strangers: caps per client and per target, who the client is, which names we answer to.
  auto& l = c.limits;
  serve
      ->add_option("--max-checks-per-client", l.max_checks_per_client,
                   T(N_("Checks one client may have running at once")))
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  serve
      ->add_option("--max-connections-per-client", l.max_connections_per_client,
                   T(N_("Open connections one client may hold (a trusted proxy is not capped)")))
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  serve
      ->add_option("--domain-rate-limit", l.domain_checks_per_minute,
                   T(N_("Checks per minute of one target domain, all clients together")))
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve
      ->add_option("--header-timeout", a.header_timeout,
                   T(N_("Seconds a client has to send the request line and headers (slow clients get 408)")))
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  serve->add_option("--body-timeout", a.body_timeout, T(N_("Seconds a client has to send a request body")))
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  serve->add_option("--trusted-proxy", c.trusted_proxies,
                    T(N_("Reverse proxy ADDR or ADDR/LEN whose forwarding header names the client (repeatable); "
                         "without it the header is ignored")));
  serve
      ->add_option("--proxy-header", c.proxy_header,
                   T(N_("Header the trusted proxy writes: x-forwarded-for or forwarded (RFC 7239)")))
      ->capture_default_str()
      ->check(CLI::IsMember({"x-forwarded-for", "forwarded"}));
  serve->add_option("--public-name", c.public_names,
                    T(N_("Host name (or NAME:PORT) the server answers to (repeatable; default: the listen "
                         "address); requests for other names get 421")));
  serve->add_flag("--metrics", c.metrics,
                  T(N_("Also serve GET /probe?target=DOMAIN (one check as Prometheus metrics, for the multi-target "
                       "exporter pattern) and GET /metrics (the server's own counters)")));
  // Which addresses, and how many sessions to each, all visitors' checks together.
  add_address_limits(*serve, a.deny_prefixes, c.check.sessions_per_address, T);
  // What every visitor's check may do: set here for all, no query changes it.
  serve->add_flag("--no-relay-test", a.no_relay_test, T(N_("Skip the open-relay test")));
  serve->add_flag("--no-commands-probe", a.no_commands_probe,
                  T(N_("Do not send VRFY, EXPN or MAIL FROM before STARTTLS")));
  serve->add_flag("--no-legacy-tls-scan", a.no_legacy_tls_scan,
                  T(N_("Do not open extra sessions to test whether TLS 1.0 and 1.1 are still accepted")));
  serve
      ->add_option("--max-relay-tests", a.max_relay_tests,
                   T(N_("Relay test variants for every visitor: quick (one outside sender and recipient) or all "
                        "(16 tricks)")))
      ->capture_default_str()
      ->check(CLI::IsMember({"quick", "all"}));
  return serve;
}

void add_address_limits(CLI::App& command, std::vector<std::string>& deny_prefixes, std::size_t& sessions_per_address,
                        const std::function<std::string(const char*)>& T) {
  command.add_option("--deny-prefix", deny_prefixes,
                     T(N_("Never connect to addresses in this prefix, e.g. 64:ff9b::/96 or 10.20.0.0/16 (repeatable; "
                          "applies even with --allow-private)")));
  command
      .add_option("--sessions-per-address", sessions_per_address,
                  T(N_("SMTP sessions open at once to one address (politeness; 0: no limit)")))
      ->capture_default_str()
      ->check(CLI::Range(0, 100));
}

int run_serve(ServeArgs& a) {
  auto& c = a.config;
  auto& limits = c.check.probe.limits;
  limits.check_timeout = std::chrono::milliseconds(static_cast<long long>(a.check_timeout * 1000));
  limits.probe_timeout = std::min(limits.probe_timeout, limits.check_timeout);
  c.check.probe.port = static_cast<unsigned short>(a.smtp_port);
  c.check.probe.test_relay = !a.no_relay_test;
  c.check.probe.relay_all = a.max_relay_tests == "all";
  c.check.probe.probe_commands = !a.no_commands_probe;
  c.check.probe.scan_legacy_tls = !a.no_legacy_tls_scan;
  c.build_version = kBuildVersion;
  c.build_commit = kBuildCommit;
  c.limits.header_timeout = std::chrono::seconds(a.header_timeout);
  c.limits.body_timeout = std::chrono::seconds(a.body_timeout);
  char host[256] = {};
  // As `mxray check`: only a host name that is one valid EHLO argument goes into the command.
  if (gethostname(host, sizeof host - 1) == 0 && host[0] != '\0' && smtp::ehlo_name_problem(host).empty()) {
    c.check.probe.ehlo_name = host;
  }

  boost::asio::io_context io;
  std::unique_ptr<web::HttpServer> server;
  try {
    server = std::make_unique<web::HttpServer>(io, c);
  } catch (const std::exception& e) {
    std::cerr << "mxray serve: " << e.what() << "\n";
    return kExitCouldNotCheck;
  }
  // Bound and configured (CA file, trust anchor read): root is no longer needed.
  const auto dropped = web::drop_root(c.user);
  if (!dropped.empty()) {
    std::cerr << "mxray serve: " << dropped << "\n";
    return kExitCouldNotCheck;
  }
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io](const boost::system::error_code&, int) { io.stop(); });
  server->start();
  const auto endpoint = server->local_endpoint();
  const auto address =
      endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]" : endpoint.address().to_string();
  // Tests read this line to learn the port when --listen asked for port 0.
  std::cout << "mxray serve: listening on http://" << address << ":" << endpoint.port() << "/" << std::endl;
  io.run();
  return 0;
}

}  // namespace mxray::app
