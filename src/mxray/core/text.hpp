// Small text helpers used across the stages, one home each: ASCII case folding, trimming,
// hex encoding, joining lists, DNS name normalisation. ASCII only, on purpose: protocol keywords and DNS
// names in A-label form are ASCII, and locale-dependent folding would make results vary.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mxray::core {

/// `s` with A-Z folded to a-z (other bytes unchanged).
std::string ascii_lower(std::string_view s);
/// `s` with a-z folded to A-Z (other bytes unchanged).
std::string ascii_upper(std::string_view s);
/// `s` without leading and trailing spaces and tabs.
std::string_view trim_blanks(std::string_view s);
/// `s` without leading and trailing spaces, tabs, CR and LF.
std::string_view trim_space(std::string_view s);
/// Lower-case hex of `n` bytes.
std::string hex_lower(const unsigned char* data, std::size_t n);
/// The items with `separator` between them ("a, b, c").
std::string join(const std::vector<std::string>& items, std::string_view separator);
/// A DNS name compared as names are: lower case, without the final dot.
std::string normal_name(std::string_view name);

}  // namespace mxray::core
