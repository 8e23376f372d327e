# EquilibInstall.cmake -- what `cmake --install` puts under the prefix:
#
#   bin/equilib                              the command-line program
#   include/equilib.h                        the public header, which
#   include/equilib/*.h                      includes its parts
#   lib/libequilib.so*, lib/libequilib.a     shared and static library
#   lib/cmake/equilib/                       the CMake package (below)
#   lib/pkgconfig/equilib.pc                 the pkg-config file (below)
#   share/equilib/models/                    the shipped models, which
#                                            `equilib report` reads when
#                                            given no FILE (tools/paths.c)
#
# The CMake package has two export sets.  equilibTargets holds the shared
# library equilib::equilib (and the program equilib::equilib_cli): its
# dependencies are PRIVATE, recorded in the library itself, so
# find_package(equilib) looks for nothing else and never fails for want of
# GLPK's, OpenBLAS's or GMP's development files.  equilibStaticTargets
# holds equilib::equilib_static, whose consumers must link the
# dependencies too; it is loaded only when the component "static" is
# asked for (find_package(equilib COMPONENTS static)), and only then are
# the dependencies looked up, without failing fatally unless the
# component is REQUIRED.  No exported file names an absolute path: the
# libraries are imported targets that the package recreates, and the
# math library is `m`.
include(CMakePackageConfigHelpers)
set(EQ_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/equilib)

install(TARGETS equilib equilib_cli EXPORT equilibTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS equilib_static EXPORT equilibStaticTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
# equilib-mpi (-DEQ_MPI=ON) beside equilib, where `mpirun equilib ...`
# looks for it (tools/main.c); a program only, in no export set.
# Its run path comes from MPI's own link flags, which CMake cannot rewrite
# at install time; so it is linked with the installed run path from the
# start.
if(TARGET equilib_mpi)
  set_target_properties(equilib_mpi PROPERTIES BUILD_WITH_INSTALL_RPATH ON)
  install(TARGETS equilib_mpi RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(FILES include/equilib.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/equilib DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(EXPORT equilibTargets NAMESPACE equilib:: DESTINATION ${EQ_CMAKE_DIR})
install(EXPORT equilibStaticTargets NAMESPACE equilib:: DESTINATION ${EQ_CMAKE_DIR})
configure_package_config_file(tools/cmake/equilibConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/equilibConfig.cmake
  INSTALL_DESTINATION ${EQ_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/equilibConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/equilibConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/equilibConfigVersion.cmake
  tools/cmake/FindGLPK.cmake
  DESTINATION ${EQ_CMAKE_DIR})

# The models.  Only the model files and their documentation: the folder
# may hold editor or build leftovers.
install(DIRECTORY models/ DESTINATION ${CMAKE_INSTALL_DATADIR}/equilib/models
  FILES_MATCHING PATTERN "*.game" PATTERN "*.nfg" PATTERN "*.efg"
  PATTERN "README.md" PATTERN "LANGUAGE.md")

# pkg-config.  `pkg-config --libs equilib` gives the shared library alone
# (it records its own dependencies), so the file requires no other .pc
# file: a consumer of the shared library needs no development package but
# ours.  Libs.private lists, in link order, everything a fully static link
# (cc -static ... $(pkg-config --static --libs equilib)) needs:
#   GLPK, which ships no .pc: GLPK_STATIC_LIBRARIES (FindGLPK.cmake);
#   OpenBLAS: its own `pkg-config --static --libs openblas`, which on
#     Debian 12 omits libquadmath, which libgfortran needs: added when
#     gfortran is in the list and libquadmath exists;
#   GMP, threads and the math library, last.
set(_eq_private "-lglpk")
foreach(l ${GLPK_STATIC_LIBRARIES})
  if(NOT l STREQUAL "gmp" AND NOT l STREQUAL "m")   # both come last
    string(APPEND _eq_private " -l${l}")
  endif()
endforeach()
set(_eq_blas "")
foreach(f ${EQUILIB_OPENBLAS_STATIC_LDFLAGS})
  if(NOT f STREQUAL "-lm" AND NOT f STREQUAL "-lpthread")
    list(APPEND _eq_blas "${f}")
  endif()
endforeach()
list(REMOVE_DUPLICATES _eq_blas)
if("-lgfortran" IN_LIST _eq_blas)
  # libquadmath lives in the compiler's own folder: ask the compiler.
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libquadmath.a
    OUTPUT_VARIABLE _eq_qm OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(IS_ABSOLUTE "${_eq_qm}" AND EXISTS "${_eq_qm}")
    list(APPEND _eq_blas "-lquadmath")
  endif()
endif()
list(JOIN _eq_blas " " _eq_blas)
string(APPEND _eq_private " ${_eq_blas} -lgmp -pthread -lm")
# The file is relocatable: prefix is found from the .pc file's own place,
# so an install with `cmake --install build --prefix DIR` is right too.
file(RELATIVE_PATH EQ_PC_TO_PREFIX "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig"
     "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/$" "" EQ_PC_TO_PREFIX "${EQ_PC_TO_PREFIX}")
foreach(d LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${d}}")
    set(EQ_PC_${d} "${CMAKE_INSTALL_${d}}")
  else()
    set(EQ_PC_${d} "\${prefix}/${CMAKE_INSTALL_${d}}")
  endif()
endforeach()
set(EQ_PC_LIBS_PRIVATE "${_eq_private}")
configure_file(tools/cmake/equilib.pc.in ${CMAKE_CURRENT_BINARY_DIR}/equilib.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/equilib.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
