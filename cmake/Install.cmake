# What `cmake --install build --prefix DIR` (and the .deb) puts in place:
#   bin/restage
#   share/man/man1/restage.1.gz, restage-COMMAND.1.gz  (cmake/Manpages.cmake)
#   share/bash-completion/completions/restage
#   share/zsh/site-functions/_restage
#   share/fish/vendor_completions.d/restage.fish
# The templates are compiled into the binary, so it needs nothing else.
include(GNUInstallDirs)

install(TARGETS restage RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT restage)

set(completions ${PROJECT_SOURCE_DIR}/dist/completions)
install(FILES ${completions}/restage.bash RENAME restage
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT restage)
install(FILES ${completions}/_restage
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions COMPONENT restage)
install(FILES ${completions}/restage.fish
  DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT restage)

include(cmake/Manpages.cmake)
