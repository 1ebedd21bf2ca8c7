// See software_fixes.hpp. Every text is a msgid (N_), translated at render time.
#include "mxray/checks/software_fixes.hpp"

#include <array>

#include "mxray/i18n/translate.hpp"

namespace mxray::checks {
namespace {

struct SoftwareFix {
  std::string_view finding;
  std::string_view software;
  std::string_view fix;
};

constexpr std::array kFixes{
    SoftwareFix{"relay.open", "postfix",
                N_("In main.cf set smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, "
                   "reject_unauth_destination, and make mynetworks list only your own hosts (not 0.0.0.0/0 or a "
                   "whole provider range); then `postfix reload`.")},
    SoftwareFix{"relay.open", "exim",
                N_("In the acl_smtp_rcpt ACL keep \"require verify = recipient\" and accept relaying only for "
                   "hosts = +relay_from_hosts or authenticated = *; make relay_from_hosts list only your own "
                   "hosts; then restart Exim.")},
    SoftwareFix{"relay.open", "exchange",
                N_("On the Exchange receive connector facing the internet, remove the \"Ms-Exch-SMTP-Accept-Any-"
                   "Recipient\" permission for anonymous users (Get-ADPermission / Remove-ADPermission), and allow "
                   "relaying only on a separate connector limited to your own addresses.")},
    SoftwareFix{"relay.open", "sendmail",
                N_("Remove promiscuous_relay and relay_entire_domain from the .mc file, list only your own hosts "
                   "in /etc/mail/access (\"Connect:192.0.2 RELAY\"), rebuild sendmail.cf and restart Sendmail.")},
    SoftwareFix{"relay.open", "opensmtpd",
                N_("In smtpd.conf relay only \"from local\" or \"from auth\": the match rule for outside "
                   "destinations must not say \"from any\"; then `smtpctl reload` or restart smtpd.")},
    SoftwareFix{"tls.starttls_missing", "postfix",
                N_("In main.cf set smtpd_tls_security_level = may and smtpd_tls_chain_files = /path/key.pem, "
                   "/path/fullchain.pem; then `postfix reload`.")},
    SoftwareFix{"tls.starttls_missing", "exim",
                N_("Set tls_advertise_hosts = *, tls_certificate = /path/fullchain.pem and tls_privatekey = "
                   "/path/key.pem in the main configuration; then restart Exim.")},
    SoftwareFix{"tls.starttls_missing", "opensmtpd",
                N_("Add a pki for the host name and \"listen on egress tls pki <name>\" to smtpd.conf; then "
                   "restart smtpd.")},
    SoftwareFix{"tls.starttls_missing", "exchange",
                N_("Assign a certificate to the SMTP service (Enable-ExchangeCertificate -Services SMTP) and make "
                   "sure the receive connector has TLS authentication enabled.")},
    SoftwareFix{"cert.expired", "postfix",
                N_("Renew the certificate (`certbot renew`), check that smtpd_tls_chain_files (or "
                   "smtpd_tls_cert_file) points at the renewed file, then `postfix reload`; add a certbot deploy "
                   "hook that reloads Postfix.")},
    SoftwareFix{"cert.expired", "exim",
                N_("Renew the certificate (`certbot renew`), check that tls_certificate points at the renewed "
                   "fullchain.pem, then restart Exim; add a certbot deploy hook that restarts it.")},
    SoftwareFix{"cert.expired", "exchange",
                N_("Import the renewed certificate (Import-ExchangeCertificate), enable it for SMTP "
                   "(Enable-ExchangeCertificate -Services SMTP) and remove the expired one.")},
    SoftwareFix{"cert.incomplete_chain", "postfix",
                N_("Point smtpd_tls_chain_files at the key and fullchain.pem (certificate followed by the "
                   "intermediates), not cert.pem; then `postfix reload`.")},
    SoftwareFix{"cert.incomplete_chain", "exim",
                N_("Point tls_certificate at fullchain.pem (certificate followed by the intermediates), not "
                   "cert.pem; then restart Exim.")},
    SoftwareFix{"smtp.banner_version", "postfix",
                N_("In main.cf set smtpd_banner = $myhostname ESMTP; then `postfix reload`.")},
    SoftwareFix{"smtp.banner_version", "exim",
                N_("Set smtp_banner = $smtp_active_hostname ESMTP in the main configuration.")},
    SoftwareFix{"smtp.banner_version", "sendmail",
                N_("Set define(`confSMTP_LOGIN_MSG', `$j ESMTP') in the .mc file and rebuild sendmail.cf.")},
    SoftwareFix{"smtp.vrfy_enabled", "postfix",
                N_("In main.cf set disable_vrfy_command = yes; then `postfix reload`.")},
    SoftwareFix{"smtp.auth_plaintext", "postfix",
                N_("In main.cf set smtpd_tls_auth_only = yes (and offer AUTH on the submission ports 587/465 "
                   "only); then `postfix reload`.")},
    SoftwareFix{"tls.old_version", "postfix",
                N_("In main.cf set smtpd_tls_protocols = >=TLSv1.2 and smtpd_tls_mandatory_protocols = "
                   ">=TLSv1.2 once you know your senders support TLS 1.2; then `postfix reload`.")},
    SoftwareFix{"tls.old_version", "exim",
                N_("Set tls_require_ciphers (GnuTLS: NORMAL:-VERS-TLS1.0:-VERS-TLS1.1) or openssl_options = +no_tlsv1 "
                   "+no_tlsv1_1.")},
};

}  // namespace

std::string_view software_fix(std::string_view finding_id, std::string_view software_id) {
  for (const auto& f : kFixes) {
    if (f.finding == finding_id && f.software == software_id) return f.fix;
  }
  return {};
}

}  // namespace mxray::checks
