// Pieces of the terminal report (text.cpp): the painter that maps statuses and verdicts to
// marks and colours, step lines, and the certificate, vantage, policy and findings sections.
#pragma once

#include <fmt/color.h>

#include <string>
#include <string_view>

#include "mxray/checks/finding.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::report {

inline constexpr std::string_view kPad = "                  ";

/// Colours (when on) and marks, from statuses and verdicts only.
class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  std::string operator()(const std::string& s, fmt::text_style style) const;
  std::string mark(checks::Status status) const;
  std::string verdict(checks::Verdict verdict, std::string_view label) const;
  std::string dim(const std::string& s) const;

 private:
  bool on_;
};

/// Every line of `text` prefixed with `prefix`.
std::string indent(const std::string& text, std::string_view prefix);
/// "      <mark> <label padded> <text>\n".
std::string step_line(const Painter& p, checks::Status status, std::string_view label, const std::string& text);
/// The translated label of an address step (checks::kAddressSteps).
std::string_view step_label(std::string_view lang, std::string_view step);

void render_certificate(std::string& out, const MxEvidence& mx, const CertificateEvidence& c, std::string_view lang);
void render_vantage(std::string& out, const Painter& p, const DomainEvidence& ev, std::string_view lang);
void render_policies(std::string& out, const Painter& p, const DomainEvidence& ev, const checks::Judgement& j,
                     std::string_view lang);
/// The submission services of --submission: SRV records, each service and its addresses.
void render_submission(std::string& out, const Painter& p, const DomainEvidence& ev, const checks::Judgement& j,
                       std::string_view lang);
void render_findings(std::string& out, const Painter& p, const checks::Judgement& j, std::string_view lang);

}  // namespace mxray::report
