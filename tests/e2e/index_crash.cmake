# SIGKILL at 20 seeded moments: the database stays valid and a re-run is exact (issue 9).
# Included after e2e.cmake, whose arguments it uses.
add_test(NAME e2e.index_crash
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_index_crash.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.index_crash PROPERTIES TIMEOUT 300)
