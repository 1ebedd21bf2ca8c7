// Time as mxray reports it: seconds since the epoch and ISO 8601 UTC text.
#pragma once

#include <string>

namespace mxray::core {

/// "2026-11-22T14:06:22Z" for `epoch` seconds.
std::string iso8601(long long epoch);

}  // namespace mxray::core
