// RFC 5321 4.1.2 syntax of what mxray itself puts into commands: the relay test's sender and
// recipient (Mailbox) and the EHLO name (Domain or address-literal). Input comes from the
// command line or a web visitor, so anything outside the grammar (CR, LF, NUL, spaces,
// angle brackets) is refused before a session starts.
#pragma once

#include <string_view>

namespace mxray::smtp {

/// Why `mailbox` is not an RFC 5321 Mailbox (local-part@domain), as an English message id
/// to translate (i18n::tr), or empty when it is one.
std::string_view mailbox_problem(std::string_view mailbox);

/// Why `name` is not a Domain or address-literal fit for EHLO (a message id), or empty.
std::string_view ehlo_name_problem(std::string_view name);

}  // namespace mxray::smtp
