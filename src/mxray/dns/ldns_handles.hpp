// Owning handles for ldns objects (packets and record lists) and the name conversion, one home
// for the parsers of dns/.
#pragma once

#include <ldns/ldns.h>

#include <memory>
#include <string>

namespace mxray::dns {

struct PktDeleter {
  void operator()(ldns_pkt* p) const { ldns_pkt_free(p); }
};
struct RrListDeleter {
  void operator()(ldns_rr_list* l) const { ldns_rr_list_deep_free(l); }
};
using PacketHandle = std::unique_ptr<ldns_pkt, PktDeleter>;
using RrListHandle = std::unique_ptr<ldns_rr_list, RrListDeleter>;

/// A domain-name rdata as text: lower case, no trailing dot; the root is "" (records.cpp).
std::string dname_text(const ldns_rdf* rdf);

}  // namespace mxray::dns
