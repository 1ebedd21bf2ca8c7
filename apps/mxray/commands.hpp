// The subcommands of the mxray program; main.cpp parses the command line into these.
#pragma once

#include <string>

#include "mxray/pipeline/check.hpp"

namespace mxray::app {

/// How to present a report.
struct OutputOptions {
  bool json = false;
  std::string colour = "auto";  // auto | always | never
  std::string language = "en";  // en | fr | de | es | it
};

/// `mxray check DOMAIN`: returns the exit code.
int run_check(const std::string& domain, const pipeline::CheckOptions& options, const OutputOptions& output);
/// `mxray judge FILE`: judges saved evidence (a report or evidence JSON); returns the exit code.
int run_judge(const std::string& file, const OutputOptions& output);
/// `mxray findings`: prints the findings catalogue (text or markdown).
int run_findings(bool markdown);

}  // namespace mxray::app
