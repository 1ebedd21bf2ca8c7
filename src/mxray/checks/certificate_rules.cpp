// Certificate rules: dates, trust (self-signed, incomplete chain, unknown CA), name, key, signature.
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <cctype>

#include "mxray/checks/rules.hpp"
#include "mxray/core/text.hpp"

namespace mxray::checks {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string san_list(const report::CertificateFacts& leaf) {
  std::string s = core::join(leaf.san, ", ");
  return s.empty() ? leaf.subject : s;
}

}  // namespace

void judge_certificate(const report::MxEvidence& mx, const report::AddressEvidence& a, long long now,
                       const JudgeOptions& o, FindingList& out) {
  const auto& c = a.certificate;
  if (!a.starttls.ok || !c.present || c.chain.empty()) return;
  const auto& host = mx.host;
  const auto& leaf = c.chain.front();
  bool problem = false;
  // Days left as of the check time in the evidence, so saved evidence judges the same later.
  const long long seconds_left = leaf.not_after_epoch - now;
  const long long days_left = seconds_left >= 0 ? seconds_left / 86400 : -((-seconds_left + 86399) / 86400);

  if (c.chain_truncated) {
    out.add("cert.oversized", host, a.ip, N_("{limit} (presented: {count} certificates)"),
            {{"limit", c.truncation.empty() ? std::string("over the bound") : c.truncation},
             {"count", std::to_string(c.chain_length_presented)}});
    problem = true;
  }
  if (leaf.not_after_epoch < now) {
    out.add(
        "cert.expired", host, a.ip,
        i18n::counted("expired on {date} ({days} day ago)", "expired on {date} ({days} days ago)",
                      i18n::magnitude(-days_left), {{"date", leaf.not_after}, {"days", std::to_string(-days_left)}}));
    problem = true;
  } else if (leaf.not_before_epoch > now) {
    out.add("cert.not_yet_valid", host, a.ip, N_("valid only from {date}"), {{"date", leaf.not_before}});
    problem = true;
  } else if (days_left < o.expiry_warning_days) {
    out.add("cert.expiring", host, a.ip,
            i18n::counted("expires on {date}, in {days} day", "expires on {date}, in {days} days",
                          i18n::magnitude(days_left), {{"date", leaf.not_after}, {"days", std::to_string(days_left)}}));
    problem = true;
  }

  if (!c.chain_trusted) {
    problem = true;
    const auto why = c.verify_error + " (OpenSSL error " + std::to_string(c.verify_code) + ")";
    if (c.verify_code == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT || (c.chain.size() == 1 && leaf.self_signed)) {
      out.add("cert.self_signed", host, a.ip, N_("subject {subject}: {reason}"),
              {{"subject", leaf.subject}, {"reason", why}});
    } else if ((c.verify_code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
                c.verify_code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT) &&
               c.chain_length_presented == 1) {
      out.add("cert.incomplete_chain", host, a.ip,
              N_("only the server's own certificate was sent (issuer {issuer}): {reason}"),
              {{"issuer", leaf.issuer}, {"reason", why}});
    } else {
      out.add("cert.untrusted", host, a.ip, N_("issuer {issuer}: {reason}"),
              {{"issuer", leaf.issuer}, {"reason", why}});
    }
  }
  if (!c.hostname_match && mx.direct != "address") {  // an address literal has no name to match
    problem = true;
    out.add("cert.name_mismatch", host, a.ip, N_("{host} is not among the certificate's names: {names}"),
            {{"host", host}, {"names", san_list(leaf)}});
  }
  for (const auto& cert : c.chain) {
    const bool rsa_like = cert.key_type == "RSA" || cert.key_type == "DSA";
    if ((rsa_like && cert.key_bits < 2048) || (cert.key_type == "EC" && cert.key_bits < 224)) {
      problem = true;
      out.add("cert.weak_key", host, a.ip, N_("{key} {bits} bits in {subject}"),
              {{"key", cert.key_type}, {"bits", std::to_string(cert.key_bits)}, {"subject", cert.subject}});
    }
    const auto sig = lower(cert.signature_algorithm);
    const bool root = cert.self_signed && &cert != &leaf;  // a root's own signature is not checked
    if (!root && (sig.find("sha1") != std::string::npos || sig.find("md5") != std::string::npos)) {
      problem = true;
      out.add("cert.sha1_signature", host, a.ip, N_("{algorithm} on {subject}"),
              {{"algorithm", cert.signature_algorithm}, {"subject", cert.subject}});
    }
  }
  if (!problem) {
    out.add("cert.ok", host, a.ip,
            i18n::counted("issued by {issuer} for {name}, {days} day left",
                          "issued by {issuer} for {name}, {days} days left", i18n::magnitude(days_left),
                          {{"issuer", leaf.issuer}, {"name", c.matched_name}, {"days", std::to_string(days_left)}}));
  }
}

}  // namespace mxray::checks
