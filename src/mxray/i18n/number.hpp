// Numbers with decimals in the reader's language, without std::locale or the C locale (a
// process-wide setting the web server must not depend on): "8.2" in English, "8,2" in fr, de,
// es and it. Only the decimal mark changes; integers are written as they are.
#pragma once

#include <string>
#include <string_view>

namespace mxray::i18n {

/// A number to show with `digits` decimals and an optional unit symbol ("s", "ms", "MB").
struct Decimal {
  double value = 0;
  int digits = 1;
  std::string unit;
};

/// `value` with `digits` decimals (0 to 6) and the decimal mark of `lang`.
std::string format_decimal(std::string_view lang, double value, int digits);

/// `d` in `lang`: the number, then a space and the unit when there is one ("8,2 s").
std::string format(std::string_view lang, const Decimal& d);

/// Seconds with one decimal, from milliseconds ("8.2 s").
inline Decimal seconds(double ms) { return {ms / 1000.0, 1, "s"}; }

/// Milliseconds: one decimal below 10 ms, none above ("4.2 ms", "182 ms").
inline Decimal milliseconds(double ms) { return {ms, ms < 10 ? 1 : 0, "ms"}; }

}  // namespace mxray::i18n
