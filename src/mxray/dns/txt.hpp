// TXT records from untrusted wire data: each record's character-strings are joined (RFC 7208
// 3.3 style, as RFC 8461 and RFC 8460 expect); bounded by Limits::max_txt_records/max_txt_bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "mxray/core/limits.hpp"
#include "mxray/dns/resolver.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::dns {

/// The strings of one TXT rdata joined (raw bytes); nullopt when a length runs past the end
/// or the result exceeds `max_bytes`.
std::optional<std::string> parse_txt(std::span<const std::uint8_t> rdata, std::size_t max_bytes);

/// The TXT lookup as evidence, strings escaped for display.
report::TxtLookup txt_lookup(const DnsAnswer& answer, const core::Limits& limits);

}  // namespace mxray::dns
