// Parses the EHLO reply (RFC 5321 4.1.1.1) into the server's name and its extensions.
// Input is the text of an already bounded reply; keywords are upper-cased, parameters kept.
#pragma once

#include <map>
#include <string>

#include "mxray/smtp/reply.hpp"

namespace mxray::smtp {

/// What an EHLO reply announced.
struct Extensions {
  std::string server_name;                      // first word of the first line
  std::map<std::string, std::string> keywords;  // keyword -> parameters ("" when none)

  bool has(const std::string& keyword) const { return keywords.count(keyword) != 0; }
};

/// Extracts the extensions from a 250 reply to EHLO.
Extensions parse_extensions(const Reply& reply);

}  // namespace mxray::smtp
