// EHLO reply parsing; see extensions.hpp.
#include "mxray/smtp/extensions.hpp"
#include "mxray/core/text.hpp"

#include <cctype>

namespace mxray::smtp {
namespace {

std::string trim(std::string_view s) { return std::string(core::trim_blanks(s)); }
std::string upper(std::string_view s) { return core::ascii_upper(s); }

}  // namespace

Extensions parse_extensions(const Reply& reply) {
  Extensions ext;
  if (reply.lines.empty()) return ext;
  const auto first = trim(reply.lines[0]);
  // Words are separated by spaces or tabs (trim() treats both as blanks; fuzzing found
  // "SIZE<TAB>1000" filed as the keyword "SIZE\t1000").
  ext.server_name = first.substr(0, first.find_first_of(" \t"));
  for (std::size_t i = 1; i < reply.lines.size(); ++i) {
    const auto line = trim(reply.lines[i]);
    if (line.empty()) continue;
    auto split = line.find_first_of(" \t");
    // Old servers announce "AUTH=LOGIN PLAIN" (pre-RFC 4954 syntax); file it under AUTH.
    const auto eq = line.find('=');
    if (eq != std::string::npos && (split == std::string::npos || eq < split) && upper(line.substr(0, eq)) == "AUTH") {
      split = eq;
    }
    const auto keyword = upper(line.substr(0, split));
    const auto params = split == std::string::npos ? std::string{} : trim(line.substr(split + 1));
    auto [it, inserted] = ext.keywords.emplace(keyword, params);
    if (!inserted && !params.empty()) {
      it->second += (it->second.empty() ? "" : " ") + params;
    }
  }
  return ext;
}

}  // namespace mxray::smtp
