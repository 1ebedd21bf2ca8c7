// Fuzz target: the web server's request target parser (path, query, percent-decoding) on
// arbitrary client text. The path is everything before '?'; no parameter survives a '#'.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mxray/web/query.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  const auto t = mxray::web::parse_target(target);
  if (target.substr(0, t.path.size()) != t.path) std::abort();
  if (t.path.find('?') != std::string::npos) std::abort();
  const auto q = target.find('?');
  if (q == std::string_view::npos && !t.params.empty()) std::abort();
  if (q == std::string_view::npos && t.path.size() != target.size()) std::abort();
  std::size_t decoded = 0;
  for (const auto& [name, value] : t.params) {
    decoded += name.size() + value.size();
    // Decoding never grows the text; a parameter's value is what param() returns.
    if (t.param(name) != value) std::abort();
  }
  if (decoded > target.size()) std::abort();
  (void)t.param("domain");
  return 0;
}
