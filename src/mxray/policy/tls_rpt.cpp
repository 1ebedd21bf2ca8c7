// See tls_rpt.hpp.
#include "mxray/policy/tls_rpt.hpp"
#include "mxray/core/text.hpp"

#include "mxray/policy/versioned_record.hpp"

#include <cctype>
#include <string_view>

namespace mxray::policy {
namespace {

std::string_view trim(std::string_view s) { return core::trim_blanks(s); }

bool host_like(std::string_view h) {
  if (h.empty() || h.size() > 253 || h.front() == '.' || h.back() == '.') return false;
  for (const char c : h) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_' && c != ':' && c != '[' &&
        c != ']') {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string rua_problem(const std::string& uri) {
  std::string_view u = uri;
  if (u.rfind("mailto:", 0) == 0) {
    auto addr = u.substr(7);
    addr = addr.substr(0, addr.find('!'));  // RFC 8460 3: an optional size limit follows "!"
    const auto at = addr.rfind('@');
    if (at == std::string_view::npos || at == 0) return "rua_mailto_address";
    if (!host_like(addr.substr(at + 1)) || addr.substr(at + 1).find('.') == std::string_view::npos) {
      return "rua_mailto_domain";
    }
    return {};
  }
  if (u.rfind("https://", 0) == 0) {
    const auto rest = u.substr(8);
    const auto host = rest.substr(0, rest.find_first_of("/?#"));
    if (!host_like(host)) return "rua_https_host";
    return {};
  }
  return "rua_scheme";
}

void evaluate_tls_rpt(const std::vector<std::string>& records, report::TlsRptEvidence& rpt) {
  rpt.rua.clear();
  auto selected = select_versioned_record(records, "v=TLSRPTv1");
  rpt.rpt_records = std::move(selected.records);
  rpt.error = selected.error;
  rpt.detail = selected.detail;
  if (!rpt.error.empty()) return;
  const std::string_view rec = rpt.rpt_records.front();
  std::size_t start = 0;
  bool first = true;
  bool have_rua = false;
  while (start <= rec.size()) {
    auto semi = rec.find(';', start);
    if (semi == std::string_view::npos) semi = rec.size();
    const auto f = trim(rec.substr(start, semi - start));
    start = semi + 1;
    if (f.empty()) {
      if (semi == rec.size()) break;
      continue;
    }
    const auto eq = f.find('=');
    const auto name = trim(f.substr(0, eq));
    const auto value = eq == std::string_view::npos ? std::string_view{} : trim(f.substr(eq + 1));
    if (first) {
      first = false;
      if (name != "v" || value != "TLSRPTv1") {
        rpt.error = "malformed";
        rpt.detail = "version_first";
        return;
      }
      continue;
    }
    if (name != "rua") continue;  // extension fields are allowed
    have_rua = true;
    std::size_t at = 0;
    while (at <= value.size()) {
      auto comma = value.find(',', at);
      if (comma == std::string_view::npos) comma = value.size();
      const std::string uri(trim(value.substr(at, comma - at)));
      at = comma + 1;
      if (auto why = rua_problem(uri); !why.empty()) {
        rpt.error = "malformed";
        rpt.detail = why;
        return;
      }
      if (rpt.rua.size() < 20) rpt.rua.push_back(uri);
      if (comma == value.size()) break;
    }
  }
  if (!have_rua || rpt.rua.empty()) {
    rpt.error = "malformed";
    rpt.detail = "no_rua";
    return;
  }
  rpt.error.clear();
}

}  // namespace mxray::policy
