// The web page's own labels, translated from the same gettext catalogues as the reports and
// served as JSON (GET /api/v1/messages?lang=fr), so the page needs no text of its own and the
// translation check covers it. The page itself (index.html) is served already in the
// negotiated language: <html lang>, every element marked data-msg, and the messages inline.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace mxray::web {

/// {"lang": "fr", "languages": [...], "messages": {"check_button": "Vérifier", ...}}; a counted
/// label is {"one": ..., "other": ...}, the forms for Intl.PluralRules' categories.
nlohmann::json ui_messages(std::string_view lang);

/// `html` (the embedded index.html, trusted) in `lang`: lang="en" on <html> replaced, the text
/// of every element with data-msg="KEY" replaced by the translation (HTML-escaped), and
/// ui_messages(lang) inlined as <script type="application/json" id="ui-messages"> before </head>.
std::string localized_page(std::string_view html, std::string_view lang);

}  // namespace mxray::web
