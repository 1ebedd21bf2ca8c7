// See mta_sts_policy.hpp. Unknown keys are tolerated (RFC 8461 3.2); malformed lines are
// recorded with their number and skipped; for repeated single-valued keys the first one counts.
// Problems are recorded as codes; checks/policy_problems.cpp turns them into messages.
#include "mxray/policy/mta_sts_policy.hpp"
#include "mxray/core/text.hpp"

#include "mxray/policy/versioned_record.hpp"

#include <cctype>
#include <charconv>

#include "mxray/core/printable.hpp"
#include "mxray/policy/mx_pattern.hpp"

namespace mxray::policy {
namespace {

std::string_view trim(std::string_view s) { return core::trim_blanks(s); }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void bad_line(report::MtaStsPolicy& p, int number, std::string_view line, std::string problem) {
  p.bad_lines.push_back({number, core::printable(line.substr(0, 200)), std::move(problem)});
}

}  // namespace

report::MtaStsPolicy parse_policy(std::string_view body, std::size_t max_lines) {
  report::MtaStsPolicy p;
  p.parsed = true;
  bool have_version = false, have_mode = false, have_age = false;
  std::size_t start = 0;
  int number = 0;
  while (start < body.size() && static_cast<std::size_t>(number) < max_lines) {
    auto nl = body.find('\n', start);
    if (nl == std::string_view::npos) nl = body.size();
    auto line = body.substr(start, nl - start);
    start = nl + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      bad_line(p, number, line, "not_key_value");
      continue;
    }
    const auto key = trim(line.substr(0, colon));
    const auto value = trim(line.substr(colon + 1));
    if (key.empty() || value.empty()) {
      bad_line(p, number, line, key.empty() ? "empty_key" : "empty_value");
      continue;
    }
    if (key == "version") {
      if (have_version) {
        bad_line(p, number, line, "repeated_version");
        continue;
      }
      have_version = true;
      p.version = core::printable(value);
    } else if (key == "mode") {
      if (have_mode) {
        bad_line(p, number, line, "repeated_mode");
        continue;
      }
      have_mode = true;
      p.mode = core::printable(value);
    } else if (key == "max_age") {
      if (have_age) {
        bad_line(p, number, line, "repeated_max_age");
        continue;
      }
      have_age = true;
      long long age = -1;
      const auto res = std::from_chars(value.data(), value.data() + value.size(), age);
      if (!all_digits(value) || value.size() > 10 || res.ec != std::errc{} || age > kMaxPolicyAge) {
        bad_line(p, number, line, "max_age_range");
        age = -1;
      }
      p.max_age = age;
    } else if (key == "mx") {
      if (auto why = pattern_problem(value); !why.empty()) {
        bad_line(p, number, line, why);
        continue;
      }
      p.mx.push_back(core::printable(value));
    } else {
      if (p.unknown_keys.size() < 20) p.unknown_keys.push_back(core::printable(key.substr(0, 64)));
    }
  }
  if (!have_version)
    p.errors.push_back("no_version");
  else if (p.version != "STSv1")
    p.errors.push_back("version_not_stsv1");
  if (!have_mode)
    p.errors.push_back("no_mode");
  else if (p.mode != "enforce" && p.mode != "testing" && p.mode != "none") {
    p.errors.push_back("mode_invalid");
  }
  if (p.max_age < 0) p.errors.push_back(have_age ? "max_age_invalid" : "no_max_age");
  if (p.mx.empty() && p.mode != "none") p.errors.push_back("no_mx");
  p.valid = p.errors.empty();
  return p;
}

void evaluate_sts_txt(const std::vector<std::string>& records, report::MtaStsEvidence& sts) {
  // RFC 8461 3.1: records that do not begin with "v=STSv1;" are discarded.
  auto selected = select_versioned_record(records, "v=STSv1");
  sts.sts_records = std::move(selected.records);
  sts.txt_error = selected.error;
  sts.txt_detail = selected.detail;
  if (!sts.txt_error.empty()) return;
  const std::string_view rec = sts.sts_records.front();
  std::string id;
  bool version_ok = false;
  std::size_t start = 0;
  int field = 0;
  while (start <= rec.size()) {
    auto semi = rec.find(';', start);
    if (semi == std::string_view::npos) semi = rec.size();
    const auto f = trim(rec.substr(start, semi - start));
    start = semi + 1;
    ++field;
    if (f.empty()) {
      if (semi == rec.size()) break;
      continue;
    }
    const auto eq = f.find('=');
    if (eq == std::string_view::npos) {
      sts.txt_error = "malformed";
      sts.txt_detail = "field_not_name_value";
      return;
    }
    const auto name = f.substr(0, eq);
    const auto value = f.substr(eq + 1);
    if (field == 1) {
      version_ok = name == "v" && value == "STSv1";
    } else if (name == "id") {
      id = std::string(value);
    }
  }
  if (!version_ok) {
    sts.txt_error = "malformed";
    sts.txt_detail = "version_first";
    return;
  }
  bool id_ok = !id.empty() && id.size() <= 32;
  for (const char c : id) id_ok = id_ok && std::isalnum(static_cast<unsigned char>(c));
  if (!id_ok) {
    sts.txt_error = "malformed";
    sts.txt_detail = id.empty() ? "no_id" : "bad_id";
    return;
  }
  sts.txt_error.clear();
  sts.id = id;
}

}  // namespace mxray::policy
