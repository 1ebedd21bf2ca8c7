// Submission rules (RFC 6186 discovery, RFC 8314 TLS, RFC 6409 and RFC 4954 authentication):
// findings from the evidence of --submission. A service's findings carry "host:port" as
// their place, so they never mix with an MX host of the same name.
#include "mxray/checks/rules.hpp"
#include "mxray/core/text.hpp"

namespace mxray::checks {
namespace {

std::string place(const report::SubmissionService& s) { return s.host + ":" + std::to_string(s.port); }

std::string mode_text(const report::SubmissionService& s) {
  return s.mode == "implicit_tls" ? "implicit TLS" : "STARTTLS";
}

bool greeted(const report::SubmissionAddress& a) { return a.banner.received && a.banner.code == 220; }

// TLS 1.2 or later (RFC 8314 section 4.1).
bool old_tls(const std::string& version) { return version == "TLSv1" || version == "TLSv1.1" || version == "SSLv3"; }

// TLS as for port 25, and what a mail client checks on top (RFC 8314 4.1: it verifies the
// certificate against the host it was configured with, RFC 7817).
void judge_tls_of(const report::SubmissionService& s, const report::SubmissionAddress& a, long long now,
                  FindingList& out) {
  const auto where = place(s);
  if (old_tls(a.tls.version))
    out.add("submission.tls_old", where, a.ip, N_("{version} negotiated"), {{"version", a.tls.version}});
  if (a.tls.bytes_before_handshake > 0) {
    out.add(
        "submission.plaintext_injection", where, a.ip,
        i18n::counted("{count} byte arrived before the TLS handshake", "{count} bytes arrived before the TLS handshake",
                      static_cast<unsigned long long>(a.tls.bytes_before_handshake),
                      {{"count", std::to_string(a.tls.bytes_before_handshake)}}));
  }
  const auto& c = a.certificate;
  if (!c.present) return;
  if (!c.trusted) {
    out.add("submission.cert_untrusted", where, a.ip, N_("{error} (subject {subject})"),
            {{"error", c.verify_error.empty() ? std::string("not verified") : c.verify_error},
             {"subject", c.chain.empty() ? std::string("?") : c.chain.front().subject}});
  } else if (c.days_left < 30) {
    out.add("submission.cert_expiring", where, a.ip,
            i18n::counted("{days} day left", "{days} days left", i18n::magnitude(c.days_left),
                          {{"days", std::to_string(c.days_left)}}));
  }
  if (!c.hostname_match) {
    std::string names = c.chain.empty() ? std::string() : core::join(c.chain.front().san, ", ");
    out.add("submission.cert_name_mismatch", where, a.ip, N_("{host} is not among the names {names}"),
            {{"host", s.host}, {"names", names.empty() ? std::string("(none)") : names}});
  }
  (void)now;
}

// TLS 1.0 and 1.1 still accepted beside a current version (a second, short handshake).
void judge_legacy_of(const report::SubmissionService& s, const report::SubmissionAddress& a, FindingList& out) {
  std::string legacy;
  for (const auto& [version, outcome] : a.tls.legacy_versions) {
    if (outcome == "accepted") legacy += (legacy.empty() ? "" : ", ") + version;
  }
  if (!legacy.empty() && !old_tls(a.tls.version)) {
    out.add("submission.tls_legacy", place(s), a.ip,
            N_("{negotiated} was negotiated, but {versions} is still accepted"),
            {{"negotiated", a.tls.version}, {"versions", legacy}});
  }
}

// One address of one service; returns true when nothing was wrong there.
bool judge_address(const report::SubmissionService& s, const report::SubmissionAddress& a, long long now,
                   FindingList& out) {
  const auto where = place(s);
  const auto before = out.items().size();
  if (!a.allowed) {
    out.add("submission.not_tested", where, a.ip, N_("{range} address, not probed (use --allow-private)"),
            {{"range", a.special_range}});
    return false;
  }
  if (!a.connect.ok) {
    out.add("submission.unreachable", where, a.ip, N_("connect: {error}"),
            {{"error", a.connect.error.empty() ? a.connect.error_kind : a.connect.error}});
    return false;
  }
  if (s.mode == "implicit_tls" && !a.tls.ok) {
    if (a.plaintext_reply) {
      out.add("submission.implicit_tls_missing", where, a.ip, N_("the port answers in plain text: {reply}"),
              {{"reply", "220 " + a.banner.text}});
    } else {
      out.add("submission.implicit_tls_missing", where, a.ip, "{error}", {{"error", a.tls.error}});
    }
    return false;
  }
  if (!greeted(a)) {
    out.add("submission.unreachable", where, a.ip, N_("greeting: {reply}"),
            {{"reply", a.banner.received ? std::to_string(a.banner.code) + " " + a.banner.text : a.banner.text}});
    return false;
  }
  if (s.mode == "starttls") {
    // RFC 4954 section 4 and RFC 8314 section 3.2: no password before TLS.
    if (const auto it = a.ehlo.extensions.find("AUTH"); it != a.ehlo.extensions.end()) {
      out.add("submission.auth_before_tls", where, a.ip, N_("EHLO before STARTTLS offers AUTH {mechanisms}"),
              {{"mechanisms", it->second}});
    }
    if (a.ehlo.code == 250 && !a.tls.offered) {
      out.add("submission.starttls_missing", where, a.ip, N_("EHLO does not offer STARTTLS"));
    } else if (a.tls.attempted && !a.tls.ok && a.tls.code != 220) {
      out.add("submission.starttls_missing", where, a.ip, "{error}", {{"error", a.tls.error}});
    } else if (a.tls.attempted && !a.tls.ok) {
      out.add("submission.tls_failed", where, a.ip, "{error}", {{"error", a.tls.error}});
    }
  }
  if (a.tls.ok) {
    judge_tls_of(s, a, now, out);
    judge_legacy_of(s, a, out);
    if (a.ehlo_tls.code == 250 && a.ehlo_tls.extensions.count("AUTH") == 0) {
      out.add("submission.auth_missing", where, a.ip, N_("EHLO inside TLS offers no AUTH"));
    }
  }
  // RFC 6409 section 6.1: a submission server relays only for authenticated clients.
  for (const auto& attempt : a.relay.attempts) {
    if (attempt.accepted && attempt.targets_outside) {
      out.add("submission.open_relay", where, a.ip,
              N_("without AUTH, MAIL FROM:<{from}> RCPT TO:<{to}> was answered {reply}"),
              {{"from", attempt.mail_from},
               {"to", attempt.rcpt_to},
               {"reply", std::to_string(attempt.code) + " " + attempt.text}});
      break;
    }
  }
  return out.items().size() == before;
}

// DANE for the service (RFC 7673), on the same handshake as the rest of the session.
void judge_dane_of(const report::SubmissionEvidence& sub, const report::SubmissionService& s, FindingList& out) {
  const auto& d = s.dane;
  if (!d.looked_up) return;
  if (d.dnssec == "bogus") {
    out.add("submission.dane_bogus", place(s), "", N_("the TLSA answer for {name} is bogus: {why}"),
            {{"name", d.tlsa_name}, {"why", d.why_bogus.empty() ? std::string("-") : d.why_bogus}});
    return;
  }
  if (!submission_dane_applies(sub, s)) return;
  for (const auto& a : s.addresses) {
    if (!a.tls.ok || !a.dane.checked) continue;  // no handshake: the TLS findings say why
    if (!a.dane.matched) {
      out.add("submission.dane_no_match", place(s), a.ip,
              N_("no TLSA record of {name} authenticates the chain: {error}"),
              {{"name", d.tlsa_name}, {"error", a.dane.error.empty() ? std::string("-") : a.dane.error}});
      continue;
    }
    const auto idx = static_cast<std::size_t>(a.dane.matched_record);
    const auto rec = a.dane.matched_record >= 0 && idx < d.records.size() ? record_text(d.records[idx]) : "?";
    out.add("submission.dane_ok", place(s), a.ip,
            N_("TLSA {record} at {name} matched the certificate at depth {depth}"),
            {{"record", rec}, {"name", d.tlsa_name}, {"depth", std::to_string(a.dane.depth)}});
  }
}

}  // namespace

bool submission_dane_applies(const report::SubmissionEvidence& sub, const report::SubmissionService& s) {
  const auto& d = s.dane;
  if (!d.looked_up || !d.error.empty() || d.dnssec != "secure" || s.dnssec != "secure") return false;
  if (s.found_by == "srv" && (s.mode == "implicit_tls" ? sub.submissions : sub.submission).dnssec != "secure")
    return false;
  for (const auto& r : d.records) {
    if (r.usable) return true;
  }
  return false;
}

void judge_submission(const report::DomainEvidence& ev, long long now, FindingList& out) {
  const auto& sub = ev.submission;
  if (!sub.checked) return;
  if (sub.services.empty()) {
    const bool declined = !sub.submissions.records.empty() || !sub.submission.records.empty();
    if (declined) {
      out.add("submission.none_found", "", "", N_("the SRV records say no service is offered (target \".\")"));
    } else {
      out.add("submission.none_found", "", "", N_("no SRV record, and nothing answered on 465 or 587 at {tried}"),
              {{"tried", sub.tried.empty() ? std::string("(no host)") : core::join(sub.tried, ", ")}});
    }
    return;
  }
  if (sub.source == "guess") {
    std::vector<std::string> found;
    for (const auto& s : sub.services) found.push_back(place(s) + " (" + s.found_by + ")");
    out.add("submission.srv_missing", "", "",
            N_("no _submissions._tcp or _submission._tcp SRV record; found by trying: {found}"),
            {{"found", core::join(found, ", ")}});
  }
  bool implicit_works = false;
  bool starttls_works = false;
  for (const auto& s : sub.services) {
    if (s.addresses.empty()) {
      out.add("submission.unreachable", place(s), "", N_("no address: {error}"), {{"error", s.address_error}});
      continue;
    }
    for (const auto& a : s.addresses) {
      const bool clean = judge_address(s, a, now, out);
      if (s.mode == "implicit_tls" && a.tls.ok && greeted(a)) implicit_works = true;
      if (s.mode == "starttls" && greeted(a)) starttls_works = true;
      if (clean) {
        out.add(
            "submission.ok", place(s), a.ip,
            N_("{mode}, {version}, AUTH {mechanisms} only inside TLS, relaying refused without AUTH"),
            {{"mode", mode_text(s)},
             {"version", a.tls.version},
             {"mechanisms", a.ehlo_tls.extensions.count("AUTH") ? a.ehlo_tls.extensions.at("AUTH") : std::string()}});
      }
    }
    judge_dane_of(sub, s, out);
  }
  // RFC 8314 section 3.3: implicit TLS on 465 is recommended over STARTTLS on 587.
  if (!implicit_works && starttls_works) {
    std::vector<std::string> places;
    for (const auto& s : sub.services) {
      if (s.mode == "starttls") places.push_back(place(s));
    }
    out.add("submission.starttls_only", "", "", N_("STARTTLS only, at {services}; no working implicit-TLS service"),
            {{"services", core::join(places, ", ")}});
  }
}

}  // namespace mxray::checks
