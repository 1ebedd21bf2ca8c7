// mxray scan against the lab's 300 generated domains (d000..d299.scan.test) over four fixture
// servers: each address is probed once however many domains share it (counted in the
// servers' own logs), every line is a report, --resume after a kill writes each domain once,
// and shards partition the input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

namespace fs = std::filesystem;

// Distinct connections a fixture listener has logged ("<time> scan-a #12 ..." lines); with
// `ehlo`, only those that announced that EHLO name (so that other tests running at the same
// time against the same servers are not counted).
std::size_t connections(const std::string& listener, const std::string& ehlo = "") {
  std::istringstream log(lab_file("logs/" + listener + ".log"));
  std::set<std::string> ids;
  std::string line;
  const std::regex id(" " + listener + " #([0-9]+) ");
  std::smatch m;
  while (std::getline(log, line)) {
    if (!ehlo.empty() && line.find("EHLO " + ehlo) == std::string::npos) continue;
    if (std::regex_search(line, m, id)) ids.insert(m[1]);
  }
  return ids.size();
}

fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("mxray-scan-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

// The 300 domains, with the comments, blank lines and duplicates a real list has.
fs::path input_file() {
  const auto path = scratch("domains.txt");
  std::ofstream out(path);
  out << "# the scan lab\n\n";
  for (int i = 0; i < 300; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "d%03d.scan.test", i);
    out << name << "\n";
    if (i % 50 == 0) out << "  " << name << ".  # again\n";
  }
  return path;
}

std::vector<std::string> scan_args(const fs::path& input, const fs::path& output, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"scan", input.string(), "--output", output.string(), "--progress", "none"};
  for (auto& a : lab_args()) args.push_back(a);
  for (auto& a : extra) args.push_back(a);
  return args;
}

std::vector<nlohmann::json> read_lines(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<nlohmann::json> out;
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line.substr(0, 200);
    EXPECT_FALSE(in.eof()) << "last line without a newline";
    out.push_back(std::move(j));
  }
  return out;
}

std::set<std::string> keys_of(const std::vector<nlohmann::json>& lines) {
  std::set<std::string> keys;
  for (const auto& l : lines) keys.insert(l["scan"]["key"].get<std::string>());
  return keys;
}

const std::vector<std::string> kListeners{"scan-a", "scan-b", "scan-c", "scan-d"};

TEST(Scan, EveryAddressIsProbedOnceForThreeHundredDomains) {
  const auto input = input_file();
  const auto output = scratch("one-probe.jsonl");
  const auto csv = scratch("summary.csv");
  // Names of this run's own: the servers log the EHLO of every connection.
  const auto scan_name = "scan-" + std::to_string(::getpid()) + ".count.test";
  const auto check_name = "check-" + std::to_string(::getpid()) + ".count.test";
  auto args = scan_args(input, output, {"--summary-csv", csv.string(), "--ehlo-name", scan_name});
  const auto r = run_mxray(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::size_t> made;
  for (const auto& l : kListeners) made[l] = connections(l, scan_name);

  // What one check of one domain costs one server (the main session and the legacy-TLS tries).
  const auto single = check_lab("d003.scan.test", {"--ehlo-name", check_name});
  ASSERT_TRUE(single.json.is_object()) << single.err;
  const auto per_address = connections("scan-c", check_name);
  ASSERT_GT(per_address, 0u);
  for (const auto& l : kListeners) EXPECT_EQ(made[l], per_address) << l << ": one probe for 50 to 150 domains";

  const auto lines = read_lines(output);
  ASSERT_EQ(lines.size(), 300u);
  EXPECT_EQ(keys_of(lines).size(), 300u);
  std::size_t made_here = 0, reused = 0;
  for (const auto& l : lines) {
    EXPECT_EQ(l["schema"], "mxray.report/1");
    EXPECT_TRUE(l.contains("mx") && l.contains("status")) << l["input"];
    EXPECT_NE(l["verdict"], "error") << l.dump().substr(0, 300);
    EXPECT_EQ(l["scan"]["shard"], "0/1");
    ASSERT_FALSE(l["scan"]["shared_probes"].empty()) << l["input"];
    for (const auto& p : l["scan"]["shared_probes"]) {
      (p["reused"].get<bool>() ? reused : made_here)++;
      EXPECT_FALSE(p["taken_at"].get<std::string>().empty());
    }
    // The certificate is judged against this domain's own MX names (in-a and mx-a share 127.0.0.100).
    for (const auto& mx : l["mx"]) {
      for (const auto& a : mx["addresses"]) {
        EXPECT_TRUE(a["certificate"]["hostname_match"].get<bool>()) << l["input"] << " " << mx["host"];
        EXPECT_EQ(a["certificate"]["name_matches"].size(), 1u) << mx["host"];
      }
    }
  }
  EXPECT_EQ(made_here, 4u);
  EXPECT_EQ(made_here + reused, 400u);  // 300 domains, 100 of them with two MX hosts

  std::ifstream summary(csv);
  std::string header, values;
  std::getline(summary, header);
  std::getline(summary, values);
  EXPECT_EQ(header,
            "shard,domains,pass,warn,fail,inconclusive,error,mx_hosts,addresses,probes,probes_reused,resumed,"
            "duplicates,seconds");
  EXPECT_EQ(values.rfind("0/1,300,", 0), 0u) << values;
  EXPECT_NE(values.find(",6,4,4,396,0,6,"), std::string::npos) << values;  // 6 names, 4 addresses, 4 probes
  EXPECT_NE(r.err.find("300"), std::string::npos) << r.err;                // the summary on stderr
}

TEST(Scan, ResumeAfterAKillWritesEveryDomainOnce) {
  const auto input = input_file();
  const auto output = scratch("resume.jsonl");
  // A kill at whatever moment (maybe before the first line, maybe after the last) ...
  std::string cmd = "timeout -s KILL 2 '" + std::string(MXRAY_BIN) + "'";
  for (const auto& a : scan_args(input, output, {"--concurrency", "8"})) cmd += " '" + a + "'";
  [[maybe_unused]] const int killed = std::system((cmd + " 2>/dev/null").c_str());
  // ... and a line cut in the middle, as a kill during a write leaves it.
  { std::ofstream(output, std::ios::app | std::ios::binary) << R"({"schema":"mxray.report/1","input":"d2)"; }
  const auto r = run_mxray(scan_args(input, output, {"--resume"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = read_lines(output);
  EXPECT_EQ(lines.size(), 300u);
  EXPECT_EQ(keys_of(lines).size(), 300u);
  // Resuming a complete output checks nothing more.
  const auto again = run_mxray(scan_args(input, output, {"--resume"}));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_lines(output).size(), 300u);
}

TEST(Scan, InterruptLeavesValidLines) {
  const auto input = input_file();
  const auto output = scratch("interrupt.jsonl");
  std::string cmd = "timeout --preserve-status -s INT 2 '" + std::string(MXRAY_BIN) + "'";
  for (const auto& a : scan_args(input, output, {"--concurrency", "4"})) cmd += " '" + a + "'";
  const int status = std::system((cmd + " 2>/dev/null").c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  EXPECT_TRUE(code == 130 || code == 0) << code;  // interrupted, or done within the second
  const auto lines = read_lines(output);
  EXPECT_LE(lines.size(), 300u);
  EXPECT_EQ(keys_of(lines).size(), lines.size());
}

TEST(Scan, ShardsPartitionTheInputAndConcatenateIntoOneResult) {
  const auto input = input_file();
  std::vector<nlohmann::json> all;
  for (int k = 0; k < 3; ++k) {
    const auto output = scratch("shard" + std::to_string(k) + ".jsonl");
    const auto r = run_mxray(scan_args(input, output, {"--shard", std::to_string(k) + "/3"}));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto lines = read_lines(output);
    EXPECT_GT(lines.size(), 50u);
    for (const auto& l : lines) EXPECT_EQ(l["scan"]["shard"], std::to_string(k) + "/3");
    all.insert(all.end(), lines.begin(), lines.end());
  }
  EXPECT_EQ(all.size(), 300u);
  EXPECT_EQ(keys_of(all).size(), 300u);
}

TEST(Scan, A421GreetingIsLeftAloneThenTriedOnceMore) {
  const auto input = scratch("busy.txt");
  { std::ofstream(input) << "busy.test\n"; }
  const auto output = scratch("busy.jsonl");
  const auto r = run_mxray(scan_args(input, output, {"--busy-backoff", "1"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = read_lines(output);
  ASSERT_EQ(lines.size(), 1u);
  const auto& probes = lines[0]["scan"]["shared_probes"];
  ASSERT_EQ(probes.size(), 1u);
  EXPECT_TRUE(probes[0]["retried_busy"].get<bool>());
  EXPECT_EQ(lines[0]["mx"][0]["addresses"][0]["banner"]["code"], 421);  // still busy: reported as it is
  EXPECT_EQ(lines[0]["scan"]["shared_probes"][0]["reused"], false);
}

TEST(Scan, BadInputGetsAClearMessage) {
  const auto missing = run_mxray({"scan", "/nonexistent/domains.txt", "--progress", "none"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("/nonexistent/domains.txt"), std::string::npos) << missing.err;
  const auto input = input_file();
  const auto shard = run_mxray({"scan", input.string(), "--shard", "3/3"});
  EXPECT_EQ(shard.exit_code, 3);
  EXPECT_NE(shard.err.find("--shard 3/3"), std::string::npos) << shard.err;
  const auto resume = run_mxray({"scan", input.string(), "--resume"});
  EXPECT_EQ(resume.exit_code, 3);
  EXPECT_NE(resume.err.find("--output"), std::string::npos) << resume.err;
  const auto not_scan = scratch("not-scan.jsonl");
  { std::ofstream(not_scan) << "hello\nworld\n"; }
  const auto wrong = run_mxray({"scan", input.string(), "-o", not_scan.string(), "--resume"});
  EXPECT_EQ(wrong.exit_code, 3);
  std::ifstream kept(not_scan);
  std::string first;
  std::getline(kept, first);
  EXPECT_EQ(first, "hello");  // not touched
}

}  // namespace
}  // namespace mxray::testing
