# The memory allocator of newsdex-index.
#
# Indexing spends much of its time allocating: Xapian builds every document
# in std::map nodes and buffers every posting of a batch in its inverter, and
# the analyzer and the entity stages make many short strings.  With glibc's
# malloc, a profile of `newsdex-index` showed about 15% of the CPU in
# malloc/free/consolidation; Microsoft's mimalloc (Debian libmimalloc-dev)
# cut the CPU time of indexing 20,000 synthetic articles by about a quarter
# (docs/benchmarks.md, "Allocator").  Only the executable links it: the
# libraries never choose an allocator for a program that embeds them, and
# sanitizer builds keep their own (ASan and TSan replace malloc themselves).
#
#   NEWSDEX_MIMALLOC  ON (default): newsdex-index uses mimalloc when it is
#                     installed (scripts/setup.sh installs it); OFF: glibc.
option(NEWSDEX_MIMALLOC "Link newsdex-index with mimalloc (faster indexing); ignored in sanitizer builds" ON)
set(NEWSDEX_USES_MIMALLOC OFF)
if(NEWSDEX_MIMALLOC AND NOT NEWSDEX_SANITIZE)
  find_package(mimalloc 2.0 QUIET)
  if(mimalloc_FOUND)
    set(NEWSDEX_USES_MIMALLOC ON)
  else()
    message(STATUS "mimalloc not found: newsdex-index uses the C library's malloc (slower indexing; "
                   "install libmimalloc-dev or run scripts/setup.sh)")
  endif()
endif()

# Make `target` allocate with mimalloc when NEWSDEX_USES_MIMALLOC.  Linking the
# shared library ahead of the C library is enough on Linux: the dynamic linker
# resolves malloc, free and operator new for the program and every library it
# loads (Xapian, ICU) to mimalloc's.  --no-as-needed keeps the library even
# though the program names none of its own symbols.
function(newsdex_use_fast_allocator target)
  if(NEWSDEX_USES_MIMALLOC)
    target_link_options(${target} PRIVATE "LINKER:--no-as-needed")
    target_link_libraries(${target} PRIVATE mimalloc)
  endif()
endfunction()
