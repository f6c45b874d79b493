# Archive-level surname resolution (issue 8, docs/entities.md): a bare
# surname links to the one full name the database uses, in whatever order or
# in how many runs the articles are indexed, and stops linking when a second
# full name with that surname arrives (or the full name's article is deleted).
add_test(NAME e2e.archive_surnames
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_archive_surnames.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.archive_surnames PROPERTIES TIMEOUT 300)
