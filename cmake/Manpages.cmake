# Man pages, generated at build time with help2man from the binary's own
# --help text: restage(1) and restage-COMMAND(1) for each command, gzipped as
# Debian installs them. Without help2man (or with -DRESTAGE_MANPAGES=OFF) no
# pages are built or installed.
find_program(HELP2MAN help2man)
find_program(GZIP gzip)
if(HELP2MAN AND GZIP)
  set(manpages_default ON)
else()
  set(manpages_default OFF)
endif()
option(RESTAGE_MANPAGES "Generate man pages with help2man" ${manpages_default})
if(NOT RESTAGE_MANPAGES)
  return()
endif()
if(NOT HELP2MAN OR NOT GZIP)
  message(FATAL_ERROR "RESTAGE_MANPAGES needs help2man and gzip (apt-get install help2man)")
endif()

set(man_dir ${PROJECT_BINARY_DIR}/man)
set(RESTAGE_MAN_PAGES "")

# NAME: the page (restage or restage-COMMAND); COMMAND: empty for restage(1);
# SUMMARY: the NAME section's text.
function(restage_man_page NAME COMMAND SUMMARY INCLUDE)
  if(COMMAND)
    # help2man runs a program; this one answers for `restage COMMAND`.
    set(program ${man_dir}/${NAME})
    file(GENERATE OUTPUT ${program}
      CONTENT "#!/bin/sh\nexec '$<TARGET_FILE:restage>' ${COMMAND} \"$@\"\n"
      FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                       WORLD_READ WORLD_EXECUTE)
    set(name_args --name=${SUMMARY})
  else()
    set(program $<TARGET_FILE:restage>)
    set(name_args "")
  endif()
  set(page ${man_dir}/${NAME}.1)
  add_custom_command(
    OUTPUT ${page}.gz
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --version-string=${PROJECT_VERSION}
            --include=${INCLUDE} ${name_args} --output=${page} ${program}
    COMMAND ${GZIP} -9nf ${page}
    DEPENDS restage ${INCLUDE}
    COMMENT "Generating the ${NAME}(1) man page"
    VERBATIM)
  set(RESTAGE_MAN_PAGES ${RESTAGE_MAN_PAGES} ${page}.gz PARENT_SCOPE)
endfunction()

restage_man_page(restage "" "" ${PROJECT_SOURCE_DIR}/dist/man/restage.h2m)
set(sub_include ${PROJECT_SOURCE_DIR}/dist/man/subcommand.h2m)
restage_man_page(restage-migrate migrate
  "rewrite a single-stage Dockerfile into builder and runtime stages" ${sub_include})
restage_man_page(restage-batch batch
  "migrate every Dockerfile under folders" ${sub_include})
restage_man_page(restage-suggest suggest
  "review suggestions for a rewrite (rdjson, SARIF, GitHub review)" ${sub_include})
restage_man_page(restage-rule rule
  "what a rule code means, with an example and its fix" ${sub_include})
restage_man_page(restage-parse parse
  "parse Dockerfiles and print them" ${sub_include})
restage_man_page(restage-verify verify
  "build and run the original and the rewrite, and compare what they do" ${sub_include})

add_custom_target(restage_man ALL DEPENDS ${RESTAGE_MAN_PAGES})
install(FILES ${RESTAGE_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT restage)
