// Numbers with decimals in the reader's language: a point in English, a comma in fr, de, es
// and it, whatever the process locale; and finding details that carry them.
#include "mxray/i18n/number.hpp"

#include <gtest/gtest.h>

#include <clocale>
#include <limits>

#include "mxray/i18n/translate.hpp"

namespace mxray::i18n {
namespace {

TEST(Numbers, DecimalMarkPerLanguage) {
  EXPECT_EQ(format_decimal("en", 8.25, 1), "8.2");  // to_chars rounds half to even on the binary value
  EXPECT_EQ(format_decimal("en", 8.26, 1), "8.3");
  EXPECT_EQ(format_decimal("fr", 8.26, 1), "8,3");
  EXPECT_EQ(format_decimal("de", 35.0, 1), "35,0");
  EXPECT_EQ(format_decimal("es", 0.5, 2), "0,50");
  EXPECT_EQ(format_decimal("it", 1234.5, 1), "1234,5");
  EXPECT_EQ(format_decimal("fr", 182.4, 0), "182");
  EXPECT_EQ(format_decimal("en", -0.01, 1), "0.0");
  EXPECT_EQ(format_decimal("en", std::numeric_limits<double>::quiet_NaN(), 1), "?");
}

TEST(Numbers, UnitsAndDurations) {
  EXPECT_EQ(format("en", seconds(8200)), "8.2 s");
  EXPECT_EQ(format("de", seconds(8200)), "8,2 s");
  EXPECT_EQ(format("fr", milliseconds(4.24)), "4,2 ms");
  EXPECT_EQ(format("fr", milliseconds(182.4)), "182 ms");
}

TEST(Numbers, IndependentOfTheProcessLocale) {
  // A process that set a comma locale must not change English; where the locale is not
  // installed, setlocale fails and the test still checks the default.
  const char* before = std::setlocale(LC_NUMERIC, nullptr);
  const std::string saved = before != nullptr ? before : "C";
  std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
  EXPECT_EQ(format_decimal("en", 2.5, 1), "2.5");
  EXPECT_EQ(format_decimal("de", 2.5, 1), "2,5");
  std::setlocale(LC_NUMERIC, saved.c_str());
}

TEST(Numbers, MessagesRenderTheirNumbersPerLanguage) {
  const auto m = with_numbers("the TCP connection took {time}", {}, {{"time", seconds(2500)}});
  EXPECT_EQ(render("en", m), "the TCP connection took 2.5 s");
  const auto de = render("de", m);
  EXPECT_NE(de.find("2,5 s"), std::string::npos) << de;
  EXPECT_EQ(de.find("took"), std::string::npos) << de;
}

}  // namespace
}  // namespace mxray::i18n
