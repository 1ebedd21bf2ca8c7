// Blocklist query names (RFC 5782 2.1 and 2.4) and which zones are asked behind which resolver.
#include <gtest/gtest.h>

#include "mxray/dns/dnsbl.hpp"

namespace mxray::dns {
namespace {

TEST(Dnsbl, QueryNames) {
  EXPECT_EQ(blocklist_query(boost::asio::ip::make_address("192.0.2.25"), "zen.example"), "25.2.0.192.zen.example");
  const auto v6 = blocklist_query(boost::asio::ip::make_address("2001:db8:1:2:3:4:567:89ab"), "bl.example");
  // RFC 5782 2.4: 32 nibbles, least significant first.
  EXPECT_EQ(v6, "b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.bl.example");
}

TEST(Dnsbl, DefaultSetIsSkippedBehindAPublicResolver) {
  const auto normal = plan_blocklists({"default", "bl.example"}, {"127.0.0.1@5300"});
  EXPECT_TRUE(normal.skipped.empty());
  EXPECT_EQ(normal.zones.size(), default_blocklists().size() + 1);
  // Names only: no query leaves the process. The first and last of the known list, with a port.
  const auto known = public_resolvers();
  ASSERT_GT(known.size(), 1u);
  const auto public_resolver = plan_blocklists({"default", "bl.example"}, {known.front()});
  EXPECT_EQ(public_resolver.zones, std::vector<std::string>{"bl.example"}) << "a zone named by the user is still asked";
  EXPECT_NE(public_resolver.skipped.find(known.front()), std::string::npos);
  EXPECT_TRUE(is_public_resolver(known.back() + "@53"));
  EXPECT_FALSE(is_public_resolver("192.0.2.53"));
  EXPECT_EQ(plan_blocklists({"bl.example", "bl.example"}, {}).zones.size(), 1u);
}

}  // namespace
}  // namespace mxray::dns
