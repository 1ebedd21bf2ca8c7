// TLS-RPT rules (RFC 8460): the _smtp._tls record's syntax, and its absence where DANE or
// MTA-STS is in use (then failures go unheard).
#include "mxray/checks/policy_problems.hpp"
#include "mxray/checks/rules.hpp"
#include "mxray/core/text.hpp"

namespace mxray::checks {

void judge_tls_rpt(const report::DomainEvidence& ev, FindingList& out) {
  if (ev.null_mx || !ev.target.mx_lookup) return;
  const auto& r = ev.tls_rpt;
  if (r.error == "several") out.add("tlsrpt.several", {}, {}, tls_rpt_problem(r));
  if (r.error == "malformed") out.add("tlsrpt.malformed", {}, {}, tls_rpt_problem(r));
  if (r.error.empty() && !r.rua.empty()) {
    std::string uris = core::join(r.rua, ", ");
    out.add("tlsrpt.ok", {}, {}, N_("reports go to {uris}"), {{"uris", uris}});
  }
  if (r.error == "none") {
    bool dane = false;
    for (const auto& mx : ev.mx) dane = dane || dane_applies(mx);
    const bool sts = !ev.mta_sts.sts_records.empty() || ev.mta_sts.fetch.ok;
    if (dane || sts) {
      out.add("tlsrpt.missing", {}, {}, N_("no v=TLSRPTv1 record at _smtp._tls.{domain} although {what} is in use"),
              {{"domain", ev.domain}, {"what", dane ? "DANE" : "MTA-STS"}});
    }
  }
}

}  // namespace mxray::checks
