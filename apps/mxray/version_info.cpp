// `mxray --version`: version, commit and the library versions a bug report needs. OpenSSL and
// libunbound report the version of the shared library actually loaded; Boost and nlohmann-json
// are header-only here, so their version is the one compiled in. No untrusted input.
#include "version_info.hpp"

#include <fmt/core.h>
#include <openssl/crypto.h>
#include <unbound.h>

#include <boost/version.hpp>

namespace mxray::app {

std::string version_text() {
  return fmt::format(
      "mxray {} (commit {})\n"
      "OpenSSL: {}\n"
      "libunbound: {}\n"
      "Boost: {}.{}.{}\n"
      "fmt: {}.{}.{}",
      kBuildVersion, kBuildCommit, OpenSSL_version(OPENSSL_VERSION), ub_version(), BOOST_VERSION / 100000,
      BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100, FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
}

}  // namespace mxray::app
