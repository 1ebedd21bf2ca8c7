// See privileges.hpp.
#include "mxray/web/privileges.hpp"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mxray::web {

std::string drop_root(const std::string& user) {
  if (geteuid() != 0) return {};
  const passwd* pw = getpwnam(user.c_str());
  if (pw == nullptr) return "no such user '" + user + "' to run as (--user)";
  if (pw->pw_uid == 0) return "--user " + user + " is root; name an unprivileged user";
  const uid_t uid = pw->pw_uid;
  const gid_t gid = pw->pw_gid;
  if (setgroups(0, nullptr) != 0) return std::string("setgroups: ") + std::strerror(errno);
  if (setgid(gid) != 0) return std::string("setgid: ") + std::strerror(errno);
  if (setuid(uid) != 0) return std::string("setuid: ") + std::strerror(errno);
  // Paranoia: getting root back must now fail.
  if (setuid(0) == 0) return "could not drop root: setuid(0) still succeeds";
  return {};
}

}  // namespace mxray::web
