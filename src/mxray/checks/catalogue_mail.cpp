// The findings about DNS, reachability, the SMTP session, TLS, certificates, relaying and the server.
// Part of the findings catalogue (catalogue.hpp); ids are stable: never rename one.
#include "mxray/checks/catalogue_parts.hpp"

#include <array>

#include "mxray/i18n/translate.hpp"

namespace mxray::checks {
namespace {

using S = Severity;

constexpr std::array kFindings = {
    // DNS
    FindingDefinition{
        "dns.null_mx", S::info, N_("The domain declares that it accepts no mail (null MX)"),
        N_("The domain publishes a single MX record pointing to \".\" (RFC 7505). Senders bounce mail to it at once "
           "instead of retrying for days. This is right for domains that never receive mail."),
        N_("Nothing to do if the domain should receive no mail. Otherwise replace the null MX with MX records naming "
           "your mail servers.")},
    FindingDefinition{
        "dns.null_mx_mixed", S::critical, N_("A null MX is published beside other MX records"),
        N_("RFC 7505 section 3: a domain with a null MX (\"MX 0 .\") must publish no other MX record. Senders "
           "disagree on what the mixture means: some bounce every message at once, others deliver to the other MX "
           "hosts, so whether mail arrives depends on who sends it."),
        N_("Decide: to receive mail, remove the \"MX 0 .\" record; to receive none, remove every other MX record.")},
    FindingDefinition{
        "dns.null_mx_preference", S::warning, N_("The null MX record has a preference other than 0"),
        N_("RFC 7505 section 3 defines the null MX as preference 0 with the exchange \".\". With another preference "
           "some senders do not recognise it and keep retrying for days instead of bouncing at once."),
        N_("Publish the record as \"MX 0 .\".")},
    FindingDefinition{
        "dns.implicit_mx", S::warning, N_("No MX record: senders fall back to the domain's own address"),
        N_("Without an MX record, senders deliver to the A/AAAA address of the domain itself (RFC 5321 section 5.1). "
           "That works only if the web server's address also runs a mail server, and many senders treat it as a sign "
           "of a domain that does not receive mail."),
        N_("Publish an MX record naming the host that receives mail, for example \"example.com. MX 10 "
           "mail.example.com.\". "
           "If the domain should receive no mail, publish a null MX (\"MX 0 .\") instead.")},
    FindingDefinition{
        "dns.no_mail_host", S::critical, N_("No MX record and no address: mail cannot be delivered"),
        N_("The domain has no MX record and no A or AAAA record to fall back to, so no sender can deliver to it."),
        N_("Publish MX records naming your mail servers, or a null MX (\"MX 0 .\") if the domain receives no mail.")},
    FindingDefinition{
        "dns.mx_cname", S::warning, N_("MX target is an alias (CNAME)"),
        N_("RFC 2181 section 10.3 and RFC 5321 section 5.1 forbid an MX target that is a CNAME. Most senders follow "
           "the "
           "alias, but some refuse, and name checks on the certificate and in DANE become ambiguous."),
        N_("Point the MX record at the canonical host name (the target of the CNAME) instead of the alias.")},
    FindingDefinition{
        "dns.mx_ip_literal", S::critical, N_("MX target is written as an IP address"),
        N_("An MX record must name a host, not an address (RFC 5321 section 5.1). Senders look the text up as a "
           "host name, find nothing, and cannot deliver through this MX."),
        N_("Create a host name with an A/AAAA record for the address (for example mail.example.com) and use that "
           "name in the MX record.")},
    FindingDefinition{"dns.mx_no_address", S::critical, N_("MX host has no address"),
                      N_("The MX record names a host with no A or AAAA record, so senders cannot reach it."),
                      N_("Add A (and AAAA, if the server has IPv6) records for the MX host, or remove the MX record.")},
    FindingDefinition{"dns.too_many_mx", S::warning, N_("More MX hosts than mxray checks"),
                      N_("The domain lists more MX hosts than the configured bound; the rest were not checked."),
                      N_("Check whether so many MX records are intended; senders rarely try more than a few.")},
    FindingDefinition{"dns.too_many_addresses", S::warning, N_("More addresses for an MX host than mxray checks"),
                      N_("An MX host has more addresses than the configured bound; the rest were not checked."),
                      N_("Check whether so many addresses are intended.")},
    FindingDefinition{
        "dns.bogus", S::critical, N_("DNSSEC validation failed"),
        N_("The answers are signed but do not validate. Senders that validate DNSSEC treat the MX or its addresses "
           "as unusable and will not deliver."),
        N_("Fix the zone's signatures or the DS record at the parent (expired signatures and a DS for a removed key "
           "are the usual causes); `delv` or `drill -S` shows where the chain breaks.")},
    FindingDefinition{"dns.secure", S::ok, N_("The MX records are signed with DNSSEC"),
                      N_("The MX answer validated with DNSSEC, so senders can trust it and DANE can be used."),
                      N_("Nothing to do.")},
    // Address policy
    FindingDefinition{
        "address.special_range", S::warning, N_("MX address is not on the public internet"),
        N_("The address is loopback, private, link-local, shared (CGNAT), multicast or reserved. Senders on the "
           "internet cannot reach it, and mxray does not connect to such addresses unless told to."),
        N_("If this is a public domain, point the MX host at a public address. For an internal network, rerun "
           "mxray with --allow-private.")},
    // Reachability and greeting
    FindingDefinition{
        "smtp.unreachable", S::critical, N_("Port 25 is unreachable"),
        N_("mxray could not open a TCP connection to port 25 of this address, so no sender can deliver here."),
        N_("Check that the mail server runs and listens on port 25 of this address, and that no firewall or "
           "provider blocks inbound port 25.")},
    FindingDefinition{
        "smtp.not_tested_here", S::info, N_("Not tested from here: the connection failed at mxray's end"),
        N_("The connection to port 25 failed in a way that points at the network mxray runs on, not at the server: "
           "every port-25 connection of the check timed out (outgoing port 25 is blocked on many home and cloud "
           "networks), or this host has no route to IPv6. This says nothing about whether senders can deliver here."),
        N_("Run mxray from a host that sends mail (or another network). There, `nc -vz ADDRESS 25` tells whether "
           "the port answers; `ip -6 route show default` shows whether a host has an IPv6 route.")},
    FindingDefinition{
        "smtp.slow_connect", S::warning, N_("Slow TCP connection"),
        N_("Opening the connection took long. Senders give up after a timeout and queue the mail for later."),
        N_("Check the network path and the load of the server.")},
    FindingDefinition{
        "smtp.no_banner", S::critical, N_("No greeting from the server"),
        N_("The connection opened but the server never sent its 220 greeting, or closed the connection first. "
           "Senders wait, give up and retry later."),
        N_("Check the mail server's logs: an overloaded server, a broken content filter or a tarpit in front of it "
           "are the usual causes.")},
    FindingDefinition{
        "smtp.slow_banner", S::warning, N_("Slow greeting"),
        N_("The server took a long time to send its greeting. A deliberate pause (Postfix postscreen, greet delay) "
           "catches spam bots, but long ones delay legitimate mail too."),
        N_("If the delay is deliberate keep it short (a few seconds); otherwise look for DNS lookups or overload "
           "that slow the server down.")},
    FindingDefinition{
        "smtp.greeting_refused", S::critical, N_("The server refused the session (554 greeting)"),
        N_("The server answered the connection with a permanent refusal. Senders with this address will not deliver "
           "here. This is a refusal of the client, not a missing feature: mxray could not look further."),
        N_("If the refusal is unintended, check the server's client access rules (blocklists, postscreen, "
           "connection limits).")},
    FindingDefinition{
        "smtp.greeting_busy", S::info, N_("Inconclusive: the server turned us away for now (4xx greeting)"),
        N_("The server answered with a temporary refusal (typically 421): overloaded, rate limiting or greylisting "
           "this client. Senders retry later. mxray could not look further, which says nothing about STARTTLS or "
           "relaying."),
        N_("If this persists, check the server's connection limits and load; rerun the check later.")},
    FindingDefinition{"smtp.malformed_reply", S::critical, N_("The server's answer is not SMTP"),
                      N_("The server sent bytes that are not an SMTP reply. Senders give up on such a server."),
                      N_("Check that port 25 is served by a mail server, not by another service or a broken proxy.")},
    FindingDefinition{
        "smtp.bound_reached", S::warning, N_("The server's reply exceeded mxray's limits"),
        N_("A reply was longer than the configured bounds (line length, line count or size) or the session took "
           "longer than allowed. Many senders cut such a session short too."),
        N_("Shorten the server's replies (RFC 5321 allows 512 bytes per line) and check why it sends so much.")},
    FindingDefinition{
        "smtp.out_of_turn", S::warning, N_("The server sent replies out of turn"),
        N_("The server sent more than one reply to a command, or spoke before it was asked. A sender that pipelines "
           "commands (RFC 2920) then pairs each reply with the wrong command: a refused recipient can look accepted "
           "and an accepted one refused. mxray's own verdicts for the commands after it are less certain."),
        N_("Check for a proxy, filter or load balancer in front of the MTA that adds or repeats replies; an MTA "
           "alone answers each command exactly once.")},
    FindingDefinition{"smtp.dropped", S::warning, N_("The server closed the session early"),
                      N_("The server ended the session in the middle of the dialogue. Senders treat it as a temporary "
                         "failure and retry."),
                      N_("Check the server's logs for the reason (limits, filters, crashes).")},
    FindingDefinition{
        "smtp.stalled", S::warning, N_("The server stopped answering in the middle of the session"),
        N_("The server greeted, then left a command unanswered until mxray's time limit for it. Senders wait too, then "
           "give up and retry later: mail is delayed, and every later step of this check could not be tested. Tarpits "
           "and overloaded content filters behave like this."),
        N_("Check the server's load and its filters (milters, policy services, DNS lookups they make) for what blocks "
           "the reply; if the delay is a deliberate tarpit, keep it below a few seconds per reply.")},
    FindingDefinition{"smtp.ehlo_refused", S::warning, N_("EHLO refused: the server only speaks old SMTP (HELO)"),
                      N_("Without EHLO the server cannot announce extensions, so no STARTTLS, no SIZE, no 8BITMIME."),
                      N_("Enable ESMTP on the server; every current MTA supports it.")},
    FindingDefinition{"smtp.helo_refused", S::critical, N_("The server refused both EHLO and HELO"),
                      N_("The server rejected the greeting commands, so no sender can get to MAIL FROM."),
                      N_("Check the server's HELO restrictions; they should not reject a well-formed host name.")},
    FindingDefinition{
        "smtp.banner_version", S::info, N_("The greeting shows the server software and version"),
        N_("The banner names the MTA and its version, which helps an attacker look up known flaws."),
        N_("Remove the version from the greeting (Postfix: smtpd_banner = $myhostname ESMTP; Exim: smtp_banner).")},
    // STARTTLS and TLS
    FindingDefinition{
        "tls.starttls_missing", S::critical, N_("STARTTLS not offered: mail arrives unencrypted"),
        N_("The server does not announce STARTTLS, so every sender delivers in clear text over the internet."),
        N_("Configure a certificate and enable STARTTLS (Postfix: smtpd_tls_security_level = may with "
           "smtpd_tls_chain_files; Exim: tls_advertise_hosts = * with tls_certificate and tls_privatekey).")},
    FindingDefinition{
        "tls.starttls_failed", S::critical, N_("STARTTLS fails"),
        N_("The server offers STARTTLS but the upgrade fails (refused or the TLS handshake breaks). Senders usually "
           "fall back to clear text, or defer the mail if they require TLS."),
        N_("Check the server's TLS configuration and logs: unreadable key or certificate files and protocol or "
           "cipher settings that no client supports are the usual causes.")},
    FindingDefinition{"tls.ok", S::ok, N_("STARTTLS works"), N_("The server upgrades the session to TLS."),
                      N_("Nothing to do.")},
    FindingDefinition{
        "tls.old_version", S::warning, N_("TLS older than 1.2 negotiated"),
        N_("The best protocol this server offers is TLS 1.0 or 1.1, deprecated by RFC 8996 and refused by current "
           "clients that require TLS."),
        N_("Enable TLS 1.2 and 1.3 (upgrade the TLS library; Postfix: smtpd_tls_protocols = >=TLSv1.2 only once "
           "1.2 works).")},
    FindingDefinition{
        "tls.legacy_accepted", S::warning, N_("TLS 1.0 or 1.1 is still accepted"),
        N_("The server negotiates a current TLS version with current clients, but still completes a handshake "
           "with a client that offers only TLS 1.0 or 1.1 (deprecated by RFC 8996). Old and downgraded clients get "
           "weak encryption, and compliance scans (PCI DSS, BSI) flag it."),
        N_("Disable TLS 1.0 and 1.1 on the server once your senders are known to support TLS 1.2 (Postfix: "
           "smtpd_tls_protocols = >=TLSv1.2; Exim with OpenSSL: openssl_options = +no_tlsv1 +no_tlsv1_1).")},
    FindingDefinition{
        "tls.plaintext_injection", S::warning, N_("Data arrived in clear text right after STARTTLS"),
        N_("The server sent bytes after its \"220 Ready to start TLS\" before the handshake. Such bytes are read as "
           "if they were protected (the STARTTLS command injection flaw, CVE-2011-0411 and kin)."),
        N_("Upgrade the MTA or the proxy in front of it; a correct server discards buffered input at STARTTLS.")},
    // Certificate
    FindingDefinition{
        "cert.oversized", S::warning, N_("The certificate chain is larger than a sender should have to accept"),
        N_("The server presents a certificate or a chain beyond mxray's bounds (certificates per chain, bytes per "
           "certificate). mxray kept what it could: the leaf's names and dates. Senders have limits of their own "
           "(OpenSSL accepts 100 KiB for the whole chain by default) and may fail the handshake outright."),
        N_("Send the leaf and its intermediates only, never the root or duplicates; keep the subjectAltName list to "
           "the names this server answers for, and move unrelated names to their own certificates.")},
    FindingDefinition{
        "cert.expired", S::warning, N_("The certificate has expired"),
        N_("The server's certificate is past its end date. Senders that verify certificates (MTA-STS, DANE-TA, "
           "REQUIRETLS) refuse to deliver; the rest still encrypt but cannot trust the server."),
        N_("Renew the certificate and reload the mail server (with Let's Encrypt: `certbot renew`, then reload "
           "Postfix or Exim so it reads the new file).")},
    FindingDefinition{
        "cert.expiring", S::warning, N_("The certificate expires soon"),
        N_("The certificate ends within 30 days. When it expires, senders that verify certificates stop delivering."),
        N_("Renew it now and check that automatic renewal (certbot timer, ACME client) reloads the mail server.")},
    FindingDefinition{
        "cert.not_yet_valid", S::warning, N_("The certificate is not valid yet"),
        N_("The certificate's start date is in the future (or the server's clock is wrong). Senders that verify "
           "certificates refuse it."),
        N_("Install a certificate that is valid now, and check the server's clock (NTP).")},
    FindingDefinition{
        "cert.self_signed", S::warning, N_("Self-signed certificate"),
        N_("The certificate is signed by itself, not by a certificate authority, so senders cannot verify it. "
           "Mail is still encrypted, but senders that require verified TLS (MTA-STS) will not deliver."),
        N_("Get a certificate from a public CA (Let's Encrypt is free) for the MX host name, or publish DANE "
           "TLSA records that pin this certificate.")},
    FindingDefinition{
        "cert.incomplete_chain", S::warning, N_("The certificate chain is incomplete"),
        N_("The server sends its certificate without the intermediate CA certificate(s) needed to link it to a "
           "trusted root. Browsers sometimes repair this; mail senders do not."),
        N_("Configure the full chain: the certificate followed by its intermediates (Postfix: smtpd_tls_chain_files "
           "with fullchain.pem; Exim: tls_certificate = fullchain.pem).")},
    FindingDefinition{
        "cert.untrusted", S::warning, N_("The certificate is not trusted"),
        N_("The chain does not lead to a trusted certificate authority. Mail is still encrypted, but senders that "
           "require verified TLS (MTA-STS) will not deliver."),
        N_("Use a certificate from a public CA and send the full chain.")},
    FindingDefinition{
        "cert.name_mismatch", S::warning, N_("The certificate does not match the MX host name"),
        N_("None of the certificate's names covers the MX host name, which is the name senders verify (RFC 7672, "
           "RFC 8461). Senders that require verified TLS will not deliver."),
        N_("Get a certificate whose subject alternative names include the MX host name, or point the MX record at "
           "a name the certificate covers.")},
    FindingDefinition{
        "cert.weak_key", S::warning, N_("Weak certificate key"),
        N_("The certificate's key is shorter than current minimums (RSA below 2048 bits, EC below 224 bits)."),
        N_("Issue a new certificate with an RSA 2048+ or ECDSA P-256 key.")},
    FindingDefinition{"cert.sha1_signature", S::warning, N_("Certificate signed with SHA-1 or MD5"),
                      N_("SHA-1 and MD5 signatures can be forged; current clients reject them."),
                      N_("Issue a new certificate signed with SHA-256.")},
    FindingDefinition{
        "cert.dane_authenticated", S::info, N_("DANE senders authenticate this server by its TLSA record"),
        N_("A TLSA record matched the presented chain. With usage 3 (DANE-EE) DANE senders check only the key, "
           "so the certificate's dates, names and issuer do not matter to them (RFC 7672 section 3.1.1); with usage 2 "
           "(DANE-TA) the issuer does not. The certificate problems listed here affect only senders that verify "
           "certificates without DANE (MTA-STS), and those under MTA-STS enforce are reported as critical."),
        N_("Nothing to do for DANE senders. Fix the certificate if the domain also relies on MTA-STS.")},
    FindingDefinition{"cert.ok", S::ok, N_("The certificate is trusted and matches the MX host name"),
                      N_("The chain verifies against the trust store and covers the MX name."), N_("Nothing to do.")},
    // Relay
    FindingDefinition{
        "relay.open", S::critical, N_("Open relay: the server accepts mail for outside domains from anyone"),
        N_("The server answered 2xx to RCPT TO for a recipient in another domain, from an outside sender, without "
           "authentication. mxray never sends DATA, so this proves the server takes such a transaction, not that it "
           "would forward the message: a few servers accept every recipient and reject at DATA or bounce later. "
           "Spammers probe the same way and find open relays within hours; the address will be blocklisted."),
        N_("Allow relaying only for your own networks and authenticated users (Postfix: smtpd_relay_restrictions = "
           "permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination, with a tight mynetworks; "
           "Exim: acl_smtp_rcpt accepting relay only for relay_from_hosts and authenticated senders).")},
    FindingDefinition{"relay.closed", S::ok, N_("Not an open relay"),
                      N_("The server refused to relay for an outside sender."), N_("Nothing to do.")},
    FindingDefinition{
        "relay.desynced", S::info, N_("Inconclusive: the relay test's answers came out of turn"),
        N_("The server sent replies that belong to no command (an extra reply, or one before the command was "
           "sent), so mxray cannot tell which answer was the one to RCPT TO: a 250 may have answered another "
           "command and a 550 the relay attempt, or the other way round. No relay verdict is given; an open relay "
           "is not ruled out."),
        N_("Find what adds or reorders replies (a filtering proxy or load balancer in front of the mail server, a "
           "broken milter) and check again; test the relay by hand with swaks meanwhile.")},
    FindingDefinition{"relay.inconclusive", S::info, N_("The relay test could not be completed"),
                      N_("The server refused the sender or dropped the session before RCPT TO, so mxray could not tell "
                         "whether it relays."),
                      N_("Rerun with --relay-from set to a sender address the server accepts.")},
    // Diagnosis: the server, its session and its name
    FindingDefinition{
        "smtp.auth_plaintext", S::critical, N_("Password login offered before encryption"),
        N_("The server offers AUTH PLAIN or LOGIN before STARTTLS. A mail client (or a misconfigured server) that "
           "logs in right away sends the password in clear text over the network."),
        N_("Offer authentication only inside TLS (Postfix: smtpd_tls_auth_only = yes; Exim: auth_advertise_hosts = "
           "${if eq{$tls_in_cipher}{}{}{*}}; Exchange: require TLS on the receive connector), and move submission "
           "to port 587 or 465.")},
    FindingDefinition{
        "smtp.vrfy_enabled", S::warning, N_("VRFY confirms addresses"),
        N_("The server answers VRFY with the mailbox, so anyone can test which addresses exist (user enumeration) "
           "and harvest them for spam or password guessing."),
        N_("Disable VRFY (Postfix: disable_vrfy_command = yes; Exim: remove VRFY from acl_smtp_vrfy or deny it; "
           "Sendmail: PrivacyOptions=novrfy).")},
    FindingDefinition{
        "smtp.expn_enabled", S::warning, N_("EXPN expands mailing lists"),
        N_("The server answers EXPN with the members of a list or alias, which gives away internal addresses."),
        N_("Disable EXPN (Exim: do not set acl_smtp_expn to accept; Sendmail: PrivacyOptions=noexpn).")},
    FindingDefinition{
        "tls.not_required", S::info, N_("STARTTLS is offered but not required"),
        N_("The server accepts MAIL FROM without encryption. This is what RFC 3207 section 4 asks of a public MX "
           "(senders without TLS must still reach it); senders that want encryption use STARTTLS, and DANE or "
           "MTA-STS make them insist on it."),
        N_("Nothing to do for a public MX. To make senders insist on TLS, publish DANE TLSA records or an MTA-STS "
           "policy in enforce mode.")},
    FindingDefinition{
        "relay.trick_accepted", S::warning, N_("A relay trick was accepted for the server's own domain"),
        N_("The server accepted a recipient that hides an outside address behind its own domain or address "
           "(percent hack, bang path, '@' in the local part, quoted local part). Whether it then forwards the mail "
           "outside depends on its address rewriting; old and misconfigured servers do, which makes them open relays."),
        N_("Reject recipients with routing characters you do not use (Postfix: allow_percent_hack = no, "
           "swap_bangpath = no, and keep reject_unauth_destination; Exim: the default percent_hack_domains is "
           "empty, keep it so), and reject unknown local recipients at RCPT TO.")},
    FindingDefinition{
        "relay.deferred", S::info, N_("Inconclusive: the relay test was deferred (4xx)"),
        N_("The server answered the relay test with a temporary refusal (greylisting, rate limiting). It says "
           "nothing about whether it relays."),
        N_("Rerun the check later; greylisting usually lets the same sender through after a few minutes.")},
    FindingDefinition{
        "dns.ptr_missing", S::warning, N_("No reverse DNS (PTR) for the mail server's address"),
        N_("The address has no PTR record. Mail servers usually send from the same address as they receive on, "
           "and many receivers reject or score down mail from addresses without reverse DNS."),
        N_("Ask whoever runs the address block (your hosting or internet provider) to set a PTR record naming "
           "the mail server, for example mail.example.com.")},
    FindingDefinition{
        "dns.ptr_not_confirmed", S::warning, N_("Reverse DNS is not forward-confirmed"),
        N_("The PTR name of the address does not resolve back to the same address (forward-confirmed reverse "
           "DNS fails). Receivers that check FCrDNS treat mail from this address with suspicion."),
        N_("Make the PTR name resolve to this address with an A or AAAA record, or change the PTR to a name that "
           "does.")},
    FindingDefinition{"dns.ptr_ok", S::ok, N_("Reverse DNS is forward-confirmed"),
                      N_("The address has a PTR record whose name resolves back to it."), N_("Nothing to do.")},
    FindingDefinition{
        "smtp.banner_not_fqdn", S::info, N_("The greeting does not start with a fully qualified host name"),
        N_("RFC 5321 section 4.3.1 says the 220 greeting starts with the server's fully qualified domain name. "
           "Some senders and filters check it."),
        N_("Start the greeting with the server's own name (Postfix: smtpd_banner = $myhostname ESMTP, with "
           "myhostname set to the full name).")},
    FindingDefinition{
        "smtp.banner_name_mismatch", S::info,
        N_("The name in the greeting matches neither the MX name nor the reverse DNS"),
        N_("The host name the server announces differs from the MX record's name and from the PTR name of its "
           "address. That is legal and common behind load balancers, but it makes logs and certificate checks "
           "harder to follow, and some filters score it."),
        N_("Announce a name that the MX record or the PTR record also uses.")},
    FindingDefinition{
        "smtp.software", S::info, N_("Mail server software recognised"),
        N_("mxray recognised the mail server software from its greeting, its EHLO reply and its answers; the "
           "fixes below name this software's settings."),
        N_("Nothing to do.")},
    FindingDefinition{
        "smtp.unreachable_nolisting", S::warning, N_("Lowest-preference MX refuses connections (nolisting?)"),
        N_("This address of the primary MX refuses connections while a backup MX answers. Nolisting setups do "
           "this on purpose (spam bots often try only the primary); otherwise the primary is down."),
        N_("Nothing to do if this is deliberate nolisting. If not, start the mail server on the primary MX.")},
    FindingDefinition{
        "domain.nolisting", S::warning, N_("Inconclusive: nolisting or a dead primary MX"),
        N_("Every address of the lowest-preference MX refuses connections while a backup answers. This is either "
           "deliberate nolisting, which is harmless, or a primary MX that is down, in which case all mail goes "
           "through the backup. mxray cannot tell them apart."),
        N_("If you did not set up nolisting, bring the primary MX back.")},
};

}  // namespace

std::span<const FindingDefinition> mail_findings() { return kFindings; }

}  // namespace mxray::checks
