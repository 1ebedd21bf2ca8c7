// Matches a host name against certificate names as RFC 6125 section 6.4 describes: case-
// insensitive, a trailing dot ignored, '*' only as the whole left-most label matching
// exactly one non-empty label. Names come from an untrusted certificate.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mxray::tls {

/// True when certificate name `pattern` covers `host`.
bool name_matches(std::string_view pattern, std::string_view host);

/// The first of `names` that covers `host`, or empty.
std::string first_match(const std::vector<std::string>& names, std::string_view host);

}  // namespace mxray::tls
