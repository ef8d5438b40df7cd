# The one place that finds each dependency. A missing one stops configuration with the
# Debian package that provides it (`.ci/bootstrap` installs them all).
function(wijksim_require found what package)
  if(NOT ${found})
    message(FATAL_ERROR "wijksim needs ${what}: install the Debian package '${package}' "
                        "(apt-get install ${package}, or run .ci/bootstrap)")
  endif()
endfunction()

find_package(Eigen3 3.3 QUIET NO_MODULE)
wijksim_require(Eigen3_FOUND "Eigen3" libeigen3-dev)

find_package(Boost 1.74 QUIET COMPONENTS graph)
wijksim_require(Boost_FOUND "Boost.Graph" libboost-graph-dev)

find_package(TBB QUIET)
wijksim_require(TBB_FOUND "oneTBB" libtbb-dev)

find_package(yaml-cpp QUIET)
wijksim_require(yaml-cpp_FOUND "yaml-cpp" libyaml-cpp-dev)

find_package(CLI11 QUIET)
wijksim_require(CLI11_FOUND "CLI11" libcli11-dev)

find_package(nlohmann_json 3 QUIET)
wijksim_require(nlohmann_json_FOUND "nlohmann-json" nlohmann-json3-dev)

find_package(SQLite3 QUIET)
wijksim_require(SQLite3_FOUND "SQLite3" libsqlite3-dev)

find_package(OpenSSL QUIET COMPONENTS Crypto)
wijksim_require(OpenSSL_FOUND "OpenSSL libcrypto (SHA-256 of scenarios)" libssl-dev)

# Random123 is header-only and ships no CMake config.
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h)
if(RANDOM123_INCLUDE_DIR)
  set(RANDOM123_FOUND TRUE)
endif()
wijksim_require(RANDOM123_FOUND "Random123 (Philox)" librandom123-dev)
add_library(wijksim_random123 INTERFACE)
target_include_directories(wijksim_random123 SYSTEM INTERFACE ${RANDOM123_INCLUDE_DIR})
add_library(Random123::Random123 ALIAS wijksim_random123)

if(WIJKSIM_BUILD_TESTS)
  find_package(Catch2 2 QUIET)
  wijksim_require(Catch2_FOUND "Catch2 v2" catch2)
  include(Catch)
endif()
if(WIJKSIM_BUILD_BENCHMARKS)
  find_package(benchmark QUIET)
  wijksim_require(benchmark_FOUND "Google Benchmark" libbenchmark-dev)
endif()

# NLopt's C++ API (nlopt.hpp + libnlopt_cxx) for `wijksim calibrate`'s derivative-free search.
# Found by header and library: the C package's NLoptConfig.cmake (libnlopt-dev) shadows the
# C++ one and names another target.
find_path(NLOPT_CXX_INCLUDE_DIR nlopt.hpp)
find_library(NLOPT_CXX_LIBRARY nlopt_cxx)
if(NLOPT_CXX_INCLUDE_DIR AND NLOPT_CXX_LIBRARY)
  set(NLOPT_CXX_FOUND TRUE)
endif()
wijksim_require(NLOPT_CXX_FOUND "NLopt's C++ API (nlopt.hpp, libnlopt_cxx; wijksim calibrate)" libnlopt-cxx-dev)
add_library(wijksim_nlopt_cxx INTERFACE)
target_include_directories(wijksim_nlopt_cxx SYSTEM INTERFACE ${NLOPT_CXX_INCLUDE_DIR})
target_link_libraries(wijksim_nlopt_cxx INTERFACE ${NLOPT_CXX_LIBRARY})
add_library(NLopt::nlopt_cxx ALIAS wijksim_nlopt_cxx)
