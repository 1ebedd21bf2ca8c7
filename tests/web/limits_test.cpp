// Unit tests of the serve limits that need no server: the per-domain sliding window and the
// Host allow-list (DNS rebinding).
#include <gtest/gtest.h>

#include "mxray/web/domain_limiter.hpp"
#include "mxray/web/host_allow.hpp"

namespace mxray::web {
namespace {

using namespace std::chrono_literals;

TEST(DomainLimiter, AtMostNInAnySlidingMinute) {
  DomainLimiter limiter(3, 100);
  const auto t0 = DomainLimiter::Clock::time_point{} + 1000s;
  EXPECT_TRUE(limiter.admit("a.test", t0).allowed);
  EXPECT_TRUE(limiter.admit("a.test", t0 + 10s).allowed);
  EXPECT_TRUE(limiter.admit("a.test", t0 + 20s).allowed);
  const auto refused = limiter.admit("a.test", t0 + 30s);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 30) << "until the first of the three leaves the window";
  EXPECT_TRUE(limiter.admit("b.test", t0 + 30s).allowed) << "another domain has its own window";
  EXPECT_FALSE(limiter.admit("a.test", t0 + 59s).allowed);
  EXPECT_TRUE(limiter.admit("a.test", t0 + 60s).allowed);
  EXPECT_FALSE(limiter.admit("a.test", t0 + 61s).allowed) << "the window slides: still 3 in the last minute";
}

TEST(DomainLimiter, TableIsBoundedAndForgetsExpiredDomains) {
  DomainLimiter limiter(1, 2);
  const auto t0 = DomainLimiter::Clock::time_point{} + 1000s;
  EXPECT_TRUE(limiter.admit("a.test", t0).allowed);
  EXPECT_TRUE(limiter.admit("b.test", t0).allowed);
  const auto full = limiter.admit("c.test", t0 + 1s);
  EXPECT_FALSE(full.allowed) << "the table is full of live windows";
  EXPECT_GE(full.retry_after_seconds, 1);
  EXPECT_TRUE(limiter.admit("c.test", t0 + 61s).allowed) << "expired windows are forgotten";
}

TEST(HostAllowList, DefaultIsTheListenAddress) {
  const auto bound = boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("192.0.2.10"), 8080);
  const auto hosts = HostAllowList::defaults(bound);
  EXPECT_TRUE(hosts.allows("192.0.2.10"));
  EXPECT_TRUE(hosts.allows("192.0.2.10:8080"));
  EXPECT_FALSE(hosts.allows("evil.example"));
  EXPECT_FALSE(hosts.allows("evil.example:8080")) << "a rebinding name resolving to us";
  EXPECT_FALSE(hosts.allows("localhost:8080")) << "localhost only for a loopback listen address";
  EXPECT_FALSE(hosts.allows(""));
  EXPECT_FALSE(hosts.allows("192.0.2.11:8080")) << "another address";
  const auto loopback = HostAllowList::defaults({boost::asio::ip::make_address("::1"), 80});
  EXPECT_TRUE(loopback.allows("[::1]:80"));
  EXPECT_TRUE(loopback.allows("localhost"));
  EXPECT_TRUE(loopback.allows("127.0.0.1:80"));
  EXPECT_FALSE(loopback.allows("::1"));
  EXPECT_FALSE(loopback.allows("192.0.2.10"));
  // Listening on every address: reached by any of them, by IP; names must be given.
  const auto any = HostAllowList::defaults({boost::asio::ip::make_address("0.0.0.0"), 8080});
  EXPECT_TRUE(any.allows("192.0.2.10:8080"));
  EXPECT_TRUE(any.allows("[2001:db8::5]:8080"));
  EXPECT_TRUE(any.allows("localhost:8080"));
  EXPECT_FALSE(any.allows("mxray.example.org:8080"));
  EXPECT_FALSE(any.allows("192.0.2.010")) << "not an IP literal";
  EXPECT_FALSE(any.allows("1.2.3.4.evil.example"));
}

TEST(HostAllowList, PublicNames) {
  const HostAllowList hosts({"MX-Check.Example.org", "other.example:8443", "[2001:db8::1]"});
  EXPECT_TRUE(hosts.allows("mx-check.example.org"));
  EXPECT_TRUE(hosts.allows("mx-check.example.org.:443")) << "case, trailing dot and any port";
  EXPECT_TRUE(hosts.allows("other.example:8443"));
  EXPECT_FALSE(hosts.allows("other.example")) << "that name with that port only";
  EXPECT_FALSE(hosts.allows("other.example:8444"));
  EXPECT_TRUE(hosts.allows("[2001:db8::1]:80"));
  EXPECT_FALSE(hosts.allows("sub.mx-check.example.org"));
  EXPECT_FALSE(hosts.allows("mx-check.example.org.evil.example"));
  EXPECT_FALSE(hosts.allows("mx-check.example.org:80x"));
  EXPECT_FALSE(hosts.allows("mx-check.example.org@evil.example"));
  EXPECT_FALSE(hosts.allows("127.0.0.1")) << "names given: the default is replaced";
  for (const char* bad : {"", "mx.example.org/path", "mx.example.org:http", "user@mx.example.org", "[2001:db8::1"}) {
    EXPECT_THROW(HostAllowList({bad}), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace mxray::web
