// See text.hpp.
#include "mxray/report/text.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include "mxray/i18n/translate.hpp"
#include "mxray/report/extension_notes.hpp"

namespace mxray::report {
namespace {

using checks::Severity;
using checks::Verdict;
using i18n::tr;
using i18n::trf;

class Painter {
 public:
  Painter(bool on, std::string_view lang) : on_(on), lang_(lang) {}
  std::string operator()(const std::string& s, fmt::text_style style) const {
    return on_ ? fmt::format(style, "{}", s) : s;
  }
  std::string verdict(Verdict v) const {
    switch (v) {
      case Verdict::pass: return (*this)(std::string(tr(lang_, "PASS")), fmt::fg(fmt::terminal_color::green) | fmt::emphasis::bold);
      case Verdict::warn: return (*this)(std::string(tr(lang_, "WARN")), fmt::fg(fmt::terminal_color::yellow) | fmt::emphasis::bold);
      case Verdict::fail: return (*this)(std::string(tr(lang_, "FAIL")), fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold);
    }
    return "?";
  }
  std::string mark(bool good) const {
    return good ? (*this)("✓", fmt::fg(fmt::terminal_color::green)) : (*this)("✗", fmt::fg(fmt::terminal_color::red));
  }
  std::string severity(Severity s) const {
    switch (s) {
      case Severity::ok: return (*this)("✓", fmt::fg(fmt::terminal_color::green));
      case Severity::info: return (*this)("i", fmt::fg(fmt::terminal_color::blue));
      case Severity::warning: return (*this)("!", fmt::fg(fmt::terminal_color::yellow));
      case Severity::critical: return (*this)("✗", fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold);
    }
    return "";
  }
  std::string dim(const std::string& s) const { return (*this)(s, fmt::emphasis::faint); }

 private:
  bool on_;
  std::string_view lang_;
};

std::string ms(double v) { return v < 10 ? fmt::format("{:.1f} ms", v) : fmt::format("{:.0f} ms", v); }

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto nl = text.find('\n', start);
    out += prefix + text.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string tlsa_text(const TlsaRecord& r) {
  const auto data = r.data.size() > 24 ? r.data.substr(0, 24) + "..." : r.data;
  return fmt::format("{} {} {} {}", r.usage, r.selector, r.matching_type, data);
}

// One step line: mark, label padded to a column, then the text.
std::string step(const Painter& p, bool good, std::string_view label, const std::string& text) {
  return fmt::format("      {} {:<9} {}\n", p.mark(good), label, text);
}

void render_certificate(std::string& out, const Painter& p, const MxEvidence& mx, const CertificateEvidence& c,
                        std::string_view lang) {
  const auto& leaf = c.chain.front();
  const std::string pad = "                  ";
  out += step(p, c.trusted && c.hostname_match, tr(lang, "cert"), leaf.subject);
  out += pad + trf(lang, "issuer {issuer}", {{"issuer", leaf.issuer}}) + "\n";
  std::string san;
  for (const auto& s : leaf.san) san += (san.empty() ? "" : ", ") + s;
  out += pad + trf(lang, "names  {names}", {{"names", san.empty() ? std::string(tr(lang, "(none)")) : san}}) + "\n";
  out += pad + trf(lang, "valid  {from} .. {until} ({days} days left)",
                   {{"from", leaf.not_before}, {"until", leaf.not_after}, {"days", std::to_string(c.days_left)}}) + "\n";
  out += pad + trf(lang, "key    {key}, {signature}",
                   {{"key", fmt::format("{} {}{}", leaf.key_type, leaf.key_bits, leaf.key_curve.empty() ? "" : " " + leaf.key_curve)},
                    {"signature", leaf.signature_algorithm}}) + "\n";
  const auto trust = c.trusted ? std::string(tr(lang, "trusted")) : c.verify_error;
  const auto name = c.hostname_match ? trf(lang, "name matches {name}", {{"name", c.matched_name}})
                                     : trf(lang, "name does not match {host}", {{"host", mx.host}});
  out += pad + trf(lang, "trust  {trust}; {name}; chain of {count}",
                   {{"trust", trust}, {"name", name}, {"count", std::to_string(c.chain_length_presented)}}) + "\n";
}

void render_address(std::string& out, const Painter& p, const MxEvidence& mx, const AddressEvidence& a,
                    const checks::Judgement& j, std::string_view lang) {
  const auto it = j.address_verdicts.find({mx.host, a.ip});
  const auto v = it == j.address_verdicts.end() ? Verdict::pass : it->second;
  out += fmt::format("  {}  {}\n", p(a.ip, fmt::emphasis::bold), p.verdict(v));
  if (!a.allowed) {
    out += step(p, false, tr(lang, "skipped"),
                trf(lang, "{range} address, not probed (use --allow-private)", {{"range", a.special_range}}));
    return;
  }
  if (!a.connect.attempted) return;
  out += step(p, a.connect.ok, tr(lang, "connect"), ms(a.connect.ms) + (a.connect.ok ? "" : "  " + a.connect.error));
  if (!a.connect.ok) return;
  if (!a.banner.received) {
    out += step(p, false, tr(lang, "banner"), trf(lang, "none: {error} ({time})", {{"error", a.banner.text}, {"time", ms(a.banner.ms)}}));
    return;
  }
  out += step(p, a.banner.code == 220, tr(lang, "banner"), fmt::format("{} ({})", a.banner.code, ms(a.banner.ms)));
  out += indent(a.banner.text, "                  ");
  if (a.ehlo.sent) {
    const bool ok = a.ehlo.code == 250;
    out += step(p, ok, a.ehlo.command,
                ok ? (a.ehlo.extensions.empty() ? std::string(tr(lang, "(none)"))
                                                : trf(lang, "{count} extensions", {{"count", std::to_string(a.ehlo.extensions.size())}}))
                   : fmt::format("{} {}{}", a.ehlo.code, a.ehlo.text, a.ehlo.error));
    if (ok) {
      // One extension a line, with what it means for the postmaster.
      for (const auto& [keyword, params] : a.ehlo.extensions) {
        const auto name = params.empty() ? keyword : keyword + " " + params;
        const auto note = extension_note(lang, keyword, params);
        out += fmt::format("                  {:<24} {}\n", name, p.dim(note));
      }
    }
  }
  if (a.starttls.attempted) {
    out += step(p, a.starttls.ok, "STARTTLS",
                a.starttls.ok ? fmt::format("{} {} {} ({})", a.starttls.version, a.starttls.cipher, a.starttls.key_exchange,
                                            ms(a.starttls.ms))
                              : a.starttls.error);
  } else if (a.ehlo.code == 250) {
    out += step(p, false, "STARTTLS", std::string(tr(lang, "not offered")));
  }
  if (a.certificate.present && !a.certificate.chain.empty()) render_certificate(out, p, mx, a.certificate, lang);
  const auto& r = a.relay;
  if (r.tested && !r.attempts.empty()) {
    const auto& last = r.attempts.back();
    out += step(p, !r.open, tr(lang, "relay"),
                fmt::format("{} ({} {})", r.open ? tr(lang, "OPEN") : tr(lang, "refused"), last.code, last.text));
  } else if (!r.attempts.empty() || !r.skipped_reason.empty()) {
    const auto reason = r.skipped_reason.empty() && !r.attempts.empty() ? r.attempts.back().mail_text : r.skipped_reason;
    out += fmt::format("      {} {:<9} {}\n", p.dim("-"), tr(lang, "relay"), trf(lang, "not tested: {reason}", {{"reason", reason}}));
  }
  if (a.dane.checked) {
    const auto idx = static_cast<std::size_t>(a.dane.matched_record);
    const auto rec = a.dane.matched_record >= 0 && idx < mx.dane.records.size() ? tlsa_text(mx.dane.records[idx]) : "?";
    out += step(p, a.dane.matched, "DANE",
                a.dane.matched ? trf(lang, "TLSA {record} matched at depth {depth}",
                                     {{"record", rec}, {"depth", std::to_string(a.dane.depth)}})
                               : trf(lang, "no TLSA record matched: {error}", {{"error", a.dane.error}}));
  }
  if (!a.aborted.empty()) out += step(p, false, tr(lang, "stopped"), a.aborted);
}

// The TLSA records of one MX (RFC 7672), when there are any or the lookup failed.
void render_dane(std::string& out, const Painter& p, const MxEvidence& mx, std::string_view lang) {
  const auto& d = mx.dane;
  if (!d.looked_up || (d.records.empty() && d.error.empty() && d.dnssec != "bogus")) return;
  out += fmt::format("  DANE {} (DNSSEC {}){}\n", d.tlsa_name, d.dnssec.empty() ? "?" : d.dnssec,
                     d.error.empty() ? "" : ": " + d.error);
  for (const auto& r : d.records) {
    out += fmt::format("    {} TLSA {}{}\n", p.mark(r.usable), tlsa_text(r), r.usable ? "" : "  " + r.unusable_reason);
  }
  if (!d.not_applied.empty()) out += "    " + trf(lang, "not applied: {reason}", {{"reason", d.not_applied}}) + "\n";
}

// MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) of the domain.
void render_policies(std::string& out, const Painter& p, const DomainEvidence& ev, std::string_view lang) {
  const auto& s = ev.mta_sts;
  const std::string pad = "                  ";
  out += fmt::format("\n{}\n", p("MTA-STS", fmt::emphasis::bold));
  const bool txt_ok = s.txt_error.empty() && !s.id.empty();
  out += step(p, txt_ok, "TXT",
              txt_ok ? "v=STSv1 id=" + s.id
                     : (s.txt_error.empty() ? std::string("none") : s.txt_error) +
                           (s.txt_detail.empty() ? "" : ": " + s.txt_detail));
  if (s.fetch.attempted) {
    out += step(p, s.fetch.ok, tr(lang, "policy"), s.fetch.ok ? s.fetch.url : s.fetch.url + ": " + s.fetch.error);
    if (s.fetch.ok) {
      std::string mxs;
      for (const auto& m : s.policy.mx) mxs += (mxs.empty() ? "" : " ") + m;
      out += pad + trf(lang, "mode {mode}, max_age {age}, mx {patterns}",
                       {{"mode", s.policy.mode}, {"age", std::to_string(s.policy.max_age)}, {"patterns", mxs}}) + "\n";
      for (const auto& e : s.policy.errors) out += pad + p.mark(false) + " " + e + "\n";
      for (const auto& b : s.policy.bad_lines) {
        out += pad + p.mark(false) + " " +
               trf(lang, "line {line}: {problem}", {{"line", std::to_string(b.line)}, {"problem", b.problem}}) + "\n";
      }
    }
  }
  for (const auto& m : s.mx) {
    out += step(p, m.consequence != "will_not_deliver", m.consequence,
                m.host + (m.matches ? " (mx " + m.pattern + ")" : " " + std::string(tr(lang, "(not listed)"))));
    for (const auto& f : m.addresses_failing) out += pad + f + "\n";
  }
  const auto& r = ev.tls_rpt;
  out += fmt::format("\n{}\n", p("TLS-RPT", fmt::emphasis::bold));
  std::string uris;
  for (const auto& u : r.rua) uris += (uris.empty() ? "" : ", ") + u;
  out += step(p, r.error.empty(), "rua", r.error.empty() ? uris : r.error + (r.detail.empty() ? "" : ": " + r.detail));
}

}  // namespace

std::string render_text(const DomainEvidence& ev, const checks::Judgement& j, bool colour, std::string_view lang) {
  const Painter p(colour, lang);
  std::string out;
  out += fmt::format("{} {}   {}\n", p("mxray", fmt::emphasis::bold), p(ev.domain, fmt::emphasis::bold),
                     p.dim(trf(lang, "checked {time}", {{"time", ev.checked_at}})));
  if (!ev.mx_dnssec.empty()) out += trf(lang, "MX records: DNSSEC {state}", {{"state", ev.mx_dnssec}}) + "\n";
  if (ev.null_mx) out += std::string(tr(lang, "Null MX: this domain accepts no mail (RFC 7505)")) + "\n";
  if (ev.implicit_mx) out += std::string(tr(lang, "No MX records: using the domain's own address (RFC 5321 5.1)")) + "\n";
  for (const auto& mx : ev.mx) {
    const auto it = j.mx_verdicts.find(mx.host);
    out += fmt::format("\nMX {} {}  {}\n", mx.preference, p(mx.host.empty() ? "." : mx.host, fmt::emphasis::bold),
                       it == j.mx_verdicts.end() ? "" : p.verdict(it->second));
    if (!mx.cname_target.empty()) out += "  " + trf(lang, "alias for {target}", {{"target", mx.cname_target}}) + "\n";
    if (mx.addresses.empty()) {
      out += fmt::format("  {} {}{}\n", p.mark(false), tr(lang, "no address"),
                         mx.address_error.empty() ? "" : ": " + mx.address_error);
    }
    render_dane(out, p, mx, lang);
    for (const auto& a : mx.addresses) render_address(out, p, mx, a, j, lang);
  }
  if (!ev.null_mx) render_policies(out, p, ev, lang);
  out += fmt::format("\n{}\n", p(std::string(tr(lang, "Findings")), fmt::emphasis::bold));
  for (const auto& f : j.findings) {
    const std::string where = f.ip.empty() ? f.mx : f.mx + " " + f.ip;
    out += fmt::format("  {} {:<8} {}{}\n", p.severity(f.severity), tr(lang, checks::to_string(f.severity)),
                       tr(lang, f.title), where.empty() ? "" : p.dim("  [" + where + "]"));
    const auto detail = trf(lang, f.detail_template, f.detail_args);
    if (!detail.empty()) out += indent(detail, "               ");
    if (f.severity == Severity::warning || f.severity == Severity::critical) {
      out += indent(trf(lang, "Why: {text}", {{"text", std::string(tr(lang, f.explanation))}}), "               ");
      out += indent(trf(lang, "Fix: {text}", {{"text", std::string(tr(lang, f.fix))}}), "               ");
    }
  }
  if (j.findings.empty()) out += "  " + std::string(tr(lang, "(none)")) + "\n";
  out += fmt::format("\n{}\n", trf(lang, "Verdict: {verdict}   checked in {time}", {{"verdict", p.verdict(j.verdict)}, {"time", ms(ev.duration_ms)}}));
  return out;
}

}  // namespace mxray::report
