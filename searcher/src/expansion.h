// Query expansion by pseudo-relevance feedback (docs/ranking.md): for a
// query of plain words, the best few hits of a first match are taken as
// relevant, the terms that stand out in them (Xapian's expand set over the
// whole database set) are added to the query at a reduced weight, and the
// query is matched again.  The added terms only add score: the query's own
// words stay ANDed (OP_AND_MAYBE), so expansion reorders the matches, it
// never adds one.
#pragma once

#include "newsdex/search.h"

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

struct RankingQuery;

/// One term added to a query, with the factor its BM25 weight is scaled by.
struct ExpansionTerm {
    std::string term;
    double factor = 0;
};

/// The terms expansion adds to a query of `words` (each its index terms)
/// given the feedback documents `feedback` (docids of `db`): the
/// `options.expansion_terms` best of Xapian's expand set (statistics of
/// the whole of `db`, exact over several databases) that are words (no
/// boolean or prefixed term, no figure) and not the query's own, each
/// scaled by options.expansion_weight times its expand weight's share of
/// the best one's.
std::vector<ExpansionTerm> expansion_terms(const Xapian::Database& db, const std::vector<Xapian::docid>& feedback,
                                           const std::vector<std::vector<std::string>>& words,
                                           const RankingOptions& options);

/// `query` with `terms` added: its matches, each scored more for the
/// terms it holds.
Xapian::Query with_expansion(const Xapian::Query& query, const std::vector<ExpansionTerm>& terms);

/// The part of a document's score `terms` gave (as the matcher weighs
/// them: BM25 times each term's factor), and the terms it holds.
struct ExpansionPart {
    double score = 0;
    std::vector<std::string> held;
};

/// The expansion's part of each of `docids` (any order): each term's
/// postings are walked once, in docid order (a termlist per document would
/// be read and inflated once per term).
std::vector<ExpansionPart> expansion_parts(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                                           const std::vector<ExpansionTerm>& terms);

}  // namespace newsdex
