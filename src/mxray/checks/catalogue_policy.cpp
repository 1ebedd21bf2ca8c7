// The findings about DANE (RFC 7672), MTA-STS (RFC 8461) and TLS-RPT (RFC 8460).
// Part of the findings catalogue (catalogue.hpp); ids are stable: never rename one.
#include "mxray/checks/catalogue_parts.hpp"

#include <array>

#include "mxray/i18n/translate.hpp"

namespace mxray::checks {
namespace {

using S = Severity;

constexpr std::array kFindings = {
    // DANE (RFC 7672)
    FindingDefinition{
        "dane.ok", S::ok, N_("DANE: the certificate matches a TLSA record"),
        N_("OpenSSL's DANE verifier authenticated this server through a DNSSEC-signed TLSA record, so senders that "
           "support DANE deliver here over verified TLS."),
        N_("Nothing to do.")},
    FindingDefinition{
        "dane.missing", S::info, N_("DNSSEC-signed MX host without TLSA records"),
        N_("The MX host's addresses are DNSSEC-signed, so DANE is one record away: with a TLSA record at "
           "_25._tcp.<mx host>, senders that support DANE (Postfix, Exim, many large providers) would refuse any "
           "certificate but yours and could not be downgraded to clear text."),
        N_("Publish a TLSA record for the server's key, e.g. \"_25._tcp.mx.example.com. TLSA 3 1 1 <sha256 of the "
           "public key>\" (`openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | "
           "openssl sha256`), and a second one for the next key before each key change.")},
    FindingDefinition{
        "dane.unsigned_tlsa", S::warning, N_("TLSA records in an unsigned zone are ignored"),
        N_("TLSA records count only when DNSSEC-signed (RFC 7672 section 2.2): these are insecure, so every sender "
           "ignores them and the domain has no DANE protection although it seems to publish it."),
        N_("Sign the zone holding the TLSA records (and the MX host's address records) with DNSSEC and publish the DS "
           "at the parent, or remove the TLSA records.")},
    FindingDefinition{
        "dane.bogus", S::critical, N_("The TLSA answer is DNSSEC-bogus: DANE senders will not deliver"),
        N_("The TLSA records are signed but do not validate. A sender that validates DNSSEC cannot tell whether the "
           "MX requires DANE, so it defers the mail (RFC 7672 section 2.2) and mail queues until it bounces."),
        N_("Fix the signatures of the zone holding _25._tcp.<mx host> (expired RRSIGs and a DS for a removed key are "
           "the usual causes); `delv` or `drill -S` shows where the chain breaks.")},
    FindingDefinition{
        "dane.lookup_failed", S::warning, N_("The TLSA lookup failed"),
        N_("The query for the TLSA records did not get an answer (timeout or SERVFAIL). DANE senders defer mail "
           "while the TLSA lookup fails for a signed MX host (RFC 7672 section 2.2)."),
        N_("Check that every authoritative server of the MX host's zone answers TLSA queries (and queries for "
           "names under _tcp) with NOERROR or NXDOMAIN.")},
    FindingDefinition{
        "dane.unusable_usage", S::warning, N_("TLSA record with usage 0 or 1 is unusable for SMTP"),
        N_("RFC 7672 section 3.1.3: SMTP clients treat PKIX-TA(0) and PKIX-EE(1) records as unusable, because there "
           "is no agreed set of CAs for mail. When no other record is usable, senders fall back to unauthenticated "
           "TLS."),
        N_("Publish DANE-EE(3) records (\"3 1 1 <sha256 of the server's public key>\") or DANE-TA(2) records for "
           "your issuing CA instead of usages 0 and 1.")},
    FindingDefinition{
        "dane.no_match", S::critical, N_("DANE: no TLSA record matches: DANE senders will not deliver"),
        N_("The MX publishes secure TLSA records but the certificate this address presented matches none of them "
           "(or, for DANE-TA, its name does not match). Senders that support DANE refuse to deliver here and queue "
           "the mail until it bounces."),
        N_("Update the TLSA records to match the certificate actually deployed (or deploy the certificate they "
           "describe). Publish the next key's TLSA record before changing keys (\"current + next\").")},
    FindingDefinition{
        "dane.no_tls", S::critical, N_("DANE: no TLS session: DANE senders will not deliver"),
        N_("The MX publishes secure TLSA records, which tell senders to require TLS, but this address does not "
           "offer STARTTLS or the handshake fails. DANE senders will not deliver here."),
        N_("Enable STARTTLS with the certificate the TLSA records describe, or remove the TLSA records.")},
    FindingDefinition{
        "dane.record_unmatched", S::info, N_("A TLSA record matches no certificate at any address"),
        N_("One TLSA record matches no certificate any address of this MX presented, while another record does. "
           "It may be a prepared next key (fine) or a stale record for an old key."),
        N_("Remove TLSA records of retired keys; keep the record of a prepared next key only until the key change.")},
    FindingDefinition{
        "dane.single_key", S::info, N_("All TLSA records depend on one key"),
        N_("A single TLSA record, or records that all match the same key, leaves no room for a key or certificate "
           "change: the moment the server's key changes, DANE senders stop delivering."),
        N_("Follow the \"current + next\" practice: publish a TLSA record for the current key and one for the next "
           "key (or for the issuing CA with usage 2) before each change, and remove the old one after it.")},
    FindingDefinition{
        "dane.mta_sts_ignored", S::info, N_("DANE is in use, so DANE senders ignore MTA-STS for this MX"),
        N_("RFC 8461 section 2: senders that support DANE use the TLSA records and skip the MTA-STS policy for an "
           "MX with usable TLSA records. Both protect mail; the MTA-STS policy serves senders without DNSSEC."),
        N_("Nothing to do; keep the TLSA records and the MTA-STS policy consistent with the deployed certificates.")},
    // MTA-STS (RFC 8461)
    FindingDefinition{"mtasts.ok", S::ok, N_("MTA-STS policy in force"),
                      N_("The domain publishes a valid MTA-STS record "
                         "and policy, and the MX hosts satisfy it."),
                      N_("Nothing to do.")},
    FindingDefinition{
        "mtasts.mx_not_verified", S::info, N_("MTA-STS not verified for this MX: no address could be tested"),
        N_("The MX is listed by the policy, but mxray reached none of its addresses far enough to see the TLS a "
           "policy-honouring sender would see (refused, timed out, 4xx greeting). Whether such senders deliver here "
           "is unknown, so the policy is not reported as satisfied."),
        N_("Rerun the check when the MX answers; the per-address findings say what stopped mxray.")},
    FindingDefinition{
        "mtasts.none", S::info, N_("No MTA-STS"),
        N_("The domain publishes no _mta-sts TXT record and no policy, so senders without DNSSEC have no way to "
           "require verified TLS and an attacker on the path can strip STARTTLS."),
        N_("Publish a policy at https://mta-sts.<domain>/.well-known/mta-sts.txt (start with mode: testing) and a "
           "TXT record \"_mta-sts.<domain> TXT v=STSv1; id=<yyyymmddhhmmss>\".")},
    FindingDefinition{
        "mtasts.txt_several", S::warning, N_("Several MTA-STS TXT records: senders ignore them all"),
        N_("RFC 8461 section 3.1: when more than one TXT record at _mta-sts starts with v=STSv1, senders assume the "
           "domain has no MTA-STS policy."),
        N_("Keep exactly one \"v=STSv1; id=...\" record at _mta-sts.<domain>.")},
    FindingDefinition{
        "mtasts.txt_malformed", S::warning, N_("The MTA-STS TXT record is malformed"),
        N_("The _mta-sts record does not follow RFC 8461 section 3.1 (\"v=STSv1; id=<1 to 32 letters and digits>;\"), "
           "so senders assume there is no policy."),
        N_("Publish \"v=STSv1; id=20240101000000;\" with a new id for every policy change.")},
    FindingDefinition{
        "mtasts.txt_without_policy", S::warning, N_("MTA-STS TXT record without a usable policy"),
        N_("The domain announces an MTA-STS policy, but senders cannot fetch a valid one (the detail says why). "
           "Senders without a cached policy deliver as if there were none; those with a cached policy keep the old "
           "one."),
        N_("Serve the policy at https://mta-sts.<domain>/.well-known/mta-sts.txt with a publicly trusted certificate "
           "for "
           "that name, status 200, Content-Type text/plain, no redirect; or remove the TXT record.")},
    FindingDefinition{
        "mtasts.policy_without_txt", S::warning, N_("MTA-STS policy without a TXT record"),
        N_("A policy is served at mta-sts.<domain>, but without the _mta-sts TXT record senders never fetch it."),
        N_("Publish \"_mta-sts.<domain> TXT v=STSv1; id=<yyyymmddhhmmss>\".")},
    FindingDefinition{
        "mtasts.fetch_failed", S::warning, N_("The MTA-STS policy could not be fetched"),
        N_("Fetching https://mta-sts.<domain>/.well-known/mta-sts.txt failed (DNS, connection, TLS, certificate, "
           "HTTP status, redirect, content type or size: the detail says which). RFC 8461 section 3.3 forbids "
           "following redirects and requires a certificate valid for mta-sts.<domain>, status 200 and text/plain."),
        N_("Fix what the detail names: the policy host needs a publicly trusted certificate for mta-sts.<domain>, "
           "must answer 200 with Content-Type text/plain directly (no redirect) and a body under 64 KiB.")},
    FindingDefinition{
        "mtasts.policy_invalid", S::warning, N_("The MTA-STS policy is invalid"),
        N_("The policy lacks a required field or has an invalid value (version STSv1, mode enforce|testing|none, "
           "max_age 0..31557600, at least one mx), so senders discard it."),
        N_("Write the policy as lines \"version: STSv1\", \"mode: enforce\", \"mx: mail.example.com\" (one per MX or "
           "wildcard), \"max_age: 604800\".")},
    FindingDefinition{
        "mtasts.policy_bad_line", S::warning, N_("MTA-STS policy lines that senders cannot use"),
        N_("Some lines of the policy are malformed (no \"key: value\" form, invalid mx pattern, repeated key); "
           "senders skip or misread them."),
        N_("Correct or remove the lines named in the detail.")},
    FindingDefinition{"mtasts.mode_testing", S::info, N_("MTA-STS in testing mode"),
                      N_("Senders report failures (with TLS-RPT) but still deliver when the policy is not met."),
                      N_("Once TLS-RPT reports show no failures, switch to \"mode: enforce\".")},
    FindingDefinition{"mtasts.mode_none", S::info, N_("MTA-STS mode none: the policy is withdrawn"),
                      N_("Mode none tells senders to drop any policy they cached; MTA-STS protects nothing."),
                      N_("Nothing to do if you are retiring MTA-STS; otherwise use testing or enforce.")},
    FindingDefinition{
        "mtasts.enforce_mx_unlisted", S::critical,
        N_("MTA-STS enforce: the MX is not in the policy, so senders that honour the policy will not deliver there"),
        N_("The policy is in enforce mode and this MX host matches none of its mx patterns. Senders that honour "
           "MTA-STS treat the MX as invalid and will not deliver there."),
        N_("Add the MX host (or a \"*.\" wildcard covering it) to the policy's mx lines and change the id of the TXT "
           "record.")},
    FindingDefinition{
        "mtasts.enforce_tls_invalid", S::critical,
        N_("MTA-STS enforce: the certificate fails, so senders that honour the policy will not deliver there"),
        N_("The policy is in enforce mode and this address does not offer verified TLS: no STARTTLS, a failed "
           "handshake, an untrusted or expired certificate, or one that does not match the MX host name. Senders that "
           "honour MTA-STS will not deliver there."),
        N_("Install a publicly trusted certificate for the MX host name with its full chain, or move the policy to "
           "testing.")},
    FindingDefinition{"mtasts.testing_mx_unlisted", S::warning, N_("MTA-STS testing: the MX is not in the policy"),
                      N_("In testing mode senders still deliver but report a policy failure for this MX; in enforce "
                         "mode they would not deliver."),
                      N_("Add the MX host to the policy's mx lines before switching to enforce.")},
    FindingDefinition{"mtasts.testing_tls_invalid", S::warning, N_("MTA-STS testing: the certificate fails the policy"),
                      N_("In testing mode senders still deliver but report a failure for this address; in enforce mode "
                         "they would not deliver."),
                      N_("Install a publicly trusted certificate for the MX host name with its full chain before "
                         "switching to enforce.")},
    // TLS-RPT (RFC 8460)
    FindingDefinition{"tlsrpt.ok", S::ok, N_("TLS-RPT record present"),
                      N_("The domain asks senders for TLS failure "
                         "reports, so it hears when DANE or MTA-STS stops mail."),
                      N_("Nothing to do.")},
    FindingDefinition{
        "tlsrpt.missing", S::info, N_("No TLS-RPT record"),
        N_("The domain uses DANE or MTA-STS but publishes no _smtp._tls TXT record, so it never hears from senders "
           "when TLS to its MX hosts fails."),
        N_("Publish \"_smtp._tls.<domain> TXT v=TLSRPTv1; rua=mailto:tlsrpt@<domain>\".")},
    FindingDefinition{"tlsrpt.several", S::warning, N_("Several TLS-RPT records"),
                      N_("RFC 8460 section 3: with more than one v=TLSRPTv1 record, senders send no reports."),
                      N_("Keep one record and list every destination in its rua= field, comma-separated.")},
    FindingDefinition{"tlsrpt.malformed", S::warning, N_("The TLS-RPT record is malformed"),
                      N_("The _smtp._tls record does not follow RFC 8460 section 3 (\"v=TLSRPTv1; rua=<mailto: or "
                         "https: URI>[,...]\"), "
                         "so senders send no reports."),
                      N_("Publish \"v=TLSRPTv1; rua=mailto:tlsrpt@<domain>\".")},
};

}  // namespace

std::span<const FindingDefinition> policy_findings() { return kFindings; }

}  // namespace mxray::checks
