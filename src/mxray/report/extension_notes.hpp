// What each EHLO extension means for a postmaster, in the chosen language: shown beside the
// extension in the reports (SIZE with its limit in MB, PIPELINING, 8BITMIME, ...).
#pragma once

#include <string>
#include <string_view>

namespace mxray::report {

/// A short explanation of `keyword` with `params`, or empty for an extension mxray does not know.
std::string extension_note(std::string_view language, std::string_view keyword, std::string_view params);

}  // namespace mxray::report
