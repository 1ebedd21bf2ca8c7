// The language of a response from an Accept-Language header (RFC 9110 12.5.4: q-values
// weigh, not the order) or from $LANGUAGE-style lists.
#include "mxray/i18n/translate.hpp"

#include <gtest/gtest.h>

namespace mxray::i18n {
namespace {

TEST(PickLanguage, HighestQValueWins) {
  EXPECT_EQ(pick_language("de;q=0.5, fr;q=0.9"), "fr");
  EXPECT_EQ(pick_language("en;q=0.1,es-ES;q=0.8,it;q=0.7"), "es");
  EXPECT_EQ(pick_language("sv, de-CH;q=0.9, de;q=0.8"), "de");
}

TEST(PickLanguage, EqualWeightsKeepTheOrder) {
  EXPECT_EQ(pick_language("it,fr"), "it");
  EXPECT_EQ(pick_language("fr;q=0.5,de;q=0.5"), "fr");
  EXPECT_EQ(pick_language("en_GB:fr"), "en");
  EXPECT_EQ(pick_language("fr_FR.UTF-8"), "fr");
}

TEST(PickLanguage, ZeroMeansNotThisOne) {
  EXPECT_EQ(pick_language("fr;q=0, de;q=0.2"), "de");
  EXPECT_EQ(pick_language("fr;q=0.000"), "en");
  EXPECT_EQ(pick_language(""), "en");
  EXPECT_EQ(pick_language("sv,nb;q=0.9"), "en");
  EXPECT_EQ(pick_language("fr;q=nonsense,it;q=0.3"), "it");
}

}  // namespace
}  // namespace mxray::i18n
