// The findings catalogue; see catalogue.hpp. Ids are stable: never rename one, add a new id.
#include "mxray/checks/catalogue.hpp"

#include "mxray/i18n/translate.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace mxray::checks {
namespace {

using S = Severity;

constexpr std::array kCatalogue = {
    // DNS
    FindingDefinition{"dns.null_mx", S::info,
     N_("The domain declares that it accepts no mail (null MX)"),
     N_("The domain publishes a single MX record pointing to \".\" (RFC 7505). Senders bounce mail to it at once "
     "instead of retrying for days. This is right for domains that never receive mail."),
     N_("Nothing to do if the domain should receive no mail. Otherwise replace the null MX with MX records naming "
     "your mail servers.")},
    FindingDefinition{"dns.implicit_mx", S::warning,
     N_("No MX record: senders fall back to the domain's own address"),
     N_("Without an MX record, senders deliver to the A/AAAA address of the domain itself (RFC 5321 section 5.1). "
     "That works only if the web server's address also runs a mail server, and many senders treat it as a sign "
     "of a domain that does not receive mail."),
     N_("Publish an MX record naming the host that receives mail, for example \"example.com. MX 10 mail.example.com.\". "
     "If the domain should receive no mail, publish a null MX (\"MX 0 .\") instead.")},
    FindingDefinition{"dns.no_mail_host", S::critical,
     N_("No MX record and no address: mail cannot be delivered"),
     N_("The domain has no MX record and no A or AAAA record to fall back to, so no sender can deliver to it."),
     N_("Publish MX records naming your mail servers, or a null MX (\"MX 0 .\") if the domain receives no mail.")},
    FindingDefinition{"dns.mx_cname", S::warning,
     N_("MX target is an alias (CNAME)"),
     N_("RFC 2181 section 10.3 and RFC 5321 section 5.1 forbid an MX target that is a CNAME. Most senders follow the "
     "alias, but some refuse, and name checks on the certificate and in DANE become ambiguous."),
     N_("Point the MX record at the canonical host name (the target of the CNAME) instead of the alias.")},
    FindingDefinition{"dns.mx_ip_literal", S::critical,
     N_("MX target is written as an IP address"),
     N_("An MX record must name a host, not an address (RFC 5321 section 5.1). Senders look the text up as a "
     "host name, find nothing, and cannot deliver through this MX."),
     N_("Create a host name with an A/AAAA record for the address (for example mail.example.com) and use that "
     "name in the MX record.")},
    FindingDefinition{"dns.mx_no_address", S::critical,
     N_("MX host has no address"),
     N_("The MX record names a host with no A or AAAA record, so senders cannot reach it."),
     N_("Add A (and AAAA, if the server has IPv6) records for the MX host, or remove the MX record.")},
    FindingDefinition{"dns.too_many_mx", S::warning,
     N_("More MX hosts than mxray checks"),
     N_("The domain lists more MX hosts than the configured bound; the rest were not checked."),
     N_("Check whether so many MX records are intended; senders rarely try more than a few.")},
    FindingDefinition{"dns.too_many_addresses", S::warning,
     N_("More addresses for an MX host than mxray checks"),
     N_("An MX host has more addresses than the configured bound; the rest were not checked."),
     N_("Check whether so many addresses are intended.")},
    FindingDefinition{"dns.bogus", S::critical,
     N_("DNSSEC validation failed"),
     N_("The answers are signed but do not validate. Senders that validate DNSSEC treat the MX or its addresses "
     "as unusable and will not deliver."),
     N_("Fix the zone's signatures or the DS record at the parent (expired signatures and a DS for a removed key "
     "are the usual causes); `delv` or `drill -S` shows where the chain breaks.")},
    FindingDefinition{"dns.secure", S::ok,
     N_("The MX records are signed with DNSSEC"),
     N_("The MX answer validated with DNSSEC, so senders can trust it and DANE can be used."),
     N_("Nothing to do.")},
    // Address policy
    FindingDefinition{"address.special_range", S::warning,
     N_("MX address is not on the public internet"),
     N_("The address is loopback, private, link-local, shared (CGNAT), multicast or reserved. Senders on the "
     "internet cannot reach it, and mxray does not connect to such addresses unless told to."),
     N_("If this is a public domain, point the MX host at a public address. For an internal network, rerun "
     "mxray with --allow-private.")},
    // Reachability and greeting
    FindingDefinition{"smtp.unreachable", S::critical,
     N_("Port 25 is unreachable"),
     N_("mxray could not open a TCP connection to port 25 of this address, so no sender can deliver here."),
     N_("Check that the mail server runs and listens on port 25 of this address, and that no firewall or "
     "provider blocks inbound port 25.")},
    FindingDefinition{"smtp.slow_connect", S::warning,
     N_("Slow TCP connection"),
     N_("Opening the connection took long. Senders give up after a timeout and queue the mail for later."),
     N_("Check the network path and the load of the server.")},
    FindingDefinition{"smtp.no_banner", S::critical,
     N_("No greeting from the server"),
     N_("The connection opened but the server never sent its 220 greeting, or closed the connection first. "
     "Senders wait, give up and retry later."),
     N_("Check the mail server's logs: an overloaded server, a broken content filter or a tarpit in front of it "
     "are the usual causes.")},
    FindingDefinition{"smtp.slow_banner", S::warning,
     N_("Slow greeting"),
     N_("The server took a long time to send its greeting. A deliberate pause (Postfix postscreen, greet delay) "
     "catches spam bots, but long ones delay legitimate mail too."),
     N_("If the delay is deliberate keep it short (a few seconds); otherwise look for DNS lookups or overload "
     "that slow the server down.")},
    FindingDefinition{"smtp.greeting_refused", S::critical,
     N_("The server refused the session (554 greeting)"),
     N_("The server answered the connection with a permanent refusal. Senders with this address will not deliver "
     "here. This is a refusal of the client, not a missing feature: mxray could not look further."),
     N_("If the refusal is unintended, check the server's client access rules (blocklists, postscreen, "
     "connection limits).")},
    FindingDefinition{"smtp.greeting_busy", S::info,
     N_("Inconclusive: the server turned us away for now (4xx greeting)"),
     N_("The server answered with a temporary refusal (typically 421): overloaded, rate limiting or greylisting "
     "this client. Senders retry later. mxray could not look further, which says nothing about STARTTLS or relaying."),
     N_("If this persists, check the server's connection limits and load; rerun the check later.")},
    FindingDefinition{"smtp.malformed_reply", S::critical,
     N_("The server's answer is not SMTP"),
     N_("The server sent bytes that are not an SMTP reply. Senders give up on such a server."),
     N_("Check that port 25 is served by a mail server, not by another service or a broken proxy.")},
    FindingDefinition{"smtp.bound_reached", S::warning,
     N_("The server's reply exceeded mxray's limits"),
     N_("A reply was longer than the configured bounds (line length, line count or size) or the session took "
     "longer than allowed. Many senders cut such a session short too."),
     N_("Shorten the server's replies (RFC 5321 allows 512 bytes per line) and check why it sends so much.")},
    FindingDefinition{"smtp.dropped", S::warning,
     N_("The server closed the session early"),
     N_("The server ended the session in the middle of the dialogue. Senders treat it as a temporary failure and retry."),
     N_("Check the server's logs for the reason (limits, filters, crashes).")},
    FindingDefinition{"smtp.ehlo_refused", S::warning,
     N_("EHLO refused: the server only speaks old SMTP (HELO)"),
     N_("Without EHLO the server cannot announce extensions, so no STARTTLS, no SIZE, no 8BITMIME."),
     N_("Enable ESMTP on the server; every current MTA supports it.")},
    FindingDefinition{"smtp.helo_refused", S::critical,
     N_("The server refused both EHLO and HELO"),
     N_("The server rejected the greeting commands, so no sender can get to MAIL FROM."),
     N_("Check the server's HELO restrictions; they should not reject a well-formed host name.")},
    FindingDefinition{"smtp.banner_version", S::info,
     N_("The greeting shows the server software and version"),
     N_("The banner names the MTA and its version, which helps an attacker look up known flaws."),
     N_("Remove the version from the greeting (Postfix: smtpd_banner = $myhostname ESMTP; Exim: smtp_banner).")},
    // STARTTLS and TLS
    FindingDefinition{"tls.starttls_missing", S::critical,
     N_("STARTTLS not offered: mail arrives unencrypted"),
     N_("The server does not announce STARTTLS, so every sender delivers in clear text over the internet."),
     N_("Configure a certificate and enable STARTTLS (Postfix: smtpd_tls_security_level = may with "
     "smtpd_tls_chain_files; Exim: tls_advertise_hosts = * with tls_certificate and tls_privatekey).")},
    FindingDefinition{"tls.starttls_failed", S::critical,
     N_("STARTTLS fails"),
     N_("The server offers STARTTLS but the upgrade fails (refused or the TLS handshake breaks). Senders usually "
     "fall back to clear text, or defer the mail if they require TLS."),
     N_("Check the server's TLS configuration and logs: unreadable key or certificate files and protocol or "
     "cipher settings that no client supports are the usual causes.")},
    FindingDefinition{"tls.ok", S::ok,
     N_("STARTTLS works"),
     N_("The server upgrades the session to TLS."),
     N_("Nothing to do.")},
    FindingDefinition{"tls.old_version", S::warning,
     N_("TLS older than 1.2 negotiated"),
     N_("The best protocol this server offers is TLS 1.0 or 1.1, deprecated by RFC 8996 and refused by current "
     "clients that require TLS."),
     N_("Enable TLS 1.2 and 1.3 (upgrade the TLS library; Postfix: smtpd_tls_protocols = >=TLSv1.2 only once "
     "1.2 works).")},
    FindingDefinition{"tls.legacy_accepted", S::warning,
     N_("TLS 1.0 or 1.1 is still accepted"),
     N_("The server negotiates a current TLS version with current clients, but still completes a handshake "
     "with a client that offers only TLS 1.0 or 1.1 (deprecated by RFC 8996). Old and downgraded clients get "
     "weak encryption, and compliance scans (PCI DSS, BSI) flag it."),
     N_("Disable TLS 1.0 and 1.1 on the server once your senders are known to support TLS 1.2 (Postfix: "
     "smtpd_tls_protocols = >=TLSv1.2; Exim with OpenSSL: openssl_options = +no_tlsv1 +no_tlsv1_1).")},
    FindingDefinition{"tls.plaintext_injection", S::warning,
     N_("Data arrived in clear text right after STARTTLS"),
     N_("The server sent bytes after its \"220 Ready to start TLS\" before the handshake. Such bytes are read as "
     "if they were protected (the STARTTLS command injection flaw, CVE-2011-0411 and kin)."),
     N_("Upgrade the MTA or the proxy in front of it; a correct server discards buffered input at STARTTLS.")},
    // Certificate
    FindingDefinition{"cert.expired", S::critical,
     N_("The certificate has expired"),
     N_("The server's certificate is past its end date. Senders that verify certificates (MTA-STS, DANE-TA, "
     "REQUIRETLS) refuse to deliver; the rest still encrypt but cannot trust the server."),
     N_("Renew the certificate and reload the mail server (with Let's Encrypt: `certbot renew`, then reload "
     "Postfix or Exim so it reads the new file).")},
    FindingDefinition{"cert.expiring", S::warning,
     N_("The certificate expires soon"),
     N_("The certificate ends within 30 days. When it expires, senders that verify certificates stop delivering."),
     N_("Renew it now and check that automatic renewal (certbot timer, ACME client) reloads the mail server.")},
    FindingDefinition{"cert.not_yet_valid", S::critical,
     N_("The certificate is not valid yet"),
     N_("The certificate's start date is in the future (or the server's clock is wrong). Senders that verify "
     "certificates refuse it."),
     N_("Install a certificate that is valid now, and check the server's clock (NTP).")},
    FindingDefinition{"cert.self_signed", S::warning,
     N_("Self-signed certificate"),
     N_("The certificate is signed by itself, not by a certificate authority, so senders cannot verify it. "
     "Mail is still encrypted, but senders that require verified TLS (MTA-STS) will not deliver."),
     N_("Get a certificate from a public CA (Let's Encrypt is free) for the MX host name, or publish DANE "
     "TLSA records that pin this certificate.")},
    FindingDefinition{"cert.incomplete_chain", S::warning,
     N_("The certificate chain is incomplete"),
     N_("The server sends its certificate without the intermediate CA certificate(s) needed to link it to a "
     "trusted root. Browsers sometimes repair this; mail senders do not."),
     N_("Configure the full chain: the certificate followed by its intermediates (Postfix: smtpd_tls_chain_files "
     "with fullchain.pem; Exim: tls_certificate = fullchain.pem).")},
    FindingDefinition{"cert.untrusted", S::warning,
     N_("The certificate is not trusted"),
     N_("The chain does not lead to a trusted certificate authority. Mail is still encrypted, but senders that "
     "require verified TLS (MTA-STS) will not deliver."),
     N_("Use a certificate from a public CA and send the full chain.")},
    FindingDefinition{"cert.name_mismatch", S::warning,
     N_("The certificate does not match the MX host name"),
     N_("None of the certificate's names covers the MX host name, which is the name senders verify (RFC 7672, "
     "RFC 8461). Senders that require verified TLS will not deliver."),
     N_("Get a certificate whose subject alternative names include the MX host name, or point the MX record at "
     "a name the certificate covers.")},
    FindingDefinition{"cert.weak_key", S::warning,
     N_("Weak certificate key"),
     N_("The certificate's key is shorter than current minimums (RSA below 2048 bits, EC below 224 bits)."),
     N_("Issue a new certificate with an RSA 2048+ or ECDSA P-256 key.")},
    FindingDefinition{"cert.sha1_signature", S::warning,
     N_("Certificate signed with SHA-1 or MD5"),
     N_("SHA-1 and MD5 signatures can be forged; current clients reject them."),
     N_("Issue a new certificate signed with SHA-256.")},
    FindingDefinition{"cert.ok", S::ok,
     N_("The certificate is trusted and matches the MX host name"),
     N_("The chain verifies against the trust store and covers the MX name."),
     N_("Nothing to do.")},
    // Relay
    FindingDefinition{"relay.open", S::critical,
     N_("Open relay: the server accepts mail for outside domains from anyone"),
     N_("The server accepted a recipient in another domain from an outside sender without authentication. "
     "Spammers find open relays within hours; the address will be blocklisted."),
     N_("Allow relaying only for your own networks and authenticated users (Postfix: smtpd_relay_restrictions = "
     "permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination, with a tight mynetworks; "
     "Exim: acl_smtp_rcpt accepting relay only for relay_from_hosts and authenticated senders).")},
    FindingDefinition{"relay.closed", S::ok,
     N_("Not an open relay"),
     N_("The server refused to relay for an outside sender."),
     N_("Nothing to do.")},
    FindingDefinition{"relay.inconclusive", S::info,
     N_("The relay test could not be completed"),
     N_("The server refused the sender or dropped the session before RCPT TO, so mxray could not tell whether it relays."),
     N_("Rerun with --relay-from set to a sender address the server accepts.")},
    // Diagnosis: the server, its session and its name
    FindingDefinition{"smtp.auth_plaintext", S::critical,
     N_("Password login offered before encryption"),
     N_("The server offers AUTH PLAIN or LOGIN before STARTTLS. A mail client (or a misconfigured server) that "
     "logs in right away sends the password in clear text over the network."),
     N_("Offer authentication only inside TLS (Postfix: smtpd_tls_auth_only = yes; Exim: auth_advertise_hosts = "
     "${if eq{$tls_in_cipher}{}{}{*}}; Exchange: require TLS on the receive connector), and move submission "
     "to port 587 or 465.")},
    FindingDefinition{"smtp.vrfy_enabled", S::warning,
     N_("VRFY confirms addresses"),
     N_("The server answers VRFY with the mailbox, so anyone can test which addresses exist (user enumeration) "
     "and harvest them for spam or password guessing."),
     N_("Disable VRFY (Postfix: disable_vrfy_command = yes; Exim: remove VRFY from acl_smtp_vrfy or deny it; "
     "Sendmail: PrivacyOptions=novrfy).")},
    FindingDefinition{"smtp.expn_enabled", S::warning,
     N_("EXPN expands mailing lists"),
     N_("The server answers EXPN with the members of a list or alias, which gives away internal addresses."),
     N_("Disable EXPN (Exim: do not set acl_smtp_expn to accept; Sendmail: PrivacyOptions=noexpn).")},
    FindingDefinition{"tls.not_required", S::info,
     N_("STARTTLS is offered but not required"),
     N_("The server accepts MAIL FROM without encryption. This is what RFC 3207 section 4 asks of a public MX "
     "(senders without TLS must still reach it); senders that want encryption use STARTTLS, and DANE or "
     "MTA-STS make them insist on it."),
     N_("Nothing to do for a public MX. To make senders insist on TLS, publish DANE TLSA records or an MTA-STS "
     "policy in enforce mode.")},
    FindingDefinition{"relay.trick_accepted", S::warning,
     N_("A relay trick was accepted for the server's own domain"),
     N_("The server accepted a recipient that hides an outside address behind its own domain or address "
     "(percent hack, bang path, '@' in the local part, quoted local part). Whether it then forwards the mail "
     "outside depends on its address rewriting; old and misconfigured servers do, which makes them open relays."),
     N_("Reject recipients with routing characters you do not use (Postfix: allow_percent_hack = no, "
     "swap_bangpath = no, and keep reject_unauth_destination; Exim: the default percent_hack_domains is "
     "empty, keep it so), and reject unknown local recipients at RCPT TO.")},
    FindingDefinition{"relay.deferred", S::info,
     N_("Inconclusive: the relay test was deferred (4xx)"),
     N_("The server answered the relay test with a temporary refusal (greylisting, rate limiting). It says "
     "nothing about whether it relays."),
     N_("Rerun the check later; greylisting usually lets the same sender through after a few minutes.")},
    FindingDefinition{"dns.ptr_missing", S::warning,
     N_("No reverse DNS (PTR) for the mail server's address"),
     N_("The address has no PTR record. Mail servers usually send from the same address as they receive on, "
     "and many receivers reject or score down mail from addresses without reverse DNS."),
     N_("Ask whoever runs the address block (your hosting or internet provider) to set a PTR record naming "
     "the mail server, for example mail.example.com.")},
    FindingDefinition{"dns.ptr_not_confirmed", S::warning,
     N_("Reverse DNS is not forward-confirmed"),
     N_("The PTR name of the address does not resolve back to the same address (forward-confirmed reverse "
     "DNS fails). Receivers that check FCrDNS treat mail from this address with suspicion."),
     N_("Make the PTR name resolve to this address with an A or AAAA record, or change the PTR to a name that does.")},
    FindingDefinition{"dns.ptr_ok", S::ok,
     N_("Reverse DNS is forward-confirmed"),
     N_("The address has a PTR record whose name resolves back to it."), N_("Nothing to do.")},
    FindingDefinition{"smtp.banner_not_fqdn", S::info,
     N_("The greeting does not start with a fully qualified host name"),
     N_("RFC 5321 section 4.3.1 says the 220 greeting starts with the server's fully qualified domain name. "
     "Some senders and filters check it."),
     N_("Start the greeting with the server's own name (Postfix: smtpd_banner = $myhostname ESMTP, with "
     "myhostname set to the full name).")},
    FindingDefinition{"smtp.banner_name_mismatch", S::info,
     N_("The name in the greeting matches neither the MX name nor the reverse DNS"),
     N_("The host name the server announces differs from the MX record's name and from the PTR name of its "
     "address. That is legal and common behind load balancers, but it makes logs and certificate checks "
     "harder to follow, and some filters score it."),
     N_("Announce a name that the MX record or the PTR record also uses.")},
    FindingDefinition{"smtp.software", S::info,
     N_("Mail server software recognised"),
     N_("mxray recognised the mail server software from its greeting, its EHLO reply and its answers; the "
     "fixes below name this software's settings."),
     N_("Nothing to do.")},
    FindingDefinition{"smtp.unreachable_nolisting", S::info,
     N_("Lowest-preference MX refuses connections (nolisting?)"),
     N_("This address of the primary MX refuses connections while a backup MX answers. Nolisting setups do "
     "this on purpose (spam bots often try only the primary); otherwise the primary is down."),
     N_("Nothing to do if this is deliberate nolisting. If not, start the mail server on the primary MX.")},
    FindingDefinition{"domain.nolisting", S::info,
     N_("Inconclusive: nolisting or a dead primary MX"),
     N_("Every address of the lowest-preference MX refuses connections while a backup answers. This is either "
     "deliberate nolisting, which is harmless, or a primary MX that is down, in which case all mail goes "
     "through the backup. mxray cannot tell them apart."),
     N_("If you did not set up nolisting, bring the primary MX back.")},
    // DANE (RFC 7672)
    FindingDefinition{"dane.ok", S::ok,
     N_("DANE: the certificate matches a TLSA record"),
     N_("OpenSSL's DANE verifier authenticated this server through a DNSSEC-signed TLSA record, so senders that "
     "support DANE deliver here over verified TLS."),
     N_("Nothing to do.")},
    FindingDefinition{"dane.missing", S::info,
     N_("DNSSEC-signed MX host without TLSA records"),
     N_("The MX host's addresses are DNSSEC-signed, so DANE is one record away: with a TLSA record at "
     "_25._tcp.<mx host>, senders that support DANE (Postfix, Exim, many large providers) would refuse any "
     "certificate but yours and could not be downgraded to clear text."),
     N_("Publish a TLSA record for the server's key, e.g. \"_25._tcp.mx.example.com. TLSA 3 1 1 <sha256 of the "
     "public key>\" (`openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | "
     "openssl sha256`), and a second one for the next key before each key change.")},
    FindingDefinition{"dane.unsigned_tlsa", S::warning,
     N_("TLSA records in an unsigned zone are ignored"),
     N_("TLSA records count only when DNSSEC-signed (RFC 7672 section 2.2): these are insecure, so every sender "
     "ignores them and the domain has no DANE protection although it seems to publish it."),
     N_("Sign the zone holding the TLSA records (and the MX host's address records) with DNSSEC and publish the DS "
     "at the parent, or remove the TLSA records.")},
    FindingDefinition{"dane.bogus", S::critical,
     N_("The TLSA answer is DNSSEC-bogus: DANE senders will not deliver"),
     N_("The TLSA records are signed but do not validate. A sender that validates DNSSEC cannot tell whether the "
     "MX requires DANE, so it defers the mail (RFC 7672 section 2.2) and mail queues until it bounces."),
     N_("Fix the signatures of the zone holding _25._tcp.<mx host> (expired RRSIGs and a DS for a removed key are "
     "the usual causes); `delv` or `drill -S` shows where the chain breaks.")},
    FindingDefinition{"dane.lookup_failed", S::warning,
     N_("The TLSA lookup failed"),
     N_("The query for the TLSA records did not get an answer (timeout or SERVFAIL). DANE senders defer mail "
     "while the TLSA lookup fails for a signed MX host (RFC 7672 section 2.2)."),
     N_("Check that every authoritative server of the MX host's zone answers TLSA queries (and queries for "
     "names under _tcp) with NOERROR or NXDOMAIN.")},
    FindingDefinition{"dane.unusable_usage", S::warning,
     N_("TLSA record with usage 0 or 1 is unusable for SMTP"),
     N_("RFC 7672 section 3.1.3: SMTP clients treat PKIX-TA(0) and PKIX-EE(1) records as unusable, because there "
     "is no agreed set of CAs for mail. When no other record is usable, senders fall back to unauthenticated TLS."),
     N_("Publish DANE-EE(3) records (\"3 1 1 <sha256 of the server's public key>\") or DANE-TA(2) records for "
     "your issuing CA instead of usages 0 and 1.")},
    FindingDefinition{"dane.no_match", S::critical,
     N_("DANE: no TLSA record matches: DANE senders will not deliver"),
     N_("The MX publishes secure TLSA records but the certificate this address presented matches none of them "
     "(or, for DANE-TA, its name does not match). Senders that support DANE refuse to deliver here and queue "
     "the mail until it bounces."),
     N_("Update the TLSA records to match the certificate actually deployed (or deploy the certificate they "
     "describe). Publish the next key's TLSA record before changing keys (\"current + next\").")},
    FindingDefinition{"dane.no_tls", S::critical,
     N_("DANE: no TLS session: DANE senders will not deliver"),
     N_("The MX publishes secure TLSA records, which tell senders to require TLS, but this address does not "
     "offer STARTTLS or the handshake fails. DANE senders will not deliver here."),
     N_("Enable STARTTLS with the certificate the TLSA records describe, or remove the TLSA records.")},
    FindingDefinition{"dane.record_unmatched", S::warning,
     N_("A TLSA record matches no certificate at any address"),
     N_("One TLSA record matches no certificate any address of this MX presented, while another record does. "
     "It may be a prepared next key (fine) or a stale record for an old key."),
     N_("Remove TLSA records of retired keys; keep the record of a prepared next key only until the key change.")},
    FindingDefinition{"dane.single_key", S::info,
     N_("All TLSA records depend on one key"),
     N_("A single TLSA record, or records that all match the same key, leaves no room for a key or certificate "
     "change: the moment the server's key changes, DANE senders stop delivering."),
     N_("Follow the \"current + next\" practice: publish a TLSA record for the current key and one for the next "
     "key (or for the issuing CA with usage 2) before each change, and remove the old one after it.")},
    FindingDefinition{"dane.mta_sts_ignored", S::info,
     N_("DANE is in use, so DANE senders ignore MTA-STS for this MX"),
     N_("RFC 8461 section 2: senders that support DANE use the TLSA records and skip the MTA-STS policy for an "
     "MX with usable TLSA records. Both protect mail; the MTA-STS policy serves senders without DNSSEC."),
     N_("Nothing to do; keep the TLSA records and the MTA-STS policy consistent with the deployed certificates.")},
    // MTA-STS (RFC 8461)
    FindingDefinition{"mtasts.ok", S::ok,
     N_("MTA-STS policy in force"),
     N_("The domain publishes a valid MTA-STS record "
     "and policy, and the MX hosts satisfy it."),
     N_("Nothing to do.")},
    FindingDefinition{"mtasts.none", S::info,
     N_("No MTA-STS"),
     N_("The domain publishes no _mta-sts TXT record and no policy, so senders without DNSSEC have no way to "
     "require verified TLS and an attacker on the path can strip STARTTLS."),
     N_("Publish a policy at https://mta-sts.<domain>/.well-known/mta-sts.txt (start with mode: testing) and a "
     "TXT record \"_mta-sts.<domain> TXT v=STSv1; id=<yyyymmddhhmmss>\".")},
    FindingDefinition{"mtasts.txt_several", S::warning,
     N_("Several MTA-STS TXT records: senders ignore them all"),
     N_("RFC 8461 section 3.1: when more than one TXT record at _mta-sts starts with v=STSv1, senders assume the "
     "domain has no MTA-STS policy."),
     N_("Keep exactly one \"v=STSv1; id=...\" record at _mta-sts.<domain>.")},
    FindingDefinition{"mtasts.txt_malformed", S::warning,
     N_("The MTA-STS TXT record is malformed"),
     N_("The _mta-sts record does not follow RFC 8461 section 3.1 (\"v=STSv1; id=<1 to 32 letters and digits>;\"), "
     "so senders assume there is no policy."),
     N_("Publish \"v=STSv1; id=20240101000000;\" with a new id for every policy change.")},
    FindingDefinition{"mtasts.txt_without_policy", S::warning,
     N_("MTA-STS TXT record without a usable policy"),
     N_("The domain announces an MTA-STS policy, but senders cannot fetch a valid one (the detail says why). "
     "Senders without a cached policy deliver as if there were none; those with a cached policy keep the old one."),
     N_("Serve the policy at https://mta-sts.<domain>/.well-known/mta-sts.txt with a publicly trusted certificate for "
     "that name, status 200, Content-Type text/plain, no redirect; or remove the TXT record.")},
    FindingDefinition{"mtasts.policy_without_txt", S::warning,
     N_("MTA-STS policy without a TXT record"),
     N_("A policy is served at mta-sts.<domain>, but without the _mta-sts TXT record senders never fetch it."),
     N_("Publish \"_mta-sts.<domain> TXT v=STSv1; id=<yyyymmddhhmmss>\".")},
    FindingDefinition{"mtasts.fetch_failed", S::warning,
     N_("The MTA-STS policy could not be fetched"),
     N_("Fetching https://mta-sts.<domain>/.well-known/mta-sts.txt failed (DNS, connection, TLS, certificate, "
     "HTTP status, redirect, content type or size: the detail says which). RFC 8461 section 3.3 forbids "
     "following redirects and requires a certificate valid for mta-sts.<domain>, status 200 and text/plain."),
     N_("Fix what the detail names: the policy host needs a publicly trusted certificate for mta-sts.<domain>, "
     "must answer 200 with Content-Type text/plain directly (no redirect) and a body under 64 KiB.")},
    FindingDefinition{"mtasts.policy_invalid", S::warning,
     N_("The MTA-STS policy is invalid"),
     N_("The policy lacks a required field or has an invalid value (version STSv1, mode enforce|testing|none, "
     "max_age 0..31557600, at least one mx), so senders discard it."),
     N_("Write the policy as lines \"version: STSv1\", \"mode: enforce\", \"mx: mail.example.com\" (one per MX or "
     "wildcard), \"max_age: 604800\".")},
    FindingDefinition{"mtasts.policy_bad_line", S::warning,
     N_("MTA-STS policy lines that senders cannot use"),
     N_("Some lines of the policy are malformed (no \"key: value\" form, invalid mx pattern, repeated key); "
     "senders skip or misread them."),
     N_("Correct or remove the lines named in the detail.")},
    FindingDefinition{"mtasts.mode_testing", S::info,
     N_("MTA-STS in testing mode"),
     N_("Senders report failures (with TLS-RPT) but still deliver when the policy is not met."),
     N_("Once TLS-RPT reports show no failures, switch to \"mode: enforce\".")},
    FindingDefinition{"mtasts.mode_none", S::info,
     N_("MTA-STS mode none: the policy is withdrawn"),
     N_("Mode none tells senders to drop any policy they cached; MTA-STS protects nothing."),
     N_("Nothing to do if you are retiring MTA-STS; otherwise use testing or enforce.")},
    FindingDefinition{"mtasts.enforce_mx_unlisted", S::critical,
     N_("MTA-STS enforce: the MX is not in the policy, so senders that honour the policy will not deliver there"),
     N_("The policy is in enforce mode and this MX host matches none of its mx patterns. Senders that honour "
     "MTA-STS treat the MX as invalid and will not deliver there."),
     N_("Add the MX host (or a \"*.\" wildcard covering it) to the policy's mx lines and change the id of the TXT record.")},
    FindingDefinition{"mtasts.enforce_tls_invalid", S::critical,
     N_("MTA-STS enforce: the certificate fails, so senders that honour the policy will not deliver there"),
     N_("The policy is in enforce mode and this address does not offer verified TLS: no STARTTLS, a failed "
     "handshake, an untrusted or expired certificate, or one that does not match the MX host name. Senders that "
     "honour MTA-STS will not deliver there."),
     N_("Install a publicly trusted certificate for the MX host name with its full chain, or move the policy to testing.")},
    FindingDefinition{"mtasts.testing_mx_unlisted", S::warning,
     N_("MTA-STS testing: the MX is not in the policy"),
     N_("In testing mode senders still deliver but report a policy failure for this MX; in enforce mode they would not deliver."),
     N_("Add the MX host to the policy's mx lines before switching to enforce.")},
    FindingDefinition{"mtasts.testing_tls_invalid", S::warning,
     N_("MTA-STS testing: the certificate fails the policy"),
     N_("In testing mode senders still deliver but report a failure for this address; in enforce mode they would not deliver."),
     N_("Install a publicly trusted certificate for the MX host name with its full chain before switching to enforce.")},
    // TLS-RPT (RFC 8460)
    FindingDefinition{"tlsrpt.ok", S::ok,
     N_("TLS-RPT record present"),
     N_("The domain asks senders for TLS failure "
     "reports, so it hears when DANE or MTA-STS stops mail."),
     N_("Nothing to do.")},
    FindingDefinition{"tlsrpt.missing", S::info,
     N_("No TLS-RPT record"),
     N_("The domain uses DANE or MTA-STS but publishes no _smtp._tls TXT record, so it never hears from senders "
     "when TLS to its MX hosts fails."),
     N_("Publish \"_smtp._tls.<domain> TXT v=TLSRPTv1; rua=mailto:tlsrpt@<domain>\".")},
    FindingDefinition{"tlsrpt.several", S::warning,
     N_("Several TLS-RPT records"),
     N_("RFC 8460 section 3: with more than one v=TLSRPTv1 record, senders send no reports."),
     N_("Keep one record and list every destination in its rua= field, comma-separated.")},
    FindingDefinition{"tlsrpt.malformed", S::warning,
     N_("The TLS-RPT record is malformed"),
     N_("The _smtp._tls record does not follow RFC 8460 section 3 (\"v=TLSRPTv1; rua=<mailto: or https: URI>[,...]\"), "
     "so senders send no reports."),
     N_("Publish \"v=TLSRPTv1; rua=mailto:tlsrpt@<domain>\".")},
    // Domain
    FindingDefinition{"domain.all_down", S::critical,
     N_("No mail server of this domain can be reached"),
     N_("Every address of every MX host failed, so mail for this domain is queued by senders and bounced after "
     "a few days."),
     N_("Bring at least one MX host back; the per-address findings say what failed where.")},
    FindingDefinition{"domain.primary_down", S::warning,
     N_("The primary MX is down while a backup answers"),
     N_("The MX with the lowest preference cannot be reached, so senders fall back to the backup. Mail still "
     "flows, but the backup must accept and forward everything, and it is often less well protected."),
     N_("Bring the primary MX back. If the dead MX is deliberate (nolisting), know that it delays some "
     "legitimate mail.")},
    FindingDefinition{"domain.backup_down", S::warning,
     N_("A backup MX is down"),
     N_("A higher-preference (backup) MX cannot be reached. Mail flows through the primary now, but nothing "
     "takes over when the primary fails."),
     N_("Bring the backup MX back, or remove its MX record.")},
};

}  // namespace

std::span<const FindingDefinition> catalogue() { return kCatalogue; }

const FindingDefinition& definition(std::string_view id) {
  for (const auto& d : kCatalogue) {
    if (d.id == id) return d;
  }
  throw std::out_of_range("unknown finding id: " + std::string(id));
}

}  // namespace mxray::checks
