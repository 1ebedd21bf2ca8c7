// The TLS-RPT record (RFC 8460 3): version, rua URIs (mailto:, https:), several records.
#include <gtest/gtest.h>

#include "mxray/policy/tls_rpt.hpp"

namespace mxray::policy {
namespace {

report::TlsRptEvidence eval(std::vector<std::string> records) {
  report::TlsRptEvidence r;
  evaluate_tls_rpt(records, r);
  return r;
}

TEST(TlsRpt, ValidRecordWithTwoUris) {
  const auto r = eval({"v=TLSRPTv1; rua=mailto:tls@example.com, https://reports.example.com/tls"});
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.rua, (std::vector<std::string>{"mailto:tls@example.com", "https://reports.example.com/tls"}));
}

TEST(TlsRpt, NoneSeveralMalformed) {
  EXPECT_EQ(eval({}).error, "none");
  EXPECT_EQ(eval({"v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com"}).error, "several");
  EXPECT_EQ(eval({"v=TLSRPTv1;"}).error, "malformed");
  EXPECT_EQ(eval({"v=TLSRPTv1; rua=ftp://example.com"}).error, "malformed");
  EXPECT_EQ(eval({"v=TLSRPTv1; rua=mailto:nobody"}).error, "malformed");
  EXPECT_EQ(eval({"v=TLSRPTv1; rua=https://"}).error, "malformed");
}

TEST(TlsRpt, RuaSyntax) {
  EXPECT_EQ(rua_problem("mailto:tls@example.com"), "");
  EXPECT_EQ(rua_problem("mailto:tls@example.com!10m"), "");
  EXPECT_NE(rua_problem("mailto:@example.com"), "");
  EXPECT_NE(rua_problem("mailto:tls@localhost"), "");
  EXPECT_EQ(rua_problem("https://r.example.com/x?y"), "");
  EXPECT_NE(rua_problem("http://r.example.com/"), "");
}

}  // namespace
}  // namespace mxray::policy
