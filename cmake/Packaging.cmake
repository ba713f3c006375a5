# CPack: `cpack --config BUILD/CPackConfig.cmake` makes
#   restage_VERSION_ARCH.deb            (Debian, Ubuntu: dpkg -i / apt install ./FILE)
#   restage-VERSION-Linux-x86_64.tar.gz (bin/, share/: unpack anywhere)
# from the install rules (cmake/Install.cmake). Build with -DRESTAGE_PORTABLE=ON
# for packages that run on every supported release: the .deb then depends on
# nothing; a dynamic build gets its Depends from dpkg-shlibdeps instead.
set(RESTAGE_PACKAGE_CONTACT "restage maintainers <maintainers@users.noreply.github.com>"
  CACHE STRING "The .deb's Maintainer field")

set(CPACK_PACKAGE_NAME restage)
set(CPACK_PACKAGE_VENDOR "restage")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${RESTAGE_PACKAGE_CONTACT})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "rewrite single-stage Dockerfiles into multi-stage builds")
# Debian's long description: lines under 80 columns (CPack indents them).
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "restage takes a single-stage Dockerfile (build tools, sources and app in"
  "one image) and rewrites it into a multi-stage build: a builder stage that"
  "compiles, and a runtime stage on a minimal base that holds only what the"
  "app needs to run. It works offline, checks every rewrite before showing"
  "it, and leaves a file alone when it is not sure."
  "Commands: migrate, batch, suggest (review comments, SARIF), parse.")
# The .deb's Homepage field, when the build names one (CMakeLists.txt).
if(RESTAGE_HOMEPAGE)
  set(CPACK_PACKAGE_HOMEPAGE_URL ${RESTAGE_HOMEPAGE})
endif()
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build/" "/build-")
set(CPACK_PACKAGE_FILE_NAME
  "restage-${PROJECT_VERSION}-Linux-${CMAKE_SYSTEM_PROCESSOR}")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Man pages in /usr/share/man are found without a Recommends on man-db.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "buildah | podman | docker.io")

include(CPack)
