// Collects findings for the judge: each is made from its catalogue entry plus what was
// observed at one place (domain, MX or address).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mxray/checks/catalogue.hpp"
#include "mxray/checks/finding.hpp"
#include "mxray/checks/status.hpp"
#include "mxray/i18n/translate.hpp"

namespace mxray::checks {

/// Thresholds the rules use; the defaults are what mxray reports with.
struct JudgeOptions {
  double slow_connect_ms = 2000;
  double slow_banner_ms = 2000;
  double greeting_pause_ms = 8000;  // a pause before the last greeting line up to this long is postscreen's (info)
  double tarpit_reply_ms = 1000;    // replies this slow, three or more of them, are a tarpit
  long long expiry_warning_days = 30;
  long long at_epoch = 0;                // judge as of this moment (--at); 0: the check time in the evidence
  long long breaks_soon_days = 14;       // chain elements that end within this many days of that moment warn
  long long signature_warning_days = 3;  // RRSIGs that end this soon warn (signers refresh them a week ahead)
};

class FindingList {
 public:
  /// Adds finding `id` (a catalogue id) for `mx` / `ip`; the observed detail is a message
  /// template (marked with N_ so it is translated) and the values of its {placeholders}.
  /// Returns the new finding, so that a rule may move it to another step (step_of is the default).
  Finding& add(std::string_view id, std::string mx, std::string ip, std::string_view detail_template,
               i18n::Args args = {}) {
    return add(id, std::move(mx), std::move(ip),
               i18n::Message{std::string(detail_template), {}, 0, std::move(args), {}, {}});
  }
  /// The same with the detail as a message: counted (i18n::counted) or with parts that are
  /// messages themselves (a parser's finding given as a message id and its values).
  Finding& add(std::string_view id, std::string mx, std::string ip, i18n::Message detail) {
    const auto& d = definition(id);
    Finding f{std::string(d.id),    d.severity,
              std::move(mx),        std::move(ip),
              std::string(d.title), i18n::render("en", detail),
              std::move(detail),    std::string(d.explanation),
              std::string(d.fix),   {},
              Status::info};
    f.step = std::string(step_of(f));
    f.status = status_of(f);
    findings_.push_back(std::move(f));
    return findings_.back();
  }
  std::vector<Finding>& items() { return findings_; }

 private:
  std::vector<Finding> findings_;
};

}  // namespace mxray::checks
