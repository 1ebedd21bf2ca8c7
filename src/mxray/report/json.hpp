// JSON for the evidence (both ways, so saved evidence can be judged again) and the report
// (evidence plus findings and verdicts, schema "mxray.report/1", docs/json-schema.md).
#pragma once

#include <nlohmann/json.hpp>

#include "mxray/checks/finding.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::report {

// to_json / from_json for every evidence struct; field names are the member names.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ConnectEvidence, attempted, ok, ms, queued_ms, error, error_kind,
                                                source)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BannerEvidence, received, code, text, ms, error, lines, first_line_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EhloEvidence, sent, command, code, text, ms, error, ehlo_refused,
                                                extensions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(StartTlsEvidence, offered, attempted, ok, code, reply_text, version,
                                                cipher, key_exchange, ms, error, bytes_before_handshake,
                                                legacy_versions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CertificateFacts, subject, issuer, serial, not_before, not_after,
                                                not_before_epoch, not_after_epoch, san, key_type, key_bits, key_curve,
                                                signature_algorithm, sha256, self_signed, der_bytes, san_count,
                                                san_truncated)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CertificateEvidence, present, chain, chain_length_presented, trusted,
                                                chain_trusted, verify_code, verify_error, hostname_match, matched_name,
                                                days_left, chain_truncated, truncation, name_matches)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CommandProbe, sent, command, code, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReverseDnsEvidence, looked_up, names, forward_confirmed, confirmed_name,
                                                dnssec, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RelayAttempt, variant, mail_from, rcpt_to, mail_code, mail_text, code,
                                                text, accepted, targets_outside)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RelayEvidence, tested, mode, skipped_reason, over_tls, source, attempts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TlsaRecord, usage, selector, matching_type, data, usable,
                                                unusable_reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DaneEvidence, looked_up, tlsa_name, base_domain, dnssec, rcode,
                                                nxdomain, error, why_bogus, records, records_truncated, applies,
                                                rrsig_expires_epoch)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DaneAddressResult, checked, matched, matched_record, depth, error,
                                                record_depths)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DnsblLookup, zone, query, answered, codes, reason, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReplyTiming, command, ms)
}  // namespace mxray::report
namespace mxray::core {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TimedStep, session, step, start_ms, ms, ok)
}  // namespace mxray::core
namespace mxray::report {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RetryEvidence, retried, reason, not_retried, wait_ms, stated_wait_s,
                                                first_banner, deferred_command, deferred_code, deferred_text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(AddressEvidence, ip, family, special_range, allowed, connect, banner,
                                                ehlo, starttls, ehlo_tls, certificate, vrfy, expn, mail_before_tls,
                                                relay, reverse_dns, dane, dnsbl, shared_with, evidence_from, quit_sent,
                                                bounds_hit, out_of_turn, reply_times, retry, concurrent_refusal,
                                                sessions_serialised, aborted, aborted_kind, timeline, duration_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MxEvidence, host, preference, implicit, ip_literal, cname_target,
                                                dnssec, address_error, addresses_truncated, addresses, dane, direct,
                                                rrsig_expires_epoch)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TxtLookup, name, dnssec, rcode, nxdomain, error, records)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PolicyLineProblem, line, text, problem)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MtaStsPolicy, parsed, version, mode, mx, max_age, errors, bad_lines,
                                                unknown_keys, valid)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PolicyFetch, attempted, url, host, addresses, ip, error, error_kind,
                                                tls_version, cert_trusted, cert_name_match, cert_error, status,
                                                location, content_type, body_bytes, ok, ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MtaStsMxResult, host, matches, pattern)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MtaStsEvidence, txt, sts_records, id, txt_error, txt_detail, fetch,
                                                policy, mx)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TlsRptEvidence, txt, rpt_records, rua, error, detail)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(VantageEvidence, ehlo_name, resolvers, trust_anchor)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TargetEvidence, kind, mx_lookup, skipped)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(NextCertificateMx, host, matched_name, tlsa_looked_up, record_depths)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(NextCertificateEvidence, given, file, error, chain, mx)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DnsblEvidence, zones, skipped)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SrvRecord, priority, weight, port, target)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SrvLookup, name, dnssec, rcode, nxdomain, error, records,
                                                records_truncated)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SubmissionAddress, ip, special_range, allowed, connect, tls, banner,
                                                ehlo, ehlo_tls, certificate, dane, relay, plaintext_reply, quit_sent,
                                                aborted, aborted_kind, timeline, duration_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SubmissionService, host, port, mode, found_by, dnssec, address_error,
                                                dane, addresses)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SubmissionEvidence, checked, submissions, submission, source, tried,
                                                services)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DomainEvidence, schema, input, domain, checked_at, checked_at_epoch,
                                                mx_dnssec, mx_rcode, mx_rrsig_expires_epoch, target, null_mx,
                                                null_mx_preference, implicit_mx, mx_truncated, deadline_hit,
                                                allow_private, port, vantage, mx, mta_sts, tls_rpt, next_certificate,
                                                dnsbl, submission, timeline, duration_ms)

/// The full report: the evidence with verdicts merged in, and the findings with their texts
/// in `language` (ids stay stable).
nlohmann::json report_json(const DomainEvidence& evidence, const checks::Judgement& judgement,
                           std::string_view language = "en");

/// The report of a check that could not be made (exit code 3): the domain and the reason.
nlohmann::json error_json(const std::string& input, const std::string& message);

}  // namespace mxray::report
