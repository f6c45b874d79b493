# newsdex-index really allocates with mimalloc when the build says it does
# (cmake/allocator.cmake): a link that silently fell back to glibc's malloc
# would lose the indexing speed without any other test noticing.  mimalloc
# prints its statistics at exit when MIMALLOC_SHOW_STATS is set; glibc's
# malloc ignores the variable.
if(NEWSDEX_USES_MIMALLOC)
  add_test(NAME e2e.index_allocator COMMAND newsdex-index --version)
  set_tests_properties(e2e.index_allocator PROPERTIES ENVIRONMENT "MIMALLOC_SHOW_STATS=1"
                       PASS_REGULAR_EXPRESSION "process: user:")
endif()
