// See diff_render.hpp. Strings come from the two reports, which were escaped on reading.
#include "mxray/report/diff_render.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include "mxray/i18n/translate.hpp"

namespace mxray::report {
namespace {

std::string_view kind_label(std::string_view lang, std::string_view kind) {
  if (kind == "verdict") return i18n::tr(lang, N_("verdict"));
  if (kind == "step") return i18n::tr(lang, N_("step"));
  if (kind == "finding_new") return i18n::tr(lang, N_("new finding"));
  if (kind == "finding_resolved") return i18n::tr(lang, N_("resolved"));
  if (kind == "mx_added") return i18n::tr(lang, N_("MX added"));
  if (kind == "mx_removed") return i18n::tr(lang, N_("MX removed"));
  if (kind == "address_added") return i18n::tr(lang, N_("address added"));
  if (kind == "address_removed") return i18n::tr(lang, N_("address removed"));
  if (kind == "certificate") return i18n::tr(lang, N_("certificate rotated"));
  if (kind == "tlsa_added") return i18n::tr(lang, N_("TLSA added"));
  if (kind == "tlsa_removed") return i18n::tr(lang, N_("TLSA removed"));
  if (kind == "mta_sts_id") return i18n::tr(lang, N_("MTA-STS id"));
  if (kind == "mta_sts_mode") return i18n::tr(lang, N_("MTA-STS mode"));
  if (kind == "mta_sts_max_age") return i18n::tr(lang, N_("MTA-STS max_age"));
  return kind;
}

}  // namespace

nlohmann::json diff_json(const checks::ReportDiff& d) {
  nlohmann::json j{{"schema", "mxray.diff/1"},
                   {"before", {{"domain", d.domain_before}, {"checked_at", d.checked_before}}},
                   {"after", {{"domain", d.domain_after}, {"checked_at", d.checked_after}}},
                   {"worse", d.worse},
                   {"changes", nlohmann::json::array()}};
  for (const auto& c : d.changes) {
    j["changes"].push_back({{"kind", c.kind},
                            {"mx", c.mx},
                            {"ip", c.ip},
                            {"what", c.what},
                            {"before", c.before},
                            {"after", c.after},
                            {"worse", c.worse},
                            {"better", c.better}});
  }
  return j;
}

std::string render_diff_text(const checks::ReportDiff& d, bool colour, std::string_view lang) {
  auto paint = [colour](const std::string& s, fmt::text_style style) {
    return colour ? fmt::format(style, "{}", s) : s;
  };
  std::string out = fmt::format("mxray diff {} ({}) -> {} ({})\n", d.domain_before, d.checked_before, d.domain_after,
                                d.checked_after);
  if (d.changes.empty()) return out + std::string(i18n::tr(lang, N_("No changes."))) + "\n";
  for (const auto& c : d.changes) {
    const std::string mark = c.worse ? "✗" : c.better ? "✓" : "·";
    std::string place = c.mx.empty() ? std::string(i18n::tr(lang, N_("domain"))) : c.mx;
    if (!c.ip.empty()) place += " " + c.ip;
    std::string change;
    if (c.before.empty()) {
      change = c.after;
    } else if (c.after.empty()) {
      change = c.before;
    } else {
      change = c.before + " -> " + c.after;
    }
    const auto what = c.what == c.before || c.what == c.after || c.what == "verdict" ? std::string() : c.what + ": ";
    const auto line = fmt::format("{} {:<20} {}  {}{}", mark, kind_label(lang, c.kind), place, what, change);
    out += (c.worse    ? paint(line, fmt::fg(fmt::terminal_color::red))
            : c.better ? paint(line, fmt::fg(fmt::terminal_color::green))
                       : line) +
           "\n";
  }
  out += "\n" +
         std::string(d.worse ? i18n::tr(lang, N_("Something got worse (exit 1)."))
                             : i18n::tr(lang, N_("Nothing got worse (exit 0)."))) +
         "\n";
  return out;
}

}  // namespace mxray::report
