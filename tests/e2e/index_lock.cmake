# A second writer is refused with a clear "locked" message and exit 3 (issue 9).
# Included after e2e.cmake, whose arguments it uses.
add_test(NAME e2e.index_lock
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_index_lock.py ${NEWSDEX_E2E_ARGS})
