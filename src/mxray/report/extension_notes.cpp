// See extension_notes.hpp. Parameters come from the server: only SIZE's number is parsed.
#include "mxray/report/extension_notes.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>

#include "mxray/i18n/translate.hpp"

namespace mxray::report {
namespace {

struct Note {
  std::string_view keyword;
  std::string_view text;
};

constexpr std::array kNotes{
    Note{"PIPELINING", N_("commands may be sent in batches (RFC 2920)")},
    Note{"8BITMIME", N_("8-bit message bodies without re-encoding (RFC 6152)")},
    Note{"SMTPUTF8", N_("addresses with non-ASCII characters (RFC 6531)")},
    Note{"CHUNKING", N_("messages sent in chunks with BDAT (RFC 3030)")},
    Note{"BINARYMIME", N_("binary message bodies (RFC 3030)")},
    Note{"DSN", N_("delivery status notifications on request (RFC 3461)")},
    Note{"ENHANCEDSTATUSCODES", N_("detailed status codes such as 5.7.1 (RFC 2034)")},
    Note{"REQUIRETLS", N_("senders can demand TLS for every hop of a message (RFC 8689)")},
    Note{"STARTTLS", N_("upgrade to an encrypted session (RFC 3207)")},
    Note{"VRFY", N_("address verification announced (RFC 5321 3.5)")},
    Note{"ETRN", N_("remote queue start (RFC 1985)")},
    Note{"DELIVERBY", N_("delivery deadlines (RFC 2852)")},
    Note{"MT-PRIORITY", N_("message priorities (RFC 6710)")},
    Note{"LIMITS", N_("announced command limits (RFC 9422)")},
};

}  // namespace

std::string extension_note(std::string_view lang, std::string_view keyword, std::string_view params) {
  if (keyword == "SIZE") {
    if (params.empty()) return std::string(i18n::tr(lang, N_("message size limit not announced (RFC 1870)")));
    const std::string digits(params.substr(0, params.find(' ')));
    char* end = nullptr;
    const unsigned long long bytes = std::strtoull(digits.c_str(), &end, 10);
    if (end == digits.c_str() || *end != '\0') return {};
    if (bytes == 0) return std::string(i18n::tr(lang, N_("no message size limit (RFC 1870)")));
    const auto mb = i18n::format_decimal(lang, static_cast<double>(bytes) / (1024.0 * 1024.0), 1);
    return i18n::trf(lang, N_("messages up to {size} MB (RFC 1870)"), {{"size", mb}});
  }
  if (keyword == "AUTH") {
    return i18n::trf(lang, N_("login with {mechanisms} (RFC 4954)"), {{"mechanisms", std::string(params)}});
  }
  for (const auto& n : kNotes) {
    if (n.keyword == keyword) return std::string(i18n::tr(lang, n.text));
  }
  return {};
}

}  // namespace mxray::report
