// Interop: for every real MTA of the lab (lab/mta), what `mxray check --json` reports must be
// what the established tools report about the same server. A disagreement is a bug in mxray,
// unless a comment here explains why the other tool is wrong.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "lab_client.hpp"
#include "tools.hpp"

namespace mxray::interop {
namespace {

using mxray::testing::check_lab;
using mxray::testing::findings;
using nlohmann::json;

// The report's entry for one address (null when absent).
json address_of(const json& report, const std::string& ip) {
  if (!report.is_object() || !report.contains("mx")) return nullptr;
  for (const auto& mx : report["mx"]) {
    for (const auto& a : mx["addresses"]) {
      if (a.value("ip", "") == ip) return a;
    }
  }
  return nullptr;
}

class RealMta : public ::testing::TestWithParam<Mta> {
 protected:
  void SetUp() override {
    const auto& m = GetParam();
    const auto r = check_lab(m.domain);
    ASSERT_FALSE(r.json.is_null()) << "mxray gave no JSON for " << m.domain << "\n" << r.out << r.err;
    report_ = r.json;
    addr_ = address_of(report_, m.ip);
    ASSERT_FALSE(addr_.is_null()) << m.ip << " missing from the report\n" << r.out;
    // The server must be up: a lab that failed to start is a failure, never a skip.
    ASSERT_TRUE(addr_["connect"].value("ok", false)) << m.name << " (" << m.ip << ":25) is not answering\n" << r.out;
  }
  json report_;
  json addr_;
};

std::string name_of(const ::testing::TestParamInfo<Mta>& info) {
  std::string n;
  for (const char c : info.param.name) n += c == '-' ? '_' : c;
  return n;
}

TEST_P(RealMta, BannerAndExtensionsEqualSwaks) {
  const auto s = swaks_ehlo(GetParam().ip);
  ASSERT_EQ(s.banner_code, 220) << s.raw;
  EXPECT_EQ(addr_["banner"]["code"], s.banner_code);
  EXPECT_EQ(addr_["banner"]["text"], s.banner_text) << s.raw;
  std::map<std::string, std::string> ours;
  for (const auto& [k, v] : addr_["ehlo"]["extensions"].items()) ours[k] = v.get<std::string>();
  EXPECT_EQ(ours, s.extensions) << s.raw;
}

TEST_P(RealMta, TlsAndCertificateEqualOpenssl) {
  const auto& m = GetParam();
  const auto o = openssl_facts(m.ip, m.mx);
  const auto& tls = addr_["starttls"];
  EXPECT_TRUE(tls.value("offered", false)) << "every real MTA of the lab offers STARTTLS";
  EXPECT_EQ(tls.value("ok", false), o.handshake_ok) << o.raw << "\nmxray: " << tls.dump();
  if (m.name == "opensmtpd") {
    // Debian 12's OpenSMTPD 6.8.0p2 cannot sign with its privilege-separated key under
    // OpenSSL 3 (upstream OpenSMTPD issues #1171, #1239): every handshake ends with an
    // "internal error" alert. Both tools must see the failure; no certificate is delivered.
    EXPECT_FALSE(o.handshake_ok) << o.raw;
    EXPECT_FALSE(tls.value("ok", true));
    EXPECT_FALSE(tls.value("error", "").empty()) << tls.dump();
    return;
  }
  ASSERT_TRUE(o.handshake_ok) << o.raw;
  EXPECT_EQ(tls["version"], o.version);
  EXPECT_EQ(tls["cipher"], o.cipher);
  const auto& chain = addr_["certificate"]["chain"];
  ASSERT_FALSE(chain.empty()) << addr_["certificate"].dump();
  const auto& leaf = chain[0];
  // mxray writes names as RFC 2253 "CN=...,O=..."; compare the attribute values, not spacing.
  EXPECT_EQ(dn_parts(leaf["subject"]), dn_parts(o.subject)) << leaf["subject"] << " vs " << o.subject;
  EXPECT_EQ(dn_parts(leaf["issuer"]), dn_parts(o.issuer)) << leaf["issuer"] << " vs " << o.issuer;
  EXPECT_EQ(leaf["not_after_epoch"].get<long long>(), o.not_after_epoch) << o.raw;
  EXPECT_EQ(leaf["san"].get<std::vector<std::string>>(), o.san);
  EXPECT_EQ(leaf["sha256"], o.sha256);
}

TEST_P(RealMta, TrustAndNameVerdictAgreesWithPosttlsFinger) {
  const auto& m = GetParam();
  const auto f = posttls_finger(m.ip, m.mx);
  const auto& cert = addr_["certificate"];
  const bool ours = cert.is_object() && cert.value("trusted", false) && cert.value("hostname_match", false);
  EXPECT_EQ(ours, f.verified) << f.raw << "\nmxray: " << cert.dump();
  // And both agree with how the lab configured the server.
  const std::set<std::string> good{"postfix", "postfix-relay"};
  EXPECT_EQ(f.verified, good.count(m.name) == 1) << f.raw;
}

TEST_P(RealMta, OpenRelayVerdictAgreesWithNmapAndTheConfig) {
  const auto& m = GetParam();
  const auto n = nmap_open_relay(m.ip);
  ASSERT_TRUE(n.finished) << "nmap's smtp-open-relay gave no verdict\n" << n.raw;
  ASSERT_TRUE(addr_["relay"].value("tested", false)) << addr_["relay"].dump();
  const bool open = addr_.contains("status") && addr_["status"].value("relay", "") == "critical";
  EXPECT_EQ(open, n.open) << n.raw << "\nmxray: " << addr_["relay"].dump();
  // lab/mta/mta.sh: only postfix-relay has a mynetworks that covers the loopback client.
  EXPECT_EQ(n.open, m.name == "postfix-relay") << n.raw;
  const auto f = findings(report_, "relay.open", m.ip);
  EXPECT_EQ(f.empty(), m.name != "postfix-relay");
}

TEST_P(RealMta, NoDataCommandAndEmptyQueueAfterTheChecks) {
  const auto& m = GetParam();
  // SetUp ran one mxray check; run the relay test once more, then look at the server.
  const auto again = check_lab(m.domain);
  ASSERT_FALSE(again.json.is_null()) << again.out;
  const auto log = mta_log(m);
  EXPECT_NE(log.find("127.0.0.1"), std::string::npos) << "the server logged no session at all:\n" << log;
  const auto data = data_lines(m);
  EXPECT_TRUE(data.empty()) << "DATA or a message in the log of " << m.name << ":\n"
                            << (data.empty() ? "" : data.front());
  EXPECT_EQ(queued_messages(m), 0) << m.name << " holds a message in its queue";
}

INSTANTIATE_TEST_SUITE_P(Lab, RealMta, ::testing::ValuesIn(mtas()), name_of);

TEST(RealMtaConfig, PostfixLegacyStillAcceptsTls10) {
  // The server side of postfix-legacy.test, checked with openssl alone: TLS 1.0 still works
  // (OpenSSL 3 needs security level 0 on both ends for it).
  const auto s =
      sh("openssl s_client -starttls smtp -connect 127.0.0.52:25 -tls1 -cipher DEFAULT@SECLEVEL=0 </dev/null");
  EXPECT_NE(s.out.find("New, TLSv1.0, Cipher is"), std::string::npos) << s.out;
  const auto modern =
      sh("openssl s_client -starttls smtp -connect 127.0.0.50:25 -tls1 -cipher DEFAULT@SECLEVEL=0 </dev/null");
  EXPECT_EQ(modern.out.find("New, TLSv1.0, Cipher is"), std::string::npos) << "the correct Postfix refuses TLS 1.0\n"
                                                                           << modern.out;
}

TEST(RealMix, EveryRealServerAndIpv6InOneDomain) {
  const auto r = check_lab("realmix.test");
  ASSERT_FALSE(r.json.is_null()) << r.out << r.err;
  ASSERT_EQ(r.json["mx"].size(), 3u) << r.out;
  std::set<std::string> ips;
  for (const auto& mx : r.json["mx"]) {
    for (const auto& a : mx["addresses"]) ips.insert(a["ip"].get<std::string>());
  }
  EXPECT_EQ(ips, (std::set<std::string>{"127.0.0.50", "::1", "127.0.0.53", "127.0.0.54"}));
  const auto v6 = address_of(r.json, "::1");
  EXPECT_EQ(v6["banner"]["text"], "mx.postfix.test ESMTP Postfix (Debian)");
  EXPECT_TRUE(v6["certificate"]["trusted"]);
  EXPECT_FALSE(address_of(r.json, "127.0.0.54")["starttls"].value("ok", true)) << "OpenSMTPD's handshake fails";
  EXPECT_EQ(r.json["verdict"], "fail");
}

TEST(RealMix, DeadPrimaryIsReportedWhileThePostfixBackupAnswers) {
  // Nothing listens on the primary: it refuses connections while the backup answers, which is
  // also what nolisting looks like, so mxray warns and names both readings (never PASS there).
  const auto r = check_lab("deadprimary.test");
  ASSERT_FALSE(r.json.is_null()) << r.out << r.err;
  EXPECT_FALSE(findings(r.json, "smtp.unreachable_nolisting", "127.0.0.55").empty()) << r.out;
  EXPECT_FALSE(findings(r.json, "domain.nolisting").empty()) << r.out;
  EXPECT_EQ(address_of(r.json, "127.0.0.55")["connect"]["error_kind"], "refused");
  const auto backup = address_of(r.json, "127.0.0.50");
  EXPECT_TRUE(backup["starttls"]["ok"]);
  EXPECT_EQ(backup["status"]["relay"], "ok");
  EXPECT_EQ(address_of(r.json, "127.0.0.55")["verdict"], "warn");
}

}  // namespace
}  // namespace mxray::interop
