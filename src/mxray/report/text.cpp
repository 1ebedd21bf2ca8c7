// See text.hpp. Every mark and colour comes from a status of the judgement (marks.hpp); the
// texts beside the marks only describe the evidence. Strings in the evidence are escaped.
#include "mxray/report/text.hpp"
#include "mxray/core/text.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include "mxray/checks/status.hpp"
#include "mxray/core/clock.hpp"
#include "mxray/i18n/translate.hpp"
#include "mxray/report/extension_notes.hpp"
#include "mxray/report/marks.hpp"
#include "mxray/report/text_parts.hpp"

namespace mxray::report {
namespace {

using checks::Status;
using checks::Verdict;
using i18n::tr;
using i18n::trf;

std::string_view verdict_label(std::string_view lang, Verdict v) {
  switch (v) {
    case Verdict::pass: return tr(lang, "PASS");
    case Verdict::warn: return tr(lang, "WARN");
    case Verdict::fail: return tr(lang, "FAIL");
    case Verdict::inconclusive: return tr(lang, "INCONCLUSIVE");
  }
  return label_of(v);
}

std::string ms(std::string_view lang, double v) { return i18n::format(lang, i18n::milliseconds(v)); }

std::string tlsa_text(const TlsaRecord& r) {
  const auto data = r.data.size() > 24 ? r.data.substr(0, 24) + "..." : r.data;
  return fmt::format("{} {} {} {}", r.usage, r.selector, r.matching_type, data);
}

// What each step of an address showed, as text (no judgement: the mark comes from the status).
std::string step_text(const MxEvidence& mx, const AddressEvidence& a, std::string_view step, std::string_view lang) {
  if (step == "connect") return ms(lang, a.connect.ms) + (a.connect.ok ? "" : "  " + a.connect.error);
  if (step == "greeting") {
    if (!a.banner.received)
      return trf(lang, "none: {error} ({time})",
                 {{"error", a.banner.error.empty() ? a.banner.text : a.banner.error}, {"time", ms(lang, a.banner.ms)}});
    return fmt::format("{} ({})", a.banner.code, ms(lang, a.banner.ms));
  }
  if (step == "ehlo") {
    if (!a.ehlo.error.empty() || a.ehlo.code != 250)
      return fmt::format("{} {} {}{}", a.ehlo.command, a.ehlo.code, a.ehlo.text, a.ehlo.error);
    return a.ehlo.command + " " +
           (a.ehlo.extensions.empty()
                ? std::string(tr(lang, "(none)"))
                : i18n::trn(lang, "{count} extension", "{count} extensions", a.ehlo.extensions.size(),
                            {{"count", std::to_string(a.ehlo.extensions.size())}}));
  }
  if (step == "starttls") {
    if (a.starttls.ok)
      return fmt::format("{} {} {} ({})", a.starttls.version, a.starttls.cipher, a.starttls.key_exchange,
                         ms(lang, a.starttls.ms));
    if (!a.starttls.offered) return std::string(tr(lang, "not offered"));
    return a.starttls.error;
  }
  if (step == "certificate") return a.certificate.chain.empty() ? std::string() : a.certificate.chain.front().subject;
  if (step == "dane") {
    if (!a.dane.checked) return a.dane.error;
    const auto idx = static_cast<std::size_t>(a.dane.matched_record);
    const auto rec = a.dane.matched_record >= 0 && idx < mx.dane.records.size() ? tlsa_text(mx.dane.records[idx]) : "?";
    return a.dane.matched ? trf(lang, "TLSA {record} matched at depth {depth}",
                                {{"record", rec}, {"depth", std::to_string(a.dane.depth)}})
                          : trf(lang, "no TLSA record matched: {error}", {{"error", a.dane.error}});
  }
  if (step == "relay") {
    if (a.relay.attempts.empty()) return a.relay.skipped_reason;
    const auto& last = a.relay.attempts.back();
    const int code = last.code != 0 ? last.code : last.mail_code;
    const auto& text = last.code != 0 ? last.text : last.mail_text;
    return i18n::trn(lang, "{count} attempt, last {variant}: {reply}", "{count} attempts, last {variant}: {reply}",
                     a.relay.attempts.size(),
                     {{"count", std::to_string(a.relay.attempts.size())},
                      {"variant", last.variant},
                      {"reply", code == 0 ? text : std::to_string(code) + " " + text}});
  }
  if (step == "vrfy_expn") {
    std::string s;
    for (const auto* c : {&a.vrfy, &a.expn}) {
      if (c->sent) s += (s.empty() ? "" : "; ") + c->command + ": " + std::to_string(c->code) + " " + c->text;
    }
    return s;
  }
  if (step == "dns") {
    const auto& r = a.reverse_dns;
    std::string names = core::join(r.names, ", ");
    return names.empty() ? r.error : "PTR " + names;
  }
  return {};
}

void render_address(std::string& out, const Painter& p, const MxEvidence& mx, const AddressEvidence& a,
                    const checks::Judgement& j, std::string_view lang) {
  const auto v = j.address_verdicts.find({mx.host, a.ip});
  out += fmt::format("  {}  {}\n", p(a.ip, fmt::emphasis::bold),
                     v == j.address_verdicts.end() ? "" : p.verdict(v->second, verdict_label(lang, v->second)));
  if (!a.connect.source.empty())
    out += "      " + p.dim(trf(lang, "from {source}", {{"source", a.connect.source}})) + "\n";
  if (!a.allowed) {
    out +=
        "      " + trf(lang, "{range} address, not probed (use --allow-private)", {{"range", a.special_range}}) + "\n";
  }
  const auto steps = j.address_steps.find({mx.host, a.ip});
  if (steps == j.address_steps.end()) return;
  std::string not_tested;
  for (const auto step : checks::kAddressSteps) {
    const auto it = steps->second.find(std::string(step));
    const Status s = it == steps->second.end() ? Status::not_tested : it->second;
    if (s == Status::not_tested) {
      not_tested += (not_tested.empty() ? "" : ", ") + std::string(step_label(lang, step));
      continue;
    }
    out += step_line(p, s, step_label(lang, step), step_text(mx, a, step, lang));
    if (step == "greeting" && a.banner.received) out += indent(a.banner.text, kPad);
    if (step == "ehlo" && a.ehlo.code == 250) {
      for (const auto& [keyword, params] : a.ehlo.extensions) {
        const auto name = params.empty() ? keyword : keyword + " " + params;
        out += fmt::format("{}{:<24} {}\n", kPad, name, p.dim(extension_note(lang, keyword, params)));
      }
    }
    if (step == "certificate" && !a.certificate.chain.empty()) render_certificate(out, mx, a.certificate, lang);
  }
  if (!not_tested.empty()) out += step_line(p, Status::not_tested, tr(lang, "not tested"), not_tested);
  if (!a.aborted.empty()) out += "      " + p.dim(trf(lang, "stopped: {reason}", {{"reason", a.aborted}})) + "\n";
}

// The TLSA records of one MX (RFC 7672), when there are any or the lookup failed.
void render_dane(std::string& out, const Painter& p, const MxEvidence& mx, Status status, std::string_view lang) {
  const auto& d = mx.dane;
  // Shown when there is something to show, or a status to show (a signed zone without TLSA).
  const bool nothing = d.records.empty() && d.error.empty() && d.dnssec != "bogus";
  if (!d.looked_up || (nothing && status == Status::not_tested)) return;
  out +=
      fmt::format("  {} DANE {} (DNSSEC {}){}\n", p.mark(status), d.tlsa_name, d.dnssec.empty() ? "?" : d.dnssec,
                  d.error.empty() ? (nothing ? ": " + std::string(tr(lang, "no TLSA record")) : "") : ": " + d.error);
  for (const auto& r : d.records)
    out += fmt::format("      TLSA {}{}\n", tlsa_text(r), r.usable ? "" : "  " + r.unusable_reason);
}

Status mx_step(const checks::Judgement& j, const std::string& host, std::string_view step) {
  const auto mx = j.mx_steps.find(host);
  if (mx == j.mx_steps.end()) return Status::not_tested;
  const auto it = mx->second.find(std::string(step));
  return it == mx->second.end() ? Status::not_tested : it->second;
}

}  // namespace

std::string render_text(const DomainEvidence& ev, const checks::Judgement& j, bool colour, std::string_view lang) {
  const Painter p(colour);
  std::string out;
  out += fmt::format("{} {}   {}\n", p("mxray", fmt::emphasis::bold), p(ev.domain, fmt::emphasis::bold),
                     p.dim(trf(lang, "checked {time}", {{"time", ev.checked_at}})));
  if (j.as_of_epoch != 0 && j.as_of_epoch != ev.checked_at_epoch) {
    out += p(trf(lang, "Judged as of {time} (--at): what will have expired by then counts",
                 {{"time", core::iso8601(j.as_of_epoch)}}),
             fmt::emphasis::bold) +
           "\n";
  }
  if (!ev.target.mx_lookup) {
    const char* direct =
        ev.target.kind == "address"
            ? N_("Address checked directly: no DNS lookup (MTA-STS, TLS-RPT, DANE and certificate names skipped)")
            : N_("Host checked directly: no MX lookup (MTA-STS and TLS-RPT skipped)");
    out += std::string(tr(lang, direct)) + "\n";
  }
  render_vantage(out, p, ev, lang);
  if (!ev.mx_dnssec.empty()) out += trf(lang, "MX records: DNSSEC {state}", {{"state", ev.mx_dnssec}}) + "\n";
  if (ev.null_mx) out += std::string(tr(lang, "Null MX: this domain accepts no mail (RFC 7505)")) + "\n";
  if (ev.implicit_mx)
    out += std::string(tr(lang, "No MX records: using the domain's own address (RFC 5321 5.1)")) + "\n";
  for (const auto& mx : ev.mx) {
    const auto it = j.mx_verdicts.find(mx.host);
    out += fmt::format("\nMX {} {}  {}\n", mx.preference, p(mx.host.empty() ? "." : mx.host, fmt::emphasis::bold),
                       it == j.mx_verdicts.end() ? "" : p.verdict(it->second, verdict_label(lang, it->second)));
    if (!mx.cname_target.empty()) out += "  " + trf(lang, "alias for {target}", {{"target", mx.cname_target}}) + "\n";
    if (mx.addresses.empty()) {
      out += fmt::format("  {} {}{}\n", p.mark(mx_step(j, mx.host, "dns")), tr(lang, "no address"),
                         mx.address_error.empty() ? "" : ": " + mx.address_error);
    }
    render_dane(out, p, mx, mx_step(j, mx.host, "dane"), lang);
    for (const auto& a : mx.addresses) render_address(out, p, mx, a, j, lang);
  }
  if (!ev.null_mx && ev.target.mx_lookup) render_policies(out, p, ev, j, lang);
  render_submission(out, p, ev, j, lang);
  render_findings(out, p, j, lang);
  out += fmt::format("\n{}\n", trf(lang, "Verdict: {verdict}   checked in {time}",
                                   {{"verdict", p.verdict(j.verdict, verdict_label(lang, j.verdict))},
                                    {"time", ms(lang, ev.duration_ms)}}));
  return out;
}

}  // namespace mxray::report
