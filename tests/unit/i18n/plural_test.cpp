// Plural forms: each catalogue's Plural-Forms picks the form (fr: 0 and 1 singular; en, de,
// es, it: 1 alone), trn and counted messages use it, and the rule reader copes with the
// expressions gettext allows and refuses what it does not.
#include "mxray/i18n/plural.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "mxray/i18n/translate.hpp"

namespace mxray::i18n {
namespace {

constexpr std::array<unsigned long long, 5> kCounts{0, 1, 2, 5, 21};

TEST(PluralForms, EachLanguageHasItsRule) {
  const std::array<unsigned long, 5> singular_only_one{1, 0, 1, 1, 1};
  const std::array<unsigned long, 5> french{0, 0, 1, 1, 1};
  for (const auto lang : {"en", "de", "es", "it"}) {
    EXPECT_EQ(plural_count(lang), 2u) << lang;
    for (std::size_t i = 0; i < kCounts.size(); ++i) {
      EXPECT_EQ(plural_index(lang, kCounts[i]), singular_only_one[i]) << lang << " n=" << kCounts[i];
    }
  }
  EXPECT_EQ(plural_count("fr"), 2u);
  for (std::size_t i = 0; i < kCounts.size(); ++i) {
    EXPECT_EQ(plural_index("fr", kCounts[i]), french[i]) << "fr n=" << kCounts[i];
  }
}

TEST(PluralForms, TrnPicksTheTranslatedForm) {
  auto days = [](std::string_view lang, unsigned long long n) {
    return trn(lang, "{days} day left", "{days} days left", n, {{"days", std::to_string(n)}});
  };
  EXPECT_EQ(days("en", 1), "1 day left");
  EXPECT_EQ(days("en", 0), "0 days left");
  EXPECT_EQ(days("en", 21), "21 days left");
  EXPECT_EQ(days("fr", 0), "encore 0 jour");
  EXPECT_EQ(days("fr", 1), "encore 1 jour");
  EXPECT_EQ(days("fr", 2), "encore 2 jours");
  EXPECT_EQ(days("de", 1), "noch 1 Tag");
  EXPECT_EQ(days("de", 0), "noch 0 Tage");
  EXPECT_EQ(days("de", 5), "noch 5 Tage");
  EXPECT_EQ(days("es", 1), "queda 1 día");
  EXPECT_EQ(days("es", 21), "quedan 21 días");
  EXPECT_EQ(days("it", 1), "1 giorno rimanente");
  EXPECT_EQ(days("it", 0), "0 giorni rimanenti");
}

TEST(PluralForms, UnknownEntriesFallBackToEnglish) {
  EXPECT_EQ(trn("fr", "{n} apple", "{n} apples", 1, {{"n", "1"}}), "1 apple");
  EXPECT_EQ(trn("fr", "{n} apple", "{n} apples", 0, {{"n", "0"}}), "0 apples");
}

TEST(PluralForms, CountedMessagesRenderInEachLanguage) {
  auto m = counted("{count} extension", "{count} extensions", 1, {{"count", "1"}});
  EXPECT_EQ(render("en", m), "1 extension");
  EXPECT_EQ(render("de", m), "1 Erweiterung");
  m.count = 2;
  m.args = {{"count", "2"}};
  EXPECT_EQ(render("de", m), "2 Erweiterungen");
  EXPECT_EQ(render("es", m), "2 extensiones");
  // A part that is itself a message is rendered in the same language.
  Message outer{"Error: {message}", {}, 0, {}, {{"message", m}}, {}};
  EXPECT_EQ(render("de", outer), "Fehler: 2 Erweiterungen");
}

TEST(PluralForms, EveryPluralEntryHasAllForms) {
  for (const auto lang : {"fr", "de", "es", "it"}) {
    const auto forms = plural_forms(lang, "{days} day left");
    EXPECT_EQ(forms.size(), plural_count(lang)) << lang;
    for (const auto& f : forms) EXPECT_FALSE(f.empty()) << lang;
  }
}

TEST(PluralRule, ReadsGettextExpressions) {
  const auto polish = PluralRule::from_header(
      "Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n");
  ASSERT_TRUE(polish);
  EXPECT_EQ(polish->nplurals(), 3u);
  EXPECT_EQ(polish->form(1), 0u);
  EXPECT_EQ(polish->form(2), 1u);
  EXPECT_EQ(polish->form(5), 2u);
  EXPECT_EQ(polish->form(12), 2u);
  EXPECT_EQ(polish->form(22), 1u);
  const auto japanese = PluralRule::from_header("nplurals=1; plural=0;");
  ASSERT_TRUE(japanese);
  EXPECT_EQ(japanese->form(7), 0u);
  const auto french = PluralRule::from_header("Content-Type: text/plain\nPlural-Forms: nplurals=2; plural=(n > 1);\n");
  ASSERT_TRUE(french);
  EXPECT_EQ(french->form(0), 0u);
  EXPECT_EQ(french->form(2), 1u);
  EXPECT_EQ(PluralRule::from_header("nplurals=2; plural=n % 0;")->form(3), 0u);  // never divides by zero
}

TEST(PluralRule, RefusesWhatIsNotAnExpression) {
  EXPECT_FALSE(PluralRule::from_header("Plural-Forms: nplurals=2;"));
  EXPECT_FALSE(PluralRule::from_header("nplurals=2; plural=(n > 1;"));
  EXPECT_FALSE(PluralRule::from_header("nplurals=2; plural=n = 1;"));
  EXPECT_FALSE(PluralRule::from_header("nplurals=0; plural=0;"));
  EXPECT_FALSE(
      PluralRule::from_header("nplurals=2; plural=" + std::string(200, '(') + "n" + std::string(200, ')') + ";"));
  // A form index past nplurals (a catalogue bug) takes the first form.
  EXPECT_EQ(PluralRule::from_header("nplurals=2; plural=n;")->form(5), 0u);
}

}  // namespace
}  // namespace mxray::i18n
