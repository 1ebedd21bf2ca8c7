// Fuzz target: RFC 6125 name matching of a certificate name (untrusted) against a host name.
// Input: pattern, LF, host. Checks the rules' consequences, not only the absence of crashes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "mxray/tls/name_match.hpp"

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto nl = text.find('\n');
  const auto pattern = text.substr(0, nl);
  const auto host = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  const bool match = mxray::tls::name_matches(pattern, host);
  if (match) {
    if (pattern.empty() || host.empty()) std::abort();
    // Case never matters.
    if (!mxray::tls::name_matches(lower(pattern), lower(host))) std::abort();
    // A wildcard covers exactly one more label than the rest of the pattern has.
    if (pattern.rfind("*.", 0) == 0) {
      if (mxray::tls::name_matches(pattern, std::string("x.") + std::string(host))) std::abort();
    } else if (pattern.find('*') != std::string_view::npos) {
      std::abort();  // partial wildcards are never honoured
    }
  }
  // A host always matches itself as a pattern, unless it is empty or has a '*'.
  if (!host.empty() && host != "." && host.find('*') == std::string_view::npos &&
      !mxray::tls::name_matches(host, host)) {
    std::abort();
  }
  const std::vector<std::string> names{std::string(pattern), std::string(host)};
  const auto first = mxray::tls::first_match(names, host);
  if (!first.empty() && !mxray::tls::name_matches(first, host)) std::abort();
  return 0;
}
