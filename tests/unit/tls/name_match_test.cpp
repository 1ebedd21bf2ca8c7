// name_matches and first_match: certificate names against the MX host (RFC 6125 6.4): case-
// insensitive, trailing dot ignored, '*' only as the whole left-most label, covering one label.
#include "mxray/tls/name_match.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mxray::tls {
namespace {

TEST(NameMatches, MatchesExactName) {
  EXPECT_TRUE(name_matches("mx.example.com", "mx.example.com"));
  EXPECT_FALSE(name_matches("mx.example.com", "mx2.example.com"));
  EXPECT_FALSE(name_matches("mx.example.com", "example.com"));
  EXPECT_FALSE(name_matches("example.com", "mx.example.com"));
}

TEST(NameMatches, IgnoresCase) {
  EXPECT_TRUE(name_matches("MX.Example.COM", "mx.example.com"));
  EXPECT_TRUE(name_matches("mx.example.com", "MX.EXAMPLE.COM"));
  EXPECT_TRUE(name_matches("*.EXAMPLE.com", "Mx.Example.Com"));
}

TEST(NameMatches, IgnoresTrailingDot) {
  EXPECT_TRUE(name_matches("mx.example.com.", "mx.example.com"));
  EXPECT_TRUE(name_matches("mx.example.com", "mx.example.com."));
  EXPECT_TRUE(name_matches("*.example.com", "mx.example.com."));
}

TEST(NameMatches, EmptyMatchesNothing) {
  EXPECT_FALSE(name_matches("", "mx.example.com"));
  EXPECT_FALSE(name_matches("mx.example.com", ""));
  EXPECT_FALSE(name_matches("", ""));
}

TEST(NameMatches, WildcardCoversOneLabel) {
  EXPECT_TRUE(name_matches("*.example.com", "mx.example.com"));
  EXPECT_FALSE(name_matches("*.example.com", "example.com"));
  EXPECT_FALSE(name_matches("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(name_matches("*.example.com", ".example.com"));
  EXPECT_FALSE(name_matches("*.example.com", "mx.example.org"));
  EXPECT_FALSE(name_matches("*.example.com", "mxexample.com"));
}

TEST(NameMatches, RejectsWildcardOverTopLevelDomain) {
  EXPECT_FALSE(name_matches("*.com", "example.com"));
  EXPECT_FALSE(name_matches("*", "example"));
  EXPECT_FALSE(name_matches("*", "mx.example.com"));
}

TEST(NameMatches, RejectsPartialWildcards) {
  EXPECT_FALSE(name_matches("mx*.example.com", "mx1.example.com"));
  EXPECT_FALSE(name_matches("*x.example.com", "mx.example.com"));
  EXPECT_FALSE(name_matches("m*x.example.com", "mx.example.com"));
}

TEST(NameMatches, RejectsWildcardOutsideLeftmostLabel) {
  EXPECT_FALSE(name_matches("mx.*.example.com", "mx.a.example.com"));
  EXPECT_FALSE(name_matches("mx.example.*", "mx.example.com"));
  EXPECT_FALSE(name_matches("*.*.example.com", "a.b.example.com"));
  EXPECT_FALSE(name_matches("*.*.example.com", "a.example.com"));
}

TEST(FirstMatch, ReturnsFirstCoveringName) {
  const std::vector<std::string> names = {"example.com", "*.example.com", "mx.example.com"};
  EXPECT_EQ(first_match(names, "mx.example.com"), "*.example.com");
  EXPECT_EQ(first_match(names, "example.com"), "example.com");
  EXPECT_EQ(first_match(names, "MX.EXAMPLE.COM."), "*.example.com");
}

TEST(FirstMatch, ReturnsEmptyWhenNoneCovers) {
  EXPECT_EQ(first_match({"mail.example.org", "*.example.net"}, "mx.example.com"), "");
  EXPECT_EQ(first_match({}, "mx.example.com"), "");
}

}  // namespace
}  // namespace mxray::tls
