// ReplyReader: SMTP replies (RFC 5321 4.2) read out of untrusted bytes, however they are split,
// within core::Limits (line length, line count, reply size).
#include "mxray/smtp/reply.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace mxray::smtp {

// Readable failure messages ("line_too_long" rather than a byte dump).
void PrintTo(ReplyError error, std::ostream* os) { *os << to_string(error); }
void PrintTo(ReplyReader::Status status, std::ostream* os) {
  *os << (status == ReplyReader::Status::complete ? "complete"
          : status == ReplyReader::Status::error  ? "error"
                                                  : "need_more");
}

namespace {

using Status = ReplyReader::Status;

// What one call of next() gave.
struct Outcome {
  Status status = Status::need_more;
  Reply reply;
  ReplyError error = ReplyError::none;
};

Outcome next(ReplyReader& reader) {
  Outcome o;
  o.status = reader.next(o.reply, o.error);
  return o;
}

// Feeds `bytes` in one piece and reads one reply.
Outcome read_whole(const core::Limits& limits, const std::string& bytes) {
  ReplyReader reader(limits);
  reader.append(bytes);
  return next(reader);
}

// Feeds `bytes` one byte at a time, asking for a reply after each, as a slow server would send them.
Outcome read_bytewise(const core::Limits& limits, const std::string& bytes) {
  ReplyReader reader(limits);
  Outcome o;
  for (const char c : bytes) {
    reader.append(std::string(1, c));
    o = next(reader);
    if (o.status != Status::need_more) return o;
  }
  return o;
}

TEST(ReplyReader, ReadsSingleLineReply) {
  const core::Limits limits;
  ReplyReader reader(limits);
  reader.append("220 mx.example.com ESMTP ready\r\n");
  const auto o = next(reader);
  ASSERT_EQ(o.status, Status::complete);
  EXPECT_EQ(o.error, ReplyError::none);
  EXPECT_EQ(o.reply.code, 220);
  EXPECT_EQ(o.reply.lines, (std::vector<std::string>{"mx.example.com ESMTP ready"}));
  EXPECT_FALSE(o.reply.bare_lf);
  EXPECT_TRUE(o.reply.positive());
  EXPECT_EQ(reader.buffered(), 0u);
}

TEST(ReplyReader, ReadsMultiLineReply) {
  const core::Limits limits;
  const auto o = read_whole(limits, "250-mx.example.com Hello\r\n250-SIZE 10240000\r\n250 STARTTLS\r\n");
  ASSERT_EQ(o.status, Status::complete);
  EXPECT_EQ(o.reply.code, 250);
  EXPECT_EQ(o.reply.lines, (std::vector<std::string>{"mx.example.com Hello", "SIZE 10240000", "STARTTLS"}));
  EXPECT_EQ(o.reply.text(), "mx.example.com Hello\nSIZE 10240000\nSTARTTLS");
}

TEST(ReplyReader, WaitsForTheLastLineOfMultiLineReply) {
  const core::Limits limits;
  ReplyReader reader(limits);
  reader.append("250-mx.example.com Hello\r\n250-SIZE 10240000\r\n");
  EXPECT_EQ(next(reader).status, Status::need_more);
  reader.append("250 STARTTLS\r\n");
  const auto o = next(reader);
  ASSERT_EQ(o.status, Status::complete);
  EXPECT_EQ(o.reply.lines.size(), 3u);
}

TEST(ReplyReader, ReadsReplySplitByteByByte) {
  const core::Limits limits;
  const std::string bytes = "250-mx.example.com\r\n250-PIPELINING\r\n250 8BITMIME\r\n";
  ReplyReader reader(limits);
  for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
    reader.append(bytes.substr(i, 1));
    const auto o = next(reader);
    ASSERT_EQ(o.status, Status::need_more) << "after byte " << i;
  }
  reader.append(bytes.substr(bytes.size() - 1));
  const auto o = next(reader);
  ASSERT_EQ(o.status, Status::complete);
  EXPECT_EQ(o.reply.code, 250);
  EXPECT_EQ(o.reply.lines, (std::vector<std::string>{"mx.example.com", "PIPELINING", "8BITMIME"}));
  EXPECT_FALSE(o.reply.bare_lf);
}

TEST(ReplyReader, ReturnsPipelinedRepliesOneAfterAnother) {
  const core::Limits limits;
  ReplyReader reader(limits);
  reader.append("250 2.1.0 Ok\r\n554 5.7.1 Relay access denied\r\n221 2.0.0 Bye\r\n");
  const auto first = next(reader);
  ASSERT_EQ(first.status, Status::complete);
  EXPECT_EQ(first.reply.code, 250);
  EXPECT_EQ(first.reply.text(), "2.1.0 Ok");
  const auto second = next(reader);
  ASSERT_EQ(second.status, Status::complete);
  EXPECT_EQ(second.reply.code, 554);
  EXPECT_EQ(second.reply.text(), "5.7.1 Relay access denied");
  EXPECT_FALSE(second.reply.positive());
  const auto third = next(reader);
  ASSERT_EQ(third.status, Status::complete);
  EXPECT_EQ(third.reply.code, 221);
  EXPECT_EQ(next(reader).status, Status::need_more);
  EXPECT_EQ(reader.buffered(), 0u);
}

TEST(ReplyReader, KeepsBytesAfterReplyBuffered) {
  const core::Limits limits;
  ReplyReader reader(limits);
  reader.append("220 Ready to start TLS\r\n\x16\x03\x01");
  ASSERT_EQ(next(reader).status, Status::complete);
  EXPECT_EQ(reader.buffered(), 3u);  // sent ahead of its turn: the plaintext-injection evidence
}

TEST(ReplyReader, AcceptsBareLfAndFlagsIt) {
  const core::Limits limits;
  const auto o = read_whole(limits, "250-mx.example.com\r\n250 STARTTLS\n");
  ASSERT_EQ(o.status, Status::complete);
  EXPECT_EQ(o.reply.lines, (std::vector<std::string>{"mx.example.com", "STARTTLS"}));
  EXPECT_TRUE(o.reply.bare_lf);
}

TEST(ReplyReader, CrlfIsNotFlaggedAsBareLf) {
  const core::Limits limits;
  const auto o = read_whole(limits, "220 mx.example.com\r\n");
  ASSERT_EQ(o.status, Status::complete);
  EXPECT_FALSE(o.reply.bare_lf);
  EXPECT_EQ(o.reply.lines.front(), "mx.example.com");  // no '\r' left in the text
}

TEST(ReplyReader, KeepsNulAndNonUtf8BytesRaw) {
  const core::Limits limits;
  const std::string text("a\0b\xff\xfe\xc3(", 7);
  const auto o = read_whole(limits, "220 " + text + "\r\n");
  ASSERT_EQ(o.status, Status::complete);
  ASSERT_EQ(o.reply.lines.size(), 1u);
  EXPECT_EQ(o.reply.lines[0], text);
  EXPECT_EQ(o.reply.lines[0].size(), 7u);
}

TEST(ReplyReader, ReadsCodeAloneWithoutText) {
  const core::Limits limits;
  const auto o = read_whole(limits, "220\r\n");
  ASSERT_EQ(o.status, Status::complete);
  EXPECT_EQ(o.reply.code, 220);
  EXPECT_EQ(o.reply.lines, (std::vector<std::string>{""}));
  EXPECT_EQ(o.reply.text(), "");
}

TEST(ReplyReader, AcceptsLineOfExactlyMaxLength) {
  core::Limits limits;
  limits.max_reply_line = 64;
  const std::string line = "250 " + std::string(60, 'x');
  ASSERT_EQ(line.size(), limits.max_reply_line);
  const auto o = read_whole(limits, line + "\r\n");
  ASSERT_EQ(o.status, Status::complete);
  EXPECT_EQ(o.reply.lines.front(), std::string(60, 'x'));
}

TEST(ReplyReader, AcceptsMaxLengthLineSplitBetweenCrAndLf) {
  // The CR is not part of the line (RFC 5321 4.2): a line of max_reply_line bytes is allowed
  // whether or not its LF arrives in a later segment.
  core::Limits limits;
  limits.max_reply_line = 64;
  ReplyReader reader(limits);
  reader.append("250 " + std::string(60, 'x') + "\r");
  auto o = next(reader);
  EXPECT_EQ(o.status, Status::need_more);
  EXPECT_EQ(o.error, ReplyError::none);
  reader.append("\n");
  o = next(reader);
  ASSERT_EQ(o.status, Status::complete);
  EXPECT_EQ(o.reply.lines.front(), std::string(60, 'x'));
}

TEST(ReplyReader, RejectsOverlongLine) {
  const core::Limits limits;
  const auto o = read_whole(limits, "250 " + std::string(limits.max_reply_line, 'x') + "\r\n");
  ASSERT_EQ(o.status, Status::error);
  EXPECT_EQ(o.error, ReplyError::line_too_long);
}

TEST(ReplyReader, RejectsOverlongLineWithoutLineEnd) {
  // A server that never ends its line must not make the reader wait (and buffer) forever.
  const core::Limits limits;
  const auto o = read_whole(limits, "220 " + std::string(limits.max_reply_line, 'x'));
  ASSERT_EQ(o.status, Status::error);
  EXPECT_EQ(o.error, ReplyError::line_too_long);
}

TEST(ReplyReader, RejectsOverlongLineArrivingByteByByte) {
  core::Limits limits;
  limits.max_reply_line = 32;
  const auto o = read_bytewise(limits, "220 " + std::string(100, 'x'));
  ASSERT_EQ(o.status, Status::error);
  EXPECT_EQ(o.error, ReplyError::line_too_long);
}

TEST(ReplyReader, RejectsEndlessContinuation) {
  const core::Limits limits;
  std::string bytes;
  for (std::size_t i = 0; i <= limits.max_reply_lines; ++i) bytes += "250-more\r\n";
  const auto o = read_whole(limits, bytes);
  ASSERT_EQ(o.status, Status::error);
  EXPECT_EQ(o.error, ReplyError::too_many_lines);
}

TEST(ReplyReader, AcceptsExactlyMaxLines) {
  const core::Limits limits;
  std::string bytes;
  for (std::size_t i = 1; i < limits.max_reply_lines; ++i) bytes += "250-more\r\n";
  bytes += "250 last\r\n";
  const auto o = read_whole(limits, bytes);
  ASSERT_EQ(o.status, Status::complete);
  EXPECT_EQ(o.reply.lines.size(), limits.max_reply_lines);
}

TEST(ReplyReader, RejectsReplyOverMaxBytes) {
  const core::Limits limits;
  const std::string line = "250-" + std::string(1000, 'y') + "\r\n";
  std::string bytes;
  while (bytes.size() <= limits.max_reply_bytes) bytes += line;
  ASSERT_LT(bytes.size() / line.size(), limits.max_reply_lines);  // the byte bound, not the line bound
  const auto o = read_whole(limits, bytes);
  ASSERT_EQ(o.status, Status::error);
  EXPECT_EQ(o.error, ReplyError::too_large);
}

TEST(ReplyReader, RejectsGarbageBeforeAnyLineEnd) {
  const core::Limits limits;
  for (const std::string garbage :
       {"HTTP/1.1 400 Bad Request", "SSH-2.0-OpenSSH_9.2", "\x16\x03\x01", "2x0 hi", "22 "}) {
    const auto o = read_whole(limits, garbage);
    EXPECT_EQ(o.status, Status::error) << garbage;
    EXPECT_EQ(o.error, ReplyError::malformed) << garbage;
  }
}

TEST(ReplyReader, RejectsGarbageLine) {
  const core::Limits limits;
  for (const std::string line : {"hello\r\n", "\r\n", "\n", "25\r\n", "250x ok\r\n", "2500 ok\r\n"}) {
    const auto o = read_whole(limits, line);
    EXPECT_EQ(o.status, Status::error) << line;
    EXPECT_EQ(o.error, ReplyError::malformed) << line;
  }
}

TEST(ReplyReader, RejectsMismatchedCodesAcrossLines) {
  const core::Limits limits;
  const auto o = read_whole(limits, "250-mx.example.com\r\n251 STARTTLS\r\n");
  ASSERT_EQ(o.status, Status::error);
  EXPECT_EQ(o.error, ReplyError::malformed);
}

TEST(ReplyReader, RejectsCodesOutsideTwoToFiveHundreds) {
  const core::Limits limits;
  for (const std::string line : {"999 what\r\n", "123 what\r\n", "000 what\r\n", "600 what\r\n", "199 what\r\n"}) {
    const auto o = read_whole(limits, line);
    EXPECT_EQ(o.status, Status::error) << line;
    EXPECT_EQ(o.error, ReplyError::malformed) << line;
  }
}

TEST(ReplyReader, GivesSameResultWholeOrByteByByte) {
  // TCP may split a reply anywhere, including between CR and LF; the outcome must not depend on it.
  core::Limits limits;
  limits.max_reply_line = 64;
  limits.max_reply_lines = 4;
  limits.max_reply_bytes = 200;
  const std::vector<std::string> inputs = {
      "220 ok\r\n",
      "250-a\r\n250-b\r\n250 c\r\n",
      "250 " + std::string(60, 'x') + "\r\n",  // exactly max_reply_line
      "250 " + std::string(61, 'x') + "\r\n",  // one over
      "250-a\r\n250-b\r\n250-c\r\n250-d\r\n250 e\r\n",
      "250-a\n251 b\n",
  };
  for (const auto& in : inputs) {
    const auto whole = read_whole(limits, in);
    const auto bytewise = read_bytewise(limits, in);
    EXPECT_EQ(whole.status, bytewise.status) << in;
    EXPECT_EQ(whole.error, bytewise.error) << in;
    EXPECT_EQ(whole.reply.lines, bytewise.reply.lines) << in;
  }
}

TEST(ReplyReader, PlausibleStartTellsRepliesFromOtherProtocols) {
  const core::Limits limits;
  const auto plausible = [&](const std::string& bytes) {
    ReplyReader reader(limits);
    reader.append(bytes);
    return reader.plausible_start();
  };
  EXPECT_TRUE(plausible(""));
  EXPECT_TRUE(plausible("2"));
  EXPECT_TRUE(plausible("22"));
  EXPECT_TRUE(plausible("220"));
  EXPECT_TRUE(plausible("220 "));
  EXPECT_TRUE(plausible("220-mx"));
  EXPECT_TRUE(plausible("220\r\n"));
  EXPECT_FALSE(plausible("HTTP/1.1 200 OK"));
  EXPECT_FALSE(plausible("SSH-2.0"));
  EXPECT_FALSE(plausible("2a"));
  EXPECT_FALSE(plausible("220x"));
  EXPECT_FALSE(plausible(std::string("\0\0\0", 3)));
}

TEST(ReplyReader, ErrorNamesMatchEvidence) {
  EXPECT_EQ(to_string(ReplyError::none), "none");
  EXPECT_EQ(to_string(ReplyError::line_too_long), "line_too_long");
  EXPECT_EQ(to_string(ReplyError::too_many_lines), "too_many_lines");
  EXPECT_EQ(to_string(ReplyError::too_large), "too_large");
  EXPECT_EQ(to_string(ReplyError::malformed), "malformed");
}

}  // namespace
}  // namespace mxray::smtp
