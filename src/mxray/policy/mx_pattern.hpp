// MTA-STS mx patterns (RFC 8461 section 4.1): a literal host name, or "*." followed by a
// domain, which covers exactly one more leftmost label. Input (policy text, MX names) is
// untrusted; names are compared case-insensitively and without one trailing dot.
#pragma once

#include <string>
#include <string_view>

namespace mxray::policy {

/// Why `pattern` is not a valid mx pattern, as a code (mx_empty, mx_wildcard_domain,
/// mx_wildcard_position, mx_host_name; checks/policy_problems.cpp words them), or "" when it is.
std::string pattern_problem(std::string_view pattern);

/// Whether MX host `host` matches `pattern`.
bool mx_matches(std::string_view pattern, std::string_view host);

}  // namespace mxray::policy
