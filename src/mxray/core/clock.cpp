// See clock.hpp.
#include "mxray/core/clock.hpp"

#include <ctime>

namespace mxray::core {

std::string iso8601(long long epoch) {
  const auto t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace mxray::core
