// See text_parts.hpp. Marks come from marks.hpp; nothing here decides a status.
#include "mxray/report/text_parts.hpp"

#include "mxray/checks/policy_problems.hpp"
#include "mxray/core/text.hpp"

#include <fmt/format.h>

#include "mxray/i18n/translate.hpp"
#include "mxray/report/marks.hpp"

namespace mxray::report {

using checks::Status;
using i18n::tr;
using i18n::trf;

std::string Painter::operator()(const std::string& s, fmt::text_style style) const {
  return on_ ? fmt::format(style, "{}", s) : s;
}

std::string Painter::mark(Status s) const {
  const std::string m(mark_of(s));
  switch (s) {
    case Status::ok: return (*this)(m, fmt::fg(fmt::terminal_color::green));
    case Status::info: return (*this)(m, fmt::fg(fmt::terminal_color::blue));
    case Status::warning: return (*this)(m, fmt::fg(fmt::terminal_color::yellow));
    case Status::critical: return (*this)(m, fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold);
    case Status::inconclusive: return (*this)(m, fmt::fg(fmt::terminal_color::magenta));
    case Status::not_tested: return dim(m);
  }
  return m;
}

std::string Painter::verdict(checks::Verdict v, std::string_view label) const {
  const std::string l(label);
  switch (v) {
    case checks::Verdict::pass: return (*this)(l, fmt::fg(fmt::terminal_color::green) | fmt::emphasis::bold);
    case checks::Verdict::warn: return (*this)(l, fmt::fg(fmt::terminal_color::yellow) | fmt::emphasis::bold);
    case checks::Verdict::fail: return (*this)(l, fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold);
    case checks::Verdict::inconclusive: return (*this)(l, fmt::fg(fmt::terminal_color::magenta) | fmt::emphasis::bold);
  }
  return l;
}

std::string Painter::dim(const std::string& s) const { return (*this)(s, fmt::emphasis::faint); }

std::string indent(const std::string& text, std::string_view prefix) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto nl = text.find('\n', start);
    out += std::string(prefix) + text.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string step_line(const Painter& p, Status s, std::string_view label, const std::string& text) {
  return fmt::format("      {} {:<9} {}\n", p.mark(s), label, text);
}

// A line under a marked heading, aligned with step lines but without a mark of its own.
static std::string detail_line(std::string_view label, const std::string& text) {
  return fmt::format("        {:<9} {}\n", label, text);
}

std::string_view step_label(std::string_view lang, std::string_view step) {
  if (step == "connect") return tr(lang, "connect");
  if (step == "greeting") return tr(lang, "greeting");
  if (step == "ehlo") return "EHLO";
  if (step == "starttls") return "STARTTLS";
  if (step == "certificate") return tr(lang, "cert");
  if (step == "dane") return "DANE";
  if (step == "relay") return tr(lang, "relay");
  if (step == "vrfy_expn") return "VRFY/EXPN";
  if (step == "mta_sts") return "MTA-STS";
  if (step == "dns") return "PTR";
  if (step == "tls_rpt") return "TLS-RPT";
  return step;
}

void render_certificate(std::string& out, const MxEvidence& mx, const CertificateEvidence& c, std::string_view lang) {
  const auto& leaf = c.chain.front();
  const std::string pad(kPad);
  out += pad + trf(lang, "issuer {issuer}", {{"issuer", leaf.issuer}}) + "\n";
  std::string san = core::join(leaf.san, ", ");
  out += pad + trf(lang, "names  {names}", {{"names", san.empty() ? std::string(tr(lang, "(none)")) : san}}) + "\n";
  out += pad +
         i18n::trn(lang, "valid  {from} .. {until} ({days} day left)", "valid  {from} .. {until} ({days} days left)",
                   i18n::magnitude(c.days_left),
                   {{"from", leaf.not_before}, {"until", leaf.not_after}, {"days", std::to_string(c.days_left)}}) +
         "\n";
  out += pad +
         trf(lang, "key    {key}, {signature}",
             {{"key", fmt::format("{} {}{}", leaf.key_type, leaf.key_bits,
                                  leaf.key_curve.empty() ? "" : " " + leaf.key_curve)},
              {"signature", leaf.signature_algorithm}}) +
         "\n";
  const auto trust = c.trusted ? std::string(tr(lang, "trusted")) : c.verify_error;
  const auto name = c.hostname_match ? trf(lang, "name matches {name}", {{"name", c.matched_name}})
                                     : trf(lang, "name does not match {host}", {{"host", mx.host}});
  out += pad +
         trf(lang, "trust  {trust}; {name}; chain of {count}",
             {{"trust", trust}, {"name", name}, {"count", std::to_string(c.chain_length_presented)}}) +
         "\n";
}

void render_vantage(std::string& out, const Painter& p, const DomainEvidence& ev, std::string_view lang) {
  const auto& v = ev.vantage;
  if (v.ehlo_name.empty() && v.resolvers.empty() && v.trust_anchor.empty()) return;
  std::string resolvers = core::join(v.resolvers, ", ");
  out += p.dim(trf(lang, "Checked from here: EHLO {ehlo}, resolver {resolvers}, trust anchor {anchor}",
                   {{"ehlo", v.ehlo_name.empty() ? "-" : v.ehlo_name},
                    {"resolvers", resolvers.empty() ? "-" : resolvers},
                    {"anchor", v.trust_anchor.empty() ? "-" : v.trust_anchor}})) +
         "\n";
}

namespace {

Status domain_step(const checks::Judgement& j, const std::string& step) {
  const auto it = j.domain_steps.find(step);
  return it == j.domain_steps.end() ? Status::not_tested : it->second;
}

Status mx_step(const checks::Judgement& j, const std::string& host, const std::string& step) {
  const auto mx = j.mx_steps.find(host);
  if (mx == j.mx_steps.end()) return Status::not_tested;
  const auto it = mx->second.find(step);
  return it == mx->second.end() ? Status::not_tested : it->second;
}

}  // namespace

void render_policies(std::string& out, const Painter& p, const DomainEvidence& ev, const checks::Judgement& j,
                     std::string_view lang) {
  const auto& s = ev.mta_sts;
  const std::string pad(kPad);
  // One status for the domain's MTA-STS (TXT record and policy together): its mark is on the
  // heading, so a policy problem is never marked beside a good TXT line.
  const auto sts = domain_step(j, "mta_sts");
  out += fmt::format("\n{} {}\n", p.mark(sts), p("MTA-STS", fmt::emphasis::bold));
  const bool has_id = s.txt_error.empty() && !s.id.empty();
  out += detail_line("TXT",
                     has_id ? "v=STSv1 id=" + s.id
                            : (s.txt_error.empty() ? std::string("none") : s.txt_error) +
                                  (s.txt_detail.empty() ? "" : ": " + i18n::render(lang, checks::sts_txt_problem(s))));
  if (s.fetch.attempted) {
    out += detail_line(
        tr(lang, "policy"),
        s.fetch.ok ? s.fetch.url : s.fetch.url + ": " + i18n::render(lang, checks::policy_fetch_error(s.fetch)));
    if (s.fetch.ok) {
      std::string mxs = core::join(s.policy.mx, " ");
      out += pad +
             trf(lang, "mode {mode}, max_age {age}, mx {patterns}",
                 {{"mode", s.policy.mode}, {"age", std::to_string(s.policy.max_age)}, {"patterns", mxs}}) +
             "\n";
      for (const auto& e : s.policy.errors)
        out += pad + i18n::render(lang, checks::sts_policy_error(e, s.policy)) + "\n";
      for (const auto& b : s.policy.bad_lines) {
        out += pad +
               trf(lang, "line {line}: {problem}",
                   {{"line", std::to_string(b.line)},
                    {"problem", i18n::render(lang, checks::sts_line_problem(b.problem))}}) +
               "\n";
      }
    }
  }
  for (const auto& m : j.mta_sts_mx) {
    std::string listing = " " + std::string(tr(lang, "(not listed)"));
    for (const auto& l : s.mx) {
      if (l.host == m.host && l.matches) listing = " (mx " + l.pattern + ")";
    }
    out += step_line(p, mx_step(j, m.host, "mta_sts"), m.consequence, m.host + listing);
    for (const auto& a : m.addresses)
      out += pad + a.ip + ": " + a.outcome + (a.why.empty() ? "" : " (" + a.why + ")") + "\n";
  }
  const auto& r = ev.tls_rpt;
  out += fmt::format("\n{} {}\n", p.mark(domain_step(j, "tls_rpt")), p("TLS-RPT", fmt::emphasis::bold));
  std::string uris = core::join(r.rua, ", ");
  std::string text = r.error.empty()
                         ? uris
                         : r.error + (r.detail.empty() ? "" : ": " + i18n::render(lang, checks::tls_rpt_problem(r)));
  if (text.empty()) text = std::string(tr(lang, "(none)"));
  out += detail_line("rua", text);
}

void render_submission(std::string& out, const Painter& p, const DomainEvidence& ev, const checks::Judgement& j,
                       std::string_view lang) {
  const auto& sub = ev.submission;
  if (!sub.checked) return;
  const std::string pad(kPad);
  out += fmt::format("\n{}\n", p(std::string(tr(lang, "Submission")), fmt::emphasis::bold));
  for (const auto* l : {&sub.submissions, &sub.submission}) {
    std::string records;
    for (const auto& r : l->records) {
      records += (records.empty() ? "" : ", ") + fmt::format("{} {} {} {}", r.priority, r.weight, r.port, r.target);
    }
    if (records.empty()) records = l->error.empty() ? std::string(tr(lang, "(none)")) : l->error;
    out += pad + "SRV " + l->name + ": " + records + (l->dnssec.empty() ? "" : " (DNSSEC " + l->dnssec + ")") + "\n";
  }
  if (sub.source == "guess" && !sub.tried.empty()) {
    out += pad + trf(lang, "tried: {places}", {{"places", core::join(sub.tried, ", ")}}) + "\n";
  }
  if (sub.services.empty())
    out += step_line(p, domain_step(j, "submission"), tr(lang, "services"), std::string(tr(lang, "(none)")));
  for (const auto& s : sub.services) {
    const auto key = s.host + ":" + std::to_string(s.port);
    const auto it = j.submission_status.find(key);
    const auto status = it == j.submission_status.end() ? Status::not_tested : it->second;
    const std::string mode = s.mode == "implicit_tls" ? std::string(tr(lang, "implicit TLS")) : std::string("STARTTLS");
    const std::string by = s.found_by == "srv"  ? "SRV"
                           : s.found_by == "mx" ? "MX"
                                                : std::string(tr(lang, "usual name"));
    out += step_line(p, status, key, trf(lang, "{mode}, found by {source}", {{"mode", mode}, {"source", by}}));
    if (s.addresses.empty()) out += pad + s.address_error + "\n";
    if (s.dane.looked_up && !s.dane.records.empty()) {
      out += pad + s.dane.tlsa_name + ": " +
             trf(lang, "TLSA records: {count}", {{"count", std::to_string(s.dane.records.size())}}) +
             (s.dane.dnssec.empty() ? "" : " (DNSSEC " + s.dane.dnssec + ")") + "\n";
    }
    for (const auto& a : s.addresses) {
      std::string line = a.ip + ": ";
      if (!a.connect.ok) {
        line += a.allowed ? a.connect.error : a.special_range;
      } else {
        line += a.tls.ok ? a.tls.version + " " + a.tls.cipher
                         : (a.tls.error.empty() ? std::string(tr(lang, "no TLS")) : a.tls.error);
        if (a.certificate.present && !a.certificate.chain.empty()) line += ", " + a.certificate.chain.front().subject;
        if (a.dane.checked)
          line += ", " + std::string(a.dane.matched ? tr(lang, "DANE matched") : tr(lang, "DANE: no match"));
        std::string legacy;
        for (const auto& [version, outcome] : a.tls.legacy_versions) {
          if (outcome == "accepted") legacy += (legacy.empty() ? "" : ", ") + version;
        }
        if (!legacy.empty()) line += ", " + trf(lang, "{versions} also accepted", {{"versions", legacy}});
        const auto before = a.ehlo.extensions.find("AUTH");
        const auto inside = a.ehlo_tls.extensions.find("AUTH");
        if (before != a.ehlo.extensions.end())
          line += ", " + trf(lang, "AUTH before TLS: {m}", {{"m", before->second}});
        if (inside != a.ehlo_tls.extensions.end())
          line += ", " + trf(lang, "AUTH in TLS: {m}", {{"m", inside->second}});
        if (!a.relay.attempts.empty()) {
          const auto& r = a.relay.attempts.front();
          const int code = r.code != 0 ? r.code : r.mail_code;
          line += ", " + trf(lang, "relay without AUTH: {code}", {{"code", std::to_string(code)}});
        }
      }
      out += pad + line + "\n";
    }
  }
}

void render_findings(std::string& out, const Painter& p, const checks::Judgement& j, std::string_view lang) {
  out += fmt::format("\n{}\n", p(std::string(tr(lang, "Findings")), fmt::emphasis::bold));
  for (const auto& f : j.findings) {
    const std::string where = f.ip.empty() ? f.mx : f.mx + " " + f.ip;
    out += fmt::format("  {} {:<8} {}{}\n", p.mark(f.status), tr(lang, checks::to_string(f.severity)),
                       tr(lang, f.title), where.empty() ? "" : p.dim("  [" + where + "]"));
    const auto detail = i18n::render(lang, f.detail_message);
    if (!detail.empty()) out += indent(detail, "               ");
    if (f.status == Status::warning || f.status == Status::critical || f.status == Status::inconclusive) {
      out += indent(trf(lang, "Why: {text}", {{"text", std::string(tr(lang, f.explanation))}}), "               ");
      out += indent(trf(lang, "Fix: {text}", {{"text", std::string(tr(lang, f.fix))}}), "               ");
    }
  }
  if (j.findings.empty()) out += "  " + std::string(tr(lang, "(none)")) + "\n";
}

}  // namespace mxray::report
