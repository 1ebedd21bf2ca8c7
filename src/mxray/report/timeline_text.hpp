// The timeline of a check as text (`mxray check --timings`): every timed step of the domain
// and of each address in the order they started, with start, duration and what it was, so a
// postmaster sees where the check spent its time and which steps ran side by side.
#pragma once

#include <string>
#include <string_view>

#include "mxray/report/evidence.hpp"

namespace mxray::report {

/// The timeline table in `language`; empty when nothing was timed.
std::string render_timeline(const DomainEvidence& evidence, std::string_view language = "en");

/// The label of one timed step in `language`: "main session: TLS handshake"; protocol verbs
/// (EHLO, MAIL+RCPT+RSET+VRFY) stay as they are.
std::string timed_step_label(const core::TimedStep& step, std::string_view language);

}  // namespace mxray::report
