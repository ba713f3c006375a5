# -DRESTAGE_PORTABLE=ON: one Linux x86-64 restage binary that runs on any
# glibc distribution (Debian 11-13, Ubuntu 20.04-24.04, ...) and in an image
# FROM scratch. It is linked fully static: the ANTLR runtime, Boost's
# program_options, yaml-cpp, libstdc++, libgcc and glibc itself; fmt is
# used header-only (Debian ships no libfmt.a).
#
# Why not just -static-libstdc++ with a dynamic glibc: linked on bookworm
# (glibc 2.36), the binary asks for GLIBC_2.34 (__libc_start_main, pthread
# symbols moved into libc) and refuses to start on glibc 2.31 (bullseye,
# Ubuntu 20.04). restage calls nothing that needs glibc's dynamic parts (no
# NSS user or host lookups, no dlopen, no iconv, no locales), so a static
# glibc costs nothing here; the linker would warn if that ever changed.
#
# Included before the packages are found: it decides which libraries to take.
option(RESTAGE_PORTABLE "Link restage fully static (portable Linux binary)" OFF)

if(RESTAGE_PORTABLE)
  set(Boost_USE_STATIC_LIBS ON)
endif()

# Called once the packages are found: the fmt flavour every target links
# (restage::fmt), and the static link of the restage executable.
macro(restage_portable_fmt)
  add_library(restage_fmt INTERFACE)
  if(RESTAGE_PORTABLE)
    target_link_libraries(restage_fmt INTERFACE fmt::fmt-header-only)
  else()
    target_link_libraries(restage_fmt INTERFACE fmt::fmt)
  endif()
  add_library(restage::fmt ALIAS restage_fmt)
endmacro()

# yaml-cpp (compose files, .restage.yaml): Debian's CMake package imports
# only the shared library, so the portable link takes libyaml-cpp.a, which
# the same -dev package ships, by name.
macro(restage_portable_yaml)
  add_library(restage_yaml INTERFACE)
  if(RESTAGE_PORTABLE)
    find_library(RESTAGE_YAML_CPP_STATIC NAMES libyaml-cpp.a REQUIRED)
    target_link_libraries(restage_yaml INTERFACE ${RESTAGE_YAML_CPP_STATIC})
    get_target_property(yaml_includes yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
    if(yaml_includes)
      target_include_directories(restage_yaml INTERFACE ${yaml_includes})
    endif()
  else()
    target_link_libraries(restage_yaml INTERFACE yaml-cpp)
  endif()
  add_library(restage::yaml ALIAS restage_yaml)
endmacro()

macro(restage_portable_link)
  if(RESTAGE_PORTABLE)
    target_link_options(restage PRIVATE -static)
    # Make the linker fail, not warn, if a glibc function that needs the
    # shared library at run time (getpwnam, dlopen, ...) ever gets linked in.
    target_link_options(restage PRIVATE -Wl,--fatal-warnings)
  endif()
endmacro()
