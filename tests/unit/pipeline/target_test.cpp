// What the user may type as a target: a domain, a host (--host), or an address literal as
// posttls-finger writes it, with an optional port; everything else is refused with a hint.
#include <gtest/gtest.h>

#include "mxray/pipeline/target.hpp"

namespace mxray::pipeline {
namespace {

TEST(Target, DomainAndHost) {
  const auto d = parse_target(" Example.COM. ", false);
  ASSERT_TRUE(d.ok()) << d.error;
  EXPECT_EQ(d.kind, "domain");
  EXPECT_EQ(d.name, "example.com");
  const auto h = parse_target("mx1.example.com", true);
  EXPECT_EQ(h.kind, "host");
  EXPECT_EQ(h.name, "mx1.example.com");
}

TEST(Target, AddressLiterals) {
  const auto v4 = parse_target("[192.0.2.25]", false);
  ASSERT_TRUE(v4.ok()) << v4.error;
  EXPECT_EQ(v4.kind, "address");
  EXPECT_EQ(v4.ip, "192.0.2.25");
  EXPECT_EQ(v4.name, "[192.0.2.25]");
  EXPECT_EQ(v4.port, 0);
  const auto v6 = parse_target("[2001:DB8::25]:2525", true);  // --host does not change a literal
  ASSERT_TRUE(v6.ok()) << v6.error;
  EXPECT_EQ(v6.ip, "2001:db8::25");
  EXPECT_EQ(v6.port, 2525);
  const auto tagged = parse_target("[IPv6:::1]", false);  // RFC 5321 4.1.3 form
  ASSERT_TRUE(tagged.ok()) << tagged.error;
  EXPECT_EQ(tagged.ip, "::1");
}

TEST(Target, MalformedLiteralsAreRefused) {
  for (const char* bad : {"[192.0.2.256]", "[192.0.2.25", "[]", "[192.0.2.25]:", "[192.0.2.25]:0", "[192.0.2.25]:65536",
                          "[192.0.2.25]x", "[192.0.2.25]:25x", "[fe80::1%eth0]", "[mx.example.com]"}) {
    const auto t = parse_target(bad, false);
    EXPECT_FALSE(t.ok()) << bad;
    EXPECT_FALSE(t.error.empty()) << bad;
  }
  EXPECT_FALSE(parse_target("https://example.com", false).ok());
}

}  // namespace
}  // namespace mxray::pipeline
