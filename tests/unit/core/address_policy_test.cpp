// special_range: the addresses mxray refuses to connect to (RFC 6890 special-purpose ranges)
// and the ordinary public ones it probes. The public numbers here are never connected to.
#include "mxray/core/address_policy.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mxray::core {
namespace {

std::string range_of(const std::string& text) { return special_range(boost::asio::ip::make_address(text)); }

TEST(SpecialRange, NamesIpv4Loopback) { EXPECT_EQ(range_of("127.0.0.1"), "loopback"); }

TEST(SpecialRange, NamesIpv4PrivateRanges) {
  for (const std::string ip :
       {"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.0.1", "192.168.255.255"}) {
    EXPECT_EQ(range_of(ip), "private") << ip;
  }
}

TEST(SpecialRange, KeepsNeighboursOfPrivateRangesPublic) {
  for (const std::string ip :
       {"172.15.255.255", "172.32.0.1", "11.0.0.1", "192.169.0.1", "100.63.255.255", "100.128.0.1"}) {
    EXPECT_EQ(range_of(ip), "") << ip;
  }
}

TEST(SpecialRange, NamesCgnat) {
  EXPECT_NE(range_of("100.64.0.1").find("CGNAT"), std::string::npos);
  EXPECT_NE(range_of("100.127.255.254").find("CGNAT"), std::string::npos);
}

TEST(SpecialRange, NamesLinkLocalIncludingCloudMetadata) {
  EXPECT_NE(range_of("169.254.169.254").find("link-local"), std::string::npos);
  EXPECT_NE(range_of("169.254.0.1").find("link-local"), std::string::npos);
}

TEST(SpecialRange, NamesMulticastAndReservedIpv4) {
  EXPECT_EQ(range_of("224.0.0.1"), "multicast");
  EXPECT_EQ(range_of("239.255.255.255"), "multicast");
  EXPECT_NE(range_of("240.0.0.1"), "");
  EXPECT_NE(range_of("255.255.255.255"), "");
  EXPECT_NE(range_of("0.0.0.0"), "");
  EXPECT_NE(range_of("0.1.2.3"), "");
  EXPECT_NE(range_of("192.0.2.1").find("documentation"), std::string::npos);
  EXPECT_NE(range_of("198.51.100.1").find("documentation"), std::string::npos);
  EXPECT_NE(range_of("203.0.113.1").find("documentation"), std::string::npos);
  EXPECT_NE(range_of("198.18.0.1"), "");
}

TEST(SpecialRange, LeavesPublicIpv4Empty) { EXPECT_EQ(range_of("193.0.6.139"), ""); }

TEST(SpecialRange, NamesIpv6Loopback) { EXPECT_EQ(range_of("::1"), "loopback"); }

TEST(SpecialRange, NamesIpv6LinkLocal) {
  EXPECT_EQ(range_of("fe80::"), "link-local");
  EXPECT_EQ(range_of("fe80::1"), "link-local");
}

TEST(SpecialRange, NamesIpv6UniqueLocal) {
  EXPECT_NE(range_of("fc00::").find("unique local"), std::string::npos);
  EXPECT_NE(range_of("fd12:3456::1").find("unique local"), std::string::npos);
}

TEST(SpecialRange, NamesIpv4MappedIpv6) {
  // A mapped address would reach an IPv4 host through the v6 socket: refused whatever it maps.
  EXPECT_EQ(range_of("::ffff:192.0.2.1"), "IPv4-mapped");
  EXPECT_EQ(range_of("::ffff:127.0.0.1"), "IPv4-mapped");
}

TEST(SpecialRange, NamesOtherIpv6Ranges) {
  EXPECT_NE(range_of("2001:db8::").find("documentation"), std::string::npos);
  EXPECT_NE(range_of("2001:db8:ffff::25"), "");
  EXPECT_NE(range_of("::"), "");
  EXPECT_EQ(range_of("ff02::1"), "multicast");
  EXPECT_NE(range_of("64:ff9b::c000:201"), "");
  EXPECT_NE(range_of("4000::1"), "");  // outside 2000::/3, not global unicast
}

TEST(SpecialRange, LeavesPublicIpv6Empty) { EXPECT_EQ(range_of("2a00:1450::1"), ""); }

}  // namespace
}  // namespace mxray::core

namespace mxray::core {
namespace {

TEST(SpecialRange, NamesPrefixesThatEmbedIpv4) {
  // 6to4 of 10.0.0.1 and of a public address: both reach IPv4 through a relay.
  EXPECT_EQ(range_of("2002:0a00:0001::1"), "6to4 (embeds IPv4)");
  EXPECT_EQ(range_of("2002:c000:0201::1"), "6to4 (embeds IPv4)");
  EXPECT_EQ(range_of("2001:0:4136:e378:8000:63bf:3fff:fdd2"), "Teredo (embeds IPv4)");
  EXPECT_EQ(range_of("64:ff9b::10.0.0.1"), "reserved (NAT64, embeds IPv4)");
  // Neighbours stay public.
  EXPECT_EQ(range_of("2001:1::1"), "");
  EXPECT_EQ(range_of("2003::1"), "");
}

TEST(Prefix, ParsesAndMatchesBothFamilies) {
  const auto v4 = parse_prefix("10.20.0.0/16");
  ASSERT_TRUE(v4);
  EXPECT_TRUE(contains(*v4, boost::asio::ip::make_address("10.20.255.1")));
  EXPECT_FALSE(contains(*v4, boost::asio::ip::make_address("10.21.0.1")));
  EXPECT_TRUE(contains(*v4, boost::asio::ip::make_address("::ffff:10.20.1.1"))) << "IPv4-mapped counts as IPv4";
  const auto v6 = parse_prefix("64:ff9b:1::/48");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(contains(*v6, boost::asio::ip::make_address("64:ff9b:1:0:1::5")));
  EXPECT_FALSE(contains(*v6, boost::asio::ip::make_address("64:ff9b:2::5")));
  EXPECT_FALSE(contains(*v6, boost::asio::ip::make_address("10.20.0.1")));
  const auto odd = parse_prefix("2001:db8::/33");
  ASSERT_TRUE(odd);
  EXPECT_TRUE(contains(*odd, boost::asio::ip::make_address("2001:db8:7fff::1")));
  EXPECT_FALSE(contains(*odd, boost::asio::ip::make_address("2001:db8:8000::1")));
  const auto host = parse_prefix("192.0.2.7");
  ASSERT_TRUE(host);
  EXPECT_EQ(host->bits, 32);
  const auto all = parse_prefix("0.0.0.0/0");
  ASSERT_TRUE(all);
  EXPECT_TRUE(contains(*all, boost::asio::ip::make_address("203.0.113.9")));
}

TEST(Prefix, RejectsMalformedText) {
  for (const std::string bad : {"", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.0/8x", "example.test/8", "10.0.0/8",
                                "10.0.0.0/-1", "10.0.0.0/0008", "1.2.3.4/8/8"}) {
    EXPECT_FALSE(parse_prefix(bad)) << bad;
  }
}

TEST(Prefix, DeniedByNamesTheFirstMatchingPrefix) {
  const std::vector<Prefix> deny{*parse_prefix("198.51.100.0/24"), *parse_prefix("2001:db8::/32")};
  EXPECT_EQ(denied_by(boost::asio::ip::make_address("198.51.100.25"), deny), "198.51.100.0/24");
  EXPECT_EQ(denied_by(boost::asio::ip::make_address("2001:db8::25"), deny), "2001:db8::/32");
  EXPECT_EQ(denied_by(boost::asio::ip::make_address("198.51.101.25"), deny), "");
}

}  // namespace
}  // namespace mxray::core
