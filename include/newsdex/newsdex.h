/** @file newsdex.h
 *  @brief The newsdex library: include this one header.
 *
 *  @code
 *  #include <newsdex/newsdex.h>
 *  newsdex::Searcher searcher({"newsdex.db"});
 *  newsdex::SearchRequest request;
 *  request.query = "trade talks";
 *  request.facets = {newsdex::FacetField::Company, newsdex::FacetField::Date};
 *  newsdex::SearchResult result = searcher.search(request);
 *  @endcode
 */
#ifndef NEWSDEX_NEWSDEX_H
#define NEWSDEX_NEWSDEX_H

#include <newsdex/error.h>
#include <newsdex/search.h>
#include <newsdex/version.h>

#endif
