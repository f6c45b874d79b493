# newsdex-index --compact: one compacted shard answers like the shards it replaces.
# Included after e2e.cmake, whose arguments it uses.
add_test(NAME e2e.index_compact
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_index_compact.py ${NEWSDEX_E2E_ARGS})
