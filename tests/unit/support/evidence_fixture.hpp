// Loads saved evidence from tests/fixtures/evidence (MXRAY_EVIDENCE_DIR) and looks findings up
// in a judgement, for the judge and report tests. Fixture files are trusted test input.
#pragma once

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mxray/checks/finding.hpp"
#include "mxray/report/evidence.hpp"
#include "mxray/report/json.hpp"

namespace mxray::checks {

// Readable failure messages ("warn" rather than a byte dump).
inline void PrintTo(Severity s, std::ostream* os) { *os << to_string(s); }
inline void PrintTo(Verdict v, std::ostream* os) { *os << to_string(v); }
std::string_view to_string(Status status);
inline void PrintTo(Status s, std::ostream* os) { *os << to_string(s); }

}  // namespace mxray::checks

namespace mxray::test {

/// Every fixture in tests/fixtures/evidence, by name without ".json".
inline const std::vector<std::string>& evidence_fixtures() {
  static const std::vector<std::string> kNames = {
      "backup_down",
      "banner_version",
      "bound_reached",
      "cert_expired",
      "cert_expiring",
      "cert_incomplete_chain",
      "cert_name_mismatch",
      "cert_not_yet_valid",
      "cert_self_signed",
      "cert_sha1_signature",
      "cert_untrusted",
      "cert_weak_key",
      "dns_bogus",
      "ehlo_refused",
      "good",
      "greeting_421",
      "greeting_554",
      "implicit_mx",
      "mx_cname",
      "mx_ip_literal",
      "no_mail_host",
      "no_starttls",
      "null_mx",
      "primary_down",
      "relay_inconclusive",
      "relay_open",
      "slow_banner",
      "special_range",
      "tls_old_version",
      "tls_plaintext_injection",
      "unreachable",
      "dane_bogus",
      "dane_combos",
      "dane_mismatch",
      "dane_rollover",
      "dane_unsigned",
      "dane_usage01",
      "sts_dane",
      "sts_notxt",
      "sts_testing",
      "sts_unlisted",
      "deadprimary",
      "all_timeout",
      "all_421",
      "ipv6_no_route",
      "relay_deferred",
      "relay_own_domain",
      "dane_ee_expired",
      "sts_enforce_expired",
      "sts_enforce_unreachable",
      "null_mx_mixed",
      "null_mx_preference",
  };
  return kNames;
}

/// The path of fixture `name`.
inline std::string evidence_path(std::string_view name) {
  return std::string(MXRAY_EVIDENCE_DIR) + "/" + std::string(name) + ".json";
}

/// The fixture as JSON; throws (failing the test) when it is missing or not JSON.
inline nlohmann::json evidence_json(std::string_view name) {
  std::ifstream in(evidence_path(name));
  if (!in) throw std::runtime_error("cannot open evidence fixture " + evidence_path(name));
  return nlohmann::json::parse(in);
}

/// The fixture as evidence; fields it does not give keep their defaults.
inline report::DomainEvidence load_evidence(std::string_view name) {
  return evidence_json(name).get<report::DomainEvidence>();
}

/// The ids of the findings, sorted, so that a set of findings compares with EXPECT_EQ.
// The rule-family tests compare exact sets of findings; the software recognition (an info
// finding that depends on reply wording the fixtures share) has its own tests.
inline std::vector<std::string> sorted_ids(const checks::Judgement& j) {
  std::vector<std::string> ids;
  for (const auto& f : j.findings) {
    if (f.id != "smtp.software") ids.push_back(f.id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

inline std::vector<std::string> sorted(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

/// The first finding with `id`, or nullptr.
inline const checks::Finding* find_finding(const checks::Judgement& j, std::string_view id) {
  for (const auto& f : j.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

inline bool has_finding(const checks::Judgement& j, std::string_view id) { return find_finding(j, id) != nullptr; }

}  // namespace mxray::test
