// See client_context.hpp.
#include "mxray/tls/client_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <filesystem>
#include <stdexcept>

namespace mxray::tls {

std::string drain_openssl_errors() {
  std::string out;
  while (const unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

namespace {

// Accept every cipher and version the library still has, so that weak servers are seen.
void open_up(SSL_CTX* ctx, int min_version, int max_version) {
  SSL_CTX_set_min_proto_version(ctx, min_version);
  SSL_CTX_set_max_proto_version(ctx, max_version);
  SSL_CTX_set_cipher_list(ctx, "ALL:@SECLEVEL=0");
  SSL_CTX_set_security_level(ctx, 0);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_options(ctx, SSL_OP_LEGACY_SERVER_CONNECT);
}

}  // namespace

boost::asio::ssl::context* ClientContext::only(int version) {
  if (version == TLS1_VERSION) return &tls10_;
  if (version == TLS1_1_VERSION) return &tls11_;
  return nullptr;
}

ClientContext::ClientContext(const std::string& ca_file)
    : ssl_(boost::asio::ssl::context::tls_client),
      tls10_(boost::asio::ssl::context::tls_client),
      tls11_(boost::asio::ssl::context::tls_client),
      legacy_(boost::asio::ssl::context::tls_client),
      store_(X509_STORE_new(), X509_STORE_free) {
  open_up(tls10_.native_handle(), TLS1_VERSION, TLS1_VERSION);
  open_up(tls11_.native_handle(), TLS1_1_VERSION, TLS1_1_VERSION);
  open_up(legacy_.native_handle(), TLS1_VERSION, TLS1_1_VERSION);
  SSL_CTX* ctx = ssl_.native_handle();
  open_up(ctx, TLS1_VERSION, 0);
  // DANE is switched on per connection (tls/dane.cpp) only for MX hosts with usable TLSA.
  if (SSL_CTX_dane_enable(ctx) <= 0) throw std::runtime_error("OpenSSL DANE support: " + drain_openssl_errors());
  if (!store_) throw std::runtime_error("could not create a certificate store");
  if (!ca_file.empty()) {
    if (!std::filesystem::exists(ca_file)) throw std::runtime_error("CA file not found: " + ca_file);
    if (X509_STORE_load_file(store_.get(), ca_file.c_str()) != 1) {
      throw std::runtime_error("could not load CA file " + ca_file + ": " + drain_openssl_errors());
    }
  } else if (X509_STORE_set_default_paths(store_.get()) != 1) {
    throw std::runtime_error("could not load the system trust store: " + drain_openssl_errors());
  }
}

}  // namespace mxray::tls
