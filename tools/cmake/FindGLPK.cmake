# FindGLPK.cmake -- GLPK ships neither a pkg-config file nor a CMake
# package, so find its header and library here.  Defines GLPK::GLPK and
# GLPK_STATIC_LIBRARIES.  Honours QUIET and REQUIRED: without REQUIRED a
# missing GLPK only leaves GLPK_FOUND false.
#
# GLPK_STATIC_LIBRARIES: the libraries a fully static link of libglpk.a
# needs after it, by name, in link order.  GLPK's own build decides them;
# the default is Debian 12's GLPK 5.0 (`ldd libglpk.so`: COLAMD and AMD of
# SuiteSparse with their SuiteSparse_config, zlib, libltdl for its
# dynamic loading, GMP for its exact simplex, and the math library).
# Set the cache variable GLPK_STATIC_LIBRARIES for another build.
find_path(GLPK_INCLUDE_DIR glpk.h)
find_library(GLPK_LIBRARY NAMES glpk)
set(GLPK_STATIC_LIBRARIES "colamd;amd;suitesparseconfig;z;ltdl;gmp;m"
    CACHE STRING "Libraries a static link of GLPK needs, by name, in link order")
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(GLPK DEFAULT_MSG GLPK_LIBRARY GLPK_INCLUDE_DIR)
if(GLPK_FOUND AND NOT TARGET GLPK::GLPK)
  add_library(GLPK::GLPK UNKNOWN IMPORTED)
  set_target_properties(GLPK::GLPK PROPERTIES
    IMPORTED_LOCATION "${GLPK_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${GLPK_INCLUDE_DIR}")
endif()
mark_as_advanced(GLPK_INCLUDE_DIR GLPK_LIBRARY GLPK_STATIC_LIBRARIES)
