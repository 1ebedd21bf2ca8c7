// The compiled catalogues (.mo) embedded into the binary; the definitions are generated at
// build time by cmake/embed_catalogues.cmake from po/<lang>.po.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace mxray::i18n {

/// One language's compiled catalogue.
struct EmbeddedCatalogue {
  std::string_view language;
  std::span<const unsigned char> mo;
};

/// Every embedded catalogue (fr, de, es, it).
const std::vector<EmbeddedCatalogue>& embedded_catalogues();

}  // namespace mxray::i18n
