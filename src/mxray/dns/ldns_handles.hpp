// Owning handles for ldns objects (packets and record lists), one home for the parsers of dns/.
#pragma once

#include <ldns/ldns.h>

#include <memory>

namespace mxray::dns {

struct PktDeleter {
  void operator()(ldns_pkt* p) const { ldns_pkt_free(p); }
};
struct RrListDeleter {
  void operator()(ldns_rr_list* l) const { ldns_rr_list_deep_free(l); }
};
using PacketHandle = std::unique_ptr<ldns_pkt, PktDeleter>;
using RrListHandle = std::unique_ptr<ldns_rr_list, RrListDeleter>;

}  // namespace mxray::dns
