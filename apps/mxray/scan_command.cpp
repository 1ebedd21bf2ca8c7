// `mxray scan [FILE|-]`: checks many domains on one event loop and writes one mxray.report/1
// object per line (JSONL), sharing the probe of every address among the domains that use it.
// The input file is untrusted (bounded lines, see pipeline/scan_input.hpp); a line is written
// whole and flushed, so whatever stops the scan, the output is valid JSONL.
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "mxray/checks/judge.hpp"
#include "mxray/core/clock.hpp"
#include "mxray/core/printable.hpp"
#include "mxray/i18n/translate.hpp"
#include "mxray/pipeline/probe_cache.hpp"
#include "mxray/pipeline/scan_input.hpp"
#include "mxray/pipeline/scan_summary.hpp"
#include "mxray/report/json.hpp"

namespace mxray::app {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

nlohmann::json shared_json(const std::vector<pipeline::SharedProbeNote>& notes) {
  auto out = nlohmann::json::array();
  for (const auto& n : notes) {
    if (n.ip.empty()) continue;  // a session the check did not make (an address refused by policy)
    out.push_back({{"ip", n.ip},
                   {"port", n.port},
                   {"reused", n.reused},
                   {"probed_as", n.probed_as},
                   {"probed_for", n.probed_for},
                   {"taken_at", core::iso8601(n.taken_at_epoch)},
                   {"taken_at_epoch", n.taken_at_epoch},
                   {"retried_busy", n.retried_busy}});
  }
  return out;
}

// The state of one scan, owned by run_scan and shared by its workers on one thread.
struct Scan {
  Scan(const ScanArgs& a, std::string l, pipeline::Shard s) : args(a), lang(std::move(l)), shard(s) {}
  const ScanArgs& args;
  std::string lang;
  pipeline::Shard shard;
  pipeline::DomainStream* input = nullptr;
  pipeline::Checker* checker = nullptr;
  pipeline::ProbeCache* cache = nullptr;
  std::FILE* out = nullptr;
  pipeline::ScanSummary summary;
  std::size_t total = 0;  // domains of this shard to check (0: not known, standard input)
  std::size_t in_flight = 0;
  bool stopping = false;
  bool write_failed = false;
  Clock::time_point started = Clock::now();
};

void write_line(Scan& scan, nlohmann::json line, const std::string& key,
                const std::vector<pipeline::SharedProbeNote>& notes) {
  line["scan"] = {{"shard", pipeline::to_string(scan.shard)}, {"key", key}, {"shared_probes", shared_json(notes)}};
  auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  if (std::fwrite(text.data(), 1, text.size(), scan.out) != text.size() || std::fflush(scan.out) != 0) {
    scan.write_failed = true;
    scan.stopping = true;
  }
}

asio::awaitable<void> worker(Scan& scan) {
  std::string entry, key;
  while (!scan.stopping && scan.input->next(entry, key)) {
    ++scan.in_flight;
    pipeline::CheckResult result;
    std::string failure;
    try {
      result = co_await scan.checker->check(entry);
    } catch (const std::exception& e) {
      failure = std::string("internal error: ") + e.what();
    }
    --scan.in_flight;
    if (scan.stopping) break;  // interrupted meanwhile: the line would come after the summary
    if (failure.empty() && !result.ok()) failure = result.error;
    if (!failure.empty()) {
      write_line(scan, report::error_json(core::printable(entry), failure), key, result.shared);
      scan.summary.add("error", nullptr);
      continue;
    }
    const auto judgement = checks::judge(result.evidence, {});
    write_line(scan, report::report_json(result.evidence, judgement, scan.lang), key, result.shared);
    scan.summary.add(checks::to_string(judgement.verdict), &result.evidence);
  }
}

std::string eta_text(double seconds) {
  const auto s = static_cast<long long>(seconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  return buf;
}

std::string progress_text(const Scan& scan) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - scan.started).count();
  const auto done = scan.summary.domains;
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  char rate_text[32];
  std::snprintf(rate_text, sizeof rate_text, "%.1f", rate);
  const auto inflight = std::to_string(scan.cache->in_flight());
  if (scan.total == 0) {
    return i18n::trf(scan.lang, N_("{done} domains, {rate} domains/s, {inflight} probes in flight"),
                     {{"done", std::to_string(done)}, {"rate", rate_text}, {"inflight", inflight}});
  }
  const auto left = scan.total > done ? scan.total - done : 0;
  const std::string eta = rate > 0 ? eta_text(static_cast<double>(left) / rate) : "-";
  return i18n::trf(scan.lang, N_("{done}/{total} domains, {rate} domains/s, ETA {eta}, {inflight} probes in flight"),
                   {{"done", std::to_string(done)},
                    {"total", std::to_string(scan.total)},
                    {"rate", rate_text},
                    {"eta", eta},
                    {"inflight", inflight}});
}

// The progress on standard error: a bar redrawn in place on a terminal, else a line now and then.
asio::awaitable<void> progress(Scan& scan, bool bar) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto every = bar ? std::chrono::milliseconds(500) : std::chrono::milliseconds(10000);
  while (!scan.stopping) {
    timer.expires_after(every);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (scan.stopping) break;
    if (!bar) {
      std::cerr << "mxray scan: " << progress_text(scan) << "\n";
      continue;
    }
    std::string meter;
    if (scan.total > 0) {
      const auto width = 24UL;
      const auto filled = std::min(width, scan.summary.domains * width / scan.total);
      meter = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
    }
    std::cerr << "\r\033[K" << meter << progress_text(scan) << std::flush;
  }
}

void print_summary(const Scan& scan, bool bar) {
  const auto& s = scan.summary;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", s.seconds);
  if (bar) std::cerr << "\r\033[K";
  std::cerr << "mxray scan: "
            << i18n::trf(scan.lang,
                         N_("{domains} domains in {seconds} s: {pass} pass, {warn} warn, {fail} fail, "
                            "{inconclusive} inconclusive, {error} could not be checked"),
                         {{"domains", std::to_string(s.domains)},
                          {"seconds", seconds},
                          {"pass", std::to_string(s.verdict_count("pass"))},
                          {"warn", std::to_string(s.verdict_count("warn"))},
                          {"fail", std::to_string(s.verdict_count("fail"))},
                          {"inconclusive", std::to_string(s.verdict_count("inconclusive"))},
                          {"error", std::to_string(s.verdict_count("error"))}})
            << "\n";
  std::cerr << "mxray scan: "
            << i18n::trf(scan.lang,
                         N_("{hosts} distinct MX hosts, {addresses} distinct addresses, {probes} probes made, "
                            "{reused} probes reused from other domains"),
                         {{"hosts", std::to_string(s.mx_hosts.size())},
                          {"addresses", std::to_string(s.addresses.size())},
                          {"probes", std::to_string(s.probes)},
                          {"reused", std::to_string(s.probes_reused)}})
            << "\n";
  if (s.resumed != 0 || s.duplicates != 0) {
    std::cerr << "mxray scan: "
              << i18n::trf(scan.lang,
                           N_("{resumed} domains already in the output skipped, {duplicates} duplicate lines dropped"),
                           {{"resumed", std::to_string(s.resumed)}, {"duplicates", std::to_string(s.duplicates)}})
              << "\n";
  }
}

int fail(const std::string& message) {
  std::cerr << "mxray: " << message << "\n";
  return kExitCouldNotCheck;
}

}  // namespace

CLI::App* add_scan_command(CLI::App& app, ScanArgs& a, const std::function<std::string(const char*)>& T) {
  auto* scan = app.add_subcommand(
      "scan", T(N_("Check many domains (one per line) and write one JSON report per line, probing each address once")));
  scan->footer(
      T(N_("Exit codes: 0 every domain was checked and its line written (whatever the verdicts), 3 bad input "
           "or an output that cannot be written, 130 interrupted (the lines written so far are complete).")));
  scan->add_option("file", a.input,
                   T(N_("File of domains, one per line ('#' comments and blank lines allowed); - for standard input")))
      ->capture_default_str();
  scan->add_option("-o,--output", a.output, T(N_("Write the reports (JSONL) to this file instead of standard output")));
  scan->add_option("--summary-csv", a.summary_csv, T(N_("Also write the summary as CSV to this file")));
  scan->add_option("--concurrency", a.concurrency, T(N_("Domains checked at once (each opens its own sessions)")))
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  scan->add_option("--connections-per-second", a.connections_per_second,
                   T(N_("New connections per second to one address, for the whole scan (politeness; 0: no limit)")))
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1000.0));
  scan->add_option("--busy-backoff", a.busy_backoff,
                   T(N_("Seconds to leave an address alone after it answered 421 (too many connections) before "
                        "probing it once more (0: no second try)")))
      ->capture_default_str()
      ->check(CLI::Range(0.0, 600.0));
  scan->add_option("--probe-cache", a.probe_cache,
                   T(N_("Probes kept for reuse by later domains (least recently used dropped first; 0: no limit)")))
      ->capture_default_str();
  scan->add_option("--shard", a.shard,
                   T(N_("Check only part K of N of the input (K/N, 0 <= K < N), split by a stable hash of the domain")))
      ->capture_default_str();
  scan->add_flag("--resume", a.resume, T(N_("Skip the domains already in the --output file and append to it")));
  scan->add_option(
          "--progress", a.progress,
          T(N_("Progress on standard error: auto (a bar on a terminal, else a line every 10 s), bar, lines, none")))
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}));
  return scan;
}

int run_scan(const ScanArgs& args, pipeline::CheckOptions options, const std::string& lang) {
  const auto shard = pipeline::parse_shard(args.shard);
  if (!shard) {
    return fail(i18n::trf(lang, N_("--shard {value}: not K/N with 0 <= K < N, e.g. 0/4"),
                          {{"value", core::printable(args.shard)}}));
  }
  if (args.resume && args.output.empty()) return fail(std::string(i18n::tr(lang, N_("--resume needs --output FILE"))));

  // The input: a file (counted first, for the ETA) or standard input (streamed, not counted).
  std::ifstream file;
  const bool from_stdin = args.input == "-";
  if (!from_stdin) {
    std::error_code ec;
    if (std::filesystem::is_directory(args.input, ec))
      file.setstate(std::ios::failbit);
    else
      file.open(args.input, std::ios::binary);
    if (!file)
      return fail(i18n::trf(lang, N_("cannot read the input file {file}"), {{"file", core::printable(args.input)}}));
  }
  std::istream& in = from_stdin ? std::cin : file;

  pipeline::ResumeState resume;
  if (args.resume && std::filesystem::exists(args.output)) {
    std::ifstream previous(args.output, std::ios::binary);
    if (!previous)
      return fail(i18n::trf(lang, N_("cannot read the output file {file}"), {{"file", core::printable(args.output)}}));
    resume = pipeline::read_resume(previous);
    if (resume.bad_line != 0) {
      return fail(i18n::trf(lang, N_("{file} line {line} is not an mxray report: not resuming into it"),
                            {{"file", core::printable(args.output)}, {"line", std::to_string(resume.bad_line)}}));
    }
    std::error_code ec;
    if (resume.cut_tail)
      std::filesystem::resize_file(args.output, resume.valid_bytes, ec);  // the line a kill cut short
    if (ec)
      return fail(i18n::trf(lang, N_("cannot write the output file {file}"), {{"file", core::printable(args.output)}}));
  }

  std::size_t total = 0;
  if (!from_stdin) {
    pipeline::DomainStream count(file, *shard, args.resume ? &resume.done : nullptr);
    std::string entry, key;
    while (count.next(entry, key)) ++total;
    file.clear();
    file.seekg(0);
  }

  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned(nullptr, &std::fclose);
  if (!args.output.empty()) {
    owned.reset(std::fopen(args.output.c_str(), args.resume ? "ab" : "wb"));
    if (!owned)
      return fail(i18n::trf(lang, N_("cannot write the output file {file}"), {{"file", core::printable(args.output)}}));
    out = owned.get();
  }

  options.connections_per_second = args.connections_per_second;
  options.busy_backoff = std::chrono::milliseconds(static_cast<long long>(args.busy_backoff * 1000));
  asio::io_context io;
  std::unique_ptr<pipeline::Checker> checker;
  try {
    checker = std::make_unique<pipeline::Checker>(io.get_executor(), options);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  pipeline::ProbeCache cache(args.probe_cache);
  checker->share_probes(&cache);
  pipeline::DomainStream input(in, *shard, args.resume ? &resume.done : nullptr);

  Scan scan(args, lang, *shard);
  scan.input = &input;
  scan.checker = checker.get();
  scan.cache = &cache;
  scan.out = out;
  scan.total = total;
  scan.summary.shard = *shard;

  const bool terminal = isatty(STDERR_FILENO) == 1;
  const bool bar = args.progress == "bar" || (args.progress == "auto" && terminal);
  const bool lines = args.progress == "lines" || (args.progress == "auto" && !terminal);

  // Ctrl-C or SIGTERM: stop at once; every line written so far is whole (written and flushed
  // one at a time), checks in flight are dropped and --resume does them again.
  bool interrupted = false;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    interrupted = true;
    scan.stopping = true;
    io.stop();
  });
  std::size_t workers = args.concurrency;
  for (std::size_t i = 0; i < args.concurrency; ++i) {
    asio::co_spawn(io, worker(scan), [&](std::exception_ptr) {
      if (--workers == 0) {
        scan.stopping = true;
        signals.cancel();
        io.stop();  // the progress timer would otherwise keep the loop alive
      }
    });
  }
  if (bar || lines) asio::co_spawn(io, progress(scan, bar), asio::detached);
  io.run();

  scan.summary.seconds = std::chrono::duration<double>(Clock::now() - scan.started).count();
  scan.summary.probes = cache.probes_made();
  scan.summary.probes_reused = cache.reuses();
  scan.summary.resumed = input.already_done();
  scan.summary.duplicates = input.duplicates();
  print_summary(scan, bar);
  if (!args.summary_csv.empty()) {
    std::ofstream csv(args.summary_csv, std::ios::binary | std::ios::trunc);
    csv << pipeline::summary_csv(scan.summary);
    if (!csv)
      return fail(
          i18n::trf(lang, N_("cannot write the output file {file}"), {{"file", core::printable(args.summary_csv)}}));
  }
  if (scan.write_failed) {
    return fail(i18n::trf(lang, N_("cannot write the output file {file}"),
                          {{"file", core::printable(args.output.empty() ? std::string("-") : args.output)}}));
  }
  if (interrupted) {
    std::cerr << "mxray scan: "
              << i18n::tr(lang,
                          N_("interrupted: every line written so far is complete; run again with --resume to go on"))
              << "\n";
    // The checks in flight hold sockets, timers and permits of the Checker: leave without
    // unwinding them (every line is already written and flushed).
    std::fflush(out);
    std::cerr.flush();
    std::_Exit(kExitInterrupted);
  }
  return kExitPass;
}

}  // namespace mxray::app
