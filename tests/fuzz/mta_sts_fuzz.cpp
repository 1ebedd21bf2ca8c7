// Fuzz target: the MTA-STS policy parser (a body from an untrusted web server), the STS and
// TLS-RPT TXT record checks and the mx pattern matcher, on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "mxray/policy/mta_sts_policy.hpp"
#include "mxray/policy/mx_pattern.hpp"
#include "mxray/policy/tls_rpt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto policy = mxray::policy::parse_policy(text, 50);
  (void)policy;
  // The same bytes as TXT records, split at NUL, for both record checks.
  std::vector<std::string> records;
  std::size_t start = 0;
  while (start <= text.size() && records.size() < 4) {
    const auto nul = text.find('\0', start);
    records.emplace_back(text.substr(start, nul == std::string_view::npos ? std::string_view::npos : nul - start));
    if (nul == std::string_view::npos) break;
    start = nul + 1;
  }
  mxray::report::MtaStsEvidence sts;
  mxray::policy::evaluate_sts_txt(records, sts);
  mxray::report::TlsRptEvidence rpt;
  mxray::policy::evaluate_tls_rpt(records, rpt);
  // First line as a pattern, the rest as a host: matching must never crash.
  const auto nl = text.find('\n');
  const auto pattern = text.substr(0, nl);
  const auto host = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  (void)mxray::policy::pattern_problem(pattern);
  (void)mxray::policy::mx_matches(pattern, host);
  return 0;
}
