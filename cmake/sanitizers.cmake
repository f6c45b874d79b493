# Build options for the sanitizer and fuzzing builds (scripts/test.sh,
# scripts/fuzz.sh, docs/testing.md).
#   NEWSDEX_SANITIZE  "address;undefined" or "thread": every target is compiled
#                     and linked with -fsanitize=...; any report aborts the run.
#   NEWSDEX_FUZZ      also build the libFuzzer harnesses of fuzz/ (clang only);
#                     all code gets coverage instrumentation for them.
option(NEWSDEX_FUZZ "Build the libFuzzer harnesses in fuzz/ (needs clang)" OFF)
set(NEWSDEX_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address;undefined or thread")

if(NEWSDEX_SANITIZE)
  list(JOIN NEWSDEX_SANITIZE "," newsdex_sanitizers)
  # -fno-sanitize-recover: a UBSan finding fails the test instead of scrolling by.
  add_compile_options(-fsanitize=${newsdex_sanitizers} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${newsdex_sanitizers})
endif()

if(NEWSDEX_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "NEWSDEX_FUZZ needs clang (libFuzzer), e.g. -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  if(NOT NEWSDEX_SANITIZE)
    # The coverage callbacks of fuzzer-no-link code come with a sanitizer runtime.
    message(FATAL_ERROR "NEWSDEX_FUZZ needs NEWSDEX_SANITIZE too, e.g. -DNEWSDEX_SANITIZE=address;undefined")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
