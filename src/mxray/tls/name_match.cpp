// RFC 6125 name matching; see name_match.hpp.
#include "mxray/tls/name_match.hpp"
#include "mxray/core/text.hpp"

#include <cctype>

namespace mxray::tls {
namespace {

std::string normalise(std::string_view s) { return core::normal_name(s); }

}  // namespace

bool name_matches(std::string_view pattern_in, std::string_view host_in) {
  const auto pattern = normalise(pattern_in);
  const auto host = normalise(host_in);
  if (pattern.empty() || host.empty()) return false;
  if (pattern.rfind("*.", 0) != 0) {
    // A '*' anywhere else (partial wildcards such as "mx*.example.com") is not honoured.
    if (pattern.find('*') != std::string::npos) return false;
    return pattern == host;
  }
  const auto suffix = pattern.substr(1);  // ".example.com"
  // The wildcard must leave at least two labels ("*.com" is too broad to be valid).
  if (suffix.find('.', 1) == std::string::npos) return false;
  if (suffix.find('*') != std::string::npos) return false;
  if (host.size() <= suffix.size()) return false;
  if (host.compare(host.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  const auto label = std::string_view(host).substr(0, host.size() - suffix.size());
  return !label.empty() && label.find('.') == std::string_view::npos;
}

std::string first_match(const std::vector<std::string>& names, std::string_view host) {
  for (const auto& n : names) {
    if (name_matches(n, host)) return n;
  }
  return {};
}

}  // namespace mxray::tls
