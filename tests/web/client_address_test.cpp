// Unit tests of who a request is from: CIDR blocks, the /64 key of IPv6 clients, and the
// forwarding headers read only behind a trusted proxy (rightmost hop that is not trusted).
#include <gtest/gtest.h>

#include "mxray/web/client_address.hpp"

namespace mxray::web {
namespace {

using boost::asio::ip::make_address;

std::vector<Cidr> blocks(std::initializer_list<const char*> texts) {
  std::vector<Cidr> out;
  for (const auto* t : texts) {
    const auto c = core::parse_prefix(t);
    EXPECT_TRUE(c.has_value()) << t;
    if (c) out.push_back(*c);
  }
  return out;
}

std::string client(const char* peer, const std::vector<Cidr>& trusted, std::vector<std::string_view> values,
                   ProxyHeader kind = ProxyHeader::x_forwarded_for) {
  return client_address(make_address(peer), trusted, values, kind).to_string();
}

TEST(ClientAddress, TrustedBlocksMatchAddressesOfTheirFamily) {
  EXPECT_FALSE(core::parse_prefix("10.0.0.0/33"));
  EXPECT_FALSE(core::parse_prefix("proxy.example"));
  const auto trusted = blocks({"10.0.0.0/8", "192.168.4.0/22", "2001:db8:abcd::/48", "127.0.0.1"});
  EXPECT_TRUE(any_contains(trusted, make_address("10.255.1.2")));
  EXPECT_FALSE(any_contains(trusted, make_address("11.0.0.1")));
  EXPECT_TRUE(any_contains(trusted, make_address("::ffff:10.1.2.3"))) << "IPv4-mapped counts as IPv4";
  EXPECT_TRUE(any_contains(trusted, make_address("192.168.7.255")));
  EXPECT_FALSE(any_contains(trusted, make_address("192.168.8.0")));
  EXPECT_TRUE(any_contains(trusted, make_address("2001:db8:abcd:ffff::1")));
  EXPECT_FALSE(any_contains(trusted, make_address("2001:db8:abce::1")));
  EXPECT_TRUE(any_contains(trusted, make_address("127.0.0.1")));
  EXPECT_FALSE(any_contains(trusted, make_address("127.0.0.2")));
  EXPECT_FALSE(any_contains({}, make_address("127.0.0.1")));
}

TEST(ClientAddress, Ipv6ClientsShareTheKeyOfTheirSlash64) {
  EXPECT_EQ(client_key(make_address("203.0.113.5")), "203.0.113.5");
  EXPECT_EQ(client_key(make_address("::ffff:203.0.113.5")), "203.0.113.5");
  const auto a = client_key(make_address("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
  EXPECT_EQ(a, "2001:db8:1:2::/64");
  EXPECT_EQ(a, client_key(make_address("2001:db8:1:2::1")));
  EXPECT_NE(a, client_key(make_address("2001:db8:1:3::1")));
}

TEST(ClientAddress, HeadersAreIgnoredUnlessThePeerIsATrustedProxy) {
  EXPECT_EQ(client("198.51.100.7", {}, {"203.0.113.5"}), "198.51.100.7");
  EXPECT_EQ(client("198.51.100.7", blocks({"10.0.0.0/8"}), {"203.0.113.5"}), "198.51.100.7");
  EXPECT_EQ(client("10.0.0.2", blocks({"10.0.0.0/8"}), {"203.0.113.5"}), "203.0.113.5");
  EXPECT_EQ(client("10.0.0.2", blocks({"10.0.0.0/8"}), {}), "10.0.0.2") << "no header: the proxy itself";
}

TEST(ClientAddress, RightmostHopThatIsNotTrusted) {
  const auto trusted = blocks({"10.0.0.0/8", "2001:db8:ffff::/48"});
  // The client wrote the left part itself; only what our proxies appended counts.
  EXPECT_EQ(client("10.0.0.2", trusted, {"1.2.3.4, 203.0.113.5"}), "203.0.113.5");
  EXPECT_EQ(client("10.0.0.2", trusted, {"1.2.3.4, 203.0.113.5, 10.9.9.9"}), "203.0.113.5");
  EXPECT_EQ(client("10.0.0.2", trusted, {"1.2.3.4", "203.0.113.5"}), "203.0.113.5") << "several header lines";
  EXPECT_EQ(client("10.0.0.2", trusted, {"10.1.1.1, 10.2.2.2"}), "10.1.1.1") << "all trusted: the leftmost";
  EXPECT_EQ(client("10.0.0.2", trusted, {"[2001:db8::5]:4711"}), "2001:db8::5");
  EXPECT_EQ(client("10.0.0.2", trusted, {"203.0.113.5:8080"}), "203.0.113.5");
  EXPECT_EQ(client("2001:db8:ffff::1", trusted, {"2001:db8:1::7 , 2001:db8:ffff::9"}), "2001:db8:1::7");
}

TEST(ClientAddress, JunkStopsAtTheLastTrustedHop) {
  const auto trusted = blocks({"10.0.0.0/8"});
  EXPECT_EQ(client("10.0.0.2", trusted, {"junk"}), "10.0.0.2");
  EXPECT_EQ(client("10.0.0.2", trusted, {"203.0.113.5, junk, 10.3.3.3"}), "10.3.3.3");
  EXPECT_EQ(client("10.0.0.2", trusted, {"unknown"}), "10.0.0.2");
  EXPECT_EQ(client("10.0.0.2", trusted, {"fe80::1%eth0"}), "10.0.0.2");
  EXPECT_EQ(client("10.0.0.2", trusted, {"[2001:db8::1"}), "10.0.0.2");
  EXPECT_EQ(client("10.0.0.2", trusted, {std::string(200, '1')}), "10.0.0.2");
}

TEST(ClientAddress, ForwardedHeaderOfRfc7239) {
  const auto trusted = blocks({"10.0.0.0/8"});
  const auto f = ProxyHeader::forwarded;
  EXPECT_EQ(client("10.0.0.2", trusted, {"for=192.0.2.60;proto=http;by=203.0.113.43"}, f), "192.0.2.60");
  EXPECT_EQ(client("10.0.0.2", trusted, {"for=\"[2001:db8:cafe::17]:4711\""}, f), "2001:db8:cafe::17");
  EXPECT_EQ(client("10.0.0.2", trusted, {"For=198.51.100.1, for=192.0.2.43"}, f), "192.0.2.43");
  EXPECT_EQ(client("10.0.0.2", trusted, {"for=192.0.2.43, for=10.0.0.9"}, f), "192.0.2.43");
  EXPECT_EQ(client("10.0.0.2", trusted, {"for=_hidden"}, f), "10.0.0.2");
  EXPECT_EQ(client("10.0.0.2", trusted, {"proto=https"}, f), "10.0.0.2");
  EXPECT_EQ(client("10.0.0.2", trusted, {"192.0.2.43"}, f), "10.0.0.2") << "an X-Forwarded-For value is not an element";
}

}  // namespace
}  // namespace mxray::web
