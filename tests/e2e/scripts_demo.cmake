# (Named after e2e.cmake in glob order: it uses NEWSDEX_E2E_ARGS and Python3.)
# scripts/demo.sh on the build at hand (its setup step skipped): it runs to the
# end, indexes sample_corpus/ without bad/ (no skipped records), says where the
# binaries are, and every command it prints works when pasted into a shell at
# the repository root.
add_test(NAME e2e.demo
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_demo.py ${NEWSDEX_E2E_ARGS}
                 --build ${CMAKE_BINARY_DIR})
set_tests_properties(e2e.demo PROPERTIES TIMEOUT 300)
