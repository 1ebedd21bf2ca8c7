// See number.hpp. std::to_chars is locale-independent and rounds correctly.
#include "mxray/i18n/number.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mxray::i18n {

std::string format_decimal(std::string_view lang, double value, int digits) {
  digits = std::clamp(digits, 0, 6);
  if (!std::isfinite(value)) return "?";
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, digits);
  if (ec != std::errc()) return "?";
  std::string out(buf, end);
  if (out.rfind("-0", 0) == 0 && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);  // no "-0.0"
  // English writes a point; the other languages of mxray a comma (CLDR decimal symbols).
  if (lang != "en") std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

std::string format(std::string_view lang, const Decimal& d) {
  auto out = format_decimal(lang, d.value, d.digits);
  if (!d.unit.empty()) out += " " + d.unit;
  return out;
}

}  // namespace mxray::i18n
