// See server_software.hpp. Strong marks (the product's name in the greeting) beat host-name
// hints of hosted services, which beat wording and extension heuristics.
#include "mxray/checks/server_software.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace mxray::checks {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct Mark {
  const char* id;
  const char* name;
  const char* pattern;  // searched in the lower-cased text
  int confidence;
  const char* basis;
  const char* where;    // greeting | ehlo | replies
};

// Order matters: the first match with the highest confidence wins.
constexpr std::array kMarks{
    Mark{"microsoft365", "Microsoft 365 (Exchange Online)", "mail.protection.outlook.com", 95, "greeting host name", "greeting"},
    Mark{"google", "Google (Gmail / Workspace)", "gsmtp", 90, "greeting", "greeting"},
    Mark{"google", "Google (Gmail / Workspace)", "mx.google.com", 90, "greeting host name", "greeting"},
    Mark{"proofpoint", "Proofpoint", "pphosted.com", 85, "greeting host name", "greeting"},
    Mark{"mimecast", "Mimecast", "mimecast", 85, "greeting", "greeting"},
    Mark{"cisco", "Cisco Secure Email (IronPort)", "iphmx.com", 85, "greeting host name", "greeting"},
    Mark{"cisco", "Cisco Secure Email (IronPort)", "ironport", 85, "greeting", "greeting"},
    Mark{"zimbra", "Zimbra", "zimbra", 85, "greeting", "greeting"},
    Mark{"exchange", "Microsoft Exchange", "microsoft esmtp mail service", 90, "greeting", "greeting"},
    Mark{"postfix", "Postfix", "esmtp postfix", 95, "greeting", "greeting"},
    Mark{"exim", "Exim", "esmtp exim", 95, "greeting", "greeting"},
    Mark{"sendmail", "Sendmail", "esmtp sendmail", 95, "greeting", "greeting"},
    Mark{"opensmtpd", "OpenSMTPD", "opensmtpd", 95, "greeting", "greeting"},
    Mark{"haraka", "Haraka", "haraka", 95, "greeting", "greeting"},
    Mark{"exchange", "Microsoft Exchange", "x-anonymoustls", 80, "EHLO extension X-ANONYMOUSTLS", "ehlo"},
    Mark{"exchange", "Microsoft Exchange", "xexch50", 80, "EHLO extension XEXCH50", "ehlo"},
    Mark{"sendmail", "Sendmail", "pleased to meet you", 75, "EHLO wording", "ehlo"},
    Mark{"exim", "Exim", "pipe_connect", 70, "EHLO extension PIPE_CONNECT", "ehlo"},
    Mark{"postfix", "Postfix", "relay access denied", 70, "refusal wording", "replies"},
    Mark{"postfix", "Postfix", "send some mail, i'll try my best", 70, "VRFY wording", "replies"},
    Mark{"exim", "Exim", "relay not permitted", 70, "refusal wording", "replies"},
    Mark{"qmail", "qmail", "isn't in my list of allowed rcpthosts", 80, "refusal wording", "replies"},
    Mark{"opensmtpd", "OpenSMTPD", "invalid recipient", 40, "refusal wording", "replies"},
};

std::string version_after(const std::string& text, const std::string& product) {
  const std::regex re(product + R"([ /]v?([0-9]+(\.[0-9]+)+))", std::regex::icase);
  std::smatch m;
  return std::regex_search(text, m, re) ? m[1].str() : std::string{};
}

}  // namespace

ServerSoftware recognise_server(const report::AddressEvidence& a) {
  const auto greeting = lower(a.banner.text);
  std::string ehlo = lower(a.ehlo.text + "\n" + a.ehlo_tls.text);
  for (const auto& [k, v] : a.ehlo.extensions) ehlo += "\n" + lower(k);
  std::string replies = lower(a.vrfy.text + "\n" + a.expn.text + "\n" + a.mail_before_tls.text);
  for (const auto& attempt : a.relay.attempts) replies += "\n" + lower(attempt.mail_text + "\n" + attempt.text);

  ServerSoftware best;
  for (const auto& m : kMarks) {
    const std::string& text = std::string_view(m.where) == "greeting" ? greeting
                              : std::string_view(m.where) == "ehlo"   ? ehlo
                                                                      : replies;
    if (m.confidence <= best.confidence || text.find(m.pattern) == std::string::npos) continue;
    best = {m.id, m.name, {}, m.confidence, m.basis};
  }
  if (best.id.empty()) {
    // Postfix's default extension set (ETRN and VRFY together are rare elsewhere).
    const auto& x = a.ehlo.extensions;
    if (x.count("ETRN") && x.count("VRFY") && x.count("ENHANCEDSTATUSCODES")) {
      best = {"postfix", "Postfix", {}, 50, "extension set"};
    }
  }
  if (best.id == "postfix" || best.id == "exim" || best.id == "sendmail" || best.id == "opensmtpd" ||
      best.id == "haraka") {
    best.version = version_after(a.banner.text, best.name);
  }
  return best;
}

}  // namespace mxray::checks
