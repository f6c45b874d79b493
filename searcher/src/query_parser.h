// The query language (docs/query-syntax.md) parsed into a Xapian::Query, with
// words analysed exactly as the indexer analysed the articles.
#pragma once

#include "common/text/analyzer.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// A plain word of the query, kept for spelling suggestions.
struct QueryWord {
    std::size_t start = 0, end = 0;  ///< byte range in the query text
    std::string folded;              ///< folded form
    bool unknown = false;            ///< no article contains it
};

/// A plain word the query ranks by (not negated, not in a field or phrase),
/// in query order: what the re-ranking step (rerank.h) looks for in titles,
/// positions and entities.
struct RankingWord {
    std::string folded;              ///< folded form
    std::vector<std::string> terms;  ///< its stem in every language of the database
};

struct ParsedQuery {
    Xapian::Query query;
    bool empty = true;  ///< no clause at all (match everything)
    /// Some word, phrase or wildcard (not negated) weighs the hits: without
    /// one the query only filters, and every hit has the same weight.
    bool scoring = false;
    /// Display names of the filtered entities that rank a query with no
    /// words of its own (by how much the text names them); empty otherwise.
    std::vector<std::string> ranked_by_mentions;
    std::vector<std::string> highlight_terms;     ///< index terms to highlight (stems, CJK characters)
    std::vector<std::string> highlight_prefixes;  ///< folded wildcard prefixes to highlight
    std::vector<QueryWord> words;
    std::vector<RankingWord> ranking_words;
    /// Every word is ANDed (no OR, NOT, phrase, field or wildcard): the
    /// query an OR fallback may relax.
    bool plain_and = false;
    /// As plain_and, one word included: the query query expansion may add
    /// to (expansion.h).
    bool plain_words = false;
    std::vector<std::string> notices;
};

class QueryParser {
  public:
    /// Metadata by key (aliases), looked up over every database searched.
    using MetadataLookup = std::function<std::string(const std::string&)>;

    /// `languages`: the stemming languages present in the database.
    /// `metadata`: where aliases are looked up; empty: `db` itself (which
    /// for a combined database answers from its first shard only).
    QueryParser(const Xapian::Database& db, Analyzer& analyzer, std::vector<std::string> languages,
                MetadataLookup metadata = {});

    /// Parse `text`.  Throws UserError naming the column of the problem.
    /// `what` names the text in messages ("query", "filter").
    /// `rank_entity_filters`: when the text has no words of its own but
    /// filters by entities, rank by how much the text names them
    /// (ParsedQuery::ranked_by_mentions) -- the searcher's main query does.
    ParsedQuery parse(std::string_view text, std::string_view what = "query", bool rank_entity_filters = false);

    /// The inclusive [low, high] "YYYYMMDD" bounds of a date expression:
    /// "2015", "2015-09", "2015-09-22", "A..B", "..B", "A..".
    /// Throws UserError on a malformed date.
    static std::pair<std::string, std::string> date_bounds(std::string_view value);

    /// The fewest Y/M/D terms (schema.h) covering the inclusive "YYYYMMDD"
    /// range [low, high].
    static std::vector<std::string> date_range_terms(const std::string& low, const std::string& high);

  private:
    struct State;
    const Xapian::Database& db_;
    Analyzer& analyzer_;
    std::vector<std::string> languages_;
    MetadataLookup metadata_;
};

/// One query of `op` over `parts` without repeats (the first of equal
/// queries kept: "oil OR oil" is "oil", counted and estimated once); one
/// part is itself.  Flat: a chain of binary nodes would be as deep as the
/// query is long.  Every rewrite of a parsed query combines through it.
Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts);

}  // namespace newsdex
