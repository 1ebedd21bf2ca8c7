// What the session gives away: password login before TLS, VRFY / EXPN, and whether TLS is
// required before MAIL FROM.
#include <algorithm>
#include <cctype>

#include "mxray/checks/rules.hpp"

namespace mxray::checks {
namespace {

bool offers_cleartext_password(const std::string& mechanisms) {
  std::string upper = mechanisms;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const char* m : {"PLAIN", "LOGIN"}) {
    const auto at = upper.find(m);
    if (at == std::string::npos) continue;
    const auto end = at + std::string_view(m).size();
    const bool starts = at == 0 || upper[at - 1] == ' ';
    const bool ends = end == upper.size() || upper[end] == ' ';
    if (starts && ends) return true;
  }
  return false;
}

std::string reply(const report::CommandProbe& p) { return std::to_string(p.code) + " " + p.text; }

}  // namespace

void judge_commands(const report::MxEvidence& mx, const report::AddressEvidence& a, FindingList& out) {
  if (!a.ehlo.sent || a.ehlo.code != 250) return;
  if (const auto it = a.ehlo.extensions.find("AUTH");
      it != a.ehlo.extensions.end() && offers_cleartext_password(it->second)) {
    out.add("smtp.auth_plaintext", mx.host, a.ip, N_("before STARTTLS the server offers AUTH {mechanisms}"),
            {{"mechanisms", it->second}});
  }
  // RFC 5321 3.5.3: 250/251 verify the address; 252 means "cannot verify, will try".
  if (a.vrfy.sent && (a.vrfy.code == 250 || a.vrfy.code == 251)) {
    out.add("smtp.vrfy_enabled", mx.host, a.ip, N_("{command} was answered {reply}"),
            {{"command", a.vrfy.command}, {"reply", reply(a.vrfy)}});
  }
  if (a.expn.sent && (a.expn.code == 250 || a.expn.code == 251)) {
    out.add("smtp.expn_enabled", mx.host, a.ip, N_("{command} was answered {reply}"),
            {{"command", a.expn.command}, {"reply", reply(a.expn)}});
  }
  if (a.mail_before_tls.sent && a.mail_before_tls.code >= 200 && a.mail_before_tls.code < 300) {
    out.add("tls.not_required", mx.host, a.ip, N_("{command} before STARTTLS was answered {reply}"),
            {{"command", a.mail_before_tls.command}, {"reply", reply(a.mail_before_tls)}});
  }
}

}  // namespace mxray::checks
