// What `mxray --version` prints: the program's version, the git commit it was built from and the
// versions of the libraries it runs with (OpenSSL and libunbound as loaded, Boost as compiled).
#pragma once

#include <string>

namespace mxray::app {

extern const char* const kBuildVersion;  ///< project version, from CMakeLists.txt
extern const char* const kBuildCommit;   ///< git commit (12 hex digits, maybe "-dirty") or "unknown"

/// The lines of `mxray --version`, without a final newline.
std::string version_text();

}  // namespace mxray::app
