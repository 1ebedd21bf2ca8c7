// The established tools, run on the same lab server mxray checks, and their answers parsed:
// openssl s_client/x509, swaks, posttls-finger, nmap smtp-open-relay; plus what each real
// MTA of lab/mta left in its log and queue. Only loopback addresses and .test names are used.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace mxray::interop {

/// Output (stdout and stderr together) and exit code of `sh -c CMD`.
struct Shell {
  int exit_code = -1;
  std::string out;
};
Shell sh(const std::string& cmd);

/// What `openssl s_client -starttls smtp` and `openssl x509` say about the server's TLS.
struct OpensslFacts {
  bool handshake_ok = false;
  std::string version, cipher;
  std::string subject, issuer;    // RFC 2253 (-nameopt RFC2253)
  long long not_after_epoch = 0;  // from notAfter=
  std::vector<std::string> san;   // DNS names
  std::string sha256;             // lower-case hex, no colons
  std::string raw;                // the tool output, for failure messages
};
OpensslFacts openssl_facts(const std::string& ip, const std::string& servername);

/// Banner text and EHLO keywords (upper-cased, with their parameters) as swaks shows them.
struct SwaksFacts {
  int banner_code = 0;
  std::string banner_text;
  std::map<std::string, std::string> extensions;
  std::string raw;
};
SwaksFacts swaks_ehlo(const std::string& ip);

/// posttls-finger -l secure with the lab CA, the MX name as the match name: "Verified".
struct FingerVerdict {
  bool verified = false;
  std::string raw;
};
FingerVerdict posttls_finger(const std::string& ip, const std::string& mx_name);

/// nmap -sT -p25 --script smtp-open-relay: "Server is an open relay".
struct NmapVerdict {
  bool open = false;
  bool finished = false;  // printed a verdict at all
  std::string raw;
};
NmapVerdict nmap_open_relay(const std::string& ip);

/// Attribute=value pairs of an RFC 2253 name, whatever the separators' spacing.
std::multiset<std::string> dn_parts(const std::string& dn);

/// A real MTA of the lab.
struct Mta {
  std::string name;    // as in lab/mta/mta.sh: postfix, postfix-relay, ...
  std::string domain;  // its lab domain
  std::string mx;      // its MX host name
  std::string ip;
};
const std::vector<Mta>& mtas();
/// Test names and messages show the server's name, not its bytes.
inline void PrintTo(const Mta& m, std::ostream* os) { *os << m.name << " (" << m.ip << ")"; }

/// Messages in the server's queue (files in its queue folders).
int queued_messages(const Mta& m);
/// The server's log lines that show a DATA command (or a received message).
std::vector<std::string> data_lines(const Mta& m);
/// The server's log, to show that it logs sessions at all.
std::string mta_log(const Mta& m);

}  // namespace mxray::interop
