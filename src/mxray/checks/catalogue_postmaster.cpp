// The findings about checks a postmaster runs around a change: a host or address checked
// directly, what lapses by a later moment (--at), the certificate about to be deployed
// (--next-cert). Part of the findings catalogue (catalogue.hpp); ids are stable: never rename one.
#include <array>

#include "mxray/checks/catalogue_parts.hpp"
#include "mxray/i18n/translate.hpp"

namespace mxray::checks {
namespace {

using S = Severity;

constexpr std::array kFindings = {
    // Direct targets
    FindingDefinition{
        "target.host", S::info, N_("A host checked directly: no MX lookup was made"),
        N_("The host was probed as if it were the only MX of its own name (--host), as before a DNS change points "
           "MX records at it. Its addresses and TLSA records were looked up; MTA-STS and TLS-RPT belong to a domain, "
           "not to a host, so they were not checked."),
        N_("Nothing to do. Check the domain itself (without --host) once its MX records point here.")},
    FindingDefinition{
        "target.address", S::info, N_("An address checked directly: no DNS lookup was made"),
        N_("The address literal was probed as given, as before any DNS record points at it. Without a name there are "
           "no MX, TLSA, MTA-STS or TLS-RPT records to look up, and the certificate's names are not compared with "
           "anything; connection, greeting, EHLO, STARTTLS, the certificate chain and the relay test were checked."),
        N_("Nothing to do. Check the host with --host, or the domain, once DNS names it.")},
    // What lapses (the leaf certificate has cert.expired and cert.expiring)
    FindingDefinition{
        "cert.chain_expired", S::warning, N_("A certificate of the chain has expired"),
        N_("An intermediate certificate the server sends is past its end date at the moment judged. Senders that "
           "verify certificates (MTA-STS, DANE-TA) then fail to build a valid chain, even though the server's own "
           "certificate is still valid."),
        N_("Install the current intermediate certificate of your CA in the server's chain file (for Let's Encrypt, "
           "the fullchain.pem of a fresh renewal) and reload the server.")},
    FindingDefinition{
        "cert.chain_expiring", S::warning, N_("A certificate of the chain expires soon"),
        N_("An intermediate certificate the server sends ends within 14 days of the moment judged. When it expires, "
           "senders that verify certificates stop delivering, whatever the server's own certificate says."),
        N_("Get the CA's current intermediate certificate into the server's chain file before that date, usually by "
           "renewing the certificate and deploying the new full chain.")},
    FindingDefinition{
        "dns.signature_expired", S::critical, N_("DNSSEC signatures of mail records will have lapsed"),
        N_("The RRSIG of this record set ends before the moment judged. Unless the zone is signed again by then, "
           "validating resolvers answer SERVFAIL (bogus) for it: senders behind them cannot find the MX hosts or their "
           "addresses and queue the mail until it bounces."),
        N_("Make sure the signer re-signs the zone well before signatures end (check that the signing job or "
           "service runs: `dnssec-signzone`, BIND inline-signing, Knot, OpenDNSSEC), then check the zone with "
           "`ldns-verify-zone` or `dnssec-verify`.")},
    FindingDefinition{
        "dns.signature_expiring", S::warning, N_("DNSSEC signatures of mail records end within days"),
        N_("The RRSIG of this record set ends within 3 days of the moment judged. Signers normally refresh signatures "
           "a week or more before they end, so one this close to its end suggests that re-signing has stopped; when it "
           "ends, the answers turn bogus and mail queues."),
        N_("Check that the zone's signer is running and re-signs the zone, then check the new signatures' dates with "
           "`dig +dnssec` on the record set.")},
    FindingDefinition{
        "dane.signature_expired", S::critical, N_("The DNSSEC signature of the TLSA records will have lapsed"),
        N_("The RRSIG of the TLSA records ends before the moment judged. Unless they are signed again, the TLSA "
           "answer becomes bogus and DANE senders defer all mail to this MX (RFC 7672 section 2.2)."),
        N_("Make sure the zone holding _25._tcp.<mx host> is re-signed before its signatures end; check the signer "
           "and then the new signature dates with `dig +dnssec TLSA _25._tcp.<mx host>`.")},
    FindingDefinition{
        "dane.signature_expiring", S::warning, N_("The DNSSEC signature of the TLSA records ends within days"),
        N_("The RRSIG of the TLSA records ends within 3 days of the moment judged, later than signers usually "
           "refresh them. When it ends, DANE senders defer all mail to this MX."),
        N_("Check that the zone's signer runs and re-signs _25._tcp.<mx host>.")},
    FindingDefinition{
        "mtasts.cached_until", S::info, N_("Senders still hold this MTA-STS policy at the moment judged"),
        N_("Senders that fetched the policy at check time cache it for max_age (RFC 8461 section 5) and apply its "
           "mx patterns until then, even if DNS changes in between. An MX host introduced before that date must match "
           "the cached patterns, or senders in mode enforce will not deliver to it."),
        N_("Before moving mail to new hosts, add them to the policy's mx lines (and change the id in the TXT "
           "record) at least max_age ahead, or lower max_age well before the move.")},
    // Blocklists (--dnsbl, RFC 5782)
    FindingDefinition{
        "dnsbl.listed", S::warning, N_("The address is on a DNS blocklist"),
        N_("A blocklist lists this address. Receivers that consult the list reject or junk mail sent from it, and an "
           "MX that also sends (bounces, forwarding, a shared outbound relay) loses mail. Open relays and infected "
           "hosts "
           "land on lists within hours."),
        N_("Find and stop the cause first (open relay, compromised account, infected host, a misconfigured "
           "forwarder), then ask for removal on the list's own lookup page; most lists delist automatically once the "
           "traffic stops.")},
    FindingDefinition{"dnsbl.not_listed", S::ok, N_("The address is on none of the blocklists asked"),
                      N_("Every blocklist asked answered that it does not list this address."), N_("Nothing to do.")},
    FindingDefinition{
        "dnsbl.refused", S::info, N_("A blocklist refused to answer"),
        N_("The list answered with a refusal code instead of a listing (127.255.255.x): usually because the query "
           "came through a public resolver or a resolver that sends too many queries. Whether the address is listed is "
           "unknown."),
        N_("Ask the list through your own recursive resolver (--resolver pointing at it), or register for the list's "
           "query service if it requires one.")},
    FindingDefinition{
        "dnsbl.lookup_failed", S::info, N_("A blocklist lookup failed"),
        N_("The query to the blocklist timed out, failed, or got an answer no blocklist gives, so whether the address "
           "is listed is unknown."),
        N_("Check the zone name, then retry; a list that no longer exists answers nothing or everything, so remove it "
           "from your --dnsbl options.")},
    FindingDefinition{
        "dnsbl.skipped", S::info, N_("The default blocklists were not asked"),
        N_("The resolver given with --resolver is a public resolver (Google, Cloudflare, Quad9, OpenDNS, ...). The big "
           "lists refuse queries that come through those, so their answers would say nothing."),
        N_("Run the check with your own recursive resolver, or name the lists you can query with --dnsbl ZONE.")},
    // The next certificate (--next-cert)
    FindingDefinition{
        "nextcert.ok", S::ok, N_("The new certificate fits this MX"),
        N_("The certificate about to be deployed covers the MX name and, where DANE applies, matches a published TLSA "
           "record, so senders that verify will accept it."),
        N_("Nothing to do: deploy it.")},
    FindingDefinition{
        "nextcert.tlsa_mismatch", S::critical, N_("After deploying the new certificate, DANE senders will not deliver"),
        N_("No usable TLSA record published for this MX matches the new certificate (DANE-EE: its key or the "
           "certificate itself; DANE-TA: a CA certificate in the file above it). Once it is deployed, every sender "
           "that "
           "supports DANE refuses to deliver until the TLSA records are changed and their old TTL has run out."),
        N_("Publish a TLSA record for the new key beside the current one (\"current + next\"), wait at least the TLSA "
           "record's TTL, then deploy the certificate; remove the old record afterwards.")},
    FindingDefinition{
        "nextcert.tlsa_match", S::ok, N_("A published TLSA record matches the new certificate"),
        N_("A usable TLSA record of this MX already authenticates the new certificate, so DANE senders keep "
           "delivering after it is deployed."),
        N_("Nothing to do. After deploying, remove TLSA records that only matched the old certificate.")},
    FindingDefinition{
        "nextcert.name_mismatch", S::warning, N_("The new certificate does not cover the MX name"),
        N_("The MX host name is not among the new certificate's names. Once deployed, senders that verify names "
           "(MTA-STS, DANE-TA) stop delivering."),
        N_("Request the certificate with the MX host name as a subjectAltName, e.g. `certbot certonly -d "
           "mx.example.com`.")},
    FindingDefinition{"nextcert.expired", S::critical, N_("The new certificate will have expired"),
                      N_("The certificate about to be deployed ends before the moment judged."),
                      N_("Deploy a freshly issued certificate instead.")},
    FindingDefinition{
        "nextcert.not_yet_valid", S::warning, N_("The new certificate is not yet valid"),
        N_("The certificate about to be deployed starts after the moment judged; deployed now, senders that verify "
           "certificates would refuse it until then."),
        N_("Deploy it on or after its start date, or check the clock of the machine that issued it.")},
};

}  // namespace

std::span<const FindingDefinition> postmaster_findings() { return kFindings; }

}  // namespace mxray::checks
