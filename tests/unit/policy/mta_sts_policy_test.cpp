// The MTA-STS policy parser (RFC 8461 3.2) and the _mta-sts TXT record (3.1): line ends,
// required keys and their ranges, unknown keys, malformed lines, and the TXT id rules.
#include <gtest/gtest.h>

#include "mxray/policy/mta_sts_policy.hpp"

namespace mxray::policy {
namespace {

TEST(MtaStsPolicy, ParsesCrlfPolicy) {
  const auto p = parse_policy(
      "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n", 1000);
  EXPECT_TRUE(p.valid);
  EXPECT_EQ(p.version, "STSv1");
  EXPECT_EQ(p.mode, "enforce");
  EXPECT_EQ(p.mx, (std::vector<std::string>{"mail.example.com", "*.example.net"}));
  EXPECT_EQ(p.max_age, 604800);
  EXPECT_TRUE(p.bad_lines.empty());
}

TEST(MtaStsPolicy, ParsesLfPolicyWithoutFinalNewlineAndSpaces) {
  const auto p = parse_policy("version:STSv1\nmode:   testing\nmx: mx.example.com\nmax_age: 0", 1000);
  EXPECT_TRUE(p.valid);
  EXPECT_EQ(p.mode, "testing");
  EXPECT_EQ(p.max_age, 0);
}

TEST(MtaStsPolicy, ToleratesUnknownKeys) {
  const auto p = parse_policy("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nfuture: yes\n", 1000);
  EXPECT_TRUE(p.valid);
  EXPECT_EQ(p.unknown_keys, std::vector<std::string>{"future"});
  EXPECT_TRUE(p.bad_lines.empty());
}

TEST(MtaStsPolicy, ReportsMalformedLinesWithNumbers) {
  const auto p = parse_policy(
      "version: STSv1\nmode: enforce\nno colon here\nmx: a.*.example\nmx: a.example\nmax_age: 1\nmax_age: 2\n", 1000);
  EXPECT_TRUE(p.valid);
  ASSERT_EQ(p.bad_lines.size(), 3u);
  EXPECT_EQ(p.bad_lines[0].line, 3);
  EXPECT_EQ(p.bad_lines[1].line, 4);
  EXPECT_EQ(p.bad_lines[2].line, 7);
  EXPECT_EQ(p.max_age, 1) << "the first max_age counts";
}

TEST(MtaStsPolicy, MaxAgeBounds) {
  EXPECT_TRUE(parse_policy("version: STSv1\nmode: none\nmax_age: 31557600\n", 100).valid);
  const auto over = parse_policy("version: STSv1\nmode: none\nmax_age: 31557601\n", 100);
  EXPECT_FALSE(over.valid);
  EXPECT_EQ(over.max_age, -1);
  EXPECT_FALSE(parse_policy("version: STSv1\nmode: none\nmax_age: -5\n", 100).valid);
  EXPECT_FALSE(parse_policy("version: STSv1\nmode: none\nmax_age: 1e6\n", 100).valid);
}

TEST(MtaStsPolicy, RequiredFields) {
  EXPECT_FALSE(parse_policy("mode: enforce\nmx: a.example\nmax_age: 1\n", 100).valid);
  EXPECT_FALSE(parse_policy("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n", 100).valid);
  EXPECT_FALSE(parse_policy("version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1\n", 100).valid);
  const auto no_mx = parse_policy("version: STSv1\nmode: enforce\nmax_age: 1\n", 100);
  EXPECT_FALSE(no_mx.valid);
  EXPECT_EQ(no_mx.errors, std::vector<std::string>{"no_mx"});
  EXPECT_TRUE(parse_policy("version: STSv1\nmode: none\nmax_age: 1\n", 100).valid) << "mode none needs no mx";
}

TEST(MtaStsPolicy, LineBoundIsRespected) {
  std::string body = "version: STSv1\nmode: enforce\nmx: a.example\n";
  for (int i = 0; i < 50; ++i) body += "\n";
  body += "max_age: 1\n";
  EXPECT_FALSE(parse_policy(body, 10).valid) << "max_age lies past the line bound";
}

report::MtaStsEvidence txt(std::vector<std::string> records) {
  report::MtaStsEvidence sts;
  evaluate_sts_txt(records, sts);
  return sts;
}

TEST(MtaStsTxt, OneValidRecord) {
  const auto s = txt({"v=spf1 -all", "v=STSv1; id=20240101T000000Z"});
  EXPECT_EQ(s.txt_error, "") << "letters and digits";
  EXPECT_EQ(s.id, "20240101T000000Z");
  const auto ok = txt({"v=spf1 -all", "v=STSv1; id=20240101000000;"});
  EXPECT_EQ(ok.txt_error, "");
  EXPECT_EQ(ok.id, "20240101000000");
}

TEST(MtaStsTxt, NoneSeveralMalformed) {
  EXPECT_EQ(txt({}).txt_error, "none");
  EXPECT_EQ(txt({"v=spf1 -all"}).txt_error, "none");
  EXPECT_EQ(txt({"v=STSv1; id=1", "v=STSv1; id=2"}).txt_error, "several");
  EXPECT_EQ(txt({"v=STSv1;"}).txt_error, "malformed");
  EXPECT_EQ(txt({"v=STSv1; id=" + std::string(33, 'a')}).txt_error, "malformed");
  EXPECT_EQ(txt({"v=STSv1; id=a-b"}).txt_error, "malformed");
  EXPECT_EQ(txt({"v=STSv10; id=1"}).txt_error, "malformed");
  EXPECT_EQ(txt({"v=STSv1; id=" + std::string(32, 'a')}).txt_error, "");
}

}  // namespace
}  // namespace mxray::policy
