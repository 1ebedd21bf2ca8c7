// See report_diff.hpp. Places are matched by name: MX by host, address by (host, ip), a
// finding by (id, host, ip). Ranks follow checks/status.hpp: not_tested < ok < info <
// inconclusive < warning < critical; verdicts pass < inconclusive < warn < fail.
#include "mxray/checks/report_diff.hpp"

#include <map>
#include <set>
#include <stdexcept>

namespace mxray::checks {
namespace {

using nlohmann::json;

int status_rank(const std::string& s) {
  static const std::map<std::string, int> kRank = {{"not_tested", 0},   {"ok", 1},      {"info", 2},
                                                   {"inconclusive", 3}, {"warning", 4}, {"critical", 5}};
  const auto it = kRank.find(s);
  return it == kRank.end() ? 0 : it->second;
}

int verdict_rank(const std::string& v) {
  static const std::map<std::string, int> kRank = {
      {"pass", 0}, {"inconclusive", 1}, {"warn", 2}, {"fail", 3}, {"error", 4}};
  const auto it = kRank.find(v);
  return it == kRank.end() ? 4 : it->second;
}

std::string text(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return {};
  const auto& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return {};
  return v.dump();
}

// Host -> MX object; (host, ip) -> address object.
std::map<std::string, const json*> mx_by_host(const json& report) {
  std::map<std::string, const json*> out;
  if (!report.contains("mx") || !report["mx"].is_array()) return out;
  for (const auto& mx : report["mx"]) {
    if (mx.is_object()) out[text(mx, "host")] = &mx;
  }
  return out;
}

std::map<std::string, const json*> addresses_of(const json& mx) {
  std::map<std::string, const json*> out;
  if (!mx.contains("addresses") || !mx["addresses"].is_array()) return out;
  for (const auto& a : mx["addresses"]) {
    if (a.is_object()) out[text(a, "ip")] = &a;
  }
  return out;
}

std::set<std::string> tlsa_records(const json& mx) {
  std::set<std::string> out;
  if (!mx.contains("dane") || !mx["dane"].is_object() || !mx["dane"].contains("records")) return out;
  for (const auto& r : mx["dane"]["records"]) {
    if (!r.is_object()) continue;
    out.insert(text(r, "usage") + " " + text(r, "selector") + " " + text(r, "matching_type") + " " + text(r, "data"));
  }
  return out;
}

class Differ {
 public:
  explicit Differ(ReportDiff& d) : d_(d) {}

  void verdict(const std::string& mx, const std::string& ip, const json& before, const json& after) {
    const auto b = text(before, "verdict"), a = text(after, "verdict");
    if (b == a) return;
    add({"verdict", mx, ip, "verdict", b, a, verdict_rank(a) > verdict_rank(b), verdict_rank(a) < verdict_rank(b)});
  }

  void steps(const std::string& mx, const std::string& ip, const json& before, const json& after) {
    const json empty = json::object();
    const auto& b = before.contains("status") && before["status"].is_object() ? before["status"] : empty;
    const auto& a = after.contains("status") && after["status"].is_object() ? after["status"] : empty;
    std::set<std::string> names;
    for (const auto& [k, v] : b.items()) names.insert(k);
    for (const auto& [k, v] : a.items()) names.insert(k);
    for (const auto& step : names) {
      const auto sb = text(b, step.c_str()), sa = text(a, step.c_str());
      if (sb == sa) continue;
      // A step no longer tested is no news of its own (its verdict says what it means).
      const bool worse = status_rank(sa) >= status_rank("warning") && status_rank(sa) > status_rank(sb);
      const bool better = status_rank(sb) >= status_rank("warning") && status_rank(sa) < status_rank(sb);
      add({"step", mx, ip, step, sb.empty() ? "not_tested" : sb, sa.empty() ? "not_tested" : sa, worse, better});
    }
  }

  void certificate(const std::string& mx, const std::string& ip, const json& before, const json& after) {
    const auto leaf = [](const json& a) -> const json* {
      if (!a.contains("certificate") || !a["certificate"].is_object()) return nullptr;
      const auto& chain = a["certificate"]["chain"];
      return chain.is_array() && !chain.empty() && chain[0].is_object() ? &chain[0] : nullptr;
    };
    const auto* b = leaf(before);
    const auto* a = leaf(after);
    if (b == nullptr || a == nullptr || text(*b, "sha256") == text(*a, "sha256")) return;
    add({"certificate", mx, ip, "certificate", text(*b, "subject") + " until " + text(*b, "not_after"),
         text(*a, "subject") + " until " + text(*a, "not_after"), false, false});
  }

  void add(Change c) {
    d_.worse = d_.worse || c.worse;
    d_.changes.push_back(std::move(c));
  }

 private:
  ReportDiff& d_;
};

using FindingKey = std::tuple<std::string, std::string, std::string>;

std::map<FindingKey, const json*> findings_of(const json& report) {
  std::map<FindingKey, const json*> out;
  if (!report.contains("findings") || !report["findings"].is_array()) return out;
  for (const auto& f : report["findings"]) {
    if (f.is_object()) out[{text(f, "id"), text(f, "mx"), text(f, "ip")}] = &f;
  }
  return out;
}

void require_report(const json& j, const char* which) {
  if (!j.is_object() || text(j, "schema") != "mxray.report/1") {
    throw std::invalid_argument(std::string(which) +
                                " is not an mxray report (schema mxray.report/1): save one with mxray check --json");
  }
}

}  // namespace

ReportDiff diff_reports(const json& before, const json& after) {
  require_report(before, "the first file");
  require_report(after, "the second file");
  ReportDiff d;
  d.domain_before = text(before, "domain");
  d.domain_after = text(after, "domain");
  d.checked_before = text(before, "checked_at");
  d.checked_after = text(after, "checked_at");
  Differ differ(d);
  differ.verdict({}, {}, before, after);
  differ.steps({}, {}, before, after);

  const auto mx_b = mx_by_host(before), mx_a = mx_by_host(after);
  for (const auto& [host, mx] : mx_b) {
    if (!mx_a.contains(host)) differ.add({"mx_removed", host, {}, "mx", text(*mx, "preference"), {}, false, false});
  }
  for (const auto& [host, mx] : mx_a) {
    const auto old = mx_b.find(host);
    if (old == mx_b.end()) {
      differ.add({"mx_added", host, {}, "mx", {}, text(*mx, "preference"), text(*mx, "verdict") == "fail", false});
      continue;
    }
    const auto& b = *old->second;
    differ.verdict(host, {}, b, *mx);
    differ.steps(host, {}, b, *mx);
    const auto tb = tlsa_records(b), ta = tlsa_records(*mx);
    for (const auto& r : tb) {
      if (!ta.contains(r)) differ.add({"tlsa_removed", host, {}, r, r, {}, false, false});
    }
    for (const auto& r : ta) {
      if (!tb.contains(r)) differ.add({"tlsa_added", host, {}, r, {}, r, false, false});
    }
    const auto ab = addresses_of(b), aa = addresses_of(*mx);
    for (const auto& [ip, addr] : ab) {
      if (!aa.contains(ip)) differ.add({"address_removed", host, ip, "address", ip, {}, false, false});
    }
    for (const auto& [ip, addr] : aa) {
      const auto was = ab.find(ip);
      if (was == ab.end()) {
        differ.add({"address_added", host, ip, "address", {}, ip, text(*addr, "verdict") == "fail", false});
        continue;
      }
      differ.verdict(host, ip, *was->second, *addr);
      differ.steps(host, ip, *was->second, *addr);
      differ.certificate(host, ip, *was->second, *addr);
    }
  }

  const auto& sts_b = before.contains("mta_sts") ? before["mta_sts"] : json::object();
  const auto& sts_a = after.contains("mta_sts") ? after["mta_sts"] : json::object();
  if (text(sts_b, "id") != text(sts_a, "id"))
    differ.add({"mta_sts_id", {}, {}, "id", text(sts_b, "id"), text(sts_a, "id"), false, false});
  const auto policy_b = sts_b.contains("policy") ? sts_b["policy"] : json::object();
  const auto policy_a = sts_a.contains("policy") ? sts_a["policy"] : json::object();
  if (text(policy_b, "mode") != text(policy_a, "mode")) {
    differ.add({"mta_sts_mode", {}, {}, "mode", text(policy_b, "mode"), text(policy_a, "mode"), false, false});
  }
  if (text(policy_b, "max_age") != text(policy_a, "max_age")) {
    differ.add(
        {"mta_sts_max_age", {}, {}, "max_age", text(policy_b, "max_age"), text(policy_a, "max_age"), false, false});
  }

  const auto fb = findings_of(before), fa = findings_of(after);
  for (const auto& [key, f] : fa) {
    if (fb.contains(key)) continue;
    const auto severity = text(*f, "severity");
    differ.add({"finding_new",
                std::get<1>(key),
                std::get<2>(key),
                std::get<0>(key),
                {},
                severity,
                severity == "warning" || severity == "critical",
                false});
  }
  for (const auto& [key, f] : fb) {
    if (fa.contains(key)) continue;
    const auto severity = text(*f, "severity");
    differ.add({"finding_resolved",
                std::get<1>(key),
                std::get<2>(key),
                std::get<0>(key),
                severity,
                {},
                false,
                severity == "warning" || severity == "critical"});
  }
  return d;
}

}  // namespace mxray::checks
