// Probes shared across the checks of one scan: each (address, port, session kind, DANE
// signature) is probed once, and every check that needs it waits for that one probe and gets a
// copy of its evidence. Bounded: at most `max_entries` finished probes are kept (least recently
// used dropped first; a dropped one is probed again if needed). Single-threaded, one event loop.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>

#include "mxray/report/evidence.hpp"

namespace mxray::pipeline {

/// One probe as it was taken, for reuse by other domains.
struct SharedProbe {
  report::AddressEvidence evidence;  // as probed for MX `host`
  std::string host;                  // the MX name it was probed as
  std::string domain;                // the domain whose check made it
  long long taken_at_epoch = 0;
  bool done = false;
};

class ProbeCache {
 public:
  /// Keeps at most `max_entries` finished probes (0: no bound).
  explicit ProbeCache(std::size_t max_entries) : max_entries_(max_entries) {}
  ProbeCache(const ProbeCache&) = delete;
  ProbeCache& operator=(const ProbeCache&) = delete;

  /// The claim of a key: `owner` must probe and then call finish(); others wait().
  struct Claim {
    std::shared_ptr<SharedProbe> probe;
    bool owner = false;
  };
  Claim claim(const std::string& key, boost::asio::any_io_executor executor);
  /// Stores the owner's evidence and wakes every check waiting for it.
  void finish(const std::string& key, const std::shared_ptr<SharedProbe>& probe);
  /// Waits until the probe of `claim` is finished.
  boost::asio::awaitable<void> wait(const std::string& key, std::shared_ptr<SharedProbe> probe);

  std::size_t probes_made() const { return probes_made_; }
  std::size_t reuses() const { return reuses_; }
  std::size_t in_flight() const { return in_flight_; }
  std::size_t size() const { return entries_.size(); }

  /// The key of a session: the address, the port, full or TLS-only, the DANE signature.
  static std::string key_of(const std::string& ip, unsigned short port, bool tls_only,
                            const std::string& dane_signature);

 private:
  struct Entry {
    std::shared_ptr<SharedProbe> probe;
    std::shared_ptr<boost::asio::steady_timer> ready;  // cancelled when the probe is done
    std::list<std::string>::iterator lru;              // valid when the probe is done
  };
  void evict();

  std::size_t max_entries_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // finished keys, least recently used first
  std::size_t probes_made_ = 0;
  std::size_t reuses_ = 0;
  std::size_t in_flight_ = 0;
};

/// The evidence of `probe` as seen from MX `mx` of another domain: the certificate's name
/// matched against that MX's names (`names`), that domain's reverse DNS and blocklist
/// answers kept from `own`.
report::AddressEvidence reuse_for(const SharedProbe& probe, const report::MxEvidence& mx,
                                  const std::vector<std::string>& names, report::AddressEvidence own);

}  // namespace mxray::pipeline
