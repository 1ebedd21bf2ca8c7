// See server_software.hpp. Strong marks (the product's name in the greeting) beat host-name
// hints of hosted services, which beat wording and extension heuristics.
#include "mxray/checks/server_software.hpp"

#include <array>
#include <string_view>

#include "mxray/core/text.hpp"

namespace mxray::checks {
namespace {

using core::ascii_lower;

struct Mark {
  const char* id;
  const char* name;
  const char* pattern;  // searched in the lower-cased text
  int confidence;
  const char* basis;
  const char* where;  // greeting | ehlo | replies
};

// Order matters: the first match with the highest confidence wins.
constexpr std::array kMarks{
    Mark{"microsoft365", "Microsoft 365 (Exchange Online)", "mail.protection.outlook.com", 95, "greeting host name",
         "greeting"},
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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The version after the product's name: "Postfix 3.7.1", "Exim/4.96", "OpenSMTPD v6.8.0":
// at least two dotted numbers. A plain scan, no regex: the greeting is the server's text and
// std::regex recurses per character (a long banner could exhaust the stack).
std::string version_after(const std::string& text, const std::string& product) {
  const auto haystack = ascii_lower(text);
  const auto needle = ascii_lower(product);
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
    std::size_t i = at + needle.size();
    if (i >= haystack.size() || (haystack[i] != ' ' && haystack[i] != '/')) continue;
    ++i;
    if (i < haystack.size() && haystack[i] == 'v') ++i;
    const std::size_t start = i;
    int numbers = 0;
    while (i < haystack.size() && is_digit(haystack[i])) {
      while (i < haystack.size() && is_digit(haystack[i])) ++i;
      ++numbers;
      if (i + 1 < haystack.size() && haystack[i] == '.' && is_digit(haystack[i + 1])) {
        ++i;
      } else {
        break;
      }
    }
    if (numbers >= 2) return text.substr(start, i - start);
  }
  return {};
}

}  // namespace

ServerSoftware recognise_server(const report::AddressEvidence& a) {
  const auto greeting = ascii_lower(a.banner.text);
  std::string ehlo = ascii_lower(a.ehlo.text + "\n" + a.ehlo_tls.text);
  for (const auto& [k, v] : a.ehlo.extensions) ehlo += "\n" + ascii_lower(k);
  std::string replies = ascii_lower(a.vrfy.text + "\n" + a.expn.text + "\n" + a.mail_before_tls.text);
  for (const auto& attempt : a.relay.attempts) replies += "\n" + ascii_lower(attempt.mail_text + "\n" + attempt.text);

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
