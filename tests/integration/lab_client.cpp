// See lab_client.hpp.
#include "lab_client.hpp"

#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mxray::testing {
namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

RunResult run_mxray(const std::vector<std::string>& args) {
  RunResult r;
  const auto err_file = std::filesystem::temp_directory_path() / ("mxray-test-stderr-" + std::to_string(::getpid()));
  std::string cmd = quote(MXRAY_BIN);
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += " 2>" + quote(err_file.string());
  const auto start = std::chrono::steady_clock::now();
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int status = ::pclose(pipe);
  rusage usage{};
  if (::getrusage(RUSAGE_CHILDREN, &usage) == 0) r.max_rss_kb = usage.ru_maxrss;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.err = slurp(err_file.string());
  std::filesystem::remove(err_file);
  r.json = nlohmann::json::parse(r.out, nullptr, false);
  if (r.json.is_discarded()) r.json = nullptr;
  return r;
}

std::vector<std::string> lab_args() {
  std::vector<std::string> out;
  std::ifstream in(std::string(MXRAY_LAB_DIR) + "/mxray.args");
  std::string line;
  while (std::getline(in, line)) {
    const auto space = line.find(' ');
    out.push_back(line.substr(0, space));
    if (space != std::string::npos) out.push_back(line.substr(space + 1));
  }
  return out;
}

RunResult check_lab(const std::string& domain, const std::vector<std::string>& extra) {
  std::vector<std::string> args{"check", "--json", domain};
  for (const auto& a : lab_args()) args.push_back(a);
  for (const auto& a : extra) args.push_back(a);
  return run_mxray(args);
}

std::vector<nlohmann::json> findings(const nlohmann::json& report, const std::string& id, const std::string& ip) {
  std::vector<nlohmann::json> out;
  if (!report.is_object() || !report.contains("findings")) return out;
  for (const auto& f : report["findings"]) {
    if (f.value("id", "") == id && (ip.empty() || f.value("ip", "") == ip)) out.push_back(f);
  }
  return out;
}

const nlohmann::json& first_address(const nlohmann::json& report) {
  return report.at("mx").at(0).at("addresses").at(0);
}

std::string severity_of(const nlohmann::json& report, const std::string& id) {
  const auto f = findings(report, id);
  return f.empty() ? "" : f.front().value("severity", "");
}

std::vector<std::string> finding_ids(const nlohmann::json& report) {
  std::vector<std::string> out;
  if (!report.is_object() || !report.contains("findings")) return out;
  for (const auto& f : report["findings"]) out.push_back(f.value("id", ""));
  return out;
}

std::string lab_file(const std::string& relative) { return slurp(std::string(MXRAY_LAB_DIR) + "/" + relative); }

}  // namespace mxray::testing
