# Two databases indexed apart (a.db, b.db), searched together as local +
# local, remote + remote (xapian-tcpsrv on loopback) and local + remote, must
# give what one database holding every article gives: totals, hits, facets
# with display names, alias filters, languages.
add_test(NAME e2e.merged_databases
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_merged_databases.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.merged_databases PROPERTIES TIMEOUT 300)
