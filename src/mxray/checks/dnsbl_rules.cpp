// Blocklist rules (RFC 5782): listed, not listed, or the list refused to say. Return codes in
// 127.255.255.0/24 are the lists' refusals (Spamhaus: .252 malformed query, .254 query through
// a public resolver, .255 too many queries); the meaning of listing codes is known per zone.
#include <map>
#include <utility>

#include "mxray/checks/rules.hpp"

namespace mxray::checks {
namespace {

// What a return code says, for the zones whose codes are documented (RFC 5782 2.1: 127.0.0.2
// is the usual "listed").
std::string code_meaning(const std::string& zone, const std::string& code) {
  static const std::map<std::string, std::string> kSpamhaus = {
      {"127.0.0.2", "SBL: a known spam source or operation"},
      {"127.0.0.3", "SBL CSS: spam from snowshoe or compromised hosts"},
      {"127.0.0.4", "XBL: a host infected or exploited (botnet, proxy)"},
      {"127.0.0.5", "XBL: a host infected or exploited"},
      {"127.0.0.6", "XBL: a host infected or exploited"},
      {"127.0.0.7", "XBL: a host infected or exploited"},
      {"127.0.0.9", "DROP: a hijacked or criminal network"},
      {"127.0.0.10", "PBL: an end-user range the ISP says should not send mail directly"},
      {"127.0.0.11", "PBL: an end-user range that should not send mail directly"}};
  static const std::map<std::string, std::string> kRefusals = {
      {"127.255.255.252", "the query was malformed"},
      {"127.255.255.254", "the query came through a public or open resolver, which the list refuses"},
      {"127.255.255.255", "too many queries from this resolver"}};
  if (const auto it = kRefusals.find(code); it != kRefusals.end()) return it->second;
  if (zone.ends_with("spamhaus.org")) {
    if (const auto it = kSpamhaus.find(code); it != kSpamhaus.end()) return it->second;
  }
  if (code == "127.0.0.2") return "listed";
  return "listed (code " + code + ")";
}

bool refusal(const std::string& code) { return code.starts_with("127.255.255."); }

}  // namespace

void judge_dnsbl(const report::MxEvidence& mx, const report::AddressEvidence& a, FindingList& out) {
  if (a.dnsbl.empty()) return;
  std::string clean;
  std::size_t clean_count = 0;
  for (const auto& l : a.dnsbl) {
    if (!l.error.empty() || !l.answered) {
      out.add("dnsbl.lookup_failed", mx.host, a.ip, N_("{zone}: {query}: {error}"),
              {{"zone", l.zone}, {"query", l.query}, {"error", l.error.empty() ? std::string("no answer") : l.error}});
      continue;
    }
    if (l.codes.empty()) {
      clean += (clean.empty() ? "" : ", ") + l.zone;
      ++clean_count;
      continue;
    }
    bool refused = false;
    bool listed = false;
    std::string meanings;
    for (const auto& c : l.codes) {
      // RFC 5782 2.3: a list answers with 127.0.0.0/8; anything else is not a listing.
      if (!c.starts_with("127.")) continue;
      (refusal(c) ? refused : listed) = true;
      meanings += (meanings.empty() ? "" : "; ") + c + " " + code_meaning(l.zone, c);
    }
    if (listed) {
      out.add("dnsbl.listed", mx.host, a.ip, N_("{ip} is listed on {zone}: {meaning}{reason}"),
              {{"ip", a.ip},
               {"zone", l.zone},
               {"meaning", meanings},
               {"reason", l.reason.empty() ? std::string() : " (" + l.reason + ")"}});
    } else if (refused) {
      out.add("dnsbl.refused", mx.host, a.ip, N_("{zone} did not answer for {ip}: {meaning}"),
              {{"zone", l.zone}, {"ip", a.ip}, {"meaning", meanings}});
    } else {
      out.add("dnsbl.lookup_failed", mx.host, a.ip, N_("{zone}: {query}: {error}"),
              {{"zone", l.zone}, {"query", l.query}, {"error", "answers outside 127.0.0.0/8, not a blocklist answer"}});
    }
  }
  if (clean_count > 0) {
    out.add("dnsbl.not_listed", mx.host, a.ip,
            i18n::counted("{ip} is not on the list checked: {zones}", "{ip} is on none of {count} lists: {zones}",
                          static_cast<unsigned long long>(clean_count),
                          {{"ip", a.ip}, {"count", std::to_string(clean_count)}, {"zones", clean}}));
  }
}

void judge_dnsbl_plan(const report::DomainEvidence& ev, FindingList& out) {
  if (!ev.dnsbl.skipped.empty()) out.add("dnsbl.skipped", {}, {}, N_("{reason}"), {{"reason", ev.dnsbl.skipped}});
}

}  // namespace mxray::checks
