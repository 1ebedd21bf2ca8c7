// Translation of every text a user reads, from GNU gettext catalogues (po/<lang>.po compiled
// with msgfmt and embedded into the binary at build time). English is the source language.
// The language is chosen per call, so one process (the web server) can answer in several.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mxray/i18n/number.hpp"

/// Marks a string for xgettext without translating it here (the catalogue, detail templates).
#define N_(text) text

namespace mxray::i18n {

/// Named values for {placeholders} in a message.
using Args = std::vector<std::pair<std::string, std::string>>;

/// The languages mxray speaks: en, fr, de, es, it.
std::span<const std::string_view> languages();

/// The supported language best matching a preference such as "fr_FR.UTF-8", "de-CH" or an
/// Accept-Language list ("es-ES,es;q=0.9,en;q=0.5"); "en" when none matches.
std::string pick_language(std::string_view preference);

/// The language from LANGUAGE, LC_ALL, LC_MESSAGES or LANG, as gettext reads them.
std::string language_from_environment();

/// `msgid` in `lang`; `msgid` itself for English or when the catalogue lacks it.
std::string_view tr(std::string_view lang, std::string_view msgid);

/// Translates `msgid` and replaces each {name} with its value from `args`.
std::string trf(std::string_view lang, std::string_view msgid, const Args& args = {});

/// The form of `singular` / `plural` (msgid / msgid_plural) that the count `n` takes in `lang`,
/// by the catalogue's Plural-Forms (English: `singular` for 1, else `plural`), with each {name}
/// replaced from `args` (which should hold the count itself, e.g. {"days", "5"}).
std::string trn(std::string_view lang, std::string_view singular, std::string_view plural, unsigned long long n,
                const Args& args = {});

/// The count a signed number takes for plural forms ("-3 days" reads as 3 days).
inline unsigned long long magnitude(long long n) {
  return n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
}

/// A message kept untranslated until it is shown (findings are judged once and rendered in
/// any language): its msgid, for a counted one also msgid_plural and the count, the values of
/// its {placeholders}, placeholders whose values are themselves messages (`parts`), rendered
/// in the same language, and placeholders whose values are numbers with decimals (`numbers`),
/// written with the language's decimal mark.
struct Message {
  std::string msgid;
  std::string plural;  // msgid_plural; "" for a message without plural forms
  unsigned long long count = 0;
  Args args;
  std::vector<std::pair<std::string, Message>> parts;
  std::vector<std::pair<std::string, Decimal>> numbers;
};

/// A message whose placeholders include numbers with decimals.
inline Message with_numbers(std::string_view msgid, Args args, std::vector<std::pair<std::string, Decimal>> numbers) {
  return Message{std::string(msgid), {}, 0, std::move(args), {}, std::move(numbers)};
}

/// Marks a counted message for xgettext (keyword counted:1,2) and builds it.
inline Message counted(std::string_view singular, std::string_view plural, unsigned long long n, Args args = {}) {
  return Message{std::string(singular), std::string(plural), n, std::move(args), {}, {}};
}

/// `message` in `lang`, with its parts rendered first.
std::string render(std::string_view lang, const Message& message);

/// Every msgid of one language's catalogue (for tests); a plural entry by its msgid.
std::vector<std::string> catalogue_ids(std::string_view lang);

/// How many plural forms `lang`'s catalogue has (its Plural-Forms nplurals; 2 for English).
unsigned long plural_count(std::string_view lang);

/// The index of the plural form the count `n` takes in `lang`.
unsigned long plural_index(std::string_view lang, unsigned long long n);

/// The translated forms of the plural entry `singular` in `lang` (for tests); empty when the
/// catalogue has no such plural entry.
std::vector<std::string> plural_forms(std::string_view lang, std::string_view singular);

}  // namespace mxray::i18n
