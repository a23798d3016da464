# Installs hessc as a relocatable CMake package (see HesscConfig.cmake.in)
# and offers the same targets and function inside this build tree.
include(CMakePackageConfigHelpers)

set(HESSC_PLUGIN_INSTALL_PATH ${CMAKE_INSTALL_LIBDIR}/hessc/HesscPlugin.so)
set(HESSC_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Hessc)

set_target_properties(hessc_runtime PROPERTIES EXPORT_NAME runtime)
target_include_directories(hessc_runtime PUBLIC
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
install(TARGETS hessc_runtime EXPORT HesscTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS hessc EXPORT HesscTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT HesscTargets NAMESPACE Hessc:: DESTINATION ${HESSC_CMAKE_INSTALL_DIR})

configure_package_config_file(cmake/HesscConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/HesscConfig.cmake
  INSTALL_DESTINATION ${HESSC_CMAKE_INSTALL_DIR}
  PATH_VARS HESSC_PLUGIN_INSTALL_PATH)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/HesscConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/HesscConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/HesscConfigVersion.cmake
  cmake/HesscDifferentiate.cmake
  DESTINATION ${HESSC_CMAKE_INSTALL_DIR})

# The same names inside this tree.
add_library(Hessc::runtime ALIAS hessc_runtime)
add_executable(Hessc::hessc ALIAS hessc)
set(HESSC_PLUGIN ${CMAKE_BINARY_DIR}/lib/hessc/HesscPlugin.so)
include(cmake/HesscDifferentiate.cmake)
