// The Prometheus text of a check: valid exposition format for every saved evidence, whatever
// a DNS name or server string holds; the values are the judge's (checks/probe_outcome.hpp).
#include <gtest/gtest.h>

#include "mxray/checks/judge.hpp"
#include "mxray/checks/probe_outcome.hpp"
#include "mxray/report/prometheus.hpp"
#include "support/evidence_fixture.hpp"
#include "support/prometheus_text.hpp"

namespace mxray::report {
namespace {

std::string render(const DomainEvidence& ev) {
  const auto j = checks::judge(ev);
  return render_prometheus(ev, checks::probe_outcome(ev, j));
}

test::PromParse parsed(const std::string& name) {
  const auto text = render(test::load_evidence(name));
  auto p = test::parse_prometheus_text(text);
  EXPECT_EQ(p.error, "") << name << ":\n" << text;
  return p;
}

double value_of(const test::PromParse& p, const std::string& name,
                const std::map<std::string, std::string>& labels = {}) {
  const auto found = p.find(name, labels);
  EXPECT_EQ(found.size(), 1u) << name;
  return found.empty() ? -1 : found.front().value;
}

TEST(Prometheus, EveryFixtureIsValidTextFormat) {
  for (const auto& name : test::evidence_fixtures()) {
    const auto ev = test::load_evidence(name);
    const auto text = render(ev);
    const auto p = test::parse_prometheus_text(text);
    ASSERT_EQ(p.error, "") << name << ":\n" << text;
    for (const auto& [family, type] : p.types) {
      EXPECT_EQ(family.rfind("mxray_", 0), 0u) << family;
      EXPECT_TRUE(p.help.count(family)) << family;
      EXPECT_EQ(type, "gauge") << family;
    }
    EXPECT_EQ(p.find("mxray_probe_success").size(), 1u) << name;
    EXPECT_EQ(p.find("mxray_probe_duration_seconds").size(), 1u) << name;
    // One verdict, the judge's.
    double ones = 0;
    for (const auto& s : p.find("mxray_verdict")) ones += s.value;
    EXPECT_EQ(ones, 1) << name;
    const auto j = checks::judge(ev);
    EXPECT_EQ(value_of(p, "mxray_verdict", {{"verdict", std::string(checks::to_string(j.verdict))}}), 1) << name;
    double findings = 0;
    for (const auto& s : p.find("mxray_findings")) findings += s.value;
    EXPECT_EQ(findings, static_cast<double>(j.findings.size())) << name;
    // Every address of every MX name has its connect, greeting and STARTTLS answers.
    std::size_t addresses = 0;
    for (const auto& mx : ev.mx) addresses += mx.addresses.size();
    EXPECT_EQ(p.find("mxray_connect_success").size(), addresses) << name;
    EXPECT_EQ(p.find("mxray_greeting_success").size(), addresses) << name;
    EXPECT_EQ(p.find("mxray_starttls_success").size(), addresses) << name;
  }
}

TEST(Prometheus, GoodDomainPerAddress) {
  const auto ev = test::load_evidence("good");
  const auto p = parsed("good");
  EXPECT_EQ(value_of(p, "mxray_probe_success"), 1);
  EXPECT_NEAR(value_of(p, "mxray_probe_duration_seconds"), ev.duration_ms / 1000.0, 1e-9);
  const auto& mx = ev.mx.at(0);
  for (const auto& a : mx.addresses) {
    const std::map<std::string, std::string> at{{"mx", mx.host}, {"ip", a.ip}};
    EXPECT_EQ(value_of(p, "mxray_connect_success", at), 1) << a.ip;
    EXPECT_EQ(value_of(p, "mxray_greeting_success", at), 1) << a.ip;
    EXPECT_EQ(value_of(p, "mxray_starttls_success", at), 1) << a.ip;
    EXPECT_NEAR(value_of(p, "mxray_connect_duration_seconds", at), a.connect.ms / 1000.0, 1e-9);
    auto with_version = at;
    with_version["version"] = a.starttls.version;
    EXPECT_EQ(value_of(p, "mxray_tls_version_info", with_version), 1) << a.ip;
    auto leaf = at;
    leaf["depth"] = "0";
    EXPECT_EQ(value_of(p, "mxray_cert_not_after_timestamp_seconds", leaf),
              static_cast<double>(a.certificate.chain.at(0).not_after_epoch));
    EXPECT_EQ(p.find("mxray_cert_not_after_timestamp_seconds", at).size(), a.certificate.chain.size()) << a.ip;
    EXPECT_EQ(value_of(p, "mxray_cert_trusted", at), 1);
  }
}

TEST(Prometheus, ExpiredCertificateStillHasTlsMetrics) {
  const auto ev = test::load_evidence("cert_expired");
  const auto p = parsed("cert_expired");
  EXPECT_EQ(value_of(p, "mxray_probe_success"), checks::probe_outcome(ev, checks::judge(ev)).success ? 1 : 0);
  const auto& mx = ev.mx.at(0);
  const auto& a = mx.addresses.at(0);
  const std::map<std::string, std::string> at{{"mx", mx.host}, {"ip", a.ip}};
  EXPECT_EQ(value_of(p, "mxray_starttls_success", at), 1);
  EXPECT_EQ(p.find("mxray_tls_version_info", at).size(), 1u);
  auto leaf = at;
  leaf["depth"] = "0";
  EXPECT_LT(value_of(p, "mxray_cert_not_after_timestamp_seconds", leaf), static_cast<double>(ev.checked_at_epoch));
  EXPECT_EQ(value_of(p, "mxray_cert_trusted", at), 0);
}

TEST(Prometheus, UntrustedCertificateStillHasTlsMetrics) {
  const auto p = parsed("cert_self_signed");
  ASSERT_FALSE(p.find("mxray_cert_not_after_timestamp_seconds").empty());
  EXPECT_EQ(p.find("mxray_cert_trusted").at(0).value, 0);
  EXPECT_EQ(p.find("mxray_tls_version_info").size(), 1u);
}

TEST(Prometheus, DaneMatchWhereDaneApplies) {
  const auto mismatch = parsed("dane_mismatch");
  EXPECT_EQ(value_of(mismatch, "mxray_dane_match", {{"mx", "mismatch.dane.test"}}), 0);
  const auto combos = parsed("dane_combos");
  EXPECT_EQ(combos.find("mxray_dane_match").size(), 12u) << "one MX name per combination, one shared address";
  for (const auto& s : combos.find("mxray_dane_match")) EXPECT_EQ(s.value, 1) << s.labels.at("mx");
  EXPECT_TRUE(parsed("good").find("mxray_dane_match").empty()) << "no TLSA records: DANE does not apply";
}

TEST(Prometheus, OpenRelayIsTheJudgesFinding) {
  const auto open = parsed("relay_open");
  ASSERT_FALSE(open.find("mxray_open_relay").empty());
  EXPECT_EQ(open.find("mxray_open_relay").at(0).value, 1);
}

TEST(Prometheus, MtaStsModeAndUnlistedMx) {
  const auto p = parsed("sts_unlisted");
  EXPECT_EQ(value_of(p, "mxray_mta_sts_mode_info", {{"mode", "enforce"}}), 1);
  EXPECT_EQ(value_of(p, "mxray_mta_sts_mx_listed", {{"mx", "mx1.good.test"}}), 1);
  EXPECT_EQ(value_of(p, "mxray_mta_sts_mx_listed", {{"mx", "mx.multiline.test"}}), 0);
  EXPECT_TRUE(parsed("good").find("mxray_mta_sts_mode_info").empty());
}

TEST(Prometheus, LabelValuesAreEscaped) {
  EXPECT_EQ(prometheus_label_value("mx.example"), "mx.example");
  EXPECT_EQ(prometheus_label_value("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
  EXPECT_EQ(prometheus_label_value(std::string("x\x01\xff", 3)), "x\\\\x01\\\\xff");
  EXPECT_EQ(prometheus_label_value(std::string(5000, 'a')).size(), kMaxLabelValue);
  // A cut never leaves half an escape: the bound applies before escaping.
  EXPECT_EQ(prometheus_label_value(std::string(kMaxLabelValue - 1, 'a') + "\"\""),
            std::string(kMaxLabelValue - 1, 'a') + "\\\"");
}

TEST(Prometheus, HostileNamesCannotBreakTheFormat) {
  auto ev = test::load_evidence("good");
  const std::string hostile =
      std::string("evil\"} 1\nmxray_probe_success 1\n# TYPE x counter\n\\\"\r\t") + std::string(1, '\0') + "\xc3(";
  ev.mx.at(0).host = hostile;
  ev.mx.at(0).addresses.at(0).ip = "127.0.0.1\"}";
  ev.mx.at(0).addresses.at(0).starttls.version = "TLSv1.3\"} 0\n";
  ev.mta_sts.policy.parsed = true;
  ev.mta_sts.policy.valid = true;
  ev.mta_sts.policy.mode = "enforce\"\n";
  ev.mta_sts.mx = {{hostile, false, ""}};
  const auto text = render(ev);
  const auto p = test::parse_prometheus_text(text);
  ASSERT_EQ(p.error, "") << text;
  EXPECT_EQ(p.find("mxray_probe_success").size(), 1u) << text;
  EXPECT_EQ(p.types.count("x"), 0u) << text;
  // The value reads back as the name, its unprintable bytes as the text \xNN.
  const auto connect = p.find("mxray_connect_success", {{"ip", "127.0.0.1\"}"}});
  ASSERT_EQ(connect.size(), 1u) << text;
  const auto& mx = connect.front().labels.at("mx");
  EXPECT_EQ(mx.rfind("evil\"} 1\nmxray_probe_success 1\n# TYPE x counter\n\\\"\\x0d\\x09\\x00\\xc3(", 0), 0u) << mx;
  EXPECT_EQ(value_of(p, "mxray_mta_sts_mode_info", {{"mode", "invalid"}}), 1)
      << "only the three modes are label values";
  EXPECT_EQ(text.find("\n# TYPE x counter\n"), std::string::npos) << text;
}

TEST(Prometheus, ErrorIsAFailedProbe) {
  const auto text = render_prometheus_error(1.5);
  const auto p = test::parse_prometheus_text(text);
  ASSERT_EQ(p.error, "") << text;
  EXPECT_EQ(value_of(p, "mxray_probe_success"), 0);
  EXPECT_EQ(value_of(p, "mxray_probe_duration_seconds"), 1.5);
}

TEST(PrometheusParser, RejectsBrokenText) {
  // The reader the tests above rely on must fail on what the renderer must never write.
  EXPECT_NE(test::parse_prometheus_text("a{b=\"c\n").error, "");
  EXPECT_NE(test::parse_prometheus_text("# TYPE a gauge\na{b=\"c\\x\"} 1\n").error, "");
  EXPECT_NE(test::parse_prometheus_text("a 1\n").error, "") << "no TYPE";
  EXPECT_NE(test::parse_prometheus_text("# TYPE a gauge\n# TYPE b gauge\na 1\nb 1\na{x=\"1\"} 1\n").error, "");
  EXPECT_NE(test::parse_prometheus_text("# TYPE a gauge\na 1\na 1\n").error, "") << "series twice";
  EXPECT_NE(test::parse_prometheus_text("# TYPE a gauge\na one\n").error, "");
  EXPECT_EQ(test::parse_prometheus_text("# HELP a x\\ny\n# TYPE a gauge\na{b=\"\\\"\\\\\\n\"} 1\n").error, "");
}

}  // namespace
}  // namespace mxray::report
