// The mxray program: parses the command line (CLI11) and runs a subcommand.
// Bad input gets a clear message and exit code 3, never a stack trace.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <iostream>
#include <tuple>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "mxray/core/address_policy.hpp"
#include "mxray/core/clock.hpp"
#include "mxray/core/printable.hpp"
#include "mxray/dns/domain_name.hpp"
#include "mxray/i18n/translate.hpp"
#include "mxray/smtp/address_syntax.hpp"

#include "completion_command.hpp"
#include "version_info.hpp"

namespace {

constexpr const char* kExitCodes =
    N_("Exit codes: 0 pass, 1 warnings, 2 failures, 3 could not check (bad input, DNS failure), 4 inconclusive "
       "(nothing could be verified).");

// The language, read before CLI11 so that the help itself is translated: --lang X or
// --lang=X on the command line, else the environment.
std::string early_language(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--lang" && i + 1 < argc) return mxray::i18n::pick_language(argv[i + 1]);
    if (arg.rfind("--lang=", 0) == 0) return mxray::i18n::pick_language(arg.substr(7));
  }
  return mxray::i18n::language_from_environment();
}

// True when the command line asks for the Monitoring Plugins output: then even a bad command
// line answers with a status line a monitoring system can show (UNKNOWN, exit 3).
bool wants_nagios(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--format" && i + 1 < argc && std::string(argv[i + 1]) == "nagios") || arg == "--format=nagios")
      return true;
  }
  return false;
}

// --deny-prefix values (of check and serve) into prefixes; false, after saying why, on a bad one.
bool parse_deny_prefixes(const std::vector<std::string>& texts, std::vector<mxray::core::Prefix>& out,
                         const std::string& lang) {
  using namespace mxray;
  for (const auto& text : texts) {
    auto prefix = core::parse_prefix(text);
    if (!prefix) {
      std::cerr << "mxray: "
                << i18n::trf(lang, N_("--deny-prefix {value}: not an address prefix like 10.0.0.0/8 or 2001:db8::/32"),
                             {{"value", core::printable(text)}})
                << "\n";
      return false;
    }
    out.push_back(std::move(*prefix));
  }
  return true;
}

std::chrono::milliseconds seconds(double s) { return std::chrono::milliseconds(static_cast<long long>(s * 1000)); }

}  // namespace

int main(int argc, char** argv) {
  using namespace mxray;
  const std::string lang = early_language(argc, argv);
  auto T = [&](const char* msgid) { return std::string(i18n::tr(lang, msgid)); };
  const bool nagios = wants_nagios(argc, argv);
  auto bad_input = [&](const std::string& message) {
    std::cerr << "mxray: " << message << "\n";
    if (nagios) std::cout << "MXRAY UNKNOWN: " << core::printable(message.substr(0, message.find('\n'))) << "\n";
    return app::kExitCouldNotCheck;
  };
  CLI::App app{T(N_("mxray: can mail reach this domain, and does it arrive encrypted?"))};
  app.footer(T(kExitCodes));
  app.require_subcommand(1);
  app.set_version_flag("--version", app::version_text(),
                       T(N_("Print the version, the git commit and the library versions, and exit")));

  pipeline::CheckOptions options;
  app::OutputOptions output;
  std::string domain;
  auto& limits = options.probe.limits;
  double check_timeout = 120, connect_timeout = 10, banner_timeout = 30, command_timeout = 15, dns_timeout = 10;
  bool only4 = false, only6 = false, no_relay = false;
  int port = 25, mta_sts_port = 443;

  auto* check = app.add_subcommand("check", T(N_("Check the mail servers of one domain")));
  check->footer(T(kExitCodes));
  check
      ->add_option("domain", domain,
                   T(N_("The domain to check, e.g. example.com; with --host a mail host; or an address literal "
                        "such as [192.0.2.25] or [2001:db8::25]:2525 (no DNS lookup)")))
      ->required();
  check->add_flag("--host", options.direct_host,
                  T(N_("Probe the name as a mail host of its own (no MX lookup; TLSA of that name still counts)")));
  check
      ->add_option("--next-cert", options.next_certificate_file,
                   T(N_("PEM certificate (and chain) about to be deployed: check it against the published TLSA "
                        "records and the MX names")))
      ->check(CLI::ExistingFile);
  check->add_flag("--json", output.json, T(N_("Print the report as JSON (schema mxray.report/1)")));
  check->add_flag(
      "--timings", output.timings,
      T(N_("After the report, list every timed step (DNS, each session's commands, TLS handshakes, policy fetch)")));
  check->add_option("--color", output.colour, T(N_("Colour: auto (a terminal, unless NO_COLOR is set), always, never")))
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app::ScanArgs scan_args;
  auto* scan = app::add_scan_command(app, scan_args, T);
  std::vector<std::string> deny_prefixes;
  bool no_legacy_scan = false;
  std::string relay_tests = "quick";
  // The probe options: the same for one domain (check) and many (scan).
  for (auto* sub : {check, scan}) {
    sub->add_option("--resolver", options.resolver.forwarders,
                    T(N_("DNS resolver ADDR[@PORT] to ask (repeatable; default: the system's)")));
    sub->add_option("--trust-anchor", options.resolver.trust_anchor_file,
                    T(N_("DNSSEC trust anchor file (default: /usr/share/dns/root.key)")));
    sub->add_option("--ca-file", options.ca_file, T(N_("Trust these CA certificates instead of the system store")));
    sub->add_option("--port", port, T(N_("SMTP port to connect to")))->check(CLI::Range(1, 65535));
    sub->add_option("--mta-sts-port", mta_sts_port,
                    T(N_("HTTPS port for the MTA-STS policy fetch (default 443; for test setups)")))
        ->check(CLI::Range(1, 65535));
    sub->add_flag("--allow-private", options.probe.allow_private,
                  T(N_("Allow loopback, private and other non-public addresses (internal networks, the lab)")));
    sub->add_option("--ehlo-name", options.probe.ehlo_name,
                    T(N_("Name to announce in EHLO (default: this host's name)")));
    sub->add_flag("-4", only4, T(N_("IPv4 only")));
    sub->add_flag("-6", only6, T(N_("IPv6 only")));
    sub->add_option("--timeout", check_timeout, T(N_("Deadline for the whole check, seconds")))
        ->check(CLI::Range(0.1, 3600.0));
    sub->add_option("--connect-timeout", connect_timeout, T(N_("Deadline for a TCP connect, seconds")))
        ->check(CLI::Range(0.1, 600.0));
    sub->add_option("--banner-timeout", banner_timeout, T(N_("Deadline for the greeting, seconds")))
        ->check(CLI::Range(0.1, 600.0));
    sub->add_option("--command-timeout", command_timeout, T(N_("Deadline for each command, seconds")))
        ->check(CLI::Range(0.1, 600.0));
    sub->add_option("--dns-timeout", dns_timeout, T(N_("Deadline for each DNS query, seconds")))
        ->check(CLI::Range(0.1, 600.0));
    sub->add_option("--relay-from", options.probe.relay_from,
                    T(N_("Sender for the open-relay test (never receives mail)")));
    sub->add_option("--relay-to", options.probe.relay_to,
                    T(N_("Outside recipient for the open-relay test (DATA is never sent)")));
    sub->add_flag("--no-relay-test", no_relay, T(N_("Skip the open-relay test")));
    sub->add_flag("--submission", options.submission,
                  T(N_("Also find and check the submission services (ports 465 and 587, RFC 6186 and RFC 8314); never "
                       "sends credentials")));
    app::add_address_limits(*sub, deny_prefixes, options.sessions_per_address, T);
    sub->add_flag("--no-legacy-tls-scan", no_legacy_scan,
                  T(N_("Do not open extra sessions to test whether TLS 1.0 and 1.1 are still accepted")));
    sub->add_option("--relay-tests", relay_tests,
                    T(N_("Relay test variants: quick (one outside sender and recipient) or all (16 tricks: null "
                         "sender, percent hack, quoted local parts, source routes, bang paths, ...)")))
        ->check(CLI::IsMember({"quick", "all"}));

    sub->add_option("--dnsbl", options.blocklists,
                    T(N_("Look up every MX address on this DNS blocklist zone (repeatable; 'default': "
                         "zen.spamhaus.org, bl.spamcop.net, b.barracudacentral.org, psbl.surriel.com)")));
  }
  std::string at_text;
  const auto at_help =
      T(N_("Judge as of a later moment: +30d, +12h, +2w (after the check time) or a UTC date "
           "2027-01-15 / 2027-01-15T08:00:00Z"));
  check->add_option("--at", at_text, at_help);

  std::string evidence_file;
  auto* judge = app.add_subcommand("judge", T(N_("Judge a saved evidence or report JSON file again")));
  judge->add_option("file", evidence_file, T(N_("The JSON file")))->required()->check(CLI::ExistingFile);
  judge->add_flag("--json", output.json, T(N_("Print the report as JSON")));
  judge->add_option("--color", output.colour, T(N_("Colour: auto, always, never")))
      ->check(CLI::IsMember({"auto", "always", "never"}));
  judge->add_option("--at", at_text, at_help);

  std::string lang_option;
  const auto lang_help = T(N_("Language of the report and messages: en, fr, de, es, it (default: from LANG)"));
  std::string certificate_days = "14,7";
  scan->add_option("--lang", lang_option, lang_help)->check(CLI::IsMember({"en", "fr", "de", "es", "it"}));
  for (auto* sub : {check, judge}) {
    sub->add_option("--lang", lang_option, lang_help)->check(CLI::IsMember({"en", "fr", "de", "es", "it"}));
    sub->add_option("--format", output.format,
                    T(N_("Output: text (default), json (the same as --json) or nagios (Monitoring Plugins: a "
                         "status line with perfdata, then the problems; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)")))
        ->check(CLI::IsMember({"text", "json", "nagios"}));
    sub->add_option("-D,--certificate-days", certificate_days,
                    T(N_("With --format nagios: WARN,CRIT days of certificate lifetime left (earliest in the chain) "
                         "below which the state is at least WARNING or CRITICAL (default 14,7)")));
  }
  output.language = lang;

  app::ServeArgs serve_args;
  auto* serve = app::add_serve_command(app, serve_args, T);

  bool markdown = false;
  auto* findings = app.add_subcommand("findings", T(N_("List every finding mxray can report")));
  findings->add_flag("--markdown", markdown, T(N_("Print the catalogue as Markdown (docs/findings.md)")));
  std::string findings_lang;
  findings
      ->add_option("--lang", findings_lang,
                   T(N_("Language of the titles, explanations and fixes: en, fr, de, es, it (default: from "
                        "LANG; English for --markdown)")))
      ->check(CLI::IsMember({"en", "fr", "de", "es", "it"}));

  app::DiffArgs diff_args;
  auto* diff = app::add_diff_command(app, diff_args, T);
  diff->add_option("--lang", lang_option, lang_help)->check(CLI::IsMember({"en", "fr", "de", "es", "it"}));

  std::string completion_shell;
  auto* completion = app::add_completion_command(app, completion_shell, T);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return bad_input(std::string(e.what()) + "\nRun 'mxray --help' for usage.");
  }

  if (*completion) return app::run_completion(app, completion_shell);
  if (*findings) return app::run_findings(markdown, !findings_lang.empty() ? findings_lang : markdown ? "en" : lang);
  if (*diff) return app::run_diff(diff_args, lang);
  if (*serve) {
    auto& probe = serve_args.config.check.probe;
    if (!parse_deny_prefixes(serve_args.deny_prefixes, probe.deny_prefixes, lang)) return app::kExitCouldNotCheck;
    return app::run_serve(serve_args);
  }
  if (output.json && output.format == "nagios")
    return bad_input(std::string(i18n::tr(lang, N_("--json and --format nagios exclude each other"))));
  if (output.format == "json") output.json = true;
  if (output.json) output.format = "json";
  const auto thresholds = checks::parse_certificate_thresholds(certificate_days);
  if (!thresholds.ok) {
    return bad_input(i18n::trf(
        lang, N_("-D {value}: {problem}"),
        {{"value", core::printable(certificate_days)}, {"problem", std::string(i18n::tr(lang, thresholds.error))}}));
  }
  output.thresholds = thresholds.thresholds;
  app::JudgeArgs judge_args;
  if (!at_text.empty()) {
    judge_args.at = core::parse_moment(at_text);
    if (!judge_args.at) {
      return bad_input(i18n::trf(lang, N_("--at {value}: not a moment like +30d, +12h, +2w or 2027-01-15"),
                                 {{"value", core::printable(at_text)}}));
    }
  }
  if (*judge) return app::run_judge(evidence_file, output, judge_args);

  if (only4 && only6) return bad_input(std::string(i18n::tr(lang, N_("-4 and -6 exclude each other"))));
  if ((*scan ? scan : check)->count("--ehlo-name") == 0) {
    // Like swaks and posttls-finger: servers that check the EHLO name see a real host name.
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0 && host[0] != '\0' && smtp::ehlo_name_problem(host).empty()) {
      options.probe.ehlo_name = host;
    }
  }
  // Values that mxray writes into SMTP commands: one line of RFC 5321 syntax each, so that no
  // option can add a command (a CR LF and DATA would make mxray send a message).
  for (const auto& [option, value, problem] :
       {std::tuple{"--ehlo-name", &options.probe.ehlo_name, smtp::ehlo_name_problem(options.probe.ehlo_name)},
        std::tuple{"--relay-from", &options.probe.relay_from, smtp::mailbox_problem(options.probe.relay_from)},
        std::tuple{"--relay-to", &options.probe.relay_to, smtp::mailbox_problem(options.probe.relay_to)}}) {
    if (problem.empty()) continue;
    return bad_input(i18n::trf(
        lang, N_("{option} {value}: {problem}"),
        {{"option", option}, {"value", core::printable(*value)}, {"problem", std::string(i18n::tr(lang, problem))}}));
  }
  if (!parse_deny_prefixes(deny_prefixes, options.probe.deny_prefixes, lang)) return app::kExitCouldNotCheck;
  for (auto& zone : options.blocklists) {
    if (zone == "default") continue;
    const auto name = dns::normalise_domain(zone);
    if (!name.ok()) {
      return bad_input(i18n::trf(lang, N_("--dnsbl {value}: {problem}"),
                                 {{"value", core::printable(zone)}, {"problem", name.error}}));
    }
    zone = name.name;
  }
  options.families.ipv4 = !only6;
  options.families.ipv6 = !only4;
  options.probe.port = static_cast<unsigned short>(port);
  options.mta_sts_port = static_cast<unsigned short>(mta_sts_port);
  options.probe.test_relay = !no_relay;
  options.probe.relay_all = relay_tests == "all";
  options.probe.scan_legacy_tls = !no_legacy_scan;
  limits.check_timeout = seconds(check_timeout);
  limits.connect_timeout = seconds(connect_timeout);
  limits.banner_timeout = seconds(banner_timeout);
  limits.command_timeout = seconds(command_timeout);
  limits.tls_timeout = seconds(command_timeout);
  limits.dns_timeout = seconds(dns_timeout);
  limits.probe_timeout = std::min(limits.probe_timeout, limits.check_timeout);
  limits.policy_timeout = std::min(limits.policy_timeout, limits.check_timeout);
  if (*scan) return app::run_scan(scan_args, options, lang);
  return app::run_check(domain, options, output, judge_args);
}
