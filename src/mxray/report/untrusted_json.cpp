// See untrusted_json.hpp.
#include "mxray/report/untrusted_json.hpp"

#include <string>

#include "mxray/core/printable.hpp"

namespace mxray::report {
namespace {

std::string escaped(const std::string& s) {
  std::string out;
  std::size_t start = 0;
  for (;;) {
    const auto nl = s.find('\n', start);
    const std::string_view line(s.data() + start, (nl == std::string::npos ? s.size() : nl) - start);
    out += core::is_printable(line) ? std::string(line) : core::printable(line);
    if (nl == std::string::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

}  // namespace

void escape_untrusted(nlohmann::json& j) {
  if (j.is_string()) {
    j = escaped(j.get<std::string>());
  } else if (j.is_array()) {
    for (auto& v : j) escape_untrusted(v);
  } else if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto& [key, value] : j.items()) {
      escape_untrusted(value);
      out[escaped(key)] = std::move(value);
    }
    j = std::move(out);
  }
}

}  // namespace mxray::report
