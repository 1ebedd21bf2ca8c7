// The judge stage: pure functions from a domain's evidence to findings and verdicts.
// No I/O, so every rule can be tested from a saved evidence file.
#pragma once

#include "mxray/checks/finding.hpp"
#include "mxray/checks/finding_list.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::checks {

/// Judges `evidence` as of its own check time (checked_at_epoch).
Judgement judge(const report::DomainEvidence& evidence, const JudgeOptions& options = {});

}  // namespace mxray::checks
