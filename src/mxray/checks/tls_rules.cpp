// STARTTLS rules: offered, working, protocol version, plaintext injection.
#include "mxray/checks/rules.hpp"

namespace mxray::checks {

void judge_tls(const report::MxEvidence& mx, const report::AddressEvidence& a, FindingList& out) {
  if (!a.ehlo.sent || a.ehlo.code != 250) return;  // never got far enough to tell
  const auto& host = mx.host;
  if (!a.starttls.offered) {
    if (a.ehlo.ehlo_refused) {
      out.add("tls.starttls_missing", host, a.ip, N_("the server speaks HELO only, so it cannot offer STARTTLS"));
    } else {
      out.add("tls.starttls_missing", host, a.ip, N_("EHLO lists no STARTTLS"));
    }
    return;
  }
  // Offered but never tried: the session ended before (a stall, a close, a 421), each judged as
  // such; nothing about TLS is known.
  if (!a.starttls.attempted) return;
  if (!a.starttls.ok) {
    out.add("tls.starttls_failed", host, a.ip, "{error}", {{"error", a.starttls.error}});
    return;
  }
  std::string summary = a.starttls.version + ", " + a.starttls.cipher;
  if (!a.starttls.key_exchange.empty()) summary += ", " + a.starttls.key_exchange;
  out.add("tls.ok", host, a.ip, "{protocol}", {{"protocol", summary}});
  const auto& v = a.starttls.version;
  if (v == "TLSv1" || v == "TLSv1.1" || v == "SSLv3") {
    out.add("tls.old_version", host, a.ip, N_("negotiated {version}"), {{"version", v}});
  }
  std::string legacy;
  for (const auto& [version, outcome] : a.starttls.legacy_versions) {
    if (outcome == "accepted") legacy += (legacy.empty() ? "" : ", ") + version;
  }
  // Only news beside a current version: a server that negotiated TLS 1.0 is reported above.
  if (!legacy.empty() && (v == "TLSv1.2" || v == "TLSv1.3")) {
    out.add("tls.legacy_accepted", host, a.ip, N_("{negotiated} was negotiated, but {versions} is still accepted"),
            {{"negotiated", v}, {"versions", legacy}});
  }
  if (a.starttls.bytes_before_handshake > 0) {
    out.add(
        "tls.plaintext_injection", host, a.ip,
        i18n::counted("{count} byte arrived before the TLS handshake", "{count} bytes arrived before the TLS handshake",
                      static_cast<unsigned long long>(a.starttls.bytes_before_handshake),
                      {{"count", std::to_string(a.starttls.bytes_before_handshake)}}));
  }
}

}  // namespace mxray::checks
