// See probe_cache.hpp. A waiter sleeps on the entry's timer (set to never expire); finish()
// cancels it, which wakes every waiter at once. Only finished entries are ever dropped, so a
// waiter always finds the entry it waits for.
#include "mxray/pipeline/probe_cache.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>

#include "mxray/tls/name_match.hpp"

namespace mxray::pipeline {
namespace asio = boost::asio;

std::string ProbeCache::key_of(const std::string& ip, unsigned short port, bool tls_only,
                               const std::string& dane_signature) {
  return ip + '|' + std::to_string(port) + (tls_only ? "|tls|" : "|full|") + dane_signature;
}

ProbeCache::Claim ProbeCache::claim(const std::string& key, asio::any_io_executor executor) {
  if (auto it = entries_.find(key); it != entries_.end()) {
    ++reuses_;
    if (it->second.probe->done) lru_.splice(lru_.end(), lru_, it->second.lru);
    return Claim{it->second.probe, false};
  }
  Entry entry;
  entry.probe = std::make_shared<SharedProbe>();
  entry.ready = std::make_shared<asio::steady_timer>(executor);
  entry.ready->expires_at(asio::steady_timer::time_point::max());
  entry.lru = lru_.end();
  auto probe = entry.probe;
  entries_.emplace(key, std::move(entry));
  ++probes_made_;
  ++in_flight_;
  return Claim{std::move(probe), true};
}

void ProbeCache::finish(const std::string& key, const std::shared_ptr<SharedProbe>& probe) {
  probe->done = true;
  if (in_flight_ > 0) --in_flight_;
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.probe != probe) return;
  it->second.ready->cancel();
  it->second.lru = lru_.insert(lru_.end(), key);
  evict();
}

asio::awaitable<void> ProbeCache::wait(const std::string& key, std::shared_ptr<SharedProbe> probe) {
  if (probe->done) co_return;
  const auto it = entries_.find(key);
  if (it == entries_.end()) co_return;
  auto timer = it->second.ready;  // kept alive by this frame, whatever happens to the entry
  while (!probe->done) {
    auto [ec] = co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
    (void)ec;
  }
}

void ProbeCache::evict() {
  while (max_entries_ != 0 && lru_.size() > max_entries_) {
    entries_.erase(lru_.front());
    lru_.pop_front();
  }
}

namespace {

// The names the leaf certificate answers for (RFC 6125 6.4.4: the CN only without DNS names).
std::vector<std::string> leaf_names(const report::CertificateEvidence& cert) {
  std::vector<std::string> names;
  if (cert.chain.empty()) return names;
  const auto& leaf = cert.chain.front();
  for (const auto& s : leaf.san) {
    if (s.rfind("IP:", 0) != 0) names.push_back(s);
  }
  if (names.empty()) {
    if (const auto at = leaf.subject.find("CN="); at != std::string::npos) {
      const auto end = leaf.subject.find_first_of(",/", at + 3);
      names.push_back(leaf.subject.substr(at + 3, end == std::string::npos ? std::string::npos : end - at - 3));
    }
  }
  return names;
}

}  // namespace

report::AddressEvidence reuse_for(const SharedProbe& probe, const report::MxEvidence& mx,
                                  const std::vector<std::string>& names, report::AddressEvidence own) {
  report::AddressEvidence ev = probe.evidence;
  ev.reverse_dns = std::move(own.reverse_dns);
  ev.dnsbl = std::move(own.dnsbl);
  auto& cert = ev.certificate;
  if (cert.present) {
    // Only this domain's names: the report of one domain does not list another's MX names.
    const auto sans = leaf_names(cert);
    std::map<std::string, std::string> matches;
    const auto match = [&](const std::string& name) {
      if (name.empty() || matches.count(name) != 0) return;
      if (const auto it = cert.name_matches.find(name); it != cert.name_matches.end()) {
        matches[name] = it->second;  // matched at probe time against every SAN, not only those kept
      } else if (auto m = tls::first_match(sans, name); !m.empty()) {
        matches[name] = std::move(m);
      }
    };
    for (const auto& name : names) match(name);
    match(mx.host);
    match(mx.cname_target);
    cert.name_matches = std::move(matches);
    cert.matched_name.clear();
    for (const auto* name : {&mx.host, &mx.cname_target}) {
      if (const auto it = cert.name_matches.find(*name); !name->empty() && it != cert.name_matches.end()) {
        cert.matched_name = it->second;
        break;
      }
    }
    cert.hostname_match = !cert.matched_name.empty();
  }
  return ev;
}

}  // namespace mxray::pipeline
