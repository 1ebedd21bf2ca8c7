// Recognising the server software from its greeting, EHLO and refusal wording, and reading
// its version from the greeting without trusting the text's size or shape.
#include <gtest/gtest.h>

#include <string>

#include "mxray/checks/server_software.hpp"

namespace mxray::checks {
namespace {

report::AddressEvidence greeting(const std::string& text) {
  report::AddressEvidence a;
  a.banner.received = true;
  a.banner.text = text;
  return a;
}

TEST(ServerSoftware, ProductAndVersionFromTheGreeting) {
  const auto postfix = recognise_server(greeting("mx.example.org ESMTP Postfix 3.7.11 (Debian)"));
  EXPECT_EQ(postfix.id, "postfix");
  EXPECT_EQ(postfix.version, "3.7.11");
  const auto exim = recognise_server(greeting("mx.example.org ESMTP Exim/4.96 Mon, 1 Dec 2026"));
  EXPECT_EQ(exim.id, "exim");
  EXPECT_EQ(exim.version, "4.96");
  const auto sendmail = recognise_server(greeting("mx.example.org ESMTP Sendmail v8.17.1/8.17.1; Tue"));
  EXPECT_EQ(sendmail.id, "sendmail");
  EXPECT_EQ(sendmail.version, "8.17.1");
}

TEST(ServerSoftware, NoVersionWithoutTwoDottedNumbers) {
  EXPECT_EQ(recognise_server(greeting("mx.example.org ESMTP Postfix")).version, "");
  EXPECT_EQ(recognise_server(greeting("mx.example.org ESMTP Postfix 3 ready")).version, "");
  EXPECT_EQ(recognise_server(greeting("mx.example.org ESMTP Postfix 3. ready")).version, "");
  EXPECT_EQ(recognise_server(greeting("mx.example.org ESMTP Postfixy 3.7 ready")).version, "");
  // The first mention without a version does not hide a later one.
  EXPECT_EQ(recognise_server(greeting("ESMTP Postfix, Postfix 3.8.2")).version, "3.8.2");
}

TEST(ServerSoftware, HostileGreetingsAreScannedNotRecursed) {
  // A megabyte of digits and dots after the name: a recursive regex would exhaust the stack.
  std::string text = "mx.example.org ESMTP Postfix 1";
  for (int i = 0; i < 200000; ++i) text += ".12345";
  const auto s = recognise_server(greeting(text));
  EXPECT_EQ(s.id, "postfix");
  EXPECT_EQ(s.version.size(), text.size() - std::string("mx.example.org ESMTP Postfix ").size());
  EXPECT_EQ(recognise_server(greeting(std::string(1 << 20, 'x'))).id, "");
}

TEST(ServerSoftware, HintsBelowTheGreeting) {
  report::AddressEvidence a;
  a.ehlo.extensions["ETRN"] = "";
  a.ehlo.extensions["VRFY"] = "";
  a.ehlo.extensions["ENHANCEDSTATUSCODES"] = "";
  const auto s = recognise_server(a);
  EXPECT_EQ(s.id, "postfix");
  EXPECT_EQ(s.basis, "extension set");
  EXPECT_LT(s.confidence, 90);
  a.banner.text = "mx.example.org Microsoft ESMTP MAIL Service ready";
  EXPECT_EQ(recognise_server(a).id, "exchange") << "the greeting beats the extension set";
}

}  // namespace
}  // namespace mxray::checks
