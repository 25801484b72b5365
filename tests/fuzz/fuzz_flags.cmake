# Included by the top-level CMakeLists.txt, before node_core, when AUTOMATOR_BUILD_FUZZ is on:
# checks that the compiler is clang with libFuzzer and then instruments everything this build
# directory compiles with libFuzzer's coverage, AddressSanitizer and UndefinedBehaviorSanitizer
# (so the libraries under test are instrumented too). Sets AUTOMATOR_FUZZ_READY for
# tests/fuzz/CMakeLists.txt. Use a build directory of its own (build-fuzz, README.md).
set(AUTOMATOR_FUZZ_READY OFF)
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(WARNING "AUTOMATOR_BUILD_FUZZ: libFuzzer needs clang (CMAKE_CXX_COMPILER=clang++), not "
                  "${CMAKE_CXX_COMPILER_ID}; no fuzz targets")
  return()
endif()
include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer,address")
check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }
]] AUTOMATOR_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
if(NOT AUTOMATOR_HAVE_LIBFUZZER)
  message(WARNING "AUTOMATOR_BUILD_FUZZ: clang cannot link -fsanitize=fuzzer (Debian: apt-get install "
                  "libclang-rt-14-dev); no fuzz targets")
  return()
endif()
set(AUTOMATOR_FUZZ_READY ON)
set(AUTOMATOR_FUZZ_SANITIZERS address,undefined)
add_compile_options(-fsanitize=fuzzer-no-link,${AUTOMATOR_FUZZ_SANITIZERS} -fno-sanitize-recover=undefined
                    -fno-omit-frame-pointer -g)
add_link_options(-fsanitize=${AUTOMATOR_FUZZ_SANITIZERS})
