// See text.hpp.
#include "mxray/report/text.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

namespace mxray::report {
namespace {

using checks::Severity;
using checks::Verdict;

class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  std::string operator()(const std::string& s, fmt::text_style style) const {
    return on_ ? fmt::format(style, "{}", s) : s;
  }
  std::string verdict(Verdict v) const {
    switch (v) {
      case Verdict::pass: return (*this)("PASS", fmt::fg(fmt::terminal_color::green) | fmt::emphasis::bold);
      case Verdict::warn: return (*this)("WARN", fmt::fg(fmt::terminal_color::yellow) | fmt::emphasis::bold);
      case Verdict::fail: return (*this)("FAIL", fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold);
    }
    return "?";
  }
  std::string mark(bool good) const {
    return good ? (*this)("✓", fmt::fg(fmt::terminal_color::green)) : (*this)("✗", fmt::fg(fmt::terminal_color::red));
  }
  std::string severity(Severity s) const {
    switch (s) {
      case Severity::ok: return (*this)("✓ ok      ", fmt::fg(fmt::terminal_color::green));
      case Severity::info: return (*this)("i info    ", fmt::fg(fmt::terminal_color::blue));
      case Severity::warning: return (*this)("! warning ", fmt::fg(fmt::terminal_color::yellow));
      case Severity::critical: return (*this)("✗ critical", fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold);
    }
    return "";
  }
  std::string dim(const std::string& s) const { return (*this)(s, fmt::emphasis::faint); }

 private:
  bool on_;
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

std::string extension_list(const std::map<std::string, std::string>& ext) {
  std::string out;
  for (const auto& [k, v] : ext) {
    out += out.empty() ? "" : " ";
    out += v.empty() ? k : k + "(" + v + ")";
  }
  return out.empty() ? "(none)" : out;
}

void render_address(std::string& out, const Painter& p, const MxEvidence& mx, const AddressEvidence& a,
                    const checks::Judgement& j) {
  const auto it = j.address_verdicts.find({mx.host, a.ip});
  const auto v = it == j.address_verdicts.end() ? Verdict::pass : it->second;
  out += fmt::format("  {}  {}\n", p(a.ip, fmt::emphasis::bold), p.verdict(v));
  if (!a.allowed) {
    out += fmt::format("      {} not probed: {} address (use --allow-private)\n", p.mark(false), a.special_range);
    return;
  }
  if (!a.connect.attempted) return;
  out += fmt::format("      {} connect   {}{}\n", p.mark(a.connect.ok), ms(a.connect.ms),
                     a.connect.ok ? "" : "  " + a.connect.error);
  if (!a.connect.ok) return;
  if (a.banner.received) {
    out += fmt::format("      {} banner    {} ({})\n", p.mark(a.banner.code == 220), a.banner.code, ms(a.banner.ms));
    out += indent(a.banner.text, "                  ");
  } else {
    out += fmt::format("      {} banner    none: {} ({})\n", p.mark(false), a.banner.text, ms(a.banner.ms));
    return;
  }
  if (a.ehlo.sent) {
    const bool ok = a.ehlo.code == 250;
    out += fmt::format("      {} {:<9} {}\n", p.mark(ok), a.ehlo.command,
                       ok ? extension_list(a.ehlo.extensions) : fmt::format("{} {}", a.ehlo.code, a.ehlo.text + a.ehlo.error));
  }
  if (a.starttls.attempted) {
    if (a.starttls.ok) {
      out += fmt::format("      {} STARTTLS  {} {} {} ({})\n", p.mark(true), a.starttls.version, a.starttls.cipher,
                         a.starttls.key_exchange, ms(a.starttls.ms));
    } else {
      out += fmt::format("      {} STARTTLS  {}\n", p.mark(false), a.starttls.error);
    }
  } else if (a.ehlo.code == 250) {
    out += fmt::format("      {} STARTTLS  not offered\n", p.mark(false));
  }
  const auto& c = a.certificate;
  if (c.present && !c.chain.empty()) {
    const auto& leaf = c.chain.front();
    out += fmt::format("      {} cert      {}\n", p.mark(c.trusted && c.hostname_match), leaf.subject);
    out += fmt::format("                  issuer {}\n", leaf.issuer);
    std::string san;
    for (const auto& s : leaf.san) san += (san.empty() ? "" : ", ") + s;
    out += fmt::format("                  names  {}\n", san.empty() ? "(none)" : san);
    out += fmt::format("                  valid  {} .. {} ({} days left)\n", leaf.not_before, leaf.not_after, c.days_left);
    out += fmt::format("                  key    {} {}{}, {}\n", leaf.key_type, leaf.key_bits,
                       leaf.key_curve.empty() ? "" : " " + leaf.key_curve, leaf.signature_algorithm);
    out += fmt::format("                  trust  {}; name {}; chain of {}\n", c.trusted ? "trusted" : c.verify_error,
                       c.hostname_match ? "matches " + c.matched_name : "does not match " + mx.host,
                       c.chain_length_presented);
  }
  const auto& r = a.relay;
  if (r.tested && !r.attempts.empty()) {
    const auto& last = r.attempts.back();
    out += fmt::format("      {} relay     {} ({} {})\n", p.mark(!r.open), r.open ? "OPEN" : "refused", last.code, last.text);
  } else if (!r.attempts.empty() || !r.skipped_reason.empty()) {
    out += fmt::format("      {} relay     not tested: {}\n", p.dim("-"),
                       r.skipped_reason.empty() && !r.attempts.empty() ? r.attempts.back().mail_text
                                                                        : r.skipped_reason);
  }
  if (!a.aborted.empty()) out += fmt::format("      {} stopped   {}\n", p.mark(false), a.aborted);
}

}  // namespace

std::string render_text(const DomainEvidence& ev, const checks::Judgement& j, bool colour) {
  const Painter p(colour);
  std::string out;
  out += fmt::format("{} {}   {}\n", p("mxray", fmt::emphasis::bold), p(ev.domain, fmt::emphasis::bold),
                     p.dim("checked " + ev.checked_at));
  if (!ev.mx_dnssec.empty()) out += fmt::format("MX records: DNSSEC {}\n", ev.mx_dnssec);
  if (ev.null_mx) out += "Null MX: this domain accepts no mail (RFC 7505)\n";
  if (ev.implicit_mx) out += "No MX records: using the domain's own address (RFC 5321 5.1)\n";
  for (const auto& mx : ev.mx) {
    const auto it = j.mx_verdicts.find(mx.host);
    out += fmt::format("\nMX {} {}  {}\n", mx.preference, p(mx.host.empty() ? "." : mx.host, fmt::emphasis::bold),
                       it == j.mx_verdicts.end() ? "" : p.verdict(it->second));
    if (!mx.cname_target.empty()) out += fmt::format("  alias for {}\n", mx.cname_target);
    if (mx.addresses.empty()) out += fmt::format("  {} no address{}\n", p.mark(false),
                                                 mx.address_error.empty() ? "" : ": " + mx.address_error);
    for (const auto& a : mx.addresses) render_address(out, p, mx, a, j);
  }
  out += fmt::format("\n{}\n", p("Findings", fmt::emphasis::bold));
  for (const auto& f : j.findings) {
    std::string where = f.ip.empty() ? f.mx : f.mx + " " + f.ip;
    out += fmt::format("  {} {}{}\n", p.severity(f.severity), f.title, where.empty() ? "" : p.dim("  [" + where + "]"));
    if (!f.detail.empty()) out += indent(f.detail, "               ");
    if (f.severity == Severity::warning || f.severity == Severity::critical) {
      out += indent("Why: " + f.explanation, "               ");
      out += indent("Fix: " + f.fix, "               ");
    }
  }
  if (j.findings.empty()) out += "  (none)\n";
  out += fmt::format("\nVerdict: {}   checked in {}\n", p.verdict(j.verdict), ms(ev.duration_ms));
  return out;
}

}  // namespace mxray::report
