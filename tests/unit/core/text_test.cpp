// The shared text helpers: ASCII-only case folding (locale-independent), trimming, hex.
#include "mxray/core/text.hpp"

#include <gtest/gtest.h>

namespace mxray::core {
namespace {

TEST(Text, FoldsAsciiOnly) {
  EXPECT_EQ(ascii_lower("MX1.Example.ORG"), "mx1.example.org");
  EXPECT_EQ(ascii_upper("starttls auth=login"), "STARTTLS AUTH=LOGIN");
  EXPECT_EQ(ascii_lower("\xc3\x89T\xc3\x89"), "\xc3\x89t\xc3\x89") << "bytes above 0x7f are left alone";
}

TEST(Text, TrimsBlanksOrAllSpace) {
  EXPECT_EQ(trim_blanks(" \t x y \t"), "x y");
  EXPECT_EQ(trim_blanks("\r\nx\r\n"), "\r\nx\r\n");
  EXPECT_EQ(trim_space("\r\n x \n"), "x");
  EXPECT_EQ(trim_space("   "), "");
}

TEST(Text, HexAndNames) {
  const unsigned char bytes[] = {0x00, 0x0f, 0xa0, 0xff};
  EXPECT_EQ(hex_lower(bytes, 4), "000fa0ff");
  EXPECT_EQ(hex_lower(bytes, 0), "");
  EXPECT_EQ(normal_name("MX.Example.TEST."), "mx.example.test");
  EXPECT_EQ(normal_name(""), "");
}

}  // namespace
}  // namespace mxray::core
