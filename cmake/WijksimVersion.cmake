# Provenance: the engine version and the git commit go into every output (summary.json,
# the results store, the brief, bench). The commit is read before every build, not only at
# configure time: an incremental build after a commit must not stamp its results with the
# commit before (cmake/WijksimVersionFile.cmake; the header changes only with the commit).
set(WIJKSIM_VERSION_HPP ${CMAKE_BINARY_DIR}/generated/wijksim/version.hpp)
set(_wijksim_version_args -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUT=${WIJKSIM_VERSION_HPP}
    -DVERSION=${PROJECT_VERSION} -P ${CMAKE_CURRENT_LIST_DIR}/WijksimVersionFile.cmake)
execute_process(COMMAND ${CMAKE_COMMAND} ${_wijksim_version_args})
add_custom_target(wijksim_version COMMAND ${CMAKE_COMMAND} ${_wijksim_version_args}
                  BYPRODUCTS ${WIJKSIM_VERSION_HPP} VERBATIM)
