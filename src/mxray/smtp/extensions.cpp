// EHLO reply parsing; see extensions.hpp.
#include "mxray/smtp/extensions.hpp"

#include <cctype>

namespace mxray::smtp {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

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
    if (eq != std::string::npos && (split == std::string::npos || eq < split) &&
        upper(line.substr(0, eq)) == "AUTH") {
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
