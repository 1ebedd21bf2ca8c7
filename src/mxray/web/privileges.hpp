// Drops root after the listening socket is bound: the server makes outbound connections for
// strangers and must not do it as root. Does nothing when not started as root.
#pragma once

#include <string>

namespace mxray::web {

/// Becomes `user` (its uid, gid, no supplementary groups) when running as root; returns an
/// error text, empty on success or when not root.
std::string drop_root(const std::string& user);

}  // namespace mxray::web
