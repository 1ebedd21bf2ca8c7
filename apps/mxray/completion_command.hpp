// The `completion` subcommand: shell completion scripts generated from the CLI11 option tree.
// Trusted input only (the program's own option definitions).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace mxray::app {

/// Adds `completion SHELL` (bash, zsh, fish) to `app`; the chosen shell lands in `shell`.
CLI::App* add_completion_command(CLI::App& app, std::string& shell, const std::function<std::string(const char*)>& T);
/// Prints the completion script for `shell`, covering every subcommand and option of `app`.
int run_completion(CLI::App& app, const std::string& shell);

}  // namespace mxray::app
