// The step statuses and verdicts of a judgement, derived from its findings and from which
// steps the evidence shows were carried out (status.hpp has the rule). Pure.
#pragma once

#include "mxray/checks/finding.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::checks {

/// Fills address_steps, mx_steps, domain_steps and every verdict of `judgement` from its
/// findings (and their step and status) and `evidence`.
void derive_verdicts(const report::DomainEvidence& evidence, Judgement& judgement);

}  // namespace mxray::checks
