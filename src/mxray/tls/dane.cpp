// See dane.hpp. Matching per RFC 6698 2.1: selector 0 is the DER certificate, 1 its
// SubjectPublicKeyInfo; matching type 0 the bytes, 1 SHA-256, 2 SHA-512 of them.
#include "mxray/tls/dane.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <vector>

#include "mxray/dns/tlsa.hpp"
#include "mxray/tls/client_context.hpp"

namespace mxray::tls {
namespace {

std::vector<unsigned char> from_hex(const std::string& hex) {
  std::vector<unsigned char> out;
  if (hex.size() % 2 != 0) return out;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    const int hi = nibble(hex[i]);
    const int lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return {};
    out.push_back(static_cast<unsigned char>(hi * 16 + lo));
  }
  return out;
}

std::vector<unsigned char> selected(X509* cert, int selector) {
  unsigned char* der = nullptr;
  const int n = selector == 0 ? i2d_X509(cert, &der) : i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
  if (n <= 0 || der == nullptr) return {};
  std::unique_ptr<unsigned char, void (*)(void*)> owned(der, [](void* p) { OPENSSL_free(p); });
  return {der, der + n};
}

}  // namespace

bool tlsa_matches(const report::TlsaRecord& record, X509* cert) {
  if (record.selector > 1 || record.matching_type > 2) return false;
  const auto bytes = selected(cert, record.selector);
  if (bytes.empty()) return false;
  if (record.matching_type == 0) return dns::to_hex(bytes) == record.data;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  const EVP_MD* algo = record.matching_type == 1 ? EVP_sha256() : EVP_sha512();
  if (EVP_Digest(bytes.data(), bytes.size(), md, &n, algo, nullptr) != 1) return false;
  return dns::to_hex({md, n}) == record.data;
}

std::string enable_dane(SSL* ssl, const report::DaneEvidence& dane, const std::string& mx_host) {
  if (SSL_dane_enable(ssl, dane.base_domain.c_str()) <= 0) return "SSL_dane_enable failed: " + drain_openssl_errors();
  if (mx_host != dane.base_domain) SSL_add1_host(ssl, mx_host.c_str());
  // RFC 7672 3.2.1: DANE-EE(3) ignores the names in the certificate (and OpenSSL its dates).
  SSL_dane_set_flags(ssl, DANE_FLAG_NO_DANE_EE_NAMECHECKS);
  int added = 0;
  for (const auto& r : dane.records) {
    if (!r.usable) continue;
    const auto data = from_hex(r.data);
    if (SSL_dane_tlsa_add(ssl, static_cast<uint8_t>(r.usage), static_cast<uint8_t>(r.selector),
                          static_cast<uint8_t>(r.matching_type), data.data(), data.size()) > 0) {
      ++added;
    }
  }
  drain_openssl_errors();
  return added > 0 ? std::string{} : "OpenSSL accepted none of the TLSA records";
}

report::DaneAddressResult dane_result(SSL* ssl, const report::DaneEvidence& dane) {
  report::DaneAddressResult out;
  out.checked = true;
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl);
  for (const auto& r : dane.records) {
    int depth = -1;
    for (int i = 0; chain != nullptr && i < sk_X509_num(chain) && depth < 0; ++i) {
      if (r.usable && tlsa_matches(r, sk_X509_value(chain, i))) depth = i;
    }
    out.record_depths.push_back(depth);
  }
  const long verify = SSL_get_verify_result(ssl);
  const int depth = SSL_get0_dane_authority(ssl, nullptr, nullptr);
  if (verify == X509_V_OK && depth >= 0) {
    out.matched = true;
    out.depth = depth;
    uint8_t usage = 0, selector = 0, mtype = 0;
    const unsigned char* data = nullptr;
    size_t len = 0;
    if (SSL_get0_dane_tlsa(ssl, &usage, &selector, &mtype, &data, &len) >= 0 && data != nullptr) {
      const auto hex = dns::to_hex({data, len});
      for (std::size_t i = 0; i < dane.records.size(); ++i) {
        const auto& r = dane.records[i];
        if (r.usage == usage && r.selector == selector && r.matching_type == mtype && r.data == hex) {
          out.matched_record = static_cast<int>(i);
          break;
        }
      }
    }
  } else {
    out.error = verify == X509_V_OK ? "no TLSA record matched" : X509_verify_cert_error_string(verify);
  }
  return out;
}

}  // namespace mxray::tls
