// The check, judge and findings subcommands: run the pipeline, judge, render, pick the exit code.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "mxray/checks/catalogue.hpp"
#include "mxray/checks/judge.hpp"
#include "mxray/checks/status.hpp"
#include "mxray/report/json.hpp"
#include "mxray/report/nagios.hpp"
#include "mxray/report/text.hpp"
#include "mxray/report/untrusted_json.hpp"

namespace mxray::app {
namespace {

// The verdict rule as docs/findings.md states it (checks/status.hpp, checks/verdicts.cpp).
constexpr const char* kVerdictRule =
    "## Statuses and verdicts\n\n"
    "The judge gives every step a **status** from one set: `ok`, `info`, `warning`, `critical`, "
    "`inconclusive` (mxray could not tell: a 4xx answer, greylisting, a failure at mxray's own end) and "
    "`not_tested` (the step was not reached or not run). Steps per address: `connect`, `greeting`, `ehlo`, "
    "`starttls`, `certificate`, `dane`, `relay`, `vrfy_expn`, `mta_sts`, `dns` (reverse DNS); per MX: `dns`, "
    "`dane`, `mta_sts`; for the domain: `dns`, `mta_sts`, `tls_rpt`.\n\n"
    "A step with findings takes the highest of their statuses (order: not_tested < ok < info < inconclusive < "
    "warning < critical); a step without one is `ok` when the evidence shows it was carried out, else "
    "`not_tested`. Each finding's status is its severity, except the findings marked `inconclusive` below.\n\n"
    "**The verdict rule**, the same for an address, an MX and the domain: take the highest status of every "
    "step and finding at that place and below it. `critical` gives **fail** (exit 2), `warning` gives "
    "**warn** (exit 1). Otherwise the place is **pass** (exit 0) when something there was verified (an SMTP "
    "server completed a 220 greeting; for a null MX domain, its DNS answer), and **inconclusive** (exit 4) "
    "when nothing was: every greeting was 4xx, every connection timed out at mxray's end, or nothing was "
    "probed. Exit 3: the check could not be made at all.\n\n"
    "Severities weigh by consequence for senders: certificate problems are `critical` where an MTA-STS policy "
    "in mode enforce lists the MX (policy-honouring senders refuse), `info` where a DANE-EE record "
    "authenticated the server (DANE senders ignore dates and names; DANE-TA: the issuer), and the catalogue "
    "level otherwise (only senders that verify certificates are affected).\n\n";

bool use_colour(const OutputOptions& o) {
  if (o.colour == "always") return true;
  if (o.colour == "never") return false;
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && no_colour[0] != '\0') return false;
  return isatty(STDOUT_FILENO) == 1;
}

int exit_code_of(checks::Verdict v) {
  switch (v) {
    case checks::Verdict::pass: return kExitPass;
    case checks::Verdict::warn: return kExitWarnings;
    case checks::Verdict::fail: return kExitFailures;
    case checks::Verdict::inconclusive: return kExitInconclusive;
  }
  return kExitFailures;
}

int render(const report::DomainEvidence& evidence, const OutputOptions& output, const JudgeArgs& args) {
  checks::JudgeOptions options;
  if (args.at) options.at_epoch = args.at->at(evidence.checked_at_epoch);
  const auto judgement = checks::judge(evidence, options);
  if (output.format == "nagios") {
    const auto result = checks::monitoring_result(evidence, judgement, output.thresholds);
    std::cout << report::render_nagios(evidence, judgement, result, output.thresholds, output.language);
    return static_cast<int>(result.state);
  }
  if (output.json) {
    std::cout << report::report_json(evidence, judgement, output.language)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    std::cout << report::render_text(evidence, judgement, use_colour(output), output.language);
  }
  return exit_code_of(judgement.verdict);
}

int could_not_check(const std::string& input, const std::string& message, const OutputOptions& output) {
  if (output.format == "nagios") std::cout << report::render_nagios_error(input, message);
  if (output.json) {
    std::cout << report::error_json(input, message).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  std::cerr << "mxray: cannot check '" << input << "': " << message << "\n";
  return kExitCouldNotCheck;
}

}  // namespace

int run_check(const std::string& domain, const pipeline::CheckOptions& options, const OutputOptions& output,
              const JudgeArgs& judge) {
  pipeline::CheckResult result;
  try {
    result = pipeline::check_domain(domain, options);
  } catch (const std::exception& e) {
    return could_not_check(domain, e.what(), output);
  }
  if (!result.ok()) return could_not_check(domain, result.error, output);
  return render(result.evidence, output, judge);
}

int run_judge(const std::string& file, const OutputOptions& output, const JudgeArgs& judge) {
  std::ifstream in(file);
  if (!in) return could_not_check(file, "cannot read the file", output);
  report::DomainEvidence evidence;
  try {
    // The file is untrusted: escape its strings as the live path escapes network bytes.
    auto j = nlohmann::json::parse(in);
    report::escape_untrusted(j);
    evidence = j.get<report::DomainEvidence>();
  } catch (const std::exception& e) {
    return could_not_check(file, std::string("not an evidence file: ") + e.what(), output);
  }
  return render(evidence, output, judge);
}

int run_findings(bool markdown) {
  if (!markdown) {
    for (const auto& d : checks::catalogue()) {
      std::cout << d.id << "  [" << checks::to_string(d.severity) << "]  " << d.title << "\n";
    }
    return 0;
  }
  std::cout << "# Findings catalogue\n\n"
               "Generated by `mxray findings --markdown` from the table the code uses "
               "(src/mxray/checks/catalogue.cpp); do not edit by hand.\n\n"
            << kVerdictRule << "| id | severity | status | step | title |\n|---|---|---|---|---|\n";
  for (const auto& d : checks::catalogue()) {
    checks::Finding probe;
    probe.id = std::string(d.id);
    probe.severity = d.severity;
    const auto step = checks::step_of(probe);
    std::cout << "| `" << d.id << "` | " << checks::to_string(d.severity) << " | "
              << checks::to_string(checks::status_of(d.id, d.severity)) << " | " << (step.empty() ? "-" : step) << " | "
              << d.title << " |\n";
  }
  for (const auto& d : checks::catalogue()) {
    std::cout << "\n## " << d.id << "\n\n**" << d.title << "** (" << checks::to_string(d.severity) << ")\n\n"
              << d.explanation << "\n\n**Fix:** " << d.fix << "\n";
  }
  return 0;
}

}  // namespace mxray::app
