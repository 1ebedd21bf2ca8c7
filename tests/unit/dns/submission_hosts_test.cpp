// Planning the submission services (RFC 6186): SRV records first, "." as "none here", else
// the MX hosts and the usual names on 465 and 587.
#include <gtest/gtest.h>

#include "mxray/dns/submission_hosts.hpp"

namespace mxray::dns {
namespace {

report::SrvRecord srv(int port, std::string target) {
  report::SrvRecord r;
  r.port = port;
  r.target = std::move(target);
  return r;
}

TEST(SubmissionHosts, SrvRecordsNameTheServicesAndTheirMode) {
  report::DomainEvidence ev;
  ev.domain = "example.test";
  ev.submission.submissions.records = {srv(465, "a.example.test")};
  ev.submission.submission.records = {srv(2587, "b.example.test"), srv(587, ".")};
  const auto plan = plan_submission_services(ev, 6);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].host, "a.example.test");
  EXPECT_EQ(plan[0].mode, "implicit_tls");
  EXPECT_EQ(plan[1].port, 2587);
  EXPECT_EQ(plan[1].mode, "starttls");  // the SRV name decides, not the port
  EXPECT_EQ(plan[1].found_by, "srv");
}

TEST(SubmissionHosts, DotTargetMeansNoService) {
  report::DomainEvidence ev;
  ev.domain = "example.test";
  ev.submission.submissions.records = {srv(0, ".")};
  EXPECT_TRUE(plan_submission_services(ev, 6).empty());
}

TEST(SubmissionHosts, WithoutSrvTheMxHostsAndUsualNamesOnBothPorts) {
  report::DomainEvidence ev;
  ev.domain = "example.test";
  for (const char* h : {"mx1.example.test", "mx2.example.test", "mx3.example.test"}) {
    report::MxEvidence mx;
    mx.host = h;
    ev.mx.push_back(mx);
  }
  const auto plan = plan_submission_services(ev, 4);
  ASSERT_EQ(plan.size(), 8u);  // 2 MX (bounded) + smtp. + mail., each on 465 and 587
  EXPECT_EQ(plan[0].host, "mx1.example.test");
  EXPECT_EQ(plan[0].found_by, "mx");
  EXPECT_EQ(plan[0].mode, "implicit_tls");
  EXPECT_EQ(plan[1].port, 587);
  EXPECT_EQ(plan[4].host, "smtp.example.test");
  EXPECT_EQ(plan[4].found_by, "name");
  EXPECT_EQ(plan[7].host, "mail.example.test");
}

}  // namespace
}  // namespace mxray::dns
