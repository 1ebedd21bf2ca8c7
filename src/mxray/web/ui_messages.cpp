// See ui_messages.hpp. Keys are stable names the page (web/app.js) looks up; the texts are
// msgids, extracted by xgettext through N_().
#include "mxray/web/ui_messages.hpp"

#include <utility>

#include "mxray/i18n/translate.hpp"

namespace mxray::web {
namespace {

constexpr std::pair<const char*, const char*> kMessages[] = {
    {"title", N_("mxray: can mail reach this domain?")},
    {"intro", N_("Checks every mail server of a domain: port 25, banner, EHLO, STARTTLS, certificate and "
                 "open relay, and explains every problem with its fix.")},
    {"privacy", N_("Nothing is stored: the domain is not logged and the results live only in this page.")},
    {"domain_label", N_("Domain")},
    {"check_button", N_("Check")},
    {"at_label", N_("As of (optional)")},
    {"target_hint", N_("A domain, or an address such as [192.0.2.25] to check a server before DNS points at it. "
                       "\"As of\": +30d, +2w or a date such as 2027-01-15 shows what will have expired by then.")},
    {"judged_at", N_("Judged as of {time}: what will have expired by then counts.")},
    {"direct_address", N_("Address checked directly: no DNS lookup (MTA-STS, TLS-RPT, DANE and certificate names skipped)")},
    {"direct_host", N_("Host checked directly: no MX lookup (MTA-STS and TLS-RPT skipped)")},
    {"language_label", N_("Language")},
    {"checking", N_("Checking {domain}…")},
    {"mx_records", N_("MX records")},
    {"no_mx", N_("No mail server to check.")},
    {"preference", N_("preference {n}")},
    {"dnssec", N_("DNSSEC: {state}")},
    {"address", N_("Address")},
    {"step_connect", N_("connect")},
    {"step_banner", N_("banner")},
    {"step_ehlo", N_("EHLO")},
    {"step_starttls", N_("STARTTLS")},
    {"step_certificate", N_("certificate")},
    {"step_relay", N_("relay")},
    {"pending", N_("waiting")},
    // The judge's steps and statuses (checks/status.hpp); the page maps them to marks only.
    {"step_greeting", N_("greeting")},
    {"step_dane", N_("DANE")},
    {"step_vrfy_expn", N_("VRFY/EXPN")},
    {"step_mta_sts", N_("MTA-STS")},
    {"step_dns", N_("DNS")},
    {"step_tls_rpt", N_("TLS-RPT")},
    {"step_submission", N_("submission")},
    {"submission_label", N_("Also the submission ports (465, 587)")},
    {"submission_heading", N_("Submission")},
    {"submission_tried", N_("tried: {places}")},
    {"submission_mode", N_("{mode}, found by {source}")},
    {"submission_none", N_("No submission service found.")},
    {"implicit_tls", N_("implicit TLS")},
    {"no_tls", N_("no TLS")},
    {"auth_before_tls", N_("AUTH before TLS: {m}")},
    {"auth_in_tls", N_("AUTH in TLS: {m}")},
    {"relay_without_auth", N_("relay without AUTH: {code}")},
    {"status_ok", N_("ok")},
    {"status_info", N_("info")},
    {"status_warning", N_("warning")},
    {"status_critical", N_("critical")},
    {"status_inconclusive", N_("inconclusive: mxray could not tell")},
    {"status_not_tested", N_("not tested")},
    {"status_pending", N_("waiting")},
    {"status_seen", N_("seen, waiting for the verdict")},
    {"verdict_inconclusive", N_("Inconclusive: nothing could be verified from here")},
    {"short_pass", N_("PASS")},
    {"short_warn", N_("WARN")},
    {"short_fail", N_("FAIL")},
    {"short_inconclusive", N_("INCONCLUSIVE")},
    {"from_source", N_("from {source}")},
    {"vantage", N_("Checked from here: EHLO {ehlo}, resolver {resolvers}, trust anchor {anchor}")},
    {"refused", N_("not probed: {range} address, refused by this server's address policy")},
    {"relay_open", N_("OPEN relay")},
    {"not_offered", N_("not offered")},
    {"cert_details", N_("Certificate details")},
    {"subject", N_("Subject")},
    {"issuer", N_("Issuer")},
    {"names", N_("Names (SAN)")},
    {"expires", N_("Expires")},
    {"days_left", N_("{days} days left")},
    {"expired_ago", N_("expired {days} days ago")},
    {"key", N_("Key")},
    {"signature", N_("Signature")},
    {"chain", N_("Chain as presented")},
    {"trusted", N_("Trusted")},
    {"name_match", N_("Name matches")},
    {"yes", N_("yes")},
    {"no", N_("no")},
    {"findings", N_("Findings")},
    {"why", N_("Why")},
    {"fix", N_("Fix")},
    {"whole_domain", N_("whole domain")},
    {"severity_critical", N_("critical")},
    {"severity_warning", N_("warning")},
    {"severity_info", N_("info")},
    {"severity_ok", N_("ok")},
    {"verdict_pass", N_("Pass: mail can reach this domain encrypted")},
    {"verdict_warn", N_("Warnings: mail arrives, with problems to fix")},
    {"verdict_fail", N_("Failures: mail may not arrive, or not safely")},
    {"verdict_error", N_("Could not check")},
    {"total_time", N_("Total time: {seconds} s")},
    {"copy_report", N_("Copy report as text")},
    {"copied", N_("Report copied")},
    {"print", N_("Print")},
    {"link", N_("Link to this check")},
    {"error", N_("Error: {message}")},
    {"connection_lost", N_("The connection to the server was lost before the report arrived.")},
};

}  // namespace

nlohmann::json ui_messages(std::string_view lang) {
  nlohmann::json messages = nlohmann::json::object();
  for (const auto& [key, msgid] : kMessages) messages[key] = std::string(i18n::tr(lang, msgid));
  nlohmann::json languages = nlohmann::json::array();
  for (const auto& l : i18n::languages()) languages.push_back(std::string(l));
  return {{"lang", std::string(lang)}, {"languages", languages}, {"messages", messages}};
}

}  // namespace mxray::web
