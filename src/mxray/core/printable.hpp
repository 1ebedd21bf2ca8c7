// Escapes bytes from the network before they reach a terminal, JSON or HTML.
// Input is untrusted and may hold NUL, control bytes or invalid UTF-8; output is printable ASCII.
#pragma once

#include <string>
#include <string_view>

namespace mxray::core {

/// Printable ASCII passes; backslash and every other byte become \\ or \xNN.
std::string printable(std::string_view bytes);

/// True when every byte is printable ASCII (0x20..0x7e).
bool is_printable(std::string_view bytes);

}  // namespace mxray::core
