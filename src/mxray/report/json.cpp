// See json.hpp. Field names are the struct member names; docs/json-schema.md lists them.
#include "mxray/report/json.hpp"

#include <cmath>

#include "mxray/checks/status.hpp"
#include "mxray/core/clock.hpp"
#include "mxray/i18n/translate.hpp"

namespace mxray::report {

namespace {

double round_ms(double ms) { return std::round(ms * 100.0) / 100.0; }

void round_times(nlohmann::json& j) {
  if (j.is_object()) {
    for (auto& [key, value] : j.items()) {
      if ((key == "ms" || key == "duration_ms" || key == "start_ms") && value.is_number_float()) {
        value = round_ms(value.get<double>());
      } else {
        round_times(value);
      }
    }
  } else if (j.is_array()) {
    for (auto& v : j) round_times(v);
  }
}

nlohmann::json statuses_json(const checks::StepStatuses& steps) {
  auto out = nlohmann::json::object();
  for (const auto& [step, status] : steps) out[step] = checks::to_string(status);
  return out;
}

// The judge's reading of the MTA-STS policy per MX, merged into mta_sts.mx (by host).
void merge_mta_sts(nlohmann::json& j, const checks::Judgement& judgement) {
  auto& list = j["mta_sts"]["mx"];
  if (!list.is_array()) list = nlohmann::json::array();
  for (const auto& o : judgement.mta_sts_mx) {
    nlohmann::json* entry = nullptr;
    for (auto& m : list) {
      if (m.value("host", "") == o.host) entry = &m;
    }
    if (entry == nullptr)
      entry = &list.emplace_back(nlohmann::json{{"host", o.host}, {"matches", false}, {"pattern", ""}});
    (*entry)["consequence"] = o.consequence;
    auto& addresses = (*entry)["addresses"] = nlohmann::json::array();
    for (const auto& a : o.addresses) addresses.push_back({{"ip", a.ip}, {"outcome", a.outcome}, {"why", a.why}});
  }
}

}  // namespace

nlohmann::json report_json(const DomainEvidence& ev, const checks::Judgement& judgement, std::string_view language) {
  nlohmann::json j = ev;
  j["schema"] = "mxray.report/1";
  j["language"] = language;
  j["verdict"] = checks::to_string(judgement.verdict);
  if (judgement.as_of_epoch != 0 && judgement.as_of_epoch != ev.checked_at_epoch) {  // --at
    j["judged_at"] = core::iso8601(judgement.as_of_epoch);
    j["judged_at_epoch"] = judgement.as_of_epoch;
  }
  j["status"] = statuses_json(judgement.domain_steps);
  merge_mta_sts(j, judgement);
  for (auto& mx : j["mx"]) {
    const auto host = mx["host"].get<std::string>();
    if (auto it = judgement.mx_verdicts.find(host); it != judgement.mx_verdicts.end()) {
      mx["verdict"] = checks::to_string(it->second);
    }
    if (auto it = judgement.mx_steps.find(host); it != judgement.mx_steps.end())
      mx["status"] = statuses_json(it->second);
    for (auto& a : mx["addresses"]) {
      const auto key = std::pair{host, a["ip"].get<std::string>()};
      if (auto it = judgement.address_verdicts.find(key); it != judgement.address_verdicts.end()) {
        a["verdict"] = checks::to_string(it->second);
      }
      if (auto it = judgement.address_steps.find(key); it != judgement.address_steps.end()) {
        a["status"] = statuses_json(it->second);
      }
      if (auto it = judgement.server_software.find(key); it != judgement.server_software.end()) {
        a["server_software"] = it->second;
        a["server_software"]["confidence"] = std::stoi(it->second.at("confidence"));
      }
    }
  }
  if (ev.submission.checked) {
    for (auto& service : j["submission"]["services"]) {
      const auto key = service["host"].get<std::string>() + ":" + std::to_string(service["port"].get<int>());
      if (auto it = judgement.submission_status.find(key); it != judgement.submission_status.end()) {
        service["status"] = checks::to_string(it->second);
      }
    }
  }
  auto& findings = j["findings"] = nlohmann::json::array();
  for (const auto& f : judgement.findings) {
    findings.push_back({{"id", f.id},
                        {"severity", checks::to_string(f.severity)},
                        {"step", f.step},
                        {"status", checks::to_string(f.status)},
                        {"mx", f.mx},
                        {"ip", f.ip},
                        {"title", i18n::tr(language, f.title)},
                        {"detail", i18n::render(language, f.detail_message)},
                        {"explanation", i18n::tr(language, f.explanation)},
                        {"fix", i18n::tr(language, f.fix)}});
  }
  round_times(j);
  return j;
}

nlohmann::json error_json(const std::string& input, const std::string& message) {
  return {{"schema", "mxray.report/1"}, {"input", input}, {"verdict", "error"}, {"error", message}};
}

}  // namespace mxray::report
