// Naming rules: reverse DNS (PTR, forward-confirmed) and the host name in the greeting
// compared with the MX name and the PTR name.
#include <algorithm>
#include <cctype>

#include "mxray/checks/rules.hpp"
#include "mxray/dns/domain_name.hpp"

namespace mxray::checks {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

void judge_naming(const report::MxEvidence& mx, const report::AddressEvidence& a, FindingList& out) {
  const auto& rev = a.reverse_dns;
  // Only for addresses that answered: for a dead address the reachability finding matters.
  if (rev.looked_up && a.allowed && a.connect.ok) {
    if (rev.names.empty() && rev.error == "no PTR record") {
      out.add("dns.ptr_missing", mx.host, a.ip, N_("{ip} has no PTR record"), {{"ip", a.ip}});
    } else if (!rev.names.empty() && !rev.forward_confirmed) {
      out.add("dns.ptr_not_confirmed", mx.host, a.ip, N_("{ip} points to {name}, which does not resolve back to it"),
              {{"ip", a.ip}, {"name", rev.names.front()}});
    } else if (rev.forward_confirmed) {
      out.add("dns.ptr_ok", mx.host, a.ip, N_("{ip} is {name}, and {name} resolves to {ip}"),
              {{"ip", a.ip}, {"name", rev.confirmed_name}});
    }
  }
  if (!a.banner.received || a.banner.code != 220) return;
  const auto first_line = a.banner.text.substr(0, a.banner.text.find('\n'));
  const auto announced = lower(first_line.substr(0, first_line.find(' ')));
  if (announced.find('.') == std::string::npos || dns::looks_like_ip_literal(announced)) {
    out.add("smtp.banner_not_fqdn", mx.host, a.ip, N_("the greeting starts with \"{name}\""), {{"name", announced}});
    return;
  }
  // An address checked directly has no MX name: only its PTR name can be compared.
  if (mx.direct == "address" && rev.names.empty()) return;
  const bool matches_mx = announced == lower(mx.host) || announced == lower(mx.cname_target);
  const bool matches_ptr =
      std::any_of(rev.names.begin(), rev.names.end(), [&](const std::string& n) { return lower(n) == announced; });
  if (!matches_mx && !matches_ptr) {
    out.add("smtp.banner_name_mismatch", mx.host, a.ip, N_("the greeting names {name}; the MX is {host}{ptr}"),
            {{"name", announced},
             {"host", mx.host},
             {"ptr", rev.names.empty() ? std::string{} : " (PTR " + rev.names.front() + ")"}});
  }
}

}  // namespace mxray::checks
