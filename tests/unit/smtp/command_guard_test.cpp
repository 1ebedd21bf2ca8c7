// The last line of defence in Connection::send: no line with CR, LF or NUL, and never the
// verbs that start message content, whatever code path asks for it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mxray/smtp/connection.hpp"

namespace mxray::smtp {
namespace {

TEST(CommandGuard, LetsTheProbesCommandsThrough) {
  for (const std::string ok : {"EHLO mxray.invalid", "MAIL FROM:<a@b.test>", "RCPT TO:<c@d.test>", "RSET",
                               "VRFY postmaster", "EXPN postmaster", "STARTTLS", "QUIT", "HELO x", "NOOP", "DATAX"}) {
    EXPECT_EQ(refuse_to_send(ok), "") << ok;
  }
}

TEST(CommandGuard, RefusesMessageContentVerbsInAnyCase) {
  for (const std::string bad : {"DATA", "data", "Data", "BDAT 100 LAST", "bdat 0"}) {
    EXPECT_NE(refuse_to_send(bad), "") << bad;
  }
}

TEST(CommandGuard, RefusesEmbeddedLineBreaksAndNul) {
  for (const std::string& bad : std::vector<std::string>{"RCPT TO:<a@b.test>\r\nDATA", "MAIL FROM:<a@b>\n", "EHLO x\r",
                                                         std::string("EHLO a\0b", 8)}) {
    EXPECT_NE(refuse_to_send(bad), "") << bad;
  }
}

}  // namespace
}  // namespace mxray::smtp
