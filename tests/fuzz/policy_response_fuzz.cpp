// Fuzz target: the MTA-STS policy response from an untrusted web server, as raw HTTP bytes:
// Beast's parser with the fetch's header and body bounds, the status / Content-Type / size
// checks of RFC 8461 3.3, then the policy parser on an accepted body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "mxray/core/limits.hpp"
#include "mxray/policy/mta_sts_policy.hpp"
#include "mxray/policy/policy_response.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mxray::core::Limits limits;
  limits.max_http_header_bytes = 2048;
  limits.max_policy_bytes = 4096;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  mxray::report::PolicyFetch out;
  const auto body = mxray::policy::read_policy_response(bytes, limits, out);
  if (out.ok) {
    if (out.status != 200 || !out.error.empty() || !out.error_kind.empty()) std::abort();
    if (body.size() > limits.max_policy_bytes || out.body_bytes != body.size()) std::abort();
    if (body.size() > bytes.size()) std::abort();
    const auto policy = mxray::policy::parse_policy(body, 50);
    (void)policy;
  } else {
    if (out.error_kind.empty() || out.error.empty() || !body.empty()) std::abort();
    if (out.error_kind == "redirect" && (out.status < 300 || out.status > 399)) std::abort();
  }
  return 0;
}
