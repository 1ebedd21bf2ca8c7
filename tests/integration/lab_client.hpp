// Runs the mxray program the way a user does and hands back its exit code, output and JSON.
// The lab's options (resolver, trust anchor, CA file) come from <lab run dir>/mxray.args.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mxray::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  double seconds = 0;
  long max_rss_kb = 0;  // peak resident memory of the largest child so far (each test runs alone)
  nlohmann::json json;  // parsed stdout when it is JSON, else null
};

/// Runs mxray with `args` (no shell interpretation beyond quoting).
RunResult run_mxray(const std::vector<std::string>& args);

/// The options that point mxray at the lab, from mxray.args.
std::vector<std::string> lab_args();

/// `mxray check --json DOMAIN <lab args> EXTRA...`.
RunResult check_lab(const std::string& domain, const std::vector<std::string>& extra = {});

/// The findings of a report with this id (and address, when given).
std::vector<nlohmann::json> findings(const nlohmann::json& report, const std::string& id, const std::string& ip = "");

/// The first address of the first MX of a report.
const nlohmann::json& first_address(const nlohmann::json& report);

/// The severity of the first finding with this id, or "" when there is none.
std::string severity_of(const nlohmann::json& report, const std::string& id);

/// Every finding id of a report.
std::vector<std::string> finding_ids(const nlohmann::json& report);

/// Reads a file of the lab's run dir (logs), empty when missing.
std::string lab_file(const std::string& relative);

}  // namespace mxray::testing
