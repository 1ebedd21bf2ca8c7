// TLSA records (RFC 6698 2.1) from untrusted wire data, and the DANE facts of one MX host
// (RFC 7672 section 2.2). Every length is checked; data longer than Limits::max_cert_bytes is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "mxray/core/limits.hpp"
#include "mxray/dns/resolver.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::dns {

/// One TLSA rdata; nullopt when shorter than 4 bytes or longer than `max_data` + 3.
std::optional<report::TlsaRecord> parse_tlsa(std::span<const std::uint8_t> rdata, std::size_t max_data);

/// Fills `dane` from the TLSA answer for `_<port>._tcp.<base_domain>`: what was published, not
/// whether it applies (the judge decides that, checks::dane_applies).
void fill_dane(const DnsAnswer& answer, const std::string& base_domain, const core::Limits& limits,
               report::DaneEvidence& dane, int port = 25);

/// Lower-case hex of bytes.
std::string to_hex(std::span<const std::uint8_t> bytes);

}  // namespace mxray::dns
