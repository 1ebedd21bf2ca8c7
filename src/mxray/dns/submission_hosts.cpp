// Submission service discovery; see submission_hosts.hpp. The two SRV queries run at once,
// then the A and AAAA queries of every planned host.
#include "mxray/dns/submission_hosts.hpp"
// Before ldns: its headers define `bool` macros that break <optional>.
#include "mxray/dns/tlsa.hpp"

#include <ldns/ldns.h>

#include <algorithm>
#include <memory>

#include "mxray/core/join.hpp"
#include "mxray/core/printable.hpp"
#include "mxray/core/text.hpp"
#include "mxray/dns/ldns_handles.hpp"
#include "mxray/dns/records.hpp"

namespace mxray::dns {
namespace asio = boost::asio;

namespace {

// RFC 6186 section 3.1: _submissions is implicit TLS, _submission is STARTTLS, whatever the port.
void add_service(std::vector<report::SubmissionService>& out, const std::string& host, int port, std::string found_by,
                 std::string mode) {
  for (const auto& s : out) {
    if (s.host == host && s.port == port) return;
  }
  report::SubmissionService s;
  s.host = host;
  s.port = port;
  s.mode = std::move(mode);
  s.found_by = std::move(found_by);
  out.push_back(std::move(s));
}

// A, AAAA and TLSA (_<port>._tcp.<host>, RFC 7673) of one service's host, at once.
asio::awaitable<void> resolve_service(Resolver& resolver, report::SubmissionService& service,
                                      const core::Limits& limits, FamilyFilter families) {
  std::vector<DnsAnswer> answers(2);
  DnsAnswer tlsa;
  std::vector<asio::awaitable<void>> queries;
  if (families.ipv4) queries.push_back(resolver.query_into(service.host, rrtype::kA, answers[0]));
  if (families.ipv6) queries.push_back(resolver.query_into(service.host, rrtype::kAaaa, answers[1]));
  queries.push_back(
      resolver.query_into("_" + std::to_string(service.port) + "._tcp." + service.host, rrtype::kTlsa, tlsa));
  co_await core::join_all(std::move(queries));
  fill_dane(tlsa, service.host, limits, service.dane, service.port);
  service.dane.rrsig_expires_epoch = earliest_rrsig_expiry(tlsa);
  std::vector<std::string> errors;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if ((i == 0 && !families.ipv4) || (i == 1 && !families.ipv6)) continue;
    const auto& a = answers[i];
    if (!a.error.empty()) {
      errors.push_back(a.error);
      continue;
    }
    if (a.nxdomain)
      errors.push_back("NXDOMAIN");
    else if (a.rcode != 0)
      errors.push_back("RCODE " + std::to_string(a.rcode));
    if (service.dnssec.empty() || a.dnssec == "bogus" || (a.dnssec == "insecure" && service.dnssec == "secure")) {
      service.dnssec = a.dnssec;
    }
    for (const auto& ip : parse_addresses(a)) {
      if (service.addresses.size() >= limits.max_addresses_per_host) break;
      report::SubmissionAddress addr;
      addr.ip = ip.to_string();
      service.addresses.push_back(std::move(addr));
    }
  }
  if (service.addresses.empty()) service.address_error = errors.empty() ? "no address" : core::join(errors, "; ");
}

}  // namespace

std::vector<report::SrvRecord> parse_srv(const DnsAnswer& answer) {
  std::vector<report::SrvRecord> out;
  if (answer.packet.empty()) return out;
  ldns_pkt* raw = nullptr;
  if (ldns_wire2pkt(&raw, answer.packet.data(), answer.packet.size()) != LDNS_STATUS_OK) return out;
  std::unique_ptr<ldns_pkt, PktDeleter> pkt(raw);
  std::unique_ptr<ldns_rr_list, RrListDeleter> list(
      ldns_pkt_rr_list_by_type(pkt.get(), LDNS_RR_TYPE_SRV, LDNS_SECTION_ANSWER));
  if (!list) return out;
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(list.get()); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(list.get(), i);
    if (ldns_rr_rd_count(rr) != 4) continue;
    bool ints = true;
    for (std::size_t k = 0; k < 3; ++k) ints = ints && ldns_rdf_get_type(ldns_rr_rdf(rr, k)) == LDNS_RDF_TYPE_INT16;
    if (!ints || ldns_rdf_get_type(ldns_rr_rdf(rr, 3)) != LDNS_RDF_TYPE_DNAME) continue;
    report::SrvRecord r;
    r.priority = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
    r.weight = ldns_rdf2native_int16(ldns_rr_rdf(rr, 1));
    r.port = ldns_rdf2native_int16(ldns_rr_rdf(rr, 2));
    const auto target = dname_text(ldns_rr_rdf(rr, 3));
    r.target = target.empty() ? "." : core::printable(target);  // "." : no service (RFC 2782)
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.priority != b.priority ? a.priority < b.priority : a.weight > b.weight;
  });
  return out;
}

report::SrvLookup srv_lookup(const DnsAnswer& answer, std::size_t max_records) {
  report::SrvLookup l;
  l.name = answer.qname;
  l.dnssec = answer.dnssec;
  l.rcode = answer.rcode;
  l.nxdomain = answer.nxdomain;
  if (!answer.error.empty()) {
    l.error = answer.error;
  } else if (answer.rcode != 0 && !answer.nxdomain) {
    l.error = answer.rcode == 2 ? "SERVFAIL" : "RCODE " + std::to_string(answer.rcode);
  }
  l.records = parse_srv(answer);
  if (l.records.size() > max_records) {
    l.records.resize(max_records);
    l.records_truncated = true;
  }
  return l;
}

std::vector<report::SubmissionService> plan_submission_services(const report::DomainEvidence& ev,
                                                                std::size_t max_hosts) {
  std::vector<report::SubmissionService> out;
  const auto& sub = ev.submission;
  if (!sub.submissions.records.empty() || !sub.submission.records.empty()) {
    for (const auto& r : sub.submissions.records) {
      if (r.target != "." && r.port != 0) add_service(out, r.target, r.port, "srv", "implicit_tls");
    }
    for (const auto& r : sub.submission.records) {
      if (r.target != "." && r.port != 0) add_service(out, r.target, r.port, "srv", "starttls");
    }
    return out;
  }
  std::vector<std::pair<std::string, std::string>> hosts;  // name, found_by
  for (const auto& mx : ev.mx) {
    if (!mx.host.empty() && !mx.ip_literal) hosts.emplace_back(mx.host, "mx");
  }
  if (hosts.size() + 2 > max_hosts) hosts.resize(max_hosts > 2 ? max_hosts - 2 : 0);
  for (const char* prefix : {"smtp.", "mail."}) hosts.emplace_back(prefix + ev.domain, "name");
  for (const auto& [host, by] : hosts) {
    add_service(out, host, 465, by, "implicit_tls");
    add_service(out, host, 587, by, "starttls");
  }
  return out;
}

asio::awaitable<void> resolve_submission(Resolver& resolver, report::DomainEvidence& ev, const core::Limits& limits,
                                         FamilyFilter families) {
  auto& sub = ev.submission;
  sub.checked = true;
  DnsAnswer implicit_tls;
  DnsAnswer starttls;
  std::vector<asio::awaitable<void>> queries;
  queries.push_back(resolver.query_into("_submissions._tcp." + ev.domain, kSrvType, implicit_tls));
  queries.push_back(resolver.query_into("_submission._tcp." + ev.domain, kSrvType, starttls));
  co_await core::join_all(std::move(queries));
  sub.submissions = srv_lookup(implicit_tls, limits.max_srv_records);
  sub.submission = srv_lookup(starttls, limits.max_srv_records);
  const bool from_srv = !sub.submissions.records.empty() || !sub.submission.records.empty();
  sub.source = from_srv ? "srv" : "guess";
  sub.services = plan_submission_services(ev, limits.max_submission_hosts);
  std::vector<asio::awaitable<void>> lookups;
  for (auto& s : sub.services) lookups.push_back(resolve_service(resolver, s, limits, families));
  co_await core::join_all(std::move(lookups));
}

}  // namespace mxray::dns
