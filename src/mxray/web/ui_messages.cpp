// See ui_messages.hpp. Keys are stable names the page (web/app.js) looks up; the texts are
// msgids, extracted by xgettext through N_().
#include "mxray/web/ui_messages.hpp"

#include <utility>
#include <vector>

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
    {"direct_address",
     N_("Address checked directly: no DNS lookup (MTA-STS, TLS-RPT, DANE and certificate names skipped)")},
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
    {"usual_name", N_("usual name")},
    {"dane_matched", N_("DANE matched")},
    {"dane_no_match", N_("DANE: no match")},
    {"legacy_also_accepted", N_("{versions} also accepted")},
    {"tlsa_records", N_("TLSA records: {count}")},
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
    // The summary, the cards and the waiting state (issue 17).
    {"summary_heading", N_("Summary")},
    {"mx_heading", N_("Mail servers")},
    {"cat_reachability", N_("Reachability")},
    {"cat_tls", N_("STARTTLS and TLS")},
    {"cat_certificate", N_("Certificate")},
    {"cat_dnssec", N_("DNS and DNSSEC")},
    {"cat_relay", N_("Relay and VRFY/EXPN")},
    {"cat_reverse_dns", N_("Reverse DNS")},
    {"category_findings", N_("findings: {n}")},
    {"checked_at", N_("Checked at")},
    {"checked_from", N_("Checked from")},
    {"as_of", N_("As of")},
    {"took", N_("Took")},
    {"target_kind", N_("Target")},
    {"on_places", N_("on {places}")},
    {"passed_count", N_("Passed checks: {n}")},
    {"elapsed", N_("Elapsed: {time}")},
    {"waiting_for", N_("waiting for: {step}")},
    {"step_quit", N_("end of the session")},
    {"cancel", N_("Cancel")},
    {"cancelled", N_("The check of {domain} was cancelled.")},
    {"check_done", N_("Check finished.")},
    {"empty_domain", N_("Type a domain to check, for example example.com.")},
    {"language_rerun",
     N_("Labels changed. The findings stay in the language of the check until you press Check again.")},
    {"timings", N_("Timings")},
    {"timings_total", N_("Timings: {time} in all")},
    {"rest_of_session", N_("rest of the session")},
    {"timeline_step", N_("{session}: {step}")},
    {"timeline_domain", N_("Where the check spent its time")},
    {"session_main", N_("main session")},
    {"session_first", N_("first session (before the reconnect)")},
    {"session_relay", N_("relay test session")},
    {"session_legacy_tls", N_("TLS 1.0/1.1 test")},
    {"session_legacy_tls1.0", N_("TLS 1.0 test")},
    {"session_plaintext", N_("plain-text test")},
    {"session_reverse_dns", N_("reverse DNS")},
    {"session_dns", N_("DNS")},
    {"session_mta_sts", N_("MTA-STS")},
    {"session_submission", N_("submission")},
    {"session_dnsbl", N_("blocklists")},
    {"tl_queue", N_("waiting for a session slot")},
    {"tl_connect", N_("connect")},
    {"tl_greeting", N_("greeting")},
    {"tl_tls_handshake", N_("TLS handshake")},
    {"tl_retry_wait", N_("waiting before the reconnect")},
    {"tl_PTR", N_("PTR and forward lookup")},
    {"tl_policy_fetch", N_("policy fetch (HTTPS)")},
    {"tl_discovery_and_probes", N_("discovery and sessions")},
    {"tl_lookups", N_("lookups")},
};

// Counted labels: msgid and msgid_plural (xgettext reads them through counted:1,2).
struct CountedMessage {
  const char* key;
  i18n::Message message;
};

const std::vector<CountedMessage>& counted_messages() {
  static const std::vector<CountedMessage> messages{
      {"days_left", i18n::counted("{days} day left", "{days} days left", 0)},
      {"expired_ago", i18n::counted("expired {days} day ago", "expired {days} days ago", 0)},
  };
  return messages;
}

}  // namespace

nlohmann::json ui_messages(std::string_view lang) {
  nlohmann::json messages = nlohmann::json::object();
  for (const auto& [key, msgid] : kMessages) messages[key] = std::string(i18n::tr(lang, msgid));
  // The page picks a form with Intl.PluralRules: "one" is the form that 1 takes, "other" the
  // form of 2. For mxray's languages this is exactly gettext's rule (fr: 0 and 1 are "one" in
  // both; en, de, es, it: 1 alone), and a CLDR "many" (es: a million) reads "other".
  for (const auto& [key, message] : counted_messages()) {
    auto one = message;
    one.count = 1;
    auto other = message;
    other.count = 2;
    messages[key] = {{"one", i18n::render(lang, one)}, {"other", i18n::render(lang, other)}};
  }
  nlohmann::json languages = nlohmann::json::array();
  for (const auto& l : i18n::languages()) languages.push_back(std::string(l));
  return {{"lang", std::string(lang)}, {"languages", languages}, {"messages", messages}};
}

namespace {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string localized_page(std::string_view html, std::string_view lang) {
  const auto all = ui_messages(lang);
  const auto& messages = all["messages"];
  std::string out;
  out.reserve(html.size() + 16 * 1024);
  constexpr std::string_view kLang = "<html lang=\"en\">";
  constexpr std::string_view kMarker = "data-msg=\"";
  std::size_t at = 0;
  if (const auto l = html.find(kLang); l != std::string_view::npos) {
    out.append(html.substr(0, l));
    out += "<html lang=\"" + std::string(lang) + "\">";
    at = l + kLang.size();
  }
  for (;;) {
    const auto marker = html.find(kMarker, at);
    if (marker == std::string_view::npos) break;
    const auto key_start = marker + kMarker.size();
    const auto key_end = html.find('"', key_start);
    const auto text_start = key_end == std::string_view::npos ? key_end : html.find('>', key_end);
    const auto text_end = text_start == std::string_view::npos ? text_start : html.find('<', text_start);
    if (text_end == std::string_view::npos) break;
    const auto key = std::string(html.substr(key_start, key_end - key_start));
    out.append(html.substr(at, text_start + 1 - at));
    if (messages.contains(key) && messages[key].is_string()) {
      out += html_escape(messages[key].get<std::string>());
    } else {
      out.append(html.substr(text_start + 1, text_end - text_start - 1));
    }
    at = text_end;
  }
  out.append(html.substr(at));
  // Inside <script> only "</" could end the element early: every "<" is written as \u003c.
  const auto json = all.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string script = "<script type=\"application/json\" id=\"ui-messages\">";
  for (const char c : json) {
    if (c == '<') {
      script += "\\u003c";
    } else {
      script += c;
    }
  }
  script += "</script>\n";
  if (const auto head_end = out.find("</head>"); head_end != std::string::npos) out.insert(head_end, script);
  return out;
}

}  // namespace mxray::web
