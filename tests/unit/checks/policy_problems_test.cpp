// The MTA-STS and TLS-RPT parsers record problems as codes; the judge words them in the
// report's language, and evidence saved before the codes (English sentences) reads as written.
#include "mxray/checks/policy_problems.hpp"

#include <gtest/gtest.h>

#include "mxray/policy/mta_sts_policy.hpp"
#include "mxray/policy/tls_rpt.hpp"

namespace mxray::checks {
namespace {

TEST(PolicyProblems, PolicyErrorsAndLinesAreWordedPerLanguage) {
  const auto p = policy::parse_policy("version: STSv2\nmode: strict\nmx: *bad.example\nnonsense\n", 100);
  ASSERT_FALSE(p.valid);
  const auto en = i18n::render("en", sts_policy_errors(p));
  EXPECT_NE(en.find("version is \"STSv2\", not STSv1"), std::string::npos) << en;
  EXPECT_NE(en.find("mode is \"strict\""), std::string::npos) << en;
  const auto de = i18n::render("de", sts_policy_errors(p));
  EXPECT_NE(de.find("„STSv2“"), std::string::npos) << de;
  EXPECT_EQ(de.find("not STSv1"), std::string::npos) << de;
  const auto lines_en = i18n::render("en", sts_bad_lines(p));
  EXPECT_NE(lines_en.find("line 3 \"mx: *bad.example\": a wildcard is allowed only"), std::string::npos) << lines_en;
  EXPECT_NE(lines_en.find("\nline 4 \"nonsense\": not a \"key: value\" line"), std::string::npos) << lines_en;
  const auto lines_fr = i18n::render("fr", sts_bad_lines(p));
  EXPECT_NE(lines_fr.find("ligne 4"), std::string::npos) << lines_fr;
  EXPECT_EQ(lines_fr.find("not a"), std::string::npos) << lines_fr;
}

TEST(PolicyProblems, TxtRecordsAreWordedAndCounted) {
  report::MtaStsEvidence sts;
  policy::evaluate_sts_txt({"v=STSv1; id=a", "v=STSv1; id=b"}, sts);
  EXPECT_EQ(sts.txt_error, "several");
  EXPECT_EQ(i18n::render("en", sts_txt_problem(sts)), "2 records start with v=STSv1");
  EXPECT_EQ(i18n::render("es", sts_txt_problem(sts)), "2 registros empiezan por v=STSv1");
  report::MtaStsEvidence bad;
  policy::evaluate_sts_txt({"v=STSv1; id=no-dashes"}, bad);
  EXPECT_EQ(i18n::render("en", sts_txt_problem(bad)),
            "the id of \"v=STSv1; id=no-dashes\" is not 1 to 32 letters and digits");
  report::TlsRptEvidence rpt;
  policy::evaluate_tls_rpt({"v=TLSRPTv1; rua=ftp://x.example"}, rpt);
  EXPECT_EQ(rpt.error, "malformed");
  EXPECT_NE(i18n::render("it", tls_rpt_problem(rpt)).find("non è né mailto: né https:"), std::string::npos);
}

TEST(PolicyProblems, FetchErrorsAreWordedFromTheirFields) {
  report::PolicyFetch f;
  f.error_kind = "status";
  f.status = 404;
  f.error = "HTTP status 404 (only 200 is accepted)";
  EXPECT_EQ(i18n::render("en", policy_fetch_error(f)), f.error);
  EXPECT_EQ(i18n::render("de", policy_fetch_error(f)), "HTTP-Status 404 (nur 200 wird akzeptiert)");
  f.error_kind = "timeout";
  f.ms = 10000;
  EXPECT_EQ(i18n::render("fr", policy_fetch_error(f)), "aucune politique en 10,0 s");
  f.error_kind = "connect";
  f.error = "Connection refused";
  EXPECT_EQ(i18n::render("it", policy_fetch_error(f)), "Connection refused") << "the system's words stay";
}

TEST(PolicyProblems, SentencesOfOlderEvidenceReadAsWritten) {
  report::MtaStsPolicy p;
  p.errors = {"no valid mx line", "mode is \"x\", not enforce, testing or none"};
  EXPECT_EQ(i18n::render("fr", sts_policy_error(p.errors[1], p)), p.errors[1]);
  report::TlsRptEvidence rpt;
  rpt.detail = "rua \"ftp://x\": not a mailto: or https: URI";
  EXPECT_EQ(i18n::render("de", tls_rpt_problem(rpt)), rpt.detail);
}

}  // namespace
}  // namespace mxray::checks
