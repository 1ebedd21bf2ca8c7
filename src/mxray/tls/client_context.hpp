// The TLS client context used for STARTTLS: it accepts every protocol version and cipher the
// library still knows (TLS 1.0 and up, @SECLEVEL=0) so that weak servers are reported rather
// than unreachable; trust is judged afterwards against a separate store, never during the handshake.
#pragma once

#include <openssl/x509.h>
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

namespace mxray::tls {

/// The SSL context for probes and the trust store certificates are verified against.
class ClientContext {
 public:
  /// Uses `ca_file` as the only trust anchors when given, else the system store.
  /// Throws std::runtime_error when the file cannot be loaded.
  explicit ClientContext(const std::string& ca_file);

  boost::asio::ssl::context& ssl() { return ssl_; }
  /// A context that offers only `version` (TLS1_VERSION or TLS1_1_VERSION), to learn whether
  /// a server still accepts it; nullptr for other versions.
  boost::asio::ssl::context* only(int version);
  /// A context that offers TLS 1.0 and 1.1 and nothing newer: one handshake tells whether a
  /// server still accepts either (it picks the highest it has).
  boost::asio::ssl::context& legacy_only() { return legacy_; }
  X509_STORE* trust_store() const { return store_.get(); }

 private:
  boost::asio::ssl::context ssl_;
  boost::asio::ssl::context tls10_;
  boost::asio::ssl::context tls11_;
  boost::asio::ssl::context legacy_;
  std::unique_ptr<X509_STORE, void (*)(X509_STORE*)> store_;
};

/// The text of OpenSSL's error queue, drained.
std::string drain_openssl_errors();

}  // namespace mxray::tls
