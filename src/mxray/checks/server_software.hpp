// Recognises the mail server software from what it said: greeting, EHLO replies, the wording
// of its refusals, and the set of extensions it announces. A judgement, not a probe: pure.
#pragma once

#include <string>

#include "mxray/report/evidence.hpp"

namespace mxray::checks {

/// Which software answered, with a confidence from 0 to 100 and what gave it away.
struct ServerSoftware {
  std::string id;       // postfix, exim, sendmail, exchange, microsoft365, google, opensmtpd, haraka,
                        // qmail, zimbra, proofpoint, mimecast, cisco; empty when unknown
  std::string name;     // for people: "Postfix", "Microsoft Exchange"
  std::string version;  // when the greeting shows it
  int confidence = 0;
  std::string basis;  // e.g. "greeting", "refusal wording", "extension set"
};

/// The best guess for one address; empty id when nothing matched.
ServerSoftware recognise_server(const report::AddressEvidence& address);

}  // namespace mxray::checks
