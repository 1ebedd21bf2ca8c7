// Domain name normalisation; see domain_name.hpp.
#include "mxray/dns/domain_name.hpp"
#include "mxray/core/text.hpp"

#include <idn2.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>

namespace mxray::dns {
namespace {

std::string_view trim(std::string_view s) { return core::trim_space(s); }
std::string lower(std::string_view s) { return core::ascii_lower(s); }

NormalisedName fail(std::string message) { return {{}, std::move(message)}; }

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

bool looks_like_ip_literal(std::string_view name) {
  std::string s(name);
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  boost::system::error_code ec;
  boost::asio::ip::make_address(s, ec);
  return !ec;
}

NormalisedName normalise_domain(std::string_view input) {
  auto text = trim(input);
  if (text.empty()) return fail("the domain is empty; type a domain such as example.com");
  if (text.size() > 1024) return fail("the input is too long to be a domain name");
  if (text.find("://") != std::string_view::npos) {
    return fail("this looks like a URL; give only the domain, for example example.com");
  }
  if (const auto at = text.rfind('@'); at != std::string_view::npos) {
    return fail("this looks like an e-mail address; give only the domain after the @, here: " +
                std::string(text.substr(at + 1)));
  }
  if (looks_like_ip_literal(text)) {
    return fail("this is an IP address; mxray checks a mail domain, for example example.com");
  }
  if (text.find('/') != std::string_view::npos || text.find(':') != std::string_view::npos) {
    return fail("a domain has no '/' or ':'; give only the domain, for example example.com");
  }
  if (text.size() >= 2 && text.substr(text.size() - 2) == "..") {
    return fail("the domain has an empty label (two dots in a row)");
  }
  if (text.back() == '.') text.remove_suffix(1);

  std::string ascii;
  if (is_ascii(text)) {
    ascii = lower(text);
  } else {
    char* out = nullptr;
    const std::string in(text);
    const int rc = idn2_to_ascii_8z(in.c_str(), &out, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
    if (rc != IDN2_OK) {
      return fail(std::string("not a valid internationalised domain name: ") + idn2_strerror(rc));
    }
    ascii = lower(out);
    idn2_free(out);
  }

  if (ascii.empty()) return fail("the domain is empty; type a domain such as example.com");
  if (ascii.size() > 253) return fail("the domain is longer than 253 characters");
  std::size_t start = 0;
  while (start <= ascii.size()) {
    const auto dot = ascii.find('.', start);
    const auto end = dot == std::string::npos ? ascii.size() : dot;
    const auto label = std::string_view(ascii).substr(start, end - start);
    if (label.empty()) return fail("the domain has an empty label (two dots in a row, or a leading dot)");
    if (label.size() > 63) {
      return fail("the label '" + std::string(label.substr(0, 20)) + "...' is longer than 63 characters");
    }
    for (const char c : label) {
      const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
      if (!ok) {
        return fail(std::string("the domain contains '") + c +
                    "', which host names cannot hold (letters, digits and '-' only)");
      }
    }
    if (label.front() == '-' || label.back() == '-') {
      return fail("the label '" + std::string(label) + "' starts or ends with '-'");
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return {ascii, {}};
}

}  // namespace mxray::dns
