// Certificate inspection with OpenSSL; see certificate.hpp. Every OpenSSL object is owned by
// a unique_ptr from the line it is made; text from the certificate is escaped.
#include "mxray/tls/certificate.hpp"
#include "mxray/core/text.hpp"

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>

#include "mxray/core/clock.hpp"
#include "mxray/core/printable.hpp"
#include "mxray/tls/name_match.hpp"

namespace mxray::tls {
namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;

std::string name_text(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || name == nullptr) return {};
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return core::printable(std::string_view(data, static_cast<std::size_t>(len > 0 ? len : 0)));
}

long long epoch_of(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return static_cast<long long>(timegm(&tm));
}

std::string hex(const unsigned char* p, unsigned int n) { return core::hex_lower(p, n); }

// Every name of the subjectAltName extension (DNS names, then IP addresses as "IP:..."),
// escaped. The count is bounded by what OpenSSL parsed (the handshake's certificate-list cap).
std::vector<std::string> all_san(X509* cert) {
  std::vector<std::string> out;
  NamesPtr names(static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names.get(), i);
    if (gn->type == GEN_DNS) {
      const auto* s = gn->d.dNSName;
      out.push_back(core::printable(std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                                     static_cast<std::size_t>(ASN1_STRING_length(s)))));
    } else if (gn->type == GEN_IPADD) {
      const auto* s = gn->d.iPAddress;
      const int len = ASN1_STRING_length(s);
      char buf[INET6_ADDRSTRLEN] = {};
      if ((len == 4 || len == 16) &&
          inet_ntop(len == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(s), buf, sizeof buf) != nullptr) {
        out.push_back(std::string("IP:") + buf);
      }
    }
  }
  return out;
}

std::string common_name(X509* cert) {
  const X509_NAME* subject = X509_get_subject_name(cert);
  const int idx = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (idx < 0) return {};
  const ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, idx));
  return core::printable(std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                          static_cast<std::size_t>(ASN1_STRING_length(s))));
}

// Verifies `leaf` with `chain` as untrusted helpers; returns the OpenSSL error (0 = trusted).
int verify(X509_STORE* store, X509* leaf, STACK_OF(X509) * chain, long long now, bool ignore_time) {
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store, leaf, chain) != 1) return X509_V_ERR_UNSPECIFIED;
  X509_STORE_CTX_set_default(ctx.get(), "ssl_server");
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  // OpenSSL honours USE_CHECK_TIME (set by set_time) before NO_CHECK_TIME: set only one.
  if (ignore_time) {
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME);
  } else {
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(now));
  }
  if (X509_verify_cert(ctx.get()) == 1) return X509_V_OK;
  const int err = X509_STORE_CTX_get_error(ctx.get());
  return err == X509_V_OK ? X509_V_ERR_UNSPECIFIED : err;
}

}  // namespace

report::CertificateFacts certificate_facts(X509* cert, std::size_t max_san_names) {
  report::CertificateFacts f;
  if (cert == nullptr) return f;
  const int der = i2d_X509(cert, nullptr);
  f.der_bytes = der > 0 ? static_cast<std::size_t>(der) : 0;
  f.subject = name_text(X509_get_subject_name(cert));
  f.issuer = name_text(X509_get_issuer_name(cert));
  if (BnPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr)); bn) {
    char* s = BN_bn2hex(bn.get());
    if (s != nullptr) {
      f.serial = s;
      OPENSSL_free(s);
    }
  }
  f.not_before_epoch = epoch_of(X509_get0_notBefore(cert));
  f.not_after_epoch = epoch_of(X509_get0_notAfter(cert));
  f.not_before = core::iso8601(f.not_before_epoch);
  f.not_after = core::iso8601(f.not_after_epoch);
  auto san = all_san(cert);
  f.san_count = san.size();
  if (san.size() > max_san_names) {
    san.resize(max_san_names);
    f.san_truncated = true;
  }
  f.san = std::move(san);
  if (EVP_PKEY* key = X509_get0_pubkey(cert); key != nullptr) {
    switch (EVP_PKEY_get_base_id(key)) {
      case EVP_PKEY_RSA: f.key_type = "RSA"; break;
      case EVP_PKEY_EC: f.key_type = "EC"; break;
      case EVP_PKEY_ED25519: f.key_type = "ED25519"; break;
      case EVP_PKEY_ED448: f.key_type = "ED448"; break;
      case EVP_PKEY_DSA: f.key_type = "DSA"; break;
      default: f.key_type = "other"; break;
    }
    f.key_bits = EVP_PKEY_get_bits(key);
    char group[64] = {};
    if (EVP_PKEY_get_group_name(key, group, sizeof group, nullptr) == 1) f.key_curve = group;
  }
  if (const int nid = X509_get_signature_nid(cert); nid != NID_undef) f.signature_algorithm = OBJ_nid2ln(nid);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (X509_digest(cert, EVP_sha256(), md, &n) == 1) f.sha256 = hex(md, n);
  f.self_signed = X509_self_signed(cert, 0) == 1;
  return f;
}

report::CertificateEvidence inspect_chain(SSL* ssl, X509_STORE* trust_store, const std::vector<std::string>& names,
                                          long long now, const core::Limits& limits,
                                          const std::vector<std::string>& other_names) {
  report::CertificateEvidence ev;
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl);  // client side: the leaf is included
  if (chain == nullptr || sk_X509_num(chain) == 0) return ev;
  ev.present = true;
  ev.chain_length_presented = static_cast<std::size_t>(sk_X509_num(chain));
  X509* leaf = sk_X509_value(chain, 0);
  // The leaf is always described, whatever its size: its names and dates are what senders
  // judge. Further certificates are kept only within the count and size bounds.
  ev.chain.push_back(certificate_facts(leaf, limits.max_san_names));
  if (ev.chain.front().der_bytes > limits.max_cert_bytes) {
    ev.chain_truncated = true;
    ev.truncation = "leaf certificate of " + std::to_string(ev.chain.front().der_bytes) + " bytes, over the " +
                    std::to_string(limits.max_cert_bytes) + "-byte bound";
  }
  for (int i = 1; i < sk_X509_num(chain) && ev.truncation.empty(); ++i) {
    if (ev.chain.size() >= limits.max_chain_certs) {
      ev.chain_truncated = true;
      ev.truncation = "chain of " + std::to_string(ev.chain_length_presented) + " certificates, over the bound of " +
                      std::to_string(limits.max_chain_certs);
      break;
    }
    X509* cert = sk_X509_value(chain, i);
    const int der = i2d_X509(cert, nullptr);
    if (der < 0 || static_cast<std::size_t>(der) > limits.max_cert_bytes) {
      ev.chain_truncated = true;
      ev.truncation = "certificate " + std::to_string(i) + " of the chain is " + std::to_string(der) +
                      " bytes, over the " + std::to_string(limits.max_cert_bytes) + "-byte bound";
      break;
    }
    ev.chain.push_back(certificate_facts(cert, limits.max_san_names));
  }
  // Verified twice: with dates, and without, so that an expired but otherwise good chain is
  // told apart from an untrusted one. The error kept is the more fundamental of the two.
  ev.verify_code = verify(trust_store, leaf, chain, now, false);
  ev.trusted = ev.verify_code == X509_V_OK;
  if (!ev.trusted) {
    const int without_dates = verify(trust_store, leaf, chain, now, true);
    ev.chain_trusted = without_dates == X509_V_OK;
    if (!ev.chain_trusted) ev.verify_code = without_dates;
  } else {
    ev.chain_trusted = true;
  }
  ev.verify_error = ev.trusted ? "ok" : X509_verify_cert_error_string(ev.verify_code);

  // RFC 6125 6.4.4: the CN counts only when the certificate has no DNS names at all.
  // Names are matched against every SAN of the leaf, not only the ones kept in the report.
  std::vector<std::string> dns_names;
  for (const auto& s : all_san(leaf)) {
    if (s.rfind("IP:", 0) != 0) dns_names.push_back(s);
  }
  if (dns_names.empty()) {
    if (auto cn = common_name(leaf); !cn.empty()) dns_names.push_back(cn);
  }
  for (const auto& host : names) {
    if (host.empty()) continue;
    ev.matched_name = first_match(dns_names, host);
    if (!ev.matched_name.empty()) break;
  }
  ev.hostname_match = !ev.matched_name.empty();
  for (const auto* list : {&names, &other_names}) {
    for (const auto& host : *list) {
      if (host.empty()) continue;
      if (auto m = first_match(dns_names, host); !m.empty()) ev.name_matches[host] = std::move(m);
    }
  }
  const auto seconds_left = ev.chain.front().not_after_epoch - now;
  ev.days_left = seconds_left >= 0 ? seconds_left / 86400 : -((-seconds_left + 86399) / 86400);
  return ev;
}

}  // namespace mxray::tls
