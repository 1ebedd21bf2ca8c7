// Translation of every text a user reads, from GNU gettext catalogues (po/<lang>.po compiled
// with msgfmt and embedded into the binary at build time). English is the source language.
// The language is chosen per call, so one process (the web server) can answer in several.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// Every msgid of one language's catalogue (for tests).
std::vector<std::string> catalogue_ids(std::string_view lang);

}  // namespace mxray::i18n
