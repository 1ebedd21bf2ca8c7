// The verdict model: one status per step of every address, MX and the domain, taken from one
// set (ok, info, warning, critical, inconclusive, not tested), and the one rule that derives
// address, MX and domain verdicts from them. Renderers map these to marks; they decide nothing.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "mxray/checks/finding.hpp"

namespace mxray::checks {

std::string_view to_string(Status status);

/// The steps of one address, in the order a sender goes through them.
inline constexpr std::array<std::string_view, 10> kAddressSteps = {
    "connect", "greeting", "ehlo", "starttls", "certificate", "dane", "relay", "vrfy_expn", "mta_sts", "dns"};
/// The steps judged once per MX host (its DNS answers, its TLSA records, its MTA-STS listing).
inline constexpr std::array<std::string_view, 3> kMxSteps = {"dns", "dane", "mta_sts"};
/// The steps judged once for the domain.
inline constexpr std::array<std::string_view, 3> kDomainSteps = {"dns", "mta_sts", "tls_rpt"};

/// The status a finding gives its step: its severity, except for findings that record that
/// mxray could not tell (a 4xx answer, a timeout at mxray's end), which are `inconclusive`.
Status status_of(const Finding& finding);
/// The same for a catalogue id and severity (docs/findings.md lists it).
Status status_of(std::string_view id, Severity severity);

/// The step a finding belongs to (one of the arrays above), or "" for findings about the
/// whole place (a dead backup MX, an aborted session): those still count for the verdict.
std::string_view step_of(const Finding& finding);

/// The verdict rule (docs/findings.md "Verdicts"): a place (address, MX, domain) fails when a
/// step or finding at it or below is critical, warns when one is a warning; otherwise it is
/// inconclusive when nothing at it was verified, and passes when something was.
Verdict verdict_of(Status worst, bool verified);

}  // namespace mxray::checks
