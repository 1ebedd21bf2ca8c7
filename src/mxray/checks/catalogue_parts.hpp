// The parts of the findings catalogue, one file each (catalogue.cpp puts them together).
#pragma once

#include <span>

#include "mxray/checks/catalogue.hpp"

namespace mxray::checks {

/// DNS, reachability, session, TLS, certificate, relay and server findings (catalogue_mail.cpp).
std::span<const FindingDefinition> mail_findings();
/// DANE, MTA-STS and TLS-RPT findings (catalogue_policy.cpp).
std::span<const FindingDefinition> policy_findings();
/// Direct targets, what lapses by a later moment, the next certificate (catalogue_postmaster.cpp).
std::span<const FindingDefinition> postmaster_findings();
/// Mail submission services (catalogue_submission.cpp).
std::span<const FindingDefinition> submission_findings();
/// Anti-spam front ends: postscreen, greylisting, limits, tarpits, providers' replies (catalogue_front_end.cpp).
std::span<const FindingDefinition> front_end_findings();

}  // namespace mxray::checks
