# Issue 12: person:SURNAME matches the persons of that surname (with a notice
# naming them, over one database and over two searched as one), near misses
# get a "did you mean" that finds something, filter-only queries come newest
# first and say so, and --values FIELD [--prefix P] lists every filter field's
# values with counts that agree with searching for them.
add_test(NAME e2e.search_surnames_values
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_search_surnames_values.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.search_surnames_values PROPERTIES TIMEOUT 300)
