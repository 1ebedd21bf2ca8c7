// A validating stub resolver: libunbound driven by the caller's Asio event loop (ub_fd), so
// no DNS call ever blocks. Answers carry their DNSSEC state (secure, insecure, bogus).
// Every query is bounded by Limits::dns_timeout; a timeout is an answer, not an exception.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mxray::dns {

/// How to reach DNS: forwarders (ADDR[@PORT]) or the system's, and a DNSSEC trust anchor.
struct ResolverConfig {
  std::vector<std::string> forwarders;  // empty: the system's resolvers (/etc/resolv.conf)
  std::string trust_anchor_file;        // empty: Debian's root anchor when installed
  std::chrono::milliseconds timeout{10'000};
};

/// One answer, as libunbound reported it.
struct DnsAnswer {
  std::string qname;
  int qtype = 0;
  int rcode = 0;  // DNS RCODE (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN)
  bool havedata = false;
  bool nxdomain = false;
  std::string dnssec;  // secure | insecure | bogus
  std::string why_bogus;
  std::string canonname;  // set when the name is an alias (CNAME)
  bool timed_out = false;
  std::string error;  // the resolver itself failed (not a DNS answer)
  std::vector<std::vector<std::uint8_t>> rdata;
  std::vector<std::uint8_t> packet;  // the whole answer packet, wire format
};

/// DNS record types mxray asks for.
namespace rrtype {
inline constexpr int kA = 1;
inline constexpr int kCname = 5;
inline constexpr int kPtr = 12;
inline constexpr int kMx = 15;
inline constexpr int kTxt = 16;
inline constexpr int kAaaa = 28;
inline constexpr int kTlsa = 52;
}  // namespace rrtype

/// The resolver; one per event loop. Throws std::runtime_error on a bad configuration.
class Resolver {
 public:
  Resolver(boost::asio::any_io_executor executor, const ResolverConfig& config);
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  /// Resolves (name, type, class IN); completes within the configured timeout.
  boost::asio::awaitable<DnsAnswer> query(std::string name, int type);
  /// The same, storing the answer in `out`: for queries run side by side with core::join_all.
  boost::asio::awaitable<void> query_into(std::string name, int type, DnsAnswer& out);

  /// Human description of where queries go, for the report.
  const std::string& description() const { return description_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string description_;
};

}  // namespace mxray::dns
