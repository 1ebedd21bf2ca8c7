// HTTP tests of issue 14's parts on the page's API, against the lab: an address literal is
// checked without DNS (but never on another port), ?at= judges the report as of later, and
// ?submission=1 adds the submission services (the page's checkbox), on the stream too.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_process.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

bool has_finding(const json& report, const std::string& id) {
  for (const auto& f : report["findings"]) {
    if (f["id"] == id) return true;
  }
  return false;
}

TEST(WebPostmaster, AddressLiteralIsCheckedDirectly) {
  ServerProcess server(lab_server_args(true));
  const auto r = server.get("/api/v1/check?domain=%5B127.0.0.10%5D");
  ASSERT_EQ(r.status, 200) << r.error << r.body;
  const auto j = body_json(r);
  EXPECT_EQ(j["target"]["kind"], "address");
  EXPECT_EQ(j["mx"][0]["addresses"][0]["ip"], "127.0.0.10");
  EXPECT_TRUE(j["mx"][0]["addresses"][0]["starttls"]["ok"]) << r.body;
  EXPECT_TRUE(has_finding(j, "target.address"));
  const auto port = server.get("/api/v1/check?domain=%5B127.0.0.10%5D:2525");
  EXPECT_EQ(port.status, 400) << "visitors cannot aim the server at another port: " << port.body;
}

TEST(WebPostmaster, AtJudgesAsOfALaterMoment) {
  ServerProcess server(lab_server_args(true));
  const auto later = server.get("/api/v1/check?domain=good.test&at=%2B400d");
  ASSERT_EQ(later.status, 200) << later.error << later.body;
  const auto j = body_json(later);
  EXPECT_EQ(j["judged_at_epoch"], j["checked_at_epoch"].get<long long>() + 400 * 86400);
  EXPECT_TRUE(has_finding(j, "cert.expired")) << later.body;
  EXPECT_EQ(server.get("/api/v1/check?domain=good.test&at=soon").status, 400);
}

TEST(WebPostmaster, SubmissionParameterAddsTheSubmissionServices) {
  ServerProcess server(lab_server_args(true));
  const auto with = server.get("/api/v1/check?domain=submit-authplain.test&submission=1");
  ASSERT_EQ(with.status, 200) << with.error << with.body;
  const auto j = body_json(with);
  EXPECT_TRUE(j["submission"]["checked"]);
  EXPECT_EQ(j["status"]["submission"], "critical") << with.body;
  EXPECT_TRUE(has_finding(j, "submission.auth_before_tls")) << with.body;
  const auto without = body_json(server.get("/api/v1/check?domain=submit-authplain.test"));
  EXPECT_FALSE(without["submission"]["checked"]);
  EXPECT_FALSE(has_finding(without, "submission.auth_before_tls"));
  const auto stream = server.get("/api/v1/check/stream?domain=submit.test&submission=1");
  ASSERT_EQ(stream.status, 200) << stream.error;
  EXPECT_NE(stream.body.find("submission.ok"), std::string::npos) << stream.body.substr(0, 2000);
  // The page has the checkbox and shows the section.
  const auto page = server.get("/");
  EXPECT_NE(page.body.find("id=\"submission\""), std::string::npos);
  EXPECT_NE(server.get("/app.js").body.find("renderSubmission"), std::string::npos);
}

}  // namespace
}  // namespace mxray::testing
