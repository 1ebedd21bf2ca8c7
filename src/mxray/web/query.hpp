// Splits a request target into its path and query parameters, percent-decoded. The target
// is untrusted client text, already bounded by the header limit; malformed escapes are
// kept as typed (the domain check then names the problem).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace mxray::web {

/// The path and the parameters of a request target (first value of a repeated name wins).
struct Target {
  std::string path;
  std::map<std::string, std::string> params;
  /// The value of `name`, empty when absent.
  std::string param(const std::string& name) const;
};

/// Parses "/api/v1/check?domain=good.test&lang=fr".
Target parse_target(std::string_view target);

}  // namespace mxray::web
