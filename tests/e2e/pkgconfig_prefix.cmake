# The installed library from a custom prefix through pkg-config (issue 12):
# no -std in Cflags (a C++17 program builds), the run-time failure without an
# rpath that docs/library.md explains, and both cures it gives.
add_test(NAME e2e.pkgconfig_prefix
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/test_pkgconfig_prefix.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e.pkgconfig_prefix PROPERTIES TIMEOUT 300)
