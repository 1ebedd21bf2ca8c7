// normalise_domain and looks_like_ip_literal: what the user typed becomes an A-label domain,
// or a message saying what to type instead (RFC 1035 2.3.4 bounds: 63 per label, 253 per name).
#include "mxray/dns/domain_name.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mxray::dns {
namespace {

// The normalised name, or a test failure naming the input and the message.
std::string accepted(const std::string& input) {
  const auto n = normalise_domain(input);
  EXPECT_TRUE(n.ok()) << "'" << input << "' rejected: " << n.error;
  return n.name;
}

// The error message, or a test failure when the input was accepted.
std::string rejected(const std::string& input) {
  const auto n = normalise_domain(input);
  EXPECT_FALSE(n.ok()) << "'" << input << "' accepted as '" << n.name << "'";
  EXPECT_TRUE(n.name.empty()) << input;
  return n.error;
}

TEST(NormaliseDomain, KeepsPlainDomain) { EXPECT_EQ(accepted("example.com"), "example.com"); }

TEST(NormaliseDomain, TrimsWhitespace) {
  EXPECT_EQ(accepted("  example.com\t"), "example.com");
  EXPECT_EQ(accepted("example.com\r\n"), "example.com");
}

TEST(NormaliseDomain, LowerCases) { EXPECT_EQ(accepted("MX.Example.COM"), "mx.example.com"); }

TEST(NormaliseDomain, StripsOneTrailingDot) { EXPECT_EQ(accepted("example.com."), "example.com"); }

TEST(NormaliseDomain, RejectsTwoTrailingDots) { EXPECT_NE(rejected("example.com.."), ""); }

TEST(NormaliseDomain, RejectsEmptyLabels) {
  EXPECT_NE(rejected("example..com"), "");
  EXPECT_NE(rejected(".example.com"), "");
  EXPECT_NE(rejected("."), "");
}

TEST(NormaliseDomain, ConvertsIdnToALabel) {
  EXPECT_EQ(accepted("bücher.example"), "xn--bcher-kva.example");
  EXPECT_EQ(accepted("  bücher.example. "), "xn--bcher-kva.example");
  EXPECT_EQ(accepted("BÜCHER.Example"), "xn--bcher-kva.example");
}

TEST(NormaliseDomain, RejectsInvalidIdn) { EXPECT_NE(rejected("bü cher.example"), ""); }

TEST(NormaliseDomain, RejectsEmpty) {
  EXPECT_NE(rejected(""), "");
  EXPECT_NE(rejected("   \t"), "");
}

TEST(NormaliseDomain, AcceptsLabelOf63AndRejects64) {
  const std::string l63(63, 'a');
  EXPECT_EQ(accepted(l63 + ".example"), l63 + ".example");
  const auto message = rejected(std::string(64, 'a') + ".example");
  EXPECT_NE(message.find("63"), std::string::npos) << message;
}

TEST(NormaliseDomain, AcceptsNameOf253AndRejects254) {
  const std::string l63(63, 'a');
  const std::string n253 = l63 + "." + l63 + "." + l63 + "." + std::string(61, 'b');
  ASSERT_EQ(n253.size(), 253u);
  EXPECT_EQ(accepted(n253), n253);
  EXPECT_EQ(accepted(n253 + "."), n253);  // the trailing dot does not count
  const std::string n254 = l63 + "." + l63 + "." + l63 + "." + std::string(62, 'b');
  const auto message = rejected(n254);
  EXPECT_NE(message.find("253"), std::string::npos) << message;
}

TEST(NormaliseDomain, RejectsIpLiterals) {
  for (const std::string ip : {"192.0.2.1", "192.0.2.1.", "2001:db8::25", "[2001:db8::25]", "[192.0.2.1]", "::1"}) {
    const auto message = rejected(ip);
    EXPECT_NE(message.find("IP address"), std::string::npos) << ip << ": " << message;
  }
}

TEST(NormaliseDomain, RejectsUrls) {
  for (const std::string url : {"https://example.com", "http://example.com/", "smtp://mx.example.com:25"}) {
    const auto message = rejected(url);
    EXPECT_NE(message.find("URL"), std::string::npos) << url << ": " << message;
  }
}

TEST(NormaliseDomain, RejectsPathsAndPorts) {
  EXPECT_NE(rejected("example.com/mail"), "");
  EXPECT_NE(rejected("example.com:25"), "");
}

TEST(NormaliseDomain, RejectsEmailAddressNamingItsDomain) {
  const auto message = rejected("postmaster@example.org");
  EXPECT_NE(message.find("e-mail address"), std::string::npos) << message;
  EXPECT_NE(message.find("example.org"), std::string::npos) << message;
  EXPECT_EQ(message.find("postmaster"), std::string::npos) << message;
}

TEST(NormaliseDomain, RejectsSpaceInside) {
  const auto message = rejected("exa mple.com");
  EXPECT_NE(message.find("' '"), std::string::npos) << message;
}

TEST(NormaliseDomain, RejectsOtherPunctuation) {
  EXPECT_NE(rejected("exa!mple.com"), "");
  EXPECT_NE(rejected("example,com"), "");
  EXPECT_NE(rejected("*.example.com"), "");
}

TEST(NormaliseDomain, AcceptsUnderscoreAsDnsAllows) {
  // Deliberate: DNS names may hold '_' (RFC 2181 11), and the user gets the DNS answer for them.
  EXPECT_EQ(accepted("_Mail.example.com"), "_mail.example.com");
  EXPECT_EQ(accepted("mail_host.example.com"), "mail_host.example.com");
}

TEST(NormaliseDomain, RejectsLabelStartingOrEndingWithHyphen) {
  EXPECT_NE(rejected("-example.com").find("'-'"), std::string::npos);
  EXPECT_NE(rejected("example-.com").find("'-'"), std::string::npos);
  EXPECT_NE(rejected("mx.-example.com"), "");
  EXPECT_EQ(accepted("my-example.com"), "my-example.com");
}

TEST(NormaliseDomain, RejectsVeryLongInput) { EXPECT_NE(rejected(std::string(5000, 'a')), ""); }

TEST(LooksLikeIpLiteral, RecognisesAddresses) {
  EXPECT_TRUE(looks_like_ip_literal("192.0.2.1"));
  EXPECT_TRUE(looks_like_ip_literal("192.0.2.1."));
  EXPECT_TRUE(looks_like_ip_literal("2001:db8::25"));
  EXPECT_TRUE(looks_like_ip_literal("[2001:db8::25]"));
  EXPECT_TRUE(looks_like_ip_literal("::ffff:192.0.2.1"));
}

TEST(LooksLikeIpLiteral, RejectsHostNames) {
  EXPECT_FALSE(looks_like_ip_literal("mx.example.com"));
  EXPECT_FALSE(looks_like_ip_literal("192.0.2.1.example.com"));
  EXPECT_FALSE(looks_like_ip_literal("192.0.2"));
  EXPECT_FALSE(looks_like_ip_literal(""));
  EXPECT_FALSE(looks_like_ip_literal("[]"));
  EXPECT_FALSE(looks_like_ip_literal("[mx.example.com]"));
}

}  // namespace
}  // namespace mxray::dns
