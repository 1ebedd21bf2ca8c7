// See address_syntax.hpp. The grammar is RFC 5321 4.1.2 and 4.1.3; lengths are 4.5.3.1.
#include "mxray/smtp/address_syntax.hpp"

#include <boost/asio/ip/address.hpp>

#include "mxray/i18n/translate.hpp"

namespace mxray::smtp {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// atext (RFC 5322 3.2.3).
bool is_atext(char c) {
  return is_alnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// Dot-string = Atom *("." Atom)
bool is_dot_string(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char prev = '.';
  for (const char c : s) {
    if (c == '.') {
      if (prev == '.') return false;
    } else if (!is_atext(c)) {
      return false;
    }
    prev = c;
  }
  return true;
}

// Quoted-string = DQUOTE *QcontentSMTP DQUOTE; qtextSMTP or a backslash pair of %d32-126.
bool is_quoted_string(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      if (i + 2 >= s.size()) return false;
      const auto n = static_cast<unsigned char>(s[++i]);
      if (n < 32 || n > 126) return false;
    } else if (c < 32 || c > 126 || c == '"') {
      return false;
    }
  }
  return true;
}

// Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str].
bool is_domain(std::string_view s) {
  if (s.empty() || s.size() > 255) return false;
  std::size_t start = 0;
  while (true) {
    const auto dot = s.find('.', start);
    const auto label = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || !is_alnum(label.front()) || !is_alnum(label.back())) return false;
    for (const char c : label) {
      if (!is_alnum(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// address-literal = "[" ( IPv4 / "IPv6:" IPv6 ) "]" (General-address-literal is not accepted).
bool is_address_literal(std::string_view s) {
  if (s.size() < 3 || s.front() != '[' || s.back() != ']') return false;
  auto inner = std::string(s.substr(1, s.size() - 2));
  boost::system::error_code ec;
  if (inner.rfind("IPv6:", 0) == 0) {
    const auto a = boost::asio::ip::make_address_v6(inner.substr(5), ec);
    return !ec && a.scope_id() == 0;
  }
  boost::asio::ip::make_address_v4(inner, ec);
  return !ec;
}

// The first byte no command may carry, as a message id; empty when there is none.
std::string_view forbidden_byte(std::string_view s) {
  for (const char c : s) {
    if (c == '\r' || c == '\n') return N_("contains CR or LF");
    if (c == '\0') return N_("contains NUL");
    const auto b = static_cast<unsigned char>(c);
    if (b < 32 || b == 127) return N_("contains a control character");
    if (b > 127) return N_("contains a non-ASCII byte (write names in their A-label form)");
  }
  return {};
}

}  // namespace

std::string_view mailbox_problem(std::string_view mailbox) {
  if (const auto bad = forbidden_byte(mailbox); !bad.empty()) return bad;
  if (mailbox.size() > 254) return N_("is longer than 254 bytes");
  const auto at = mailbox.rfind('@');
  if (at == std::string_view::npos) return N_("has no @domain");
  const auto local = mailbox.substr(0, at);
  const auto domain = mailbox.substr(at + 1);
  if (local.empty()) return N_("has an empty local part");
  if (local.size() > 64) return N_("has a local part longer than 64 bytes");
  if (!is_dot_string(local) && !is_quoted_string(local)) {
    return N_("has a local part that is neither a dot-string nor a quoted string");
  }
  if (!is_domain(domain) && !is_address_literal(domain)) {
    return N_("has a domain that is neither a host name nor an address literal");
  }
  return {};
}

std::string_view ehlo_name_problem(std::string_view name) {
  if (const auto bad = forbidden_byte(name); !bad.empty()) return bad;
  if (is_domain(name) || is_address_literal(name)) return {};
  return N_("is neither a host name (letters, digits, hyphens, dots) nor an address literal like [192.0.2.1]");
}

}  // namespace mxray::smtp
