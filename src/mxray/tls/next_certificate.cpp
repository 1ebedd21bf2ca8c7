// See next_certificate.hpp. Which match counts for which usage (DANE-EE the leaf, DANE-TA a
// certificate above it) is the judge's call; this file records depths, as dane_result does.
#include "mxray/tls/next_certificate.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <memory>

#include "mxray/tls/certificate.hpp"
#include "mxray/tls/client_context.hpp"
#include "mxray/tls/dane.hpp"
#include "mxray/tls/name_match.hpp"

namespace mxray::tls {
namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

}  // namespace

report::NextCertificateEvidence read_next_certificate(const std::string& file,
                                                      const std::vector<report::MxEvidence>& mx,
                                                      const core::Limits& limits) {
  report::NextCertificateEvidence out;
  out.given = true;
  out.file = file;
  std::unique_ptr<BIO, BioFree> bio(BIO_new_file(file.c_str(), "r"));
  if (!bio) {
    out.error = "cannot read " + file + ": " + drain_openssl_errors();
    return out;
  }
  std::vector<X509Ptr> chain;
  while (chain.size() < limits.max_chain_certs) {
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) break;
    if (i2d_X509(cert.get(), nullptr) > static_cast<int>(limits.max_cert_bytes)) {
      out.error = "a certificate in " + file + " is larger than " + std::to_string(limits.max_cert_bytes) + " bytes";
      return out;
    }
    chain.push_back(std::move(cert));
  }
  drain_openssl_errors();  // the end of the file reads as an error
  if (chain.empty()) {
    out.error = file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)";
    return out;
  }
  for (const auto& c : chain) out.chain.push_back(certificate_facts(c.get(), limits.max_san_names));
  for (const auto& m : mx) {
    if (m.host.empty() || m.direct == "address") continue;  // an address has no name to match
    report::NextCertificateMx r;
    r.host = m.host;
    r.matched_name = first_match(out.chain.front().san, m.host);
    if (r.matched_name.empty() && !m.cname_target.empty())
      r.matched_name = first_match(out.chain.front().san, m.cname_target);
    r.tlsa_looked_up = m.dane.looked_up && !m.dane.records.empty();
    for (const auto& record : m.dane.records) {
      int depth = -1;
      for (std::size_t i = 0; i < chain.size() && depth < 0; ++i) {
        if (record.usable && tlsa_matches(record, chain[i].get())) depth = static_cast<int>(i);
      }
      r.record_depths.push_back(depth);
    }
    out.mx.push_back(std::move(r));
  }
  return out;
}

}  // namespace mxray::tls
