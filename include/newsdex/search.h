/** @file search.h
 *  @brief Searching a newsdex database: requests in, results out.
 *
 *  Everything here is a plain value type except Searcher, which hides its
 *  implementation (and every Xapian type) behind a pointer.  A Searcher is
 *  not safe to share between threads; open one per thread.
 */
#ifndef NEWSDEX_SEARCH_H
#define NEWSDEX_SEARCH_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <newsdex/export.h>

namespace newsdex {

/// Order of the hits.
enum class SortOrder {
    Relevance,  ///< BM25 (optionally blended with recency)
    Newest,     ///< publication time, newest first
    Oldest,     ///< publication time, oldest first
};

/// Bucket size of the date facet.
enum class DateGranularity {
    Auto,   ///< chosen from the span of the matches: year (> 3 years), month (> 90 days), else day
    Year,   ///< buckets "2015"
    Month,  ///< buckets "2015-09"
    Day,    ///< buckets "2015-09-22"
};

/// A facet that can be counted.
enum class FacetField {
    Company,       ///< companies mentioned
    Person,        ///< persons mentioned
    Date,          ///< local publication date, bucketed by DateGranularity
    Source,        ///< publisher or feed
    Organization,  ///< other organisations mentioned ("org")
    Topic,         ///< Reuters topics
    Place,         ///< Reuters places
    Author,        ///< bylines
    Language,      ///< article language ("lang")
};

/// Name used in options and JSON: "company", "person", "date", "source",
/// "org", "topic", "place", "author", "lang" (the filter field names).
NEWSDEX_API const char* facet_field_name(FacetField field);
/// Name of a granularity: "auto", "year", "month", "day".
NEWSDEX_API const char* date_granularity_name(DateGranularity granularity);
/// Name of a sort order: "relevance", "newest", "oldest".
NEWSDEX_API const char* sort_order_name(SortOrder order);

/// A filter on one field given as data, not query text: any value (quotes,
/// colons, parentheses included) is taken as it is.
struct FieldFilter {
    /// A filter field of the query syntax: "company", "person", "org",
    /// "source", "lang", "topic", "place", "author" or "id".
    std::string field;
    /// The value as a user would name it ("Jack Ma", an alias, "IBM");
    /// entity values are resolved through aliases as in query text.
    std::string value;
};

/// A publication date range filter, both ends inclusive: "2015",
/// "2015-09" or "2015-09-22" (local publication date).  An empty end is
/// open; at least one end must be given.
struct DateRange {
    std::string from;  ///< first date, or "" for no lower bound
    std::string to;    ///< last date, or "" for no upper bound
};

/// What re-ranks the matcher's best hits by relevance (docs/ranking.md).
/// Every part is on by default (the best measured configuration) and can
/// be turned off.
struct RankingOptions {
    /// A hit whose headline holds words of the query gains in proportion
    /// to how many it holds.
    bool headline = true;
    /// A hit where the words of a query of several words stand close
    /// together (a phrase at best) gains.
    bool proximity = true;
    /// A query naming a person or company the database knows (by display
    /// name or alias) also matches the articles whose extracted entities
    /// include it and hold some of the words, and those articles gain.
    bool entities = true;
    /// With entities: an article naming the query's person or company in
    /// its text, with the name's words in the lead (the body's first
    /// words, news puts its subject there), gains.
    bool lead = true;
    /// With entities: a query word that is the surname of a person the
    /// database knows, who (nearly) alone bears it (80% of its bearers'
    /// articles) and is named in at least 30% of the articles holding the
    /// word ("volcker", "prime minister thatcher"), names that person as a
    /// run of words naming it would; not after a first name that is someone
    /// else's and not the person's ("john volcker").
    bool surnames = true;
    /// A hit where a word of a query naming no person or company is part of
    /// the name of a company the article names (extracted, or given by its
    /// source) loses: "steel" in Nippon Steel, "sterling" in Sterling Software; the
    /// word may be only a name there.
    bool company_names = true;
    /// A hit whose body is a table of figures (most of its tokens numbers:
    /// market reports, statistics) loses.  Not with recency (it would read
    /// the text of every article recency blends).
    bool tables = true;
    /// When a query of plain words (ANDed) matches fewer than
    /// or_fallback_below articles, those come first, then the articles
    /// matching any of the words, those matching the most words first
    /// (SearchResult::fallback says so).
    bool or_fallback = true;
    /// A page: fewer matches than this is too few (a page of ten would show
    /// a partial list; the rest of it is filled with the articles holding
    /// most of the words).
    std::size_t or_fallback_below = 10;
    /// Query expansion (pseudo-relevance feedback) for a query of plain
    /// words naming no person or company: the terms that stand out in its
    /// best expansion_docs hits are added at a reduced weight and the query
    /// is matched again.  The words stay ANDed: the added terms reorder
    /// the hits, they never add one.  Off by default: on the relevance
    /// benchmark it raised P@10 and MAP but not nDCG@10 (docs/ranking.md).
    bool expansion = false;
    std::size_t expansion_docs = 5;    ///< feedback hits (see expansion)
    std::size_t expansion_terms = 20;  ///< terms added (see expansion)
    /// The best added term's BM25 is scaled by this, the others by less
    /// (in proportion to their expand weight).
    double expansion_weight = 0.2;
    /// A query of plain words holding an acronym's long form ("gross
    /// national product") also matches the acronym (GNP), its weight
    /// scaled by acronym_long_weight; a word that is an acronym also
    /// matches the long form as a phrase, scaled by acronym_short_weight
    /// (the shipped list common/data/acronyms.txt).
    bool acronyms = true;
    double acronym_long_weight = 1;
    double acronym_short_weight = 1;
    /// Fill Hit::explanation with the parts of each hit's score.
    bool explain = false;
};

/// The most graph nodes SearchRequest::graph_nodes can ask for.
inline constexpr std::size_t kMaxGraphNodes = 1000;

/// What to search for and what to return.
struct SearchRequest {
    /// Query text (docs/query-syntax.md): words, "phrases", AND/OR/NOT,
    /// +word/-word, title:, wildcard econ*, parentheses, company:, person:,
    /// org:, source:, date:, after:, before:, ...
    std::string query;
    /// Extra clauses in the same syntax that every hit must also match
    /// (e.g. "company:ibm"): how choosing a facet value narrows a search.
    std::vector<std::string> filters;
    /// Field filters every hit must match (not ranked), beside `query` and
    /// `filters`: how a program filters without building query text.
    std::vector<FieldFilter> field_filters;
    /// Date ranges every hit must fall in, beside the other filters.
    std::vector<DateRange> date_ranges;
    std::size_t offset = 0;  ///< hits to skip
    std::size_t limit = 10;  ///< hits to return
    /// Facets to count, exactly, over every matching article.
    std::vector<FacetField> facets;
    std::size_t facet_limit = 10;  ///< values to return per facet (all but date)
    /// Values to skip per facet (all but date), most frequent first: pages
    /// through "... and N more" (Facet::more counts what follows the page).
    std::size_t facet_offset = 0;
    DateGranularity date_granularity = DateGranularity::Auto;  ///< date facet buckets
    SortOrder sort = SortOrder::Relevance;                     ///< order of the hits
    /// When > 0, relevance is blended with a decay on age with this half-life, in days.
    double recency_half_life_days = 0;
    /// Fold identical copies of an article (one wire story sent again, or
    /// carried word for word by several sources) into their best hit,
    /// before the page is cut; Hit::similar counts them.  Off by default:
    /// every article ranks on its own, so a copy is the hit it is, and a
    /// copy of a higher-ranked hit of the same page names that hit in
    /// Hit::copy_of (docs/ranking.md, "Collapse").
    bool collapse_duplicates = false;
    /// Fold every near-duplicate (the same first 40 body words: updates and
    /// corrections too) into one hit, not only identical copies.  Implies
    /// collapse_duplicates.
    bool collapse_similar = false;
    bool snippets = true;             ///< make highlighted snippets
    bool exact_total = false;         ///< count every match even without facets
    std::size_t snippet_bytes = 240;  ///< approximate snippet length
    RankingOptions ranking;           ///< re-ranking of the hits by relevance

    // Entity analytics (docs/library.md, "Entity analytics"): computed
    // exactly over every matching article, the same over one database,
    // several, or remote shards.  Each is off unless asked for.

    /// Fill SearchResult::related: the companies and persons the matches
    /// name most, the query's own entities left out (its company: and
    /// person: clauses, and the entities its words name when
    /// RankingOptions::entities matches them).  A company: or
    /// person: clause of the query that names no entity of the archive is
    /// then an error (UserError) rather than a notice.
    bool related = false;
    /// Fill SearchResult::significant: the entities over-represented in the
    /// matches compared with the whole archive.
    bool significant = false;
    /// Fill SearchResult::trends: per-entity counts over date buckets.
    bool trend = false;
    /// Fill SearchResult::graph: entities that appear together, with exact pair counts.
    bool cooccurrence = false;
    std::size_t related_limit = 10;  ///< entities per type in related and significant
    /// Significant entities appear in at least this many matches (rare noise has extreme ratios).
    std::uint64_t significant_min_count = 3;
    /// Companies and persons (each) with a trend series: the most frequent in the matches.
    std::size_t trend_limit = 5;
    /// Graph nodes: the most frequent entities of the matches (both types
    /// together); pairs are counted only between them, so every reported
    /// pair count is exact.  At most kMaxGraphNodes are used (pair counting
    /// keeps an n x n table).
    std::size_t graph_nodes = 50;
    std::uint64_t graph_min_weight = 1;  ///< graph edges joining fewer matches are left out
};

/// A byte range [start, end) of Hit::snippet to highlight.
struct Highlight {
    std::size_t start = 0;  ///< first byte
    std::size_t end = 0;    ///< one past the last byte
};

/// An entity named by an article.
struct EntityName {
    std::string id;    ///< canonical id (slug)
    std::string name;  ///< display name
};

/// One part of a hit's score (RankingOptions::explain).
struct ScorePart {
    /// "bm25" (one query word: `detail` is the word), "other" (phrases,
    /// title: and wildcard clauses, weighed by Xapian), "headline",
    /// "proximity", "entity" (`detail`: the entity's display name), "lead",
    /// the penalties (negative) "company-name" (`detail`: "steel in
    /// nippon-steel") and "table", "recency", "matched-words" (the OR fallback:
    /// `detail` says how many), "expansion" (the terms query expansion
    /// added: `detail` lists those the hit holds).
    std::string kind;
    std::string detail;  ///< what the part is about (may be empty)
    double value = 0;    ///< what it adds to the score (negative: takes off)
};

/// One search hit.
struct Hit {
    std::size_t rank = 0;               ///< 1-based position in the whole result list
    std::string id;                     ///< article id
    std::string title;                  ///< headline (may be empty)
    std::string date;                   ///< ISO 8601 as published ("2015-09-22T14:05:00+02:00"), or empty
    std::string source;                 ///< publisher or feed (may be empty)
    std::string url;                    ///< link to the original (may be empty)
    double score = 0;                   ///< relevance weight (0 when sorted by date)
    std::string snippet;                ///< an excerpt of the body around the matching words
    std::vector<Highlight> highlights;  ///< matching words within snippet
    std::size_t similar = 0;            ///< near-identical articles folded into this hit
    /// Without SearchRequest::collapse_duplicates: when this article is an
    /// identical copy (same near-duplicate group, same stored body) of a
    /// higher-ranked hit of the same page, that hit's id (the first such
    /// hit); empty otherwise.
    std::string copy_of;
    std::vector<EntityName> companies;  ///< companies the article names
    std::vector<EntityName> persons;    ///< persons the article names
    /// With RankingOptions::explain, sorted by relevance: the parts whose
    /// values add up to `score` (BM25 per query word, then the bonuses).
    std::vector<ScorePart> explanation;
};

/// One value of a facet.
struct FacetValue {
    std::string id;           ///< entity id, or the date bucket ("2015", "2015-09", "2015-09-22")
    std::string name;         ///< display name (the bucket again for dates)
    std::uint64_t count = 0;  ///< matching articles with this value
};

/// Counts of one facet over all matching articles.
struct Facet {
    FacetField field = FacetField::Company;  ///< what was counted
    std::vector<FacetValue> values;          ///< by count (company/person) or chronological (date)
    std::size_t distinct = 0;                ///< distinct values among the matches
    std::size_t more = 0;  ///< distinct values after the ones shown (distinct - facet_offset - shown, at least 0)
    DateGranularity granularity = DateGranularity::Auto;  ///< date facet: the granularity used
};

/// The type of an entity in analytics results.
enum class EntityKind {
    Company,  ///< a company (filter field "company")
    Person,   ///< a person (filter field "person")
};

/// "company" or "person": the filter field name.
NEWSDEX_API const char* entity_kind_name(EntityKind type);

/// An entity of the matches with how strongly it belongs to them.
struct RelatedEntity {
    std::string id;                   ///< canonical id (slug)
    std::string name;                 ///< display name
    std::uint64_t count = 0;          ///< matching articles that name it
    std::uint64_t archive_count = 0;  ///< articles of the whole archive that name it
    /// Dunning's log-likelihood ratio G2 of the 2x2 table (names it or
    /// not) x (matches or not), signed: positive when the entity is more
    /// frequent in the matches than in the archive.  About 3.84 is
    /// significant at p = 0.05, 10.83 at p = 0.001 (chi-squared, 1 degree of
    /// freedom).  See docs/library.md for why not PMI.
    double score = 0;
};

/// Related or significant entities, per type.
struct EntityLists {
    std::vector<RelatedEntity> companies;  ///< companies, best first
    std::vector<RelatedEntity> persons;    ///< persons, best first
};

/// One entity's counts per date bucket.
struct TrendSeries {
    EntityKind type = EntityKind::Company;  ///< company or person
    std::string id;                         ///< canonical id (slug)
    std::string name;                       ///< display name
    std::uint64_t total = 0;                ///< matching articles that name it (dated or not)
    std::vector<std::uint64_t> counts;      ///< per bucket of Trends::buckets, zero-filled
    std::size_t peak = 0;                   ///< index of the first largest count (0 when all are 0)
};

/// Trend series of the most frequent entities of the matches.
struct Trends {
    /// The bucket size used: the date facet's, chosen from the span of all
    /// the matches when SearchRequest::date_granularity is Auto.
    DateGranularity granularity = DateGranularity::Year;
    /// The buckets ("2015", "2015-09" or "2015-09-22"), in order, every one
    /// of the matches' span: the same as the date facet's.
    std::vector<std::string> buckets;
    /// Companies first, then persons, each most frequent first.
    std::vector<TrendSeries> series;
};

/// A node of the co-occurrence graph.
struct GraphNode {
    EntityKind type = EntityKind::Company;  ///< company or person
    std::string id;                         ///< canonical id (slug)
    std::string name;                       ///< display name
    std::uint64_t count = 0;                ///< matching articles that name it
};

/// An edge of the co-occurrence graph: two entities named together.
struct GraphEdge {
    std::size_t source = 0;    ///< index into CooccurrenceGraph::nodes
    std::size_t target = 0;    ///< index into CooccurrenceGraph::nodes (> source)
    std::uint64_t weight = 0;  ///< matching articles that name both (exact)
};

/// Entities of the matches and the pairs of them named together.
struct CooccurrenceGraph {
    std::uint64_t matches = 0;     ///< matching articles
    std::uint64_t min_weight = 1;  ///< edges lighter than this were left out
    std::vector<GraphNode> nodes;  ///< most frequent first
    std::vector<GraphEdge> edges;  ///< heaviest first, then by node indices
};

/// The graph as node-link JSON (what networkx.node_link_graph reads; Gephi
/// via its JSON importer): {"directed": false, "multigraph": false,
/// "graph": {...}, "nodes": [...], "links": [...]} (docs/json-output.md).
NEWSDEX_API std::string graph_to_json(const CooccurrenceGraph& graph);
/// The graph as GraphML (Gephi, networkx.read_graphml, yEd), with node
/// attributes type, name, count and the edge attribute weight.
NEWSDEX_API std::string graph_to_graphml(const CooccurrenceGraph& graph);

/// The answer to a SearchRequest.
struct SearchResult {
    /// The facet counted for `field`, or nullptr when it was not requested.
    /// The pointer is valid while this result lives and `facets` is unchanged.
    const Facet* facet(FacetField field) const {
        for (const auto& f : facets)
            if (f.field == field) return &f;
        return nullptr;
    }

    std::string query;          ///< the query as given
    std::uint64_t total = 0;    ///< matching articles (before collapsing)
    bool total_exact = false;   ///< total is exact (else an estimate)
    std::vector<Hit> hits;      ///< the hits from offset, at most limit
    std::vector<Facet> facets;  ///< one per requested facet, in request order
    std::string suggestion;     ///< "did you mean" query, or empty
    /// "or" when too few articles matched every word and the hits are the
    /// articles matching any of them, most words first
    /// (RankingOptions::or_fallback); empty otherwise.
    std::string fallback;
    std::vector<std::string> notices;        ///< e.g. "no person matches 'xyz'"
    double elapsed_ms = 0;                   ///< time spent searching
    std::optional<EntityLists> related;      ///< when SearchRequest::related: by count, then score
    std::optional<EntityLists> significant;  ///< when SearchRequest::significant: by score
    std::optional<Trends> trends;            ///< when SearchRequest::trend
    std::optional<CooccurrenceGraph> graph;  ///< when SearchRequest::cooccurrence
};

/// The values of one filter field over the whole archive (Searcher::values).
struct FieldValues {
    std::string field;               ///< the field listed ("person", "source", ...)
    std::string prefix;              ///< the prefix asked for ("" for every value)
    std::vector<FacetValue> values;  ///< most articles first (count: articles with the value)
    std::size_t distinct = 0;        ///< values matching the prefix
    std::size_t more = 0;            ///< matching values after the ones returned
};

/// One whole stored article (Searcher::article): what `newsdex-search --show` prints.
struct StoredArticle {
    std::string id;                         ///< article id
    std::string title;                      ///< headline (may be empty)
    std::string date;                       ///< ISO 8601 as published, or empty
    std::string source;                     ///< publisher or feed (may be empty)
    std::string url;                        ///< link to the original (may be empty)
    std::string language;                   ///< language code of the article ("en", "zh", ...)
    std::vector<std::string> authors;       ///< bylines, when known
    std::vector<EntityName> companies;      ///< companies the article names
    std::vector<EntityName> persons;        ///< persons the article names
    std::vector<EntityName> organizations;  ///< other organisations the article names
    /// The body as stored by the indexer: the whole text, unless it was
    /// longer than the stored limit (then body_truncated).
    std::string body;
    bool body_truncated = false;              ///< the index kept only the beginning of the body
    std::vector<Highlight> title_highlights;  ///< words of the query in `title`
    std::vector<Highlight> body_highlights;   ///< words of the query in `body`
};

/// A newsdex database (one or several shards, local or remote) opened for searching.
///
/// Local shards are matched and their facets counted in parallel, on worker
/// threads the Searcher owns (one per core beyond the caller's, at most one
/// per shard) and on the calling thread.  Use a Searcher from one thread at
/// a time.
class NEWSDEX_API Searcher {
  public:
    /// Open one or more databases: newsdex database directories, Xapian
    /// databases, or Xapian stub files (which may list remote shards served by
    /// xapian-tcpsrv).  Several are searched as one.
    /// @throws SystemError if one cannot be opened.
    explicit Searcher(const std::vector<std::string>& databases);
    /// Close the databases.
    ~Searcher();
    /// Move: the moved-from Searcher may only be destroyed or assigned to.
    Searcher(Searcher&&) noexcept;
    /// Move assignment.
    Searcher& operator=(Searcher&&) noexcept;

    /// Run a search.
    /// @throws UserError for a malformed query (the message names the column).
    /// @throws SystemError for database failures.
    SearchResult search(const SearchRequest& request);

    /// The stored article with this id, or nullopt when no article has it.
    /// When `query` is not empty, its words (as the search would match
    /// them: stems, CJK characters, wildcard prefixes) are marked in
    /// StoredArticle::title_highlights and StoredArticle::body_highlights.
    /// @throws UserError for a malformed query.
    /// @throws SystemError for database failures.
    std::optional<StoredArticle> article(const std::string& id, const std::string& query = std::string());

    /// The values of filter field `field` ("company", "person", "org",
    /// "source", "lang", "topic", "place", "author") whose id, or a word of
    /// it, starts with `prefix` ("rea" finds ronald-reagan), most articles
    /// first, counted over the whole archive; `offset` values skipped, at
    /// most `limit` returned.
    /// @throws UserError for an unknown field.
    /// @throws SystemError for database failures.
    FieldValues values(const std::string& field, const std::string& prefix = std::string(), std::size_t limit = 10,
                       std::size_t offset = 0);

    /// Number of articles in the database(s).
    std::uint64_t article_count() const;

    /// Start searching the latest committed state.  A Searcher searches the
    /// state the databases were in when it opened them (or last reopened),
    /// so that results stay consistent while an indexer is writing.
    /// @throws SystemError if a database cannot be opened.
    void reopen();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The hit's snippet with each highlight wrapped in `open` and `close`
/// (e.g. "**" and "**", or terminal escapes).
NEWSDEX_API std::string marked_snippet(const Hit& hit, const std::string& open, const std::string& close);

/// `text` with each highlight (byte ranges, in order) wrapped in `open` and `close`.
std::string marked_text(const std::string& text, const std::vector<Highlight>& highlights, const std::string& open,
                        const std::string& close);

/// The result as the documented JSON document (docs/json-output.md), one line.
NEWSDEX_API std::string to_json(const SearchResult& result);
/// A value listing (Searcher::values) as one JSON document, one line
/// (docs/json-output.md, "Field values").
NEWSDEX_API std::string to_json(const FieldValues& values);
/// One hit as the object of the document's "hits" array, one line (what
/// `--format jsonl` prints per hit).
NEWSDEX_API std::string to_json(const Hit& hit);
/// An article as the documented `--show --json` document, one line.
NEWSDEX_API std::string to_json(const StoredArticle& article);

}  // namespace newsdex

#endif
