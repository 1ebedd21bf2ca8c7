// See policy_problems.hpp. The values shown (version, mode, record, line text) come from the
// evidence, already escaped and cut by the parsers.
#include "mxray/checks/policy_problems.hpp"

#include <string>

namespace mxray::checks {
namespace {

// A message that lists others: "{p0}; {p1}" (the separator is punctuation, not a word).
i18n::Message joined(std::vector<i18n::Message> items, std::string_view separator) {
  i18n::Message out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto name = "p" + std::to_string(i);
    out.msgid += (i == 0 ? "" : std::string(separator)) + "{" + name + "}";
    out.parts.emplace_back(name, std::move(items[i]));
  }
  return out;
}

i18n::Message text(std::string msgid, i18n::Args args = {}) {
  return i18n::Message{std::move(msgid), {}, 0, std::move(args), {}, {}};
}

// Evidence from before the codes: the sentence itself, not looked up in the catalogue.
i18n::Message as_written(std::string_view sentence) { return text("{text}", {{"text", std::string(sentence)}}); }

}  // namespace

i18n::Message sts_line_problem(std::string_view code) {
  if (code == "not_key_value") return text(N_("not a \"key: value\" line"));
  if (code == "empty_key") return text(N_("empty key"));
  if (code == "empty_value") return text(N_("empty value"));
  if (code == "repeated_version") return text(N_("repeated key: the first version counts"));
  if (code == "repeated_mode") return text(N_("repeated key: the first mode counts"));
  if (code == "repeated_max_age") return text(N_("repeated key: the first max_age counts"));
  if (code == "max_age_range") return text(N_("max_age must be a whole number of seconds from 0 to 31557600"));
  if (code == "mx_empty") return text(N_("empty mx pattern"));
  if (code == "mx_wildcard_domain") return text(N_("invalid domain after \"*.\" in mx pattern"));
  if (code == "mx_wildcard_position")
    return text(N_("a wildcard is allowed only as the whole leftmost label (\"*.\")"));
  if (code == "mx_host_name") return text(N_("not a valid host name"));
  return as_written(code);
}

namespace {

std::string first_record(const std::vector<std::string>& records) {
  return records.empty() ? std::string() : records.front();
}

}  // namespace

i18n::Message sts_policy_error(std::string_view code, const report::MtaStsPolicy& p) {
  if (code == "no_version") return text(N_("no version line"));
  if (code == "version_not_stsv1") return text(N_("version is \"{version}\", not STSv1"), {{"version", p.version}});
  if (code == "no_mode") return text(N_("no mode line"));
  if (code == "mode_invalid") return text(N_("mode is \"{mode}\", not enforce, testing or none"), {{"mode", p.mode}});
  if (code == "max_age_invalid") return text(N_("max_age is invalid"));
  if (code == "no_max_age") return text(N_("no max_age line"));
  if (code == "no_mx") return text(N_("no valid mx line"));
  return as_written(code);
}

i18n::Message sts_policy_errors(const report::MtaStsPolicy& p) {
  std::vector<i18n::Message> items;
  for (const auto& e : p.errors) items.push_back(sts_policy_error(e, p));
  return joined(std::move(items), "; ");
}

i18n::Message sts_bad_lines(const report::MtaStsPolicy& p) {
  std::vector<i18n::Message> items;
  for (const auto& b : p.bad_lines) {
    auto m = text(N_("line {line} \"{text}\": {problem}"), {{"line", std::to_string(b.line)}, {"text", b.text}});
    m.parts.emplace_back("problem", sts_line_problem(b.problem));
    items.push_back(std::move(m));
  }
  return joined(std::move(items), "\n");
}

i18n::Message sts_txt_problem(const report::MtaStsEvidence& sts) {
  const auto& code = sts.txt_detail;
  const auto count = sts.sts_records.size();
  const auto record = first_record(sts.sts_records);
  if (code == "several_records") {
    return i18n::counted("{count} record starts with v=STSv1", "{count} records start with v=STSv1", count,
                         {{"count", std::to_string(count)}});
  }
  if (code == "field_not_name_value")
    return text(N_("a field of \"{record}\" is not name=value"), {{"record", record}});
  if (code == "version_first") return text(N_("the record must begin with \"v=STSv1;\""));
  if (code == "no_id") return text(N_("no id field"));
  if (code == "bad_id")
    return text(N_("the id of \"{record}\" is not 1 to 32 letters and digits"), {{"record", record}});
  return as_written(code);
}

i18n::Message policy_fetch_error(const report::PolicyFetch& f) {
  const auto& kind = f.error_kind;
  if (kind == "status") {
    return text(N_("HTTP status {status} (only 200 is accepted)"), {{"status", std::to_string(f.status)}});
  }
  if (kind == "redirect") {
    return text(N_("HTTP {status} redirect to {location} (RFC 8461 3.3: redirects are not followed)"),
                {{"status", std::to_string(f.status)}, {"location", f.location}});
  }
  if (kind == "content_type") {
    return text(N_("Content-Type \"{type}\" (must be text/plain)"), {{"type", f.content_type}});
  }
  if (kind == "timeout") {
    return i18n::with_numbers(N_("no policy within {time}"), {}, {{"time", i18n::seconds(f.ms)}});
  }
  if (kind == "certificate" && !f.cert_error.empty()) {
    return text(N_("certificate of {host} rejected: {error}"), {{"host", f.host}, {"error", f.cert_error}});
  }
  if (kind == "dns" && f.addresses.empty()) {
    // The fetch words NXDOMAIN in its error; the evidence has no field of its own for it.
    if (f.error.find("(NXDOMAIN)") != std::string::npos) {
      return text(N_("{host} does not exist (NXDOMAIN)"), {{"host", f.host}});
    }
    return text(N_("{host} has no address"), {{"host", f.host}});
  }
  return as_written(f.error);
}

i18n::Message tls_rpt_problem(const report::TlsRptEvidence& rpt) {
  const auto& code = rpt.detail;
  const auto count = rpt.rpt_records.size();
  const auto record = first_record(rpt.rpt_records);
  if (code == "several_records") {
    return i18n::counted("{count} record starts with v=TLSRPTv1", "{count} records start with v=TLSRPTv1", count,
                         {{"count", std::to_string(count)}});
  }
  if (code == "version_first") return text(N_("the record must begin with \"v=TLSRPTv1;\""));
  if (code == "no_rua") return text(N_("no rua= field"));
  if (code == "rua_mailto_address")
    return text(N_("a mailto: URI of \"{record}\" has no local@domain"), {{"record", record}});
  if (code == "rua_mailto_domain")
    return text(N_("a mailto: URI of \"{record}\" has an invalid domain"), {{"record", record}});
  if (code == "rua_https_host")
    return text(N_("an https: URI of \"{record}\" has no valid host"), {{"record", record}});
  if (code == "rua_scheme")
    return text(N_("a rua URI of \"{record}\" is neither mailto: nor https:"), {{"record", record}});
  return as_written(code);
}

}  // namespace mxray::checks
