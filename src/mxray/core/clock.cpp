// See clock.hpp.
#include "mxray/core/clock.hpp"

#include <charconv>
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

namespace {

// Reads exactly `digits` decimal digits at `pos`.
std::optional<int> number(std::string_view s, std::size_t pos, std::size_t digits) {
  if (pos + digits > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + digits; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<Moment> parse_offset(std::string_view s) {
  if (s.size() < 3) return std::nullopt;
  long long count = 0;
  const auto digits = s.substr(1, s.size() - 2);
  const auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  if (err != std::errc() || end != digits.data() + digits.size() || count < 0) return std::nullopt;
  long long unit = 0;
  switch (s.back()) {
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    case 'w': unit = 7 * 86400; break;
    default: return std::nullopt;
  }
  if (count > 100LL * 366 * 86400 / unit) return std::nullopt;
  return Moment{true, count * unit};
}

}  // namespace

std::optional<Moment> parse_moment(std::string_view s) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  if (s.front() == '+') return parse_offset(s);
  // YYYY-MM-DD, optionally THH:MM:SSZ (UTC only: a report must not depend on the local zone).
  const auto year = number(s, 0, 4), month = number(s, 5, 2), day = number(s, 8, 2);
  if (!year || !month || !day || s[4] != '-' || s[7] != '-') return std::nullopt;
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  if (s.size() != 10) {
    const auto hour = number(s, 11, 2), minute = number(s, 14, 2), second = number(s, 17, 2);
    if (s.size() != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' || !hour || !minute || !second ||
        *hour > 23 || *minute > 59 || *second > 60) {
      return std::nullopt;
    }
    tm.tm_hour = *hour;
    tm.tm_min = *minute;
    tm.tm_sec = *second;
  }
  if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *year < 1970) return std::nullopt;
  const auto epoch = timegm(&tm);
  // timegm folds 2027-02-31 into March: refuse dates that do not exist.
  std::tm back{};
  gmtime_r(&epoch, &back);
  if (back.tm_mday != *day || back.tm_mon != *month - 1) return std::nullopt;
  return Moment{false, static_cast<long long>(epoch)};
}

}  // namespace mxray::core
