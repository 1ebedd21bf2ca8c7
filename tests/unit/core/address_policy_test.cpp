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
  for (const std::string ip : {"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.0.1",
                               "192.168.255.255"}) {
    EXPECT_EQ(range_of(ip), "private") << ip;
  }
}

TEST(SpecialRange, KeepsNeighboursOfPrivateRangesPublic) {
  for (const std::string ip : {"172.15.255.255", "172.32.0.1", "11.0.0.1", "192.169.0.1", "100.63.255.255",
                               "100.128.0.1"}) {
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
