// See untrusted_json.hpp.
#include "mxray/report/untrusted_json.hpp"

#include <string>

#include "mxray/core/printable.hpp"

namespace mxray::report {
namespace {

// A server's reply text (`text`, `mail_text`, `reply_text`) is several lines joined with "\n";
// every other string is one line, so a line feed in it could forge a line of the report.
bool multi_line(const std::string& key) { return key == "text" || key.ends_with("_text"); }

std::string escaped(const std::string& s, bool keep_line_feeds) {
  if (!keep_line_feeds) return core::is_printable(s) ? s : core::printable(s);
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

namespace {

void escape_value(nlohmann::json& j, bool keep_line_feeds) {
  if (j.is_string()) {
    j = escaped(j.get<std::string>(), keep_line_feeds);
  } else if (j.is_array()) {
    for (auto& v : j) escape_value(v, keep_line_feeds);
  } else if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto& [key, value] : j.items()) {
      escape_value(value, multi_line(key));
      out[escaped(key, false)] = std::move(value);
    }
    j = std::move(out);
  }
}

}  // namespace

void escape_untrusted(nlohmann::json& j) { escape_value(j, false); }

}  // namespace mxray::report
