// The subcommands of the mxray program; main.cpp parses the command line into these.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mxray/checks/monitoring.hpp"
#include "mxray/core/clock.hpp"

#include "mxray/pipeline/check.hpp"
#include "mxray/web/server_config.hpp"

namespace mxray::app {

/// How to present a report.
struct OutputOptions {
  bool json = false;
  std::string format = "text";               // text | json | nagios
  checks::CertificateThresholds thresholds;  // -D, for nagios
  std::string colour = "auto";               // auto | always | never
  std::string language = "en";               // en | fr | de | es | it
  bool timings = false;                      // --timings: the timeline after the text report
};

/// How to judge: as of the check time, or as of another moment (--at).
struct JudgeArgs {
  std::optional<core::Moment> at;
};

/// What `mxray diff` was told.
struct DiffArgs {
  std::string before;
  std::string after;
  bool json = false;
  std::string colour = "auto";
};

/// Adds the diff subcommand and its options.
CLI::App* add_diff_command(CLI::App& app, DiffArgs& args, const std::function<std::string(const char*)>& T);
/// `mxray diff OLD NEW`: exit 0 when nothing got worse, 1 when something did, 3 for a bad file.
int run_diff(const DiffArgs& args, const std::string& language);

/// What `mxray serve` was told.
struct ServeArgs {
  web::ServerConfig config;
  int smtp_port = 25;
  double check_timeout = 60;
  int header_timeout = 10;
  int body_timeout = 10;
  bool no_relay_test = false;
  bool no_commands_probe = false;
  bool no_legacy_tls_scan = false;
  std::string max_relay_tests = "quick";   // quick | all
  std::vector<std::string> deny_prefixes;  // --deny-prefix, parsed by main
};

/// --deny-prefix and --sessions-per-address, the same for check and serve.
void add_address_limits(CLI::App& command, std::vector<std::string>& deny_prefixes, std::size_t& sessions_per_address,
                        const std::function<std::string(const char*)>& T);

/// Adds the serve subcommand and its options (help texts through `T`).
CLI::App* add_serve_command(CLI::App& app, ServeArgs& args, const std::function<std::string(const char*)>& T);
/// `mxray serve`: runs the web server until SIGINT/SIGTERM; returns the exit code.
int run_serve(ServeArgs& args);

/// What `mxray scan` was told (the probe options are the same as check's).
struct ScanArgs {
  std::string input = "-";  // a file, or - for standard input
  std::string output;       // empty: standard output
  std::string summary_csv;
  std::size_t concurrency = 64;       // domains checked at once
  double connections_per_second = 2;  // new connections per second to one address
  std::size_t probe_cache = 100000;   // finished probes kept for reuse
  double busy_backoff = 30;           // seconds to wait after a 421 before probing that address again
  std::string shard = "0/1";
  bool resume = false;
  std::string progress = "auto";  // auto | bar | lines | none
};

/// Adds the scan subcommand and its own options (the probe options are added by main).
CLI::App* add_scan_command(CLI::App& app, ScanArgs& args, const std::function<std::string(const char*)>& T);
/// `mxray scan [FILE|-]`: one JSON report per line; 0 when every domain was checked, 3 for bad
/// input, 130 when interrupted.
int run_scan(const ScanArgs& args, pipeline::CheckOptions options, const std::string& language);

/// `mxray check DOMAIN`: returns the exit code.
int run_check(const std::string& domain, const pipeline::CheckOptions& options, const OutputOptions& output,
              const JudgeArgs& judge = {});
/// `mxray judge FILE`: judges saved evidence (a report or evidence JSON); returns the exit code.
int run_judge(const std::string& file, const OutputOptions& output, const JudgeArgs& judge = {});
/// `mxray findings`: prints the findings catalogue (text or markdown) in `language`.
int run_findings(bool markdown, const std::string& language);

}  // namespace mxray::app
