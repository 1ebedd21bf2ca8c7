// The program's exit codes (documented in --help, the man page's EXIT STATUS and the README).
// Only programs pick them.
#pragma once

namespace mxray::app {

inline constexpr int kExitPass = 0;
inline constexpr int kExitWarnings = 1;
inline constexpr int kExitFailures = 2;
inline constexpr int kExitCouldNotCheck = 3;
inline constexpr int kExitInconclusive = 4;  // nothing could be verified (all 4xx, all timeouts at mxray's end)

}  // namespace mxray::app
