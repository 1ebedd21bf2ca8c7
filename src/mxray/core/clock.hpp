// Time as mxray reports it: seconds since the epoch and ISO 8601 UTC text, and the moments a
// user may name (--at +30d, --at 2027-01-15): user text, bounded to a short ASCII form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mxray::core {

/// "2026-11-22T14:06:22Z" for `epoch` seconds.
std::string iso8601(long long epoch);

/// A moment as the user wrote it: an offset from the check time ("+30d", "+12h", "+2w") or a
/// UTC date ("2027-01-15", "2027-01-15T08:00:00Z").
struct Moment {
  bool relative = false;
  long long value = 0;  // seconds after the check time (relative) or epoch seconds
  /// The epoch seconds it names for a check made at `checked_at`.
  long long at(long long checked_at) const { return relative ? checked_at + value : value; }
};

/// Reads a moment; nullopt when it is neither form (or the offset is over 100 years).
std::optional<Moment> parse_moment(std::string_view text);

}  // namespace mxray::core
