// The Prometheus text exposition format (version 0.0.4) of a check, for `GET /probe` (the
// multi-target exporter pattern of blackbox_exporter), and the writer the server's own
// /metrics uses. Label values come from the network (MX names) and are escaped here (\\, \",
// \n; other bytes outside printable ASCII as the text \xNN) and cut to a bound, so no name
// can break a line or a sample. What the values mean was decided by the judge
// (checks/probe_outcome.hpp); this only formats.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mxray/checks/finding.hpp"
#include "mxray/checks/probe_outcome.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::report {

/// The Content-Type of the text format.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

/// A label value written between the quotes: escaped, at most kMaxLabelValue input bytes.
inline constexpr std::size_t kMaxLabelValue = 512;
std::string prometheus_label_value(std::string_view value);

using MetricLabels = std::vector<std::pair<std::string_view, std::string>>;

/// Writes metric families: a family's HELP and TYPE lines appear before its first sample
/// (a family without samples writes nothing), and every sample follows its family.
class Exposition {
 public:
  /// Starts a family; `type` is gauge, counter or untyped; `help` is our own text.
  void family(std::string_view name, std::string_view type, std::string_view help);
  /// One sample of the current family (`suffix` for a counter's _total is part of the name given).
  void sample(const MetricLabels& labels, double value);
  void sample(double value) { sample({}, value); }
  const std::string& text() const { return out_; }

 private:
  std::string out_;
  std::string name_;
  std::string pending_;  // HELP and TYPE of the current family, written with its first sample
};

/// `GET /probe` for a check that ran: probe success and duration, verdict, findings by
/// severity, MX preferences, and per (MX name, address): connect, greeting and STARTTLS
/// success and time, TLS version, certificate notAfter per chain depth (also of an expired or
/// untrusted chain), trust and name match, DANE match, open relay; the MTA-STS mode and per
/// MX whether the policy lists it.
std::string render_prometheus(const DomainEvidence& evidence, const checks::ProbeOutcome& outcome);

/// `GET /probe` for a check that could not be made (no answer from DNS, ...): probe_success 0.
std::string render_prometheus_error(double duration_seconds);

}  // namespace mxray::report
