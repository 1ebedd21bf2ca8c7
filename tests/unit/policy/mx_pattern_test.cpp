// MTA-STS mx patterns (RFC 8461 4.1): literal names, "*." covering exactly one leftmost label,
// case, trailing dots, and patterns that are not valid.
#include <gtest/gtest.h>

#include "mxray/policy/mx_pattern.hpp"

namespace mxray::policy {
namespace {

TEST(MxPattern, LiteralMatchesOnlyItself) {
  EXPECT_TRUE(mx_matches("mail.example.com", "mail.example.com"));
  EXPECT_FALSE(mx_matches("mail.example.com", "mx.example.com"));
  EXPECT_FALSE(mx_matches("example.com", "mail.example.com"));
}

TEST(MxPattern, WildcardCoversExactlyOneLabel) {
  EXPECT_TRUE(mx_matches("*.example.com", "mail.example.com"));
  EXPECT_FALSE(mx_matches("*.example.com", "example.com"));
  EXPECT_FALSE(mx_matches("*.example.com", "a.b.example.com")) << "two labels deep";
  EXPECT_FALSE(mx_matches("*.example.com", "mail.example.org"));
  EXPECT_FALSE(mx_matches("*.example.com", ".example.com"));
}

TEST(MxPattern, LeadingDotWithoutStarIsNotAWildcard) {
  EXPECT_FALSE(mx_matches(".example.com", "mail.example.com"));
  EXPECT_FALSE(pattern_problem(".example.com").empty());
}

TEST(MxPattern, CaseAndTrailingDotsAreIgnored) {
  EXPECT_TRUE(mx_matches("MAIL.Example.COM", "mail.example.com"));
  EXPECT_TRUE(mx_matches("mail.example.com.", "mail.example.com"));
  EXPECT_TRUE(mx_matches("mail.example.com", "Mail.Example.Com."));
  EXPECT_TRUE(mx_matches("*.EXAMPLE.com.", "MX1.example.COM"));
}

TEST(MxPattern, InvalidPatternsAreNamed) {
  EXPECT_EQ(pattern_problem("mail.example.com"), "");
  EXPECT_EQ(pattern_problem("*.example.com"), "");
  EXPECT_NE(pattern_problem("mx.*.example.com"), "");
  EXPECT_NE(pattern_problem("*"), "");
  EXPECT_NE(pattern_problem("*example.com"), "");
  EXPECT_NE(pattern_problem("bad host.example.com"), "");
  EXPECT_NE(pattern_problem(""), "");
  EXPECT_FALSE(mx_matches("", "mail.example.com"));
}

}  // namespace
}  // namespace mxray::policy
