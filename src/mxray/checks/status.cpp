// See status.hpp. The tables here say which step each finding belongs to and which findings
// record that mxray could not tell; the verdict rule is verdict_of at the end.
#include "mxray/checks/status.hpp"

#include <algorithm>

#include "mxray/i18n/translate.hpp"

namespace mxray::checks {
namespace {

// Findings that say "mxray could not tell", whatever their severity in the catalogue.
constexpr std::array<std::string_view, 15> kInconclusive = {"smtp.greylisting_unresolved",
                                                            "smtp.provider_throttle",
                                                            "smtp.provider_reputation",
                                                            "smtp.greeting_busy",
                                                            "relay.deferred",
                                                            "relay.inconclusive",
                                                            "relay.desynced",
                                                            "smtp.not_tested_here",
                                                            "vantage.port25_blocked",
                                                            "vantage.no_ipv6",
                                                            "mtasts.mx_not_verified",
                                                            "domain.nothing_verified",
                                                            "dnsbl.refused",
                                                            "dnsbl.lookup_failed",
                                                            "submission.not_tested"};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::string_view to_string(Status s) {
  switch (s) {
    case Status::not_tested: return "not_tested";
    case Status::ok: return "ok";
    case Status::info: return "info";
    case Status::inconclusive: return "inconclusive";
    case Status::warning: return "warning";
    case Status::critical: return "critical";
  }
  return "not_tested";
}

Status status_of(std::string_view id, Severity severity) {
  if (std::find(kInconclusive.begin(), kInconclusive.end(), id) != kInconclusive.end()) return Status::inconclusive;
  switch (severity) {
    case Severity::ok: return Status::ok;
    case Severity::info: return Status::info;
    case Severity::warning: return Status::warning;
    case Severity::critical: return Status::critical;
  }
  return Status::info;
}

Status status_of(const Finding& f) { return status_of(f.id, f.severity); }

std::string_view step_of(const Finding& f) {
  const std::string_view id = f.id;
  if (starts_with(id, "tlsrpt.")) return "tls_rpt";
  if (starts_with(id, "submission.")) return "submission";
  if (starts_with(id, "mtasts.")) return "mta_sts";
  if (starts_with(id, "dane.")) return "dane";
  if (starts_with(id, "cert.")) return "certificate";
  if (starts_with(id, "relay.") || id == "smtp.greylisting" || id == "smtp.greylisting_unresolved") return "relay";
  if (starts_with(id, "tls.") || id == "smtp.auth_plaintext") return "starttls";
  if (id == "smtp.vrfy_enabled" || id == "smtp.expn_enabled") return "vrfy_expn";
  if (id == "smtp.ehlo_refused" || id == "smtp.helo_refused") return "ehlo";
  if (id == "smtp.unreachable" || id == "smtp.unreachable_nolisting" || id == "smtp.slow_connect" ||
      id == "smtp.not_tested_here" || id == "address.special_range") {
    return "connect";
  }
  if (id == "smtp.no_banner" || id == "smtp.slow_banner" || id == "smtp.greeting_refused" ||
      id == "smtp.greeting_busy" || id == "smtp.malformed_reply" || id == "smtp.banner_version" ||
      id == "smtp.banner_not_fqdn" || id == "smtp.banner_name_mismatch" || id == "smtp.greeting_pause") {
    return "greeting";
  }
  if (starts_with(id, "dns.")) return "dns";
  return "";  // domain.*, vantage.*, smtp.dropped, smtp.bound_reached, smtp.software: the whole place
}

Verdict verdict_of(Status worst, bool verified) {
  if (worst == Status::critical) return Verdict::fail;
  if (worst == Status::warning) return Verdict::warn;
  return verified ? Verdict::pass : Verdict::inconclusive;
}

}  // namespace mxray::checks
