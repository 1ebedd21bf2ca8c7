# What `cmake --install` and the Debian package install: the program, its man page, the docs,
# shell completions, the systemd unit and its environment file. Paths follow GNUInstallDirs; with
# the prefix /usr (the package) the environment file goes to /etc/default and the unit to
# /lib/systemd/system, decided at install time (cmake/install_system_files.cmake).
include(GNUInstallDirs)
# Installing (and CPack) takes the tree as built: scripts/package.sh builds first, and the package
# test must not start a second build of the tree its own ctest run is using.
if(NOT DEFINED CMAKE_SKIP_INSTALL_ALL_DEPENDENCY)
  set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
endif()

find_program(GZIP gzip REQUIRED)
set(man_gz ${CMAKE_BINARY_DIR}/man/mxray.1.gz)
add_custom_command(OUTPUT ${man_gz}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
  COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/docs/man/mxray.1 ${CMAKE_BINARY_DIR}/man/mxray.1
  COMMAND ${GZIP} -n -9 -f ${CMAKE_BINARY_DIR}/man/mxray.1
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/man/mxray.1
  COMMENT "gzip mxray.1")
# The changelog of the package (Debian format; lintian wants it as changelog.gz).
set(changelog_gz ${CMAKE_BINARY_DIR}/man/changelog.gz)
add_custom_command(OUTPUT ${changelog_gz}
  COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/packaging/changelog ${CMAKE_BINARY_DIR}/man/changelog
  COMMAND ${GZIP} -n -9 -f ${CMAKE_BINARY_DIR}/man/changelog
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/changelog
  COMMENT "gzip changelog")
add_custom_target(mxray_man ALL DEPENDS ${man_gz} ${changelog_gz})

install(TARGETS mxray RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${man_gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${changelog_gz} packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES README.md docs/findings.md docs/api.md docs/json-schema.md docs/security.md docs/install.md docs/monitoring.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_BINARY_DIR}/completions/mxray DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${CMAKE_BINARY_DIR}/completions/_mxray DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${CMAKE_BINARY_DIR}/completions/mxray.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(CODE "set(MXRAY_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")\nset(MXRAY_BINARY_DIR \"${CMAKE_BINARY_DIR}\")")
install(SCRIPT ${PROJECT_SOURCE_DIR}/cmake/install_system_files.cmake)
