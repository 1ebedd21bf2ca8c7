# Runs at install time (CMAKE_INSTALL_PREFIX is the install's; file(INSTALL) adds DESTDIR): installs the systemd
# unit, naming the installed program and environment file, and the environment file itself. The
# prefix /usr means a system package: /etc/default and /lib/systemd/system (Debian 12).
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(etc_dir /etc)
  set(unit_dir /lib/systemd/system)
else()
  set(etc_dir ${CMAKE_INSTALL_PREFIX}/etc)
  set(unit_dir ${CMAKE_INSTALL_PREFIX}/lib/systemd/system)
endif()
set(MXRAY_PROGRAM ${CMAKE_INSTALL_PREFIX}/bin/mxray)
set(MXRAY_ENVIRONMENT_FILE ${etc_dir}/default/mxray)
configure_file(${MXRAY_SOURCE_DIR}/packaging/mxray.service.in ${MXRAY_BINARY_DIR}/packaging/mxray.service @ONLY)
file(INSTALL DESTINATION "${unit_dir}" TYPE FILE
  FILES ${MXRAY_BINARY_DIR}/packaging/mxray.service)
file(INSTALL DESTINATION "${etc_dir}/default" TYPE FILE RENAME mxray
  FILES ${MXRAY_SOURCE_DIR}/packaging/mxray.default)
