# The Debian package (CPack DEB), made by scripts/package.sh from an ordinary build: it holds only
# what cmake/install.cmake installs (no lab, no tests), installed with the prefix /usr, and takes
# its Depends from the shared libraries the program links (dpkg-shlibdeps).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mxray)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# The maintainer is the project's own identity (the one its commits carry); a distribution that
# packages mxray sets its own with -DMXRAY_MAINTAINER=..., and its homepage with -DMXRAY_HOMEPAGE=...
# (the project has no public homepage of its own yet, so the field is left out rather than invented).
set(MXRAY_MAINTAINER "mxray maintainers <maintainers@users.noreply.h-seed-34f2c44b.example>" CACHE STRING "Maintainer field of the .deb")
set(CPACK_PACKAGE_CONTACT "${MXRAY_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "checks whether mail can reach a domain, and arrive encrypted")
set(CPACK_PACKAGE_DESCRIPTION "mxray connects to every MX host and address of a domain, speaks
SMTP and STARTTLS, inspects the certificate, checks DANE and MTA-STS,
tests for an open relay without sending a message, and explains every
problem with its fix. It runs as a command line tool and as a web page
with a JSON API (mxray.service).")
set(MXRAY_HOMEPAGE "" CACHE STRING "Homepage field of the .deb (empty: none)")
if(MXRAY_HOMEPAGE)
  set(CPACK_PACKAGE_HOMEPAGE_URL "${MXRAY_HOMEPAGE}")
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${MXRAY_HOMEPAGE}")
endif()
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Not libraries but data mxray reads at run time: the DNSSEC root key and the CA store.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "dns-root-data, ca-certificates")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/debian/conffiles)
# Only the files; /usr, /etc and /lib themselves belong to base-files.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
include(CPack)
