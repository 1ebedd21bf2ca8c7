// See prometheus.hpp. Names follow the Prometheus conventions: base units (seconds, Unix
// timestamps in seconds), `_info` gauges of value 1 whose labels carry the text, 0/1 gauges
// for yes/no, and label sets bounded by the evidence bounds (20 MX hosts, 10 addresses each,
// 10 certificates per chain).
#include "mxray/report/prometheus.hpp"

#include <fmt/format.h>

#include <cmath>

#include "mxray/checks/status.hpp"

namespace mxray::report {
namespace {

using checks::AddressOutcome;

std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

// HELP text is ours, but escaped all the same (\\ and \n, as the format says).
std::string help_text(std::string_view help) {
  std::string out;
  for (const char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// The session behind an outcome (an outcome made by hand may have none: then nothing was seen).
const AddressEvidence& session_of(const AddressOutcome& o) {
  static const AddressEvidence kNothingSeen;
  return o.session != nullptr ? *o.session : kNothingSeen;
}

double flag(bool b) { return b ? 1 : 0; }

MetricLabels at(const AddressOutcome& o) { return {{"mx", o.mx}, {"ip", o.ip}}; }

// One 0/1 gauge per (MX, address) from one of the outcome's answers.
template <class Get>
void per_address(Exposition& x, const checks::ProbeOutcome& p, std::string_view name, std::string_view help, Get get) {
  x.family(name, "gauge", help);
  for (const auto& o : p.addresses) x.sample(at(o), flag(get(o)));
}

// The time of one step in seconds, for the addresses where `ms` (milliseconds, < 0: none) says it took place.
template <class Get>
void timing(Exposition& x, const checks::ProbeOutcome& p, std::string_view name, std::string_view help, Get ms) {
  x.family(name, "gauge", help);
  for (const auto& o : p.addresses) {
    if (const double v = ms(session_of(o)); v >= 0) x.sample(at(o), v / 1000.0);
  }
}

}  // namespace

std::string prometheus_label_value(std::string_view value) {
  if (value.size() > kMaxLabelValue) value = value.substr(0, kMaxLabelValue);
  std::string out;
  out.reserve(value.size() + 8);
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c > 0x7e) {
      // Not printable ASCII (controls, invalid UTF-8): the text \xNN, as core::printable writes it.
      out += fmt::format("\\\\x{:02x}", c);
    } else {
      out += ch;
    }
  }
  return out;
}

void Exposition::family(std::string_view name, std::string_view type, std::string_view help) {
  name_ = std::string(name);
  pending_ = fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help_text(help), name, type);
}

void Exposition::sample(const MetricLabels& labels, double value) {
  out_ += pending_;
  pending_.clear();
  out_ += name_;
  if (!labels.empty()) {
    out_ += '{';
    bool first = true;
    for (const auto& [key, v] : labels) {
      if (!first) out_ += ',';
      first = false;
      out_ += fmt::format("{}=\"{}\"", key, prometheus_label_value(v));
    }
    out_ += '}';
  }
  out_ += ' ';
  out_ += number(value);
  out_ += '\n';
}

std::string render_prometheus(const DomainEvidence& ev, const checks::ProbeOutcome& p) {
  Exposition x;
  x.family("mxray_probe_success", "gauge",
           "Whether the check ran and the domain's verdict is pass or warn (1) or not (0).");
  x.sample(flag(p.success));
  x.family("mxray_probe_duration_seconds", "gauge", "How long the whole check took.");
  x.sample(ev.duration_ms / 1000.0);
  x.family("mxray_verdict", "gauge", "The domain's verdict: 1 for the one it has, 0 for the others.");
  for (const auto v :
       {checks::Verdict::pass, checks::Verdict::warn, checks::Verdict::fail, checks::Verdict::inconclusive}) {
    x.sample({{"verdict", std::string(checks::to_string(v))}}, flag(p.verdict == v));
  }
  x.family("mxray_findings", "gauge", "Findings of the check by severity.");
  for (const auto s :
       {checks::Severity::critical, checks::Severity::warning, checks::Severity::info, checks::Severity::ok}) {
    x.sample({{"severity", std::string(checks::to_string(s))}},
             static_cast<double>(p.findings_by_severity.at(static_cast<std::size_t>(s))));
  }
  x.family("mxray_null_mx", "gauge", "Whether the domain publishes a null MX (RFC 7505): it accepts no mail.");
  x.sample(flag(ev.null_mx));
  x.family("mxray_mx_preference", "gauge", "Preference of each MX host (lower is tried first).");
  for (const auto& mx : ev.mx) x.sample({{"mx", mx.host}}, mx.preference);

  per_address(x, p, "mxray_address_probed", "Whether the address was probed (the address policy allowed it).",
              [](const AddressOutcome& o) { return o.probed; });
  per_address(x, p, "mxray_connect_success", "Whether the TCP connection to the SMTP port succeeded.",
              [](const AddressOutcome& o) { return o.connected; });
  timing(x, p, "mxray_connect_duration_seconds", "Time to connect, when the connection succeeded.",
         [](const AddressEvidence& a) { return a.connect.ok ? a.connect.ms : -1; });
  per_address(x, p, "mxray_greeting_success", "Whether the server greeted with 220 (it takes mail).",
              [](const AddressOutcome& o) { return o.greeted; });
  timing(x, p, "mxray_greeting_duration_seconds", "Time from the connection to the end of the greeting.",
         [](const AddressEvidence& a) { return a.banner.received ? a.banner.ms : -1; });
  per_address(x, p, "mxray_starttls_offered", "Whether the EHLO reply offered STARTTLS.",
              [](const AddressOutcome& o) { return o.starttls_offered; });
  per_address(x, p, "mxray_starttls_success", "Whether STARTTLS and the TLS handshake completed.",
              [](const AddressOutcome& o) { return o.starttls; });
  timing(x, p, "mxray_starttls_duration_seconds", "Time of the STARTTLS command and the TLS handshake.",
         [](const AddressEvidence& a) { return a.starttls.ok ? a.starttls.ms : -1; });
  x.family("mxray_tls_version_info", "gauge", "The TLS version negotiated after STARTTLS (value 1).");
  for (const auto& o : p.addresses) {
    const auto& tls = session_of(o).starttls;
    if (tls.ok && !tls.version.empty()) x.sample({{"mx", o.mx}, {"ip", o.ip}, {"version", tls.version}}, 1);
  }
  x.family("mxray_cert_not_after_timestamp_seconds", "gauge",
           "notAfter of each certificate of the presented chain as a Unix time; depth 0 is the server's own "
           "(also for an expired or untrusted chain).");
  for (const auto& o : p.addresses) {
    if (!session_of(o).certificate.present) continue;
    const auto& chain = session_of(o).certificate.chain;
    for (std::size_t depth = 0; depth < chain.size(); ++depth) {
      if (chain[depth].not_after_epoch == 0) continue;
      x.sample({{"mx", o.mx}, {"ip", o.ip}, {"depth", std::to_string(depth)}},
               static_cast<double>(chain[depth].not_after_epoch));
    }
  }
  x.family("mxray_cert_trusted", "gauge",
           "Whether the presented chain verified against the trust store, dates included.");
  for (const auto& o : p.addresses) {
    if (session_of(o).certificate.present) x.sample(at(o), flag(o.certificate_trusted));
  }
  x.family("mxray_cert_name_match", "gauge", "Whether the certificate names the MX host (RFC 6125).");
  for (const auto& o : p.addresses) {
    if (session_of(o).certificate.present) x.sample(at(o), flag(o.certificate_name_match));
  }
  x.family("mxray_dane_match", "gauge",
           "Whether a TLSA record of the MX authenticated the server (only where DANE applies, RFC 7672).");
  for (const auto& o : p.addresses) {
    if (o.dane_match) x.sample(at(o), flag(*o.dane_match));
  }
  x.family("mxray_open_relay", "gauge",
           "Whether the server accepted a recipient outside its domains (only where tested).");
  for (const auto& o : p.addresses) {
    if (o.open_relay) x.sample(at(o), flag(*o.open_relay));
  }
  x.family("mxray_mta_sts_mode_info", "gauge",
           "The mode of the domain's MTA-STS policy (value 1), when one was fetched.");
  if (!p.mta_sts_mode.empty()) x.sample({{"mode", p.mta_sts_mode}}, 1);
  x.family("mxray_mta_sts_mx_listed", "gauge", "Whether the MTA-STS policy's mx patterns cover the MX host.");
  for (const auto& c : p.mta_sts_coverage) x.sample({{"mx", c.mx}}, flag(c.listed));
  return x.text();
}

std::string render_prometheus_error(double duration_seconds) {
  Exposition x;
  x.family("mxray_probe_success", "gauge",
           "Whether the check ran and the domain's verdict is pass or warn (1) or not (0).");
  x.sample(0);
  x.family("mxray_probe_duration_seconds", "gauge", "How long the whole check took.");
  x.sample(duration_seconds);
  return x.text();
}

}  // namespace mxray::report
