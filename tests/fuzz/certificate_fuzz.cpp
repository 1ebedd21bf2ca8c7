// Fuzz target: X.509 fact extraction from an untrusted DER certificate (d2i_X509, then the
// facts mxray reports), TLSA matching against it and the RFC 6125 name matching of its names.
// Bounded like a presented certificate: at most 64 KiB (Limits::max_cert_bytes).
#include <openssl/x509.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "mxray/core/printable.hpp"
#include "mxray/tls/certificate.hpp"
#include "mxray/tls/dane.hpp"
#include "mxray/tls/name_match.hpp"

namespace {

struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  const unsigned char* p = data;
  std::unique_ptr<X509, X509Free> cert(d2i_X509(nullptr, &p, static_cast<long>(size)));
  if (!cert) return 0;
  const auto facts = mxray::tls::certificate_facts(cert.get());
  // Text from the certificate is escaped before it goes anywhere.
  if (!mxray::core::is_printable(facts.subject) || !mxray::core::is_printable(facts.issuer)) std::abort();
  for (const auto& san : facts.san) {
    if (!mxray::core::is_printable(san)) std::abort();
  }
  if (!facts.sha256.empty() && facts.sha256.size() != 64) std::abort();
  // At most Limits::max_san_names names are kept, however many the certificate carries.
  if (facts.san.size() > mxray::core::Limits{}.max_san_names || facts.san.size() > facts.san_count) std::abort();
  // The fingerprint is what a DANE-EE(3) cert(0) SHA-256(1) record of this certificate holds.
  if (!facts.sha256.empty()) {
    mxray::report::TlsaRecord record;
    record.usage = 3;
    record.selector = 0;
    record.matching_type = 1;
    record.data = facts.sha256;
    record.usable = true;
    if (!mxray::tls::tlsa_matches(record, cert.get())) std::abort();
    for (int selector = 0; selector <= 1; ++selector) {
      for (int matching = 0; matching <= 2; ++matching) {
        record.selector = selector;
        record.matching_type = matching;
        (void)mxray::tls::tlsa_matches(record, cert.get());
      }
    }
  }
  for (const auto& san : facts.san) {
    (void)mxray::tls::name_matches(san, "mx.example.test");
    if (san.rfind("*.", 0) == 0 && san.back() != '.' && san.find('*', 1) == std::string::npos &&
        san.find('.', 2) != std::string::npos) {
      // A wildcard name covers one more label in front of it.
      if (!mxray::tls::name_matches(san, "x" + san.substr(1))) std::abort();
    }
  }
  (void)mxray::tls::first_match(facts.san, "mx.example.test");
  return 0;
}
