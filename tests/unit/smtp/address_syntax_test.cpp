// What mxray writes into MAIL FROM, RCPT TO and EHLO: RFC 5321 syntax only, so that no
// option or visitor can smuggle a second command (CR LF DATA) into a session.
#include "mxray/smtp/address_syntax.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mxray::smtp {
namespace {

TEST(MailboxSyntax, AcceptsOrdinaryAndQuotedMailboxes) {
  for (const std::string ok :
       {"relay-test@example.net", "a.b+c@mx.example.org", "\"john doe\"@example.net", "\"a\\\"b\"@example.net",
        "postmaster@[192.0.2.1]", "x@[IPv6:2001:db8::1]", "o'neil@example.test", "u@a-b.c"}) {
    EXPECT_EQ(mailbox_problem(ok), "") << ok;
  }
}

TEST(MailboxSyntax, RefusesLineBreaksAndControlBytes) {
  for (const std::string& bad : std::vector<std::string>{
           "a@b.test\r\nDATA", "a@b.test\nRSET", std::string("a@b.test\0x", 10), "a\t@b.test", "a@b.test\x7f"}) {
    EXPECT_NE(mailbox_problem(bad), "") << bad;
  }
  EXPECT_EQ(mailbox_problem("a@b.test\r\nDATA"), "contains CR or LF");
}

TEST(MailboxSyntax, RefusesWhatIsNotAMailbox) {
  for (const std::string bad :
       {"", "nobody", "@example.net", "a@", "a@-x.test", "a@x-.test", "a@x..test", "a b@example.net", "<a@example.net>",
        "a..b@example.net", ".a@example.net", "a@b.test>", "a@[300.1.1.1]", "a@[IPv6:zz]", "\"unterminated@example.net",
        "caf\xc3\xa9@example.net"}) {
    EXPECT_NE(mailbox_problem(bad), "") << bad;
  }
  EXPECT_NE(mailbox_problem(std::string(65, 'a') + "@example.net"), "");
  EXPECT_NE(mailbox_problem("a@" + std::string(250, 'b') + ".test"), "");
}

TEST(EhloNameSyntax, AcceptsHostNamesAndAddressLiterals) {
  for (const std::string ok : {"mxray.invalid", "probe-1.example.org", "localhost", "[192.0.2.1]", "[IPv6:::1]"}) {
    EXPECT_EQ(ehlo_name_problem(ok), "") << ok;
  }
}

TEST(EhloNameSyntax, RefusesInjectionAndJunk) {
  for (const std::string& bad :
       std::vector<std::string>{"", "x\r\nMAIL FROM:<a@b>", "a b", "host_name", "-x.test", "x.test.", "[1.2.3]", "a..b",
                                std::string(64, 'a') + ".test"}) {
    EXPECT_NE(ehlo_name_problem(bad), "") << bad;
  }
}

}  // namespace
}  // namespace mxray::smtp
