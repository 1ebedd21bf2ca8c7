// The web page's own labels, translated from the same gettext catalogues as the reports and
// served as JSON (GET /api/v1/messages?lang=fr), so the page needs no text of its own and the
// translation check covers it.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace mxray::web {

/// {"lang": "fr", "languages": [...], "messages": {"check_button": "Vérifier", ...}}.
nlohmann::json ui_messages(std::string_view lang);

}  // namespace mxray::web
