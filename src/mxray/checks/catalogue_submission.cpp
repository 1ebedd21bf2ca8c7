// The findings about mail submission services (--submission): RFC 6186 discovery, RFC 8314
// TLS, RFC 6409 and RFC 4954 authentication. Part of the findings catalogue (catalogue.hpp);
// ids are stable: never rename one.
#include <array>

#include "mxray/checks/catalogue_parts.hpp"
#include "mxray/i18n/translate.hpp"

namespace mxray::checks {
namespace {

using S = Severity;

constexpr std::array kFindings = {
    FindingDefinition{
        "submission.none_found", S::info, N_("No mail submission service was found"),
        N_("Mail clients find where to send a user's mail from the domain's _submissions._tcp and _submission._tcp SRV "
           "records (RFC 6186), or by trying the MX hosts and the usual smtp. and mail. names on ports 465 and 587. "
           "Neither gave a service that answers, so users of this domain must be told by hand where to send mail, or "
           "they send it elsewhere."),
        N_("If users of this domain send mail through a server of their own, publish it: `_submissions._tcp.DOMAIN. "
           "SRV 0 1 465 smtp.DOMAIN.` (and `_submission._tcp` for 587). If the domain only receives mail, nothing to "
           "do; "
           "`_submissions._tcp SRV 0 0 0 .` says so explicitly.")},
    FindingDefinition{
        "submission.srv_missing", S::info, N_("Submission services found, but no SRV records name them"),
        N_("A submission service answered at one of the usual names, but the domain publishes no _submissions._tcp "
           "or _submission._tcp SRV record (RFC 6186). Mail clients that configure themselves from DNS then guess, and "
           "a guess can pick a wrong or unprotected server."),
        N_("Publish SRV records for the services: `_submissions._tcp.DOMAIN. SRV 0 1 465 HOST.` for implicit TLS and "
           "`_submission._tcp.DOMAIN. SRV 0 1 587 HOST.` for STARTTLS.")},
    FindingDefinition{
        "submission.unreachable", S::warning, N_("A submission service cannot be reached"),
        N_("The SRV records name this host and port for submission, but mxray could not connect or was not "
           "greeted with 220. Mail clients configured from DNS cannot send mail through it."),
        N_("Check that the submission service runs and listens on that port (Postfix: the `submission` or "
           "`submissions` service in master.cf; `ss -ltnp | grep -E ':(465|587)'`), and that no firewall blocks it; or "
           "correct the SRV record.")},
    FindingDefinition{
        "submission.not_tested", S::info, N_("A submission address was not probed"),
        N_("The address of this submission service is in a private or special range, so mxray did not connect to it "
           "(the same rule as for MX hosts)."),
        N_("Nothing to do for a public check. For an internal network, run mxray with --allow-private.")},
    FindingDefinition{
        "submission.implicit_tls_missing", S::critical, N_("The implicit-TLS submission port does not speak TLS"),
        N_("On a port for implicit TLS (465, _submissions._tcp) the client starts a TLS handshake at once (RFC 8314 "
           "section 3.3). This one did not complete it: either it answers in plain text, or the handshake fails. Mail "
           "clients set to \"SSL/TLS\" cannot send mail, and a client that falls back sends the password unprotected."),
        N_("Run the service on this port with TLS from the first byte (Postfix: the `submissions` service in master.cf "
           "with `-o smtpd_tls_wrappermode=yes`), with a certificate for the host name; or point the SRV record at a "
           "port that does.")},
    FindingDefinition{
        "submission.starttls_missing", S::critical, N_("The submission service does not offer STARTTLS"),
        N_("On a STARTTLS submission port (587, _submission._tcp) the client must upgrade to TLS before it logs in "
           "(RFC 8314 section 3.2). This server does not offer STARTTLS, or refuses it, so users' passwords and mail "
           "cross the network in plain text."),
        N_("Enable TLS on the submission service (Postfix: `-o smtpd_tls_security_level=encrypt` for the "
           "`submission` service in master.cf, with smtpd_tls_cert_file and smtpd_tls_key_file set).")},
    FindingDefinition{
        "submission.tls_failed", S::critical, N_("The TLS handshake with the submission service failed"),
        N_("The server accepted STARTTLS but the TLS handshake did not complete, so mail clients cannot send mail "
           "through it securely."),
        N_("Check the server's TLS configuration and log (certificate and key files readable and matching, protocol "
           "versions and ciphers not restricted to ones clients lack).")},
    FindingDefinition{
        "submission.tls_old", S::warning, N_("The submission service negotiates a TLS version older than 1.2"),
        N_("RFC 8314 section 4.1 asks for TLS 1.2 or later between mail clients and submission servers; TLS 1.0 and "
           "1.1 are deprecated (RFC 8996) and refused by current clients."),
        N_("Allow TLS 1.2 and 1.3 on the submission service (Postfix: `smtpd_tls_protocols = >=TLSv1.2` and "
           "`smtpd_tls_mandatory_protocols = >=TLSv1.2`).")},
    FindingDefinition{
        "submission.plaintext_injection", S::critical,
        N_("Data arrived in clear text right after STARTTLS on the submission port"),
        N_("The server sent bytes after its \"220 Ready to start TLS\" before the handshake. A client reads such bytes "
           "as if they came through TLS (the STARTTLS command injection flaw, CVE-2011-0411 and kin); on a submission "
           "port, where clients log in next, an attacker can use it to steal the session."),
        N_("Upgrade the MTA or the proxy in front of it (a correct server discards buffered input at STARTTLS), or "
           "offer implicit TLS on 465, which has no plain-text phase.")},
    FindingDefinition{
        "submission.cert_untrusted", S::critical, N_("The submission service's certificate is not trusted"),
        N_("Mail clients verify the submission server's certificate against the trusted CAs (RFC 8314 section 4.1, "
           "RFC 7817). This one does not verify (self-signed, expired, or a missing intermediate), so clients refuse "
           "to "
           "send or show a warning that users learn to click away, which opens the door to an interception of their "
           "passwords."),
        N_("Install a certificate from a public CA for the host name, with its full chain (for Let's Encrypt the "
           "fullchain.pem), and reload the server.")},
    FindingDefinition{
        "submission.cert_name_mismatch", S::critical, N_("The submission service's certificate does not name the host"),
        N_("A mail client checks that the certificate names the host it was configured with or found in the SRV "
           "record (RFC 7817 section 3). This certificate does not, so clients refuse it or warn."),
        N_("Get a certificate that lists the host name as a subjectAltName, or point the SRV record and the clients "
           "at a name the certificate covers.")},
    FindingDefinition{
        "submission.cert_expiring", S::warning, N_("The submission service's certificate expires soon"),
        N_("The certificate ends within 30 days. When it expires, mail clients stop sending mail through this server."),
        N_("Renew the certificate and reload the server; check that automatic renewal (certbot, acme.sh) also reloads "
           "the mail server.")},
    FindingDefinition{
        "submission.auth_before_tls", S::critical, N_("The submission service offers AUTH before TLS"),
        N_("The EHLO reply before STARTTLS advertises AUTH, so a client may send its password in plain text, and "
           "an attacker who removes STARTTLS from the reply gets it (RFC 8314 section 3.2, RFC 4954 section 4). mxray "
           "never sends AUTH; the offer alone is the problem."),
        N_("Offer AUTH only inside TLS (Postfix: `smtpd_tls_auth_only = yes`, or `-o smtpd_tls_security_level=encrypt` "
           "on the submission service; Exim: `server_advertise_condition = ${if def:tls_in_cipher}`).")},
    FindingDefinition{
        "submission.auth_missing", S::warning, N_("The submission service offers no AUTH"),
        N_("Inside TLS the server's EHLO reply lists no AUTH mechanism, so mail clients cannot log in (RFC 6409 "
           "section 4.3 and RFC 4954). Unless clients authenticate by certificate, nobody can send mail through it."),
        N_("Enable SASL authentication on the submission service (Postfix: `-o smtpd_sasl_auth_enable=yes` with a "
           "SASL backend such as Dovecot: `smtpd_sasl_type = dovecot`, `smtpd_sasl_path = private/auth`).")},
    FindingDefinition{
        "submission.open_relay", S::critical, N_("The submission service relays without authentication"),
        N_("Without logging in, the server accepted a recipient outside its domains from an outside sender. A "
           "submission server must relay only for authenticated users (RFC 6409 section 6.1); this one can be used by "
           "anyone to send spam, and its address ends on blocklists. mxray sent no DATA, so no message was sent."),
        N_("Require authentication before relaying (Postfix: `-o "
           "smtpd_relay_restrictions=permit_sasl_authenticated,reject` "
           "and `-o smtpd_recipient_restrictions=permit_sasl_authenticated,reject` on the submission service).")},
    FindingDefinition{
        "submission.starttls_only", S::warning, N_("Submission only with STARTTLS, not with implicit TLS"),
        N_("The domain's submission works only through STARTTLS (587). RFC 8314 section 3.3 recommends implicit TLS "
           "on port 465 for mail submission: with STARTTLS the first exchange is in plain text, and a client that "
           "does not insist on the upgrade can be talked out of it."),
        N_("Also offer submission with implicit TLS on port 465 (Postfix: the `submissions` service in master.cf with "
           "`-o smtpd_tls_wrappermode=yes`) and publish `_submissions._tcp.DOMAIN. SRV 0 1 465 HOST.`.")},
    FindingDefinition{
        "submission.tls_legacy", S::warning, N_("The submission service still accepts TLS 1.0 or 1.1"),
        N_("The service negotiates a current TLS version with current clients, but a second, short handshake that "
           "offered only TLS 1.0 and 1.1 was completed too. RFC 8314 section 4.1 asks for TLS 1.2 or later, and TLS "
           "1.0 "
           "and 1.1 are deprecated (RFC 8996): an old or downgraded client logs in over weak encryption."),
        N_("Refuse TLS 1.0 and 1.1 on the submission service (Postfix: `smtpd_tls_protocols = >=TLSv1.2` and "
           "`smtpd_tls_mandatory_protocols = >=TLSv1.2`, or `-o` overrides on the submission and submissions services "
           "in "
           "master.cf; Dovecot submission: `ssl_min_protocol = TLSv1.2`).")},
    FindingDefinition{
        "submission.dane_bogus", S::warning, N_("The submission service's TLSA answer is DNSSEC-bogus"),
        N_("The TLSA records at _<port>._tcp.<host> are signed but do not validate. A client that checks DANE for "
           "submission (RFC 7673; Postfix relaying through this host with `smtp_tls_security_level = dane`, a few mail "
           "clients) cannot tell whether TLS must be authenticated, so it refuses to send."),
        N_("Fix the signatures of the zone holding _<port>._tcp.<host> (expired RRSIGs and a DS for a removed key are "
           "the usual causes); `delv TLSA _465._tcp.<host>` or `drill -S` shows where the chain breaks.")},
    FindingDefinition{
        "submission.dane_no_match", S::warning,
        N_("DANE: no TLSA record of the submission service matches its certificate"),
        N_("The service publishes DNSSEC-secure TLSA records at _<port>._tcp.<host>, found through a secure SRV record "
           "or its own name (RFC 7673), but the certificate presented matches none of them. Clients that check DANE "
           "for submission (Postfix relaying with `smtp_tls_security_level = dane`, a few mail clients) refuse to "
           "send; "
           "clients that only check the certificate are not affected."),
        N_("Update the TLSA records to the certificate actually deployed (or deploy the one they describe), and "
           "publish the next key's record before each key change (\"current + next\"); `openssl x509 -pubkey` and "
           "`ldns-dane` compute the record data.")},
    FindingDefinition{
        "submission.dane_ok", S::ok, N_("DANE authenticates the submission service"),
        N_("The service's DNSSEC-secure TLSA record (RFC 7673) matched the certificate on the same handshake as the "
           "rest of the session, so clients that check DANE can authenticate it without trusting any certificate "
           "authority."),
        N_("Nothing to do. Publish the next key's TLSA record before each key change.")},
    FindingDefinition{
        "submission.ok", S::ok, N_("The submission service is well protected"),
        N_("TLS came first (implicit TLS, or STARTTLS before AUTH was offered), the certificate verified for the host "
           "name, AUTH was offered only inside TLS, and an outside recipient was refused without authentication."),
        N_("Nothing to do.")},
};

}  // namespace

std::span<const FindingDefinition> submission_findings() { return kFindings; }

}  // namespace mxray::checks
