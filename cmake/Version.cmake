# `restage --version` names the git commit of the checkout it was built from.
# The commit is read at build time (not only at configure time), so a new
# commit shows without re-running cmake. Outside a checkout (a source
# tarball, the image build's context) it says "unknown commit", unless the
# builder passes one in RESTAGE_COMMIT.
set(RESTAGE_COMMIT "" CACHE STRING
  "Commit named by --version when the source is not a git checkout (else: read from git)")
set(RESTAGE_VERSION_CPP ${PROJECT_BINARY_DIR}/generated/Version.cpp)
add_custom_target(restage_version
  COMMAND ${CMAKE_COMMAND}
          -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DOUTPUT=${RESTAGE_VERSION_CPP}
          -DVERSION=${PROJECT_VERSION} -DCOMMIT=${RESTAGE_COMMIT}
          -P ${PROJECT_SOURCE_DIR}/cmake/GenerateVersion.cmake
  BYPRODUCTS ${RESTAGE_VERSION_CPP}
  VERBATIM)
target_sources(restage PRIVATE ${RESTAGE_VERSION_CPP})
add_dependencies(restage restage_version)
