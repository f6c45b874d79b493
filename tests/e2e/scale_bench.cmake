# bench/scale_bench.sh end to end on a tiny synthetic archive (no timing is checked):
# it must index, compact a copy, query both databases and print a complete table.
# Included after e2e.cmake, whose arguments it uses; needs ../shared (skipped without it).
add_test(NAME e2e.scale_bench
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_scale_bench.py ${NEWSDEX_E2E_ARGS}
                 --shared ${PROJECT_SOURCE_DIR}/../shared)
set_tests_properties(e2e.scale_bench PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
