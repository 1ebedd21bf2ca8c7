// printable and is_printable: network bytes made safe for a terminal, JSON or HTML;
// printable ASCII passes, backslash and every other byte are escaped.
#include "mxray/core/printable.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mxray::core {
namespace {

TEST(Printable, PassesPrintableAscii) {
  EXPECT_EQ(printable("220 mx.example.com ESMTP ~ready!"), "220 mx.example.com ESMTP ~ready!");
  EXPECT_EQ(printable(""), "");
}

TEST(Printable, EscapesControlBytes) {
  EXPECT_EQ(printable("a\r\nb"), "a\\x0d\\x0ab");
  EXPECT_EQ(printable("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(printable("\t"), "\\x09");
  EXPECT_EQ(printable("\x7f"), "\\x7f");
}

TEST(Printable, EscapesNul) { EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b"); }

TEST(Printable, EscapesHighBytes) {
  EXPECT_EQ(printable("\x80"), "\\x80");
  EXPECT_EQ(printable("\xff\xfe"), "\\xff\\xfe");
  EXPECT_EQ(printable("b\xc3\xbc"
                      "cher"),
            "b\\xc3\\xbccher");  // UTF-8 is escaped too: output is ASCII only
}

TEST(Printable, EscapesBackslash) {
  EXPECT_EQ(printable("\\"), "\\\\");
  // Without escaping the backslash, the text "\x00" and the byte NUL would print the same.
  EXPECT_NE(printable("\\x00"), printable(std::string(1, '\0')));
}

TEST(Printable, OutputIsAlwaysPrintable) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  const auto out = printable(all);
  EXPECT_TRUE(is_printable(out));
  EXPECT_EQ(out.size(), 95u - 1 + 2 + 161u * 4);  // 94 pass, '\\' doubles, 161 become \xNN
}

TEST(IsPrintable, TellsPrintableAscii) {
  EXPECT_TRUE(is_printable("220 ok"));
  EXPECT_TRUE(is_printable(""));
  EXPECT_FALSE(is_printable("220 ok\r\n"));
  EXPECT_FALSE(is_printable(std::string("a\0", 2)));
  EXPECT_FALSE(is_printable("\xc3\xbc"));
  EXPECT_FALSE(is_printable("\x7f"));
}

}  // namespace
}  // namespace mxray::core
