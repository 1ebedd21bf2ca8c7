// parse_extensions: the EHLO reply (RFC 5321 4.1.1.1) as the server name and its keywords;
// keywords upper-cased, parameters kept, the pre-RFC 4954 "AUTH=" form filed under AUTH.
#include "mxray/smtp/extensions.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mxray::smtp {
namespace {

Reply ehlo_reply(std::vector<std::string> lines) {
  Reply r;
  r.code = 250;
  r.lines = std::move(lines);
  return r;
}

TEST(ParseExtensions, TakesServerNameFromFirstLine) {
  const auto ext = parse_extensions(ehlo_reply({"mx.example.com Hello client.example.net [192.0.2.7]", "PIPELINING"}));
  EXPECT_EQ(ext.server_name, "mx.example.com");
  EXPECT_FALSE(ext.has("MX.EXAMPLE.COM"));  // the greeting line is not a keyword
  EXPECT_EQ(ext.keywords.size(), 1u);
}

TEST(ParseExtensions, UpperCasesKeywords) {
  const auto ext = parse_extensions(ehlo_reply({"mx.example.com", "starttls", "8bitmime", "Pipelining"}));
  EXPECT_TRUE(ext.has("STARTTLS"));
  EXPECT_TRUE(ext.has("8BITMIME"));
  EXPECT_TRUE(ext.has("PIPELINING"));
  EXPECT_FALSE(ext.has("starttls"));
}

TEST(ParseExtensions, KeepsParameters) {
  const auto ext = parse_extensions(ehlo_reply({"mx.example.com", "SIZE 10240000", "AUTH PLAIN login", "STARTTLS"}));
  ASSERT_TRUE(ext.has("SIZE"));
  EXPECT_EQ(ext.keywords.at("SIZE"), "10240000");
  EXPECT_EQ(ext.keywords.at("AUTH"), "PLAIN login");  // parameters keep their case
  EXPECT_EQ(ext.keywords.at("STARTTLS"), "");
}

TEST(ParseExtensions, TabSeparatesKeywordFromParameters) {
  // Found by fuzzing: a tab after the keyword made "SIZE\t10240000" a keyword of its own.
  const auto ext = parse_extensions(ehlo_reply({"mx.example.com\tHello", "SIZE\t10240000", "AUTH\tPLAIN \tLOGIN"}));
  EXPECT_EQ(ext.server_name, "mx.example.com");
  ASSERT_TRUE(ext.has("SIZE"));
  EXPECT_EQ(ext.keywords.at("SIZE"), "10240000");
  EXPECT_EQ(ext.keywords.at("AUTH"), "PLAIN \tLOGIN");
  EXPECT_EQ(ext.keywords.size(), 2u);
}

TEST(ParseExtensions, TrimsSpacesAndTabs) {
  const auto ext = parse_extensions(ehlo_reply({"  mx.example.com  ", "\tSIZE   10240000  ", "STARTTLS \t"}));
  EXPECT_EQ(ext.server_name, "mx.example.com");
  EXPECT_EQ(ext.keywords.at("SIZE"), "10240000");
  EXPECT_TRUE(ext.has("STARTTLS"));
  EXPECT_EQ(ext.keywords.at("STARTTLS"), "");
}

TEST(ParseExtensions, FilesOldAuthEqualsSyntaxUnderAuth) {
  const auto ext = parse_extensions(ehlo_reply({"mx.example.com", "AUTH=LOGIN PLAIN"}));
  ASSERT_TRUE(ext.has("AUTH"));
  EXPECT_EQ(ext.keywords.at("AUTH"), "LOGIN PLAIN");
  EXPECT_FALSE(ext.has("AUTH=LOGIN"));
}

TEST(ParseExtensions, MergesAuthAnnouncedInBothSyntaxes) {
  const auto ext = parse_extensions(ehlo_reply({"mx.example.com", "AUTH PLAIN LOGIN", "AUTH=PLAIN LOGIN"}));
  EXPECT_EQ(ext.keywords.size(), 1u);
  EXPECT_EQ(ext.keywords.at("AUTH"), "PLAIN LOGIN PLAIN LOGIN");
}

TEST(ParseExtensions, EmptyReplyGivesNothing) {
  const auto ext = parse_extensions(Reply{});
  EXPECT_EQ(ext.server_name, "");
  EXPECT_TRUE(ext.keywords.empty());
}

TEST(ParseExtensions, SingleLineReplyHasNoExtensions) {
  const auto ext = parse_extensions(ehlo_reply({"mx.example.com"}));
  EXPECT_EQ(ext.server_name, "mx.example.com");
  EXPECT_TRUE(ext.keywords.empty());
}

TEST(ParseExtensions, SkipsBlankLines) {
  const auto ext = parse_extensions(ehlo_reply({"mx.example.com", "", "   ", "STARTTLS"}));
  EXPECT_EQ(ext.keywords.size(), 1u);
  EXPECT_TRUE(ext.has("STARTTLS"));
}

TEST(ParseExtensions, DuplicateKeywordIsListedOnceWithAllParameters) {
  const auto ext =
      parse_extensions(ehlo_reply({"mx.example.com", "STARTTLS", "starttls", "SIZE 1000", "SIZE", "size 2000"}));
  EXPECT_EQ(ext.keywords.size(), 2u);
  EXPECT_EQ(ext.keywords.at("STARTTLS"), "");
  EXPECT_EQ(ext.keywords.at("SIZE"), "1000 2000");
}

}  // namespace
}  // namespace mxray::smtp
