// See assets.hpp; the table itself is generated (web_assets.cpp in the build folder).
#include "mxray/web/assets.hpp"

namespace mxray::web {

const Asset* find_asset(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (const auto& asset : embedded_assets()) {
    if (asset.path == path) return &asset;
  }
  return nullptr;
}

}  // namespace mxray::web
