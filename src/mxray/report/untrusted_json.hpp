// Saved evidence read back from a file (`mxray judge FILE`) is untrusted input: every string
// and key in it is escaped as the live path escapes network bytes (core::printable); the "\n"
// that joins a reply's lines survives in reply texts only (keys `text` and `*_text`), so no
// other string (a host name, an error) can forge a line of the report. Bounded by the parsed
// document's size.
#pragma once

#include <nlohmann/json.hpp>

namespace mxray::report {

/// Escapes, in place, every string value and object key of `j` that holds a byte outside
/// printable ASCII (the line feed excepted in reply texts). Already printable strings are left
/// as they are.
void escape_untrusted(nlohmann::json& j);

}  // namespace mxray::report
