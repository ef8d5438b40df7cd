// The single Catch2 main shared by every test executable (compiled once: Catch2 v2's
// header is slow to compile).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
