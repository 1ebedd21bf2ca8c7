// The diff subcommand: what changed between two saved reports; exit 1 when something got worse.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "mxray/checks/report_diff.hpp"
#include "mxray/i18n/translate.hpp"
#include "mxray/report/diff_render.hpp"
#include "mxray/report/untrusted_json.hpp"

namespace mxray::app {
namespace {

// Reads a saved report; the file is untrusted, so its strings are escaped as network bytes are.
nlohmann::json read_report(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::invalid_argument("cannot read " + file);
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) throw std::invalid_argument(file + " is not JSON");
  report::escape_untrusted(j);
  return j;
}

}  // namespace

CLI::App* add_diff_command(CLI::App& app, DiffArgs& args, const std::function<std::string(const char*)>& T) {
  auto* diff = app.add_subcommand("diff", T(N_("Compare two saved reports (mxray check --json) of the same domain")));
  diff->footer(T(N_("Exit codes: 0 nothing got worse, 1 something got worse, 3 a file is not a report.")));
  diff->add_option("before", args.before, T(N_("The earlier report (JSON)")))->required()->check(CLI::ExistingFile);
  diff->add_option("after", args.after, T(N_("The later report (JSON)")))->required()->check(CLI::ExistingFile);
  diff->add_flag("--json", args.json, T(N_("Print the changes as JSON (schema mxray.diff/1)")));
  diff->add_option("--color", args.colour, T(N_("Colour: auto, always, never")))
      ->check(CLI::IsMember({"auto", "always", "never"}));
  return diff;
}

int run_diff(const DiffArgs& args, const std::string& language) {
  checks::ReportDiff diff;
  try {
    diff = checks::diff_reports(read_report(args.before), read_report(args.after));
  } catch (const std::exception& e) {
    std::cerr << "mxray: diff: " << e.what() << "\n";
    return kExitCouldNotCheck;
  }
  if (args.json) {
    std::cout << report::diff_json(diff).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    const bool colour = args.colour == "always" ||
                        (args.colour == "auto" && isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr);
    std::cout << report::render_diff_text(diff, colour, language);
  }
  return diff.worse ? kExitWarnings : kExitPass;
}

}  // namespace mxray::app
