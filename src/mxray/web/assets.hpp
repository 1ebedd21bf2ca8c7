// The page's files (web/: index.html, app.js, style.css, openapi.json), embedded into the
// program at build time by cmake/embed_assets.cmake, so nothing is needed beside the binary.
#pragma once

#include <span>
#include <string_view>

namespace mxray::web {

/// One embedded file.
struct Asset {
  std::string_view path;          // as requested, e.g. "/app.js"
  std::string_view content_type;  // with charset for text
  std::string_view body;
};

/// Every embedded file (generated source).
std::span<const Asset> embedded_assets();

/// The file served at `path` ("/" is "/index.html"), or nullptr.
const Asset* find_asset(std::string_view path);

}  // namespace mxray::web
