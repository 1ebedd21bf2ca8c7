// Fixes that name the setting of the recognised mail server software, for the findings where
// the generic fix would make a postmaster look the setting up.
#pragma once

#include <string_view>

namespace mxray::checks {

/// The fix of `finding_id` for software `software_id` (server_software.hpp), or empty.
std::string_view software_fix(std::string_view finding_id, std::string_view software_id);

}  // namespace mxray::checks
