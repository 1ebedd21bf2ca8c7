// The submission section as rendered: the terminal shows each service with the judge's mark,
// the JSON carries the judge's status per service and the domain step "submission".
#include <gtest/gtest.h>

#include "mxray/checks/judge.hpp"
#include "mxray/report/json.hpp"
#include "mxray/report/text.hpp"
#include "support/evidence_fixture.hpp"

namespace mxray::report {
namespace {

DomainEvidence with_starttls_service(bool auth_before_tls) {
  auto ev = test::load_evidence("good");
  ev.submission.checked = true;
  ev.submission.source = "srv";
  ev.submission.submission.name = "_submission._tcp.good.test";
  SrvRecord r;
  r.port = 587;
  r.target = "smtp.good.test";
  ev.submission.submission.records.push_back(r);
  SubmissionService s;
  s.host = "smtp.good.test";
  s.port = 587;
  s.mode = "starttls";
  s.found_by = "srv";
  SubmissionAddress a;
  a.ip = "192.0.2.25";
  a.connect.ok = true;
  a.banner.received = true;
  a.banner.code = 220;
  a.ehlo.code = 250;
  a.ehlo.extensions = {{"STARTTLS", ""}};
  if (auth_before_tls) a.ehlo.extensions["AUTH"] = "PLAIN";
  a.tls.offered = a.tls.attempted = a.tls.ok = true;
  a.tls.version = "TLSv1.3";
  a.certificate.present = a.certificate.trusted = a.certificate.hostname_match = true;
  a.certificate.days_left = 100;
  a.ehlo_tls.code = 250;
  a.ehlo_tls.extensions = {{"AUTH", "PLAIN"}};
  s.addresses.push_back(a);
  ev.submission.services.push_back(s);
  return ev;
}

TEST(SubmissionRender, TextAndJsonCarryTheJudgesStatus) {
  for (const bool bad : {false, true}) {
    const auto ev = with_starttls_service(bad);
    const auto j = checks::judge(ev);
    const auto text = render_text(ev, j, false, "en");
    EXPECT_NE(text.find("Submission"), std::string::npos);
    EXPECT_NE(text.find("SRV _submission._tcp.good.test: 0 0 587 smtp.good.test"), std::string::npos) << text;
    const std::string line = std::string(bad ? "✗" : "✓") + " smtp.good.test:587";
    EXPECT_NE(text.find(line), std::string::npos) << text;
    EXPECT_EQ(text.find("AUTH before TLS: PLAIN") != std::string::npos, bad) << text;
    const auto json = report_json(ev, j, "en");
    EXPECT_EQ(json["submission"]["services"][0]["status"], bad ? "critical" : "ok");
    EXPECT_EQ(json["status"]["submission"], bad ? "critical" : "warning") << "STARTTLS only is a warning";
  }
}

TEST(SubmissionRender, WithoutTheOptionNoSection) {
  const auto ev = test::load_evidence("good");
  const auto j = checks::judge(ev);
  EXPECT_EQ(render_text(ev, j, false, "en").find("Submission"), std::string::npos);
  EXPECT_FALSE(report_json(ev, j, "en")["status"].contains("submission"));
}

}  // namespace
}  // namespace mxray::report
