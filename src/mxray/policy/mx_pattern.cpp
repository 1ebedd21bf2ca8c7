// See mx_pattern.hpp.
#include "mxray/policy/mx_pattern.hpp"
#include "mxray/core/text.hpp"

#include <cctype>

namespace mxray::policy {
namespace {

std::string normal(std::string_view s) { return core::normal_name(s); }

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (const char c : label) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const auto dot = name.find('.', start);
    const auto label = name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!valid_label(label)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

std::string pattern_problem(std::string_view pattern) {
  const auto p = normal(pattern);
  if (p.empty()) return "mx_empty";
  if (p.rfind("*.", 0) == 0) {
    if (!valid_name(std::string_view(p).substr(2))) return "mx_wildcard_domain";
    return {};
  }
  if (p.find('*') != std::string::npos) return "mx_wildcard_position";
  if (!valid_name(p)) return "mx_host_name";
  return {};
}

bool mx_matches(std::string_view pattern, std::string_view host) {
  const auto p = normal(pattern);
  const auto h = normal(host);
  if (p.empty() || h.empty()) return false;
  if (p.rfind("*.", 0) == 0) {
    // "*.example.com" covers "mail.example.com" but neither "example.com" nor "a.b.example.com".
    const auto dot = h.find('.');
    if (dot == std::string::npos || dot == 0) return false;
    return h.substr(dot + 1) == p.substr(2);
  }
  return p == h;
}

}  // namespace mxray::policy
