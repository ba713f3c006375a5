# What `cmake --install build --prefix DIR` (and the .deb) puts in place:
#   bin/restage
#   share/man/man1/restage.1.gz, restage-COMMAND.1.gz  (cmake/Manpages.cmake)
#   share/bash-completion/completions/restage
#   share/zsh/vendor-completions/_restage  (RESTAGE_ZSH_COMPLETION_DIR)
#   share/fish/vendor_completions.d/restage.fish
# The templates are compiled into the binary, so it needs nothing else.
include(GNUInstallDirs)

install(TARGETS restage RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT restage)

set(completions ${PROJECT_SOURCE_DIR}/dist/completions)
install(FILES ${completions}/restage.bash RENAME restage
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT restage)
# Debian's and Ubuntu's zsh look in /usr/share/zsh/vendor-completions; other
# systems (and /usr/local) use share/zsh/site-functions: set this to that.
set(RESTAGE_ZSH_COMPLETION_DIR ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions CACHE STRING
  "Where the zsh completion goes, relative to the prefix")
install(FILES ${completions}/_restage
  DESTINATION ${RESTAGE_ZSH_COMPLETION_DIR} COMPONENT restage)
install(FILES ${completions}/restage.fish
  DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT restage)

include(cmake/Manpages.cmake)

include(cmake/Packaging.cmake)
