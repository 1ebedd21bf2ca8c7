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
#include "mxray/i18n/translate.hpp"
#include "mxray/report/json.hpp"
#include "mxray/report/nagios.hpp"
#include "mxray/report/text.hpp"
#include "mxray/report/timeline_text.hpp"
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

// How mxray meets anti-spam front ends, as docs/findings.md states it (smtp/retry.cpp,
// checks/front_end_rules.cpp); each front end's own finding below says what to do.
constexpr const char* kFrontEnds =
    "## Anti-spam front ends\n\n"
    "Most MX hosts sit behind a front end that tests or slows its clients on purpose; mxray behaves like a "
    "well-written sender towards them and reports what they do as information, never as a fault. It sends no "
    "command before the final greeting line, pipelines only where PIPELINING is advertised, sends no "
    "non-SMTP command and no bare LF, and never DATA.\n\n"
    "- **Postfix postscreen** (`smtp.postscreen`, `smtp.greeting_pause`): a greeting pause within postscreen's "
    "usual range (up to about 8 s; postscreen_greet_wait is 6 s by default) is `info`, a longer one stays "
    "`smtp.slow_banner` with its number. After postscreen's first-contact 450 (deep protocol tests) mxray "
    "reconnects once, as a sender would, and decides the relay test and the rest on the real smtpd; the "
    "report says so.\n"
    "- **Greylisting** (`smtp.greylisting`, `smtp.greylisting_unresolved`): one retry when the server's own "
    "text says how soon and the wait fits in the check's deadline; otherwise `inconclusive` with the "
    "server's words, never \"rejects mail\". postgrey waits 300 s by default.\n"
    "- **One session per client address** (`smtp.one_session_per_client`): Exim's smtp_accept_max_per_host "
    "and similar limits refuse a second session at once; mxray then runs its sessions one after another, "
    "and with `--sessions-per-address 1` never opens two at once.\n"
    "- **Tarpits** (`smtp.tarpit`): delayed replies are reported with their times, and the check still ends "
    "within its deadline.\n"
    "- **Large providers' throttling and reputation replies** (`smtp.provider_throttle`, "
    "`smtp.provider_reputation`): Gmail's `421-4.7.28` and `421 4.7.0`, Microsoft's `451 4.7.500` and "
    "`4.7.650`, Yahoo's `421 4.7.0 [TSS04]` are `inconclusive`: they are about the connecting address (here "
    "mxray's), not the server.\n\n";

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
    if (output.timings) std::cout << "\n" << report::render_timeline(evidence, output.language);
  }
  return exit_code_of(judgement.verdict);
}

int could_not_check(const std::string& input, const std::string& message, const OutputOptions& output) {
  if (output.format == "nagios") std::cout << report::render_nagios_error(input, message);
  if (output.json) {
    std::cout << report::error_json(input, message).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
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

int run_findings(bool markdown, const std::string& language) {
  using i18n::tr;
  const auto severity = [&](checks::Severity s) { return std::string(tr(language, checks::to_string(s))); };
  if (!markdown) {
    for (const auto& d : checks::catalogue()) {
      std::cout << d.id << "  [" << severity(d.severity) << "]  " << tr(language, d.title) << "\n";
    }
    return 0;
  }
  // The verdict rule and the front-end notes are the catalogue's documentation (English); the
  // table and the entries follow --lang.
  std::cout << "# Findings catalogue\n\n"
               "Generated by `mxray findings --markdown` from the table the code uses "
               "(src/mxray/checks/catalogue.cpp); do not edit by hand.\n\n"
            << kVerdictRule << kFrontEnds << "| id | severity | status | step | title |\n|---|---|---|---|---|\n";
  for (const auto& d : checks::catalogue()) {
    checks::Finding probe;
    probe.id = std::string(d.id);
    probe.severity = d.severity;
    const auto step = checks::step_of(probe);
    std::cout << "| `" << d.id << "` | " << checks::to_string(d.severity) << " | "
              << checks::to_string(checks::status_of(d.id, d.severity)) << " | " << (step.empty() ? "-" : step) << " | "
              << tr(language, d.title) << " |\n";
  }
  // "**Fix:**" as the language writes the label before its text (fr puts a space before ':').
  std::string fix_label(tr(language, N_("Fix: {text}")));
  fix_label = fix_label.substr(0, fix_label.find("{text}"));
  while (!fix_label.empty() && fix_label.back() == ' ') fix_label.pop_back();
  for (const auto& d : checks::catalogue()) {
    std::cout << "\n## " << d.id << "\n\n**" << tr(language, d.title) << "** (" << checks::to_string(d.severity)
              << ")\n\n"
              << tr(language, d.explanation) << "\n\n**" << fix_label << "** " << tr(language, d.fix) << "\n";
  }
  return 0;
}

}  // namespace mxray::app
