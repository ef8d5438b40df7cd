# Provenance: the engine version and the git commit go into every output.
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                OUTPUT_VARIABLE WIJKSIM_GIT_HASH OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE _git_rc)
if(NOT _git_rc EQUAL 0 OR WIJKSIM_GIT_HASH STREQUAL "")
  set(WIJKSIM_GIT_HASH "unknown")
endif()
execute_process(COMMAND git status --porcelain --untracked-files=no
                WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                OUTPUT_VARIABLE _git_dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT _git_dirty STREQUAL "")
  string(APPEND WIJKSIM_GIT_HASH "-dirty")
endif()
configure_file(${CMAKE_SOURCE_DIR}/engine/version.hpp.in
               ${CMAKE_BINARY_DIR}/generated/wijksim/version.hpp @ONLY)
