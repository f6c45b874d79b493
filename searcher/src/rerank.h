// The one re-ranking step between candidate generation (the matcher's BM25
// order, searcher.cpp) and the page of hits: it may reorder the matcher's
// best candidates (recency), then cuts the page the request asked for.
#pragma once

#include "newsdex/search.h"

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// One hit of a match: docid in the combined numbering.
struct Candidate {
    Xapian::docid docid;
    double score;
    std::string dup_key;  ///< its duplicate group (collapse key), if any
};

/// The matcher's candidates in its order, starting at result rank `first`
/// (0, or the request's offset when nothing reorders them).
struct Candidates {
    std::vector<Candidate> list;
    std::size_t first = 0;
};

/// Whether `request` reorders the matcher's candidates, so that the matcher
/// must hand over its best from rank 0 (not just the page asked for).
bool reranks(const SearchRequest& request);

/// How many of the matcher's best candidates the re-ranking step needs.
std::size_t rerank_depth(const SearchRequest& request);

/// Re-rank `candidates` and cut them to the page [offset, offset + limit).
void rerank(const Xapian::Database& db, const SearchRequest& request, Candidates& candidates);

}  // namespace newsdex
