// How long a whole domain check takes against the lab, and whether its probes really run
// at once: the check time is compared with its slowest single probe and with the sum of all.
// Needs a running lab (bench/run.sh starts it); talks to 127.0.0.0/8 and ::1 only.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "mxray/pipeline/check.hpp"

namespace {

mxray::pipeline::CheckOptions lab_options() {
  const char* dir = std::getenv("MXRAY_LAB_DIR");
  std::ifstream in(std::string(dir != nullptr ? dir : "/tmp/mxray-lab") + "/mxray.args");
  mxray::pipeline::CheckOptions o;
  std::string line;
  while (std::getline(in, line)) {
    const auto space = line.find(' ');
    const auto key = line.substr(0, space);
    const auto value = space == std::string::npos ? std::string{} : line.substr(space + 1);
    if (key == "--resolver") o.resolver.forwarders.push_back(value);
    if (key == "--trust-anchor") o.resolver.trust_anchor_file = value;
    if (key == "--ca-file") o.ca_file = value;
    if (key == "--allow-private") o.probe.allow_private = true;
  }
  if (o.resolver.forwarders.empty()) {
    std::cerr << "no lab: start it with lab/lab.sh start\n";
    std::exit(1);
  }
  return o;
}

void check_domain(benchmark::State& state, const char* domain, bool ipv6 = true) {
  auto options = lab_options();
  options.families.ipv6 = ipv6;
  double slowest_total = 0, sum_total = 0, check_total = 0;
  int probes = 0;
  for (auto _ : state) {
    const auto result = mxray::pipeline::check_domain(domain, options);
    if (!result.ok()) {
      state.SkipWithError(result.error.c_str());
      return;
    }
    double slowest = 0, sum = 0;
    probes = 0;
    for (const auto& mx : result.evidence.mx) {
      for (const auto& a : mx.addresses) {
        slowest = std::max(slowest, a.duration_ms);
        sum += a.duration_ms;
        ++probes;
      }
    }
    slowest_total += slowest;
    sum_total += sum;
    check_total += result.evidence.duration_ms;
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["probes"] = probes;
  state.counters["check_ms"] = check_total / n;
  state.counters["slowest_probe_ms"] = slowest_total / n;
  state.counters["sum_of_probes_ms"] = sum_total / n;
  state.counters["check/slowest"] = check_total / slowest_total;
}

}  // namespace

// 2 MX x 2 addresses answering at once (5 ms probes: DNS is a visible share of the time).
BENCHMARK_CAPTURE(check_domain, twomx, "twomx.test")->Iterations(50)->UseRealTime()->Unit(benchmark::kMillisecond);
// 2 MX x 2 addresses, each greeting after 1 s: sequential probing would take 4 s.
BENCHMARK_CAPTURE(check_domain, slowfour, "slowfour.test")->Iterations(5)->UseRealTime()->Unit(benchmark::kMillisecond);
// One good server, IPv4 and IPv6, then IPv4 only: the cost of a single probe, DNS included.
BENCHMARK_CAPTURE(check_domain, good, "good.test")->Iterations(50)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(check_domain, good_ipv4_only, "good.test", false)
    ->Iterations(50)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
