# Stable ids (docs/input-formats.md, "Ids"): records without an id keep the
# same id however they are read: standard input twice, two feeds one after the
# other, a folder moved or copied elsewhere.
add_test(NAME e2e.stable_ids
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_stable_ids.py ${NEWSDEX_E2E_ARGS})
