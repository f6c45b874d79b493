# The readers through the real newsdex-index: hostile input is skipped with its
# reason, legacy charsets and UTF-16 are searchable, notes in folders are
# reported instead of indexed (docs/input-formats.md).
add_test(NAME e2e.reader_input
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_reader_input.py ${NEWSDEX_E2E_ARGS})
