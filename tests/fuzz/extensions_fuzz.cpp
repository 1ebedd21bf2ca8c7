// Fuzz target: the EHLO reply parser, the notes shown beside each extension (SIZE's number is
// parsed) and the server software recognition, on arbitrary reply lines from a server.
// Lines are the input split at LF, within the default reply bounds (100 lines of 2048 bytes).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mxray/checks/server_software.hpp"
#include "mxray/report/extension_notes.hpp"
#include "mxray/smtp/extensions.hpp"

namespace {

// Parameters are trimmed of spaces and tabs.
bool has_edge_blank(std::string_view s) {
  return !s.empty() && (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mxray::smtp::Reply reply;
  reply.code = 250;
  while (reply.lines.size() < 100) {
    const auto nl = text.find('\n');
    reply.lines.emplace_back(text.substr(0, std::min<std::size_t>(nl, 2048)));  // max_reply_line
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  const auto ext = mxray::smtp::parse_extensions(reply);
  // Space and tab both separate words (they are both trimmed as blanks).
  if (ext.server_name.find_first_of(" \t") != std::string::npos) std::abort();
  for (const auto& [keyword, params] : ext.keywords) {
    if (keyword.empty() || keyword.find_first_of(" \t") != std::string::npos) std::abort();
    for (const char c : keyword) {
      if (c >= 'a' && c <= 'z') std::abort();  // keywords are upper-cased
    }
    if (has_edge_blank(params)) std::abort();
    if (!ext.has(keyword)) std::abort();
    (void)mxray::report::extension_note("en", keyword, params);
    (void)mxray::report::extension_note("fr", keyword, params);
  }
  mxray::report::AddressEvidence address;
  address.banner.received = true;
  address.banner.code = 220;
  address.banner.text = reply.lines.front();
  address.ehlo.sent = true;
  address.ehlo.code = 250;
  address.ehlo.text = reply.text();
  address.ehlo.extensions = ext.keywords;
  const auto software = mxray::checks::recognise_server(address);
  if (software.confidence < 0 || software.confidence > 100) std::abort();
  if (software.id.empty() && !software.version.empty()) std::abort();
  return 0;
}
