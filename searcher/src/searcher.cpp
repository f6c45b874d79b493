#include "newsdex/search.h"

#include "common/text/analyzer.h"
#include "acronyms.h"
#include "analytics.h"
#include "article.h"
#include "common/schema/schema.h"
#include "copies.h"
#include "database_set.h"
#include "expansion.h"
#include "facets.h"
#include "field_values.h"
#include "newsdex/error.h"
#include "query_parser.h"
#include "rerank.h"
#include "shard_bm25.h"
#include "snippet.h"
#include "spelling.h"
#include "structured_filters.h"
#include "stored_data.h"
#include "worker_pool.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <optional>
#include <set>
#include <unordered_set>

namespace newsdex {

const char* facet_field_name(FacetField field) {
    switch (field) {
        case FacetField::Company: return "company";
        case FacetField::Person: return "person";
        case FacetField::Date: return "date";
        case FacetField::Source: return "source";
        case FacetField::Organization: return "org";
        case FacetField::Topic: return "topic";
        case FacetField::Place: return "place";
        case FacetField::Author: return "author";
        case FacetField::Language: return "lang";
    }
    return "?";
}

const char* date_granularity_name(DateGranularity g) {
    switch (g) {
        case DateGranularity::Auto: return "auto";
        case DateGranularity::Year: return "year";
        case DateGranularity::Month: return "month";
        case DateGranularity::Day: return "day";
    }
    return "?";
}

const char* sort_order_name(SortOrder order) {
    switch (order) {
        case SortOrder::Relevance: return "relevance";
        case SortOrder::Newest: return "newest";
        case SortOrder::Oldest: return "oldest";
    }
    return "?";
}

namespace {

/// Said when a query that only filters is ordered newest first.
constexpr const char* kFilterOnlyNotice = "no words to rank by: newest first (add words, or --sort oldest)";

/// Said when a query that only filters by entities is ranked by how much the
/// text names them (QueryParser's rank_by_mentions).
std::string mentions_notice(const std::vector<std::string>& names) {
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i)
        list += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return "no words to rank by: articles that name " + list + " most come first (add words, or --sort newest)";
}

/// For each of `terms` (short posting lists: duplicate groups), how many of
/// its documents in `db` match `query`.
std::vector<Xapian::doccount> count_matches_per_term(const Xapian::Database& db, const Xapian::Query& query,
                                                     const std::vector<std::string>& terms) {
    std::vector<Xapian::doccount> out(terms.size(), 0);
    std::vector<Xapian::docid> docids;
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                    Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    DocidSpy spy(docids);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    std::unordered_set<Xapian::docid> matching(docids.begin(), docids.end());
    for (std::size_t t = 0; t < terms.size(); ++t)
        for (auto p = db.postlist_begin(terms[t]); p != db.postlist_end(terms[t]); ++p) out[t] += matching.count(*p);
    return out;
}

/// The docids (combined numbering) of every match of `query`: one boolean
/// match over the combined database, the same on local and remote shards.
std::unordered_set<Xapian::docid> matching_docids(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet all = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    std::unordered_set<Xapian::docid> matching;
    matching.reserve(all.size());
    for (auto m = all.begin(); m != all.end(); ++m) matching.insert(*m);
    return matching;
}

/// The `limit` most frequent values of the terms with `prefix` among
/// `matching` (a facet on a field without per-document arrays or a value
/// slot: source, org, topic, place, author, lang): each value's posting list
/// (combined numbering) intersected with the matches.  Costs one pass over
/// the field's postings: fine for these fields' sizes; a per-document array
/// (as for company and person) would make it a lookup.
TopCounts count_term_facet(const Xapian::Database& db, const std::unordered_set<Xapian::docid>& matching,
                           std::string_view prefix, std::size_t limit) {
    std::vector<std::pair<std::string, std::uint64_t>> counts;
    const std::string start(prefix);
    for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
        std::uint64_t n = 0;
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) n += matching.count(*p);
        if (n) counts.emplace_back((*t).substr(start.size()), n);
    }
    return top_counts(std::move(counts), limit);
}

/// A hit's stored fields (and snippet, if asked for) from document `docid` of
/// `db`, or from its data `cached` when the search read it already (null: read).
Hit load_hit(const Xapian::Database& db, Xapian::docid docid, const std::string* cached, const SearchRequest& request,
             const HighlightSet& highlight, Analyzer& analyzer) {
    Hit hit;
    std::string read;
    if (!cached) read = db.get_document(docid, Xapian::DOC_ASSUME_VALID).get_data();
    StoredData stored = parse_stored_data(cached ? *cached : read);
    const nlohmann::json& meta = stored.meta;
    hit.id = meta.value("id", "");
    hit.title = meta.value("title", "");
    hit.date = meta.value("date", "");
    hit.source = meta.value("source", "");
    hit.url = meta.value("url", "");
    hit.companies = stored_entity_names(meta, "companies");
    hit.persons = stored_entity_names(meta, "persons");
    if (request.snippets) {
        Snippet s = make_snippet(analyzer, std::string(stored.body), stemming_language(meta.value("language", "en")),
                                 highlight, request.snippet_bytes);
        hit.snippet = std::move(s.text);
        hit.highlights = std::move(s.highlights);
    }
    return hit;
}

/// A failure that opening the databases afresh may cure: the indexer
/// committed so often that this snapshot's blocks were reused
/// (DatabaseModifiedError, or DatabaseCorruptError when a block is read
/// half-way through being reused -- real corruption fails every attempt and
/// is reported then), or a remote shard dropped the connection (restarted
/// server, idle timeout).
bool cured_by_reopening(const Xapian::Error& e) {
    const std::string type = e.get_type();
    return type == "DatabaseModifiedError" || type == "DatabaseCorruptError" || type == "NetworkError" ||
           type == "NetworkTimeoutError";
}

/// The message for a failure that persisted.
std::string failure_message(const char* what, const Xapian::Error& e) {
    if (std::string(e.get_type()) == "DatabaseCorruptError") return e.get_msg();
    return what + e.get_description();
}

/// Opening and searching are tried this often before such a failure is
/// reported.  An attempt fails when the writer commits twice while it runs;
/// against an indexer committing after every article (1-2 ms apart on
/// Reuters, e2e.search_while_indexing) a search of a few ms with an OR
/// fallback and re-ranking failed ~80% of its attempts, so 20 attempts
/// left about one search in a hundred failing; 80 leave ~1e-8.  A retry
/// costs one search, and with the usual --commit-every 300 it is rare.
constexpr int kAttempts = 80;

}  // namespace

struct Searcher::Impl {
    std::vector<std::string> paths;  ///< as given, to reconnect
    DatabaseSet databases;
    /// Local shards are matched and counted on these threads and the caller's.
    WorkerPool workers;
    Analyzer analyzer;
    /// One analyzer per local shard for snippets made on the worker threads
    /// (an Analyzer is used by one thread at a time).
    std::vector<std::unique_ptr<Analyzer>> shard_analyzers;
    FacetIndex facets;
    std::vector<std::string> languages;
    /// Built at the first query that may name a person by surname, once:
    /// `databases` never change (a reopened Searcher is a new Impl).
    std::optional<SurnameIndex> surnames;

    /// `use_arrays` false once the databases were seen changing under a
    /// search (an indexer committing): the per-document arrays are then
    /// stale, and rebuilding them at every reopen would outlast the next
    /// commits.  Facets are then counted by match spies and the shards
    /// matched together.  (FacetIndex also goes without them when it finds
    /// a stale shard locked by a writer.)
    Impl(const std::vector<std::string>& paths_, bool use_arrays)
        : paths(paths_),
          databases(open_database_set(paths)),
          // A search hands out one task per shard: more threads than shards idle.
          workers(databases.all_local && use_arrays
                      ? std::min(WorkerPool::default_threads(), std::max<std::size_t>(1, databases.shards.size()))
                      : 0),
          facets(databases, workers, use_arrays) {
        // Every database searched says its schema and languages: databases
        // indexed apart (or remote servers) may differ.
        std::set<std::string> seen;
        for (const auto& shard : databases.shards) {
            std::string version = shard.get_metadata(schema::kSchemaVersionKey);
            if (!version.empty() && !schema::readable_schema_version(version))
                throw SystemError(
                    "the database was written with index schema " + version + ", this newsdex reads schemas " +
                    std::to_string(schema::kOldestReadableSchemaVersion) + " to " +
                    std::to_string(schema::kSchemaVersion) + ": index the articles again into a new database");
            std::string list = shard.get_metadata(schema::kLanguagesKey);
            std::size_t start = 0;
            while (start < list.size()) {
                auto comma = list.find(',', start);
                if (comma == std::string::npos) comma = list.size();
                std::string language = list.substr(start, comma - start);
                if (!language.empty() && seen.insert(language).second) languages.push_back(language);
                start = comma + 1;
            }
        }
        // English first: it is the default for articles that do not say.
        auto en = std::find(languages.begin(), languages.end(), "en");
        if (en == languages.end())
            languages.insert(languages.begin(), "en");
        else
            std::rotate(languages.begin(), en, en + 1);
    }

    /// Open `paths`, again while an indexer's commits make the opening fail.
    static std::unique_ptr<Impl> open(const std::vector<std::string>& paths, bool use_arrays) {
        for (int attempt = 1;; ++attempt) {
            try {
                return std::make_unique<Impl>(paths, use_arrays);
            } catch (const Xapian::Error& e) {
                if (!cured_by_reopening(e) || attempt == kAttempts)
                    throw SystemError(failure_message("cannot open the database: ", e));
            }
        }
    }

    /// Display names, cached: the same names come back search after search.
    std::unordered_map<std::string, std::string> names;

    std::string display_name(std::string_view prefix, const std::string& slug) {
        std::string key = schema::name_key(prefix, slug);
        auto it = names.find(key);
        if (it != names.end()) return it->second;
        std::string name = databases.metadata(key);
        if (name.empty()) name = slug;
        if (names.size() > 100000) names.clear();
        return names.emplace(std::move(key), std::move(name)).first->second;
    }

    /// The local shards' body digests (copies.h), when every shard is
    /// local and has its per-document arrays; else none (bodies are read).
    BodyDigests body_digests() {
        if (!databases.all_local || !facets.arrays_available()) return {};
        std::vector<const std::vector<std::uint64_t>*> shards;
        bool any = false;
        for (std::size_t s = 0; s < databases.shards.size(); ++s) {
            shards.push_back(&facets.body_digests(s));
            any |= !shards.back()->empty();
        }
        if (!any) return {};
        return BodyDigests(std::move(shards));
    }

    /// Group sizes start at 1 for every key of a shown hit; returns the
    /// groups' XD terms, to count.
    static std::vector<std::string> groups_to_count(const std::vector<std::string>& keys,
                                                    std::unordered_map<std::string, Xapian::doccount>& sizes) {
        std::vector<std::string> terms;
        for (const auto& key : keys) {
            if (key.empty() || sizes.count(key)) continue;
            sizes[key] = 1;
            terms.push_back(std::string(schema::kPrefixDupKey) + key);
        }
        return terms;
    }

    /// Remote shards: how many articles matching `query` each group holds,
    /// counted by a built-in spy next to the data.
    void count_groups_remotely(const Xapian::Query& query, const std::vector<std::string>& terms,
                               std::unordered_map<std::string, Xapian::doccount>& sizes) {
        Xapian::Enquire enquire(databases.combined);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::ValueCountMatchSpy spy(schema::kSlotDupKey);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 0, databases.combined.get_doccount());
        for (auto v = spy.values_begin(); v != spy.values_end(); ++v)
            if (sizes.count(*v)) sizes[*v] = v.get_termfreq();
    }

    /// The part of a search each local shard does on its own.
    struct ShardMatch {
        std::vector<Candidate> candidates;
        Xapian::doccount estimated = 0, lower = 0, upper = 0;  ///< uncollapsed matches
    };

    /// Match each local shard on its own thread, with the weights one match
    /// over all shards would give (shard_bm25.h), counting its facets in
    /// the same task; then merge.  Returns the best `wanted` candidates
    /// (duplicate groups collapsed across shards) in Xapian's order: weight
    /// descending, then docid ascending.  Empty optional when the query
    /// cannot be split exactly.  `estimate_shown` false: the estimated
    /// total is not shown (a counter gives the exact one), so each shard is
    /// first matched to a little more than its share of `wanted` (see
    /// shard_depth), and again to `wanted` only when the merge shows it may
    /// hold more of the best.
    std::optional<std::vector<Candidate>> match_by_shard(const Xapian::Query& query, const SearchRequest& request,
                                                         std::size_t wanted, FacetCounter* counter,
                                                         SearchResult& result, bool estimate_shown = true) {
        const auto& shards = databases.shards;
        // Without arrays (remote shards, an indexer writing) the counter uses spies.
        if (!facets.arrays_available()) return std::nullopt;
        const Xapian::Database& db = databases.combined;
        QueryTermWeights weights = shard_term_weights(query, db.get_doccount(), shards);
        if (weights.empty()) return std::nullopt;
        const double average_length =
            db.get_doccount() ? static_cast<double>(db.get_total_length()) / db.get_doccount() : 0.0;
        const std::size_t n = shards.size();
        std::vector<const std::vector<std::uint32_t>*> doclens;
        for (std::size_t s = 0; s < n; ++s) doclens.push_back(&facets.document_lengths(s));
        const std::string serialised = query.serialise();
        const bool collapse = request.collapse_duplicates;
        std::vector<ShardMatch> matches(n);
        // The estimates depend on each shard's depth, and a counter's
        // recording (shard_record) on the whole match: full depth then.
        const std::size_t share =
            estimate_shown || counter || n < 2 ? wanted : std::min(wanted, shard_depth(wanted, n));
        std::vector<std::size_t> depth(n, share);
        auto match_shard = [&](std::size_t s, FacetCounter* count) {
            Xapian::Query q = unserialise_query(serialised);  // this thread's own copy
            Xapian::Enquire enquire(databases.worker_shards[s]);
            // A one-term query's matches are recorded for the facet counter as the term is read.
            PostingRecord* record = count ? count->shard_record(s, q) : nullptr;
            enquire.set_query(with_length_sources(q, weights, s, *doclens[s], average_length, record));
            enquire.set_weighting_scheme(GlobalStatsBM25Weight(
                std::make_shared<const ShardTermWeights>(weights.by_shard[s]), average_length));
            if (collapse) enquire.set_collapse_key(schema::kSlotDupKey, kept_per_group(request));
            Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth[s]));
            ShardMatch& out = matches[s];
            out = ShardMatch{};
            out.estimated = mset.get_uncollapsed_matches_estimated();
            out.lower = mset.get_uncollapsed_matches_lower_bound();
            out.upper = mset.get_uncollapsed_matches_upper_bound();
            for (auto it = mset.begin(); it != mset.end(); ++it)
                out.candidates.push_back({static_cast<Xapian::docid>((*it - 1) * n + s + 1),
                                          it.get_weight(),
                                          collapse ? it.get_collapse_key() : std::string(),
                                          0.0,
                                          {}});
            if (count) count->count_shard(s, q);
        };
        {
            TaskGroup tasks(workers);
            for (std::size_t s = 0; s < n; ++s) tasks.submit([&, s] { match_shard(s, counter); });
            tasks.wait();
        }
        std::vector<Candidate> out = merge_shards(matches, request, wanted);
        if (share < wanted) {
            // A shard that returned all it was asked for may hold more of the
            // best: when its last ranks at or above the last kept (or fewer
            // than `wanted` were kept).  Its candidates past its depth rank
            // below its last, so a shard whose last ranks below the last kept
            // holds none of them, nor any that would change which members of
            // a group are kept before it.
            std::vector<std::size_t> again;
            for (std::size_t s = 0; s < n; ++s) {
                const auto& c = matches[s].candidates;
                if (c.size() < depth[s]) continue;  // all its matches
                const bool above = out.size() < wanted || c.back().score > out.back().score ||
                                   (c.back().score == out.back().score && c.back().docid <= out.back().docid);
                if (above) again.push_back(s);
            }
            if (!again.empty()) {
                TaskGroup tasks(workers);
                for (std::size_t s : again) {
                    depth[s] = wanted;
                    tasks.submit([&, s] { match_shard(s, nullptr); });
                }
                tasks.wait();
                out = merge_shards(matches, request, wanted);
            }
        }
        Xapian::doccount estimated = 0, lower = 0, upper = 0;
        for (const auto& m : matches) {
            estimated += m.estimated;
            lower += m.lower;
            upper += m.upper;
        }
        result.total = std::max(estimated, lower);
        result.total_exact = lower == upper;
        return out;
    }

    /// How deep each of `n` shards is matched first for `wanted` candidates
    /// when the estimated total is not shown: its share and a quarter more,
    /// plus 16.  The best `wanted` fall to the shards about evenly (articles
    /// go to shards by a hash of their id), so the second match is rare.
    static std::size_t shard_depth(std::size_t wanted, std::size_t n) { return wanted * 5 / (4 * n) + 16; }

    /// The shards' candidates merged in Xapian's order, the first `wanted`.
    /// A group's best members in its shard are the group's best overall or
    /// are beaten by them: keep the first of each key (the first few when
    /// only copies fold).
    static std::vector<Candidate> merge_shards(const std::vector<ShardMatch>& matches, const SearchRequest& request,
                                               std::size_t wanted) {
        std::vector<Candidate> all;
        for (const auto& m : matches) all.insert(all.end(), m.candidates.begin(), m.candidates.end());
        std::sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) {
            return a.score != b.score ? a.score > b.score : a.docid < b.docid;
        });
        std::vector<Candidate> out;
        std::unordered_map<std::string, Xapian::doccount> seen;
        const Xapian::doccount kept = kept_per_group(request);
        for (auto& c : all) {
            if (out.size() == wanted) break;
            if (!c.dup_key.empty() && ++seen[c.dup_key] > kept) continue;
            out.push_back(std::move(c));
        }
        return out;
    }

    void fill_facets(const SearchRequest& request, const Xapian::Query& query, const FacetCounts& counts,
                     SearchResult& result) {
        // The matches, collected once for all the term-field facets asked for.
        std::optional<std::unordered_set<Xapian::docid>> matching;
        for (FacetField field : request.facets) {
            if (field == FacetField::Date) {
                result.facets.push_back(make_date_facet(counts.days, request.date_granularity));
                continue;
            }
            const bool entity = field == FacetField::Company || field == FacetField::Person;
            std::string_view prefix = field == FacetField::Company ? schema::kPrefixCompany
                                      : field == FacetField::Person
                                          ? schema::kPrefixPerson
                                          : schema::find_filter_field(facet_field_name(field))->prefix;
            TopCounts counted;
            if (!entity) {
                if (!matching) matching = matching_docids(databases.combined, query);
                counted =
                    count_term_facet(databases.combined, *matching, prefix, request.facet_offset + request.facet_limit);
            }
            const TopCounts& top = field == FacetField::Company  ? counts.companies
                                   : field == FacetField::Person ? counts.persons
                                                                 : counted;
            // The counters kept the facet_offset + facet_limit most frequent
            // values (local arrays and remote spies alike): the page is their tail.
            Facet facet;
            facet.field = field;
            facet.distinct = top.distinct;
            for (std::size_t i = request.facet_offset; i < top.top.size(); ++i)
                facet.values.push_back({top.top[i].first, display_name(prefix, top.top[i].first), top.top[i].second});
            facet.more = top.distinct - std::min(top.distinct, request.facet_offset + facet.values.size());
            result.facets.push_back(std::move(facet));
        }
    }

    /// The query of a request: its text, filters and field filters combined,
    /// and the request as it is carried out (a query that only filters is
    /// ordered newest first).
    struct PreparedQuery {
        ParsedQuery parsed;
        Xapian::Query query;
        SearchRequest request;
        RankingQuery ranking;                ///< what the re-ranking step looks for
        std::vector<Xapian::Query> filters;  ///< the filters ANDed to the text's query
        /// What the OR fallback relaxes the text to: any word, or any
        /// word's acronym or long form (acronyms.h); empty: any word.
        Xapian::Query any_word;
    };

    /// `text` (or everything, when `empty_text`) with `filters` applied.
    static Xapian::Query with_filters(const Xapian::Query& text, bool empty_text,
                                      const std::vector<Xapian::Query>& filters) {
        Xapian::Query query = text;
        bool has_clause = !empty_text;
        for (const auto& f : filters) {
            query = has_clause ? Xapian::Query(Xapian::Query::OP_FILTER, query, f) : f;
            has_clause = true;
        }
        return query;
    }

    /// A library caller's weights: a negative or NaN one would throw deep in
    /// Xapian or break the sorts, so it is the caller's error, said here.
    static void check_weights(const RankingOptions& ranking) {
        const std::pair<const char*, double> weights[] = {{"expansion_weight", ranking.expansion_weight},
                                                          {"acronym_long_weight", ranking.acronym_long_weight},
                                                          {"acronym_short_weight", ranking.acronym_short_weight}};
        for (const auto& [name, value] : weights)
            if (!std::isfinite(value) || value < 0)
                throw UserError(std::string("ranking: ") + name + " must be a finite number >= 0");
    }

    PreparedQuery prepare_query(const SearchRequest& asked, SearchResult& result) {
        check_weights(asked.ranking);
        QueryParser parser(databases.combined, analyzer, languages,
                           [this](const std::string& key) { return databases.metadata(key); });
        PreparedQuery out{parser.parse(asked.query, "query", /*rank_entity_filters=*/true), {}, asked, {}, {}, {}};
        const ParsedQuery& parsed = out.parsed;
        // The persons by surname: by their XW terms, or (a database indexed
        // before schema 4) one scan of the person terms.
        if (asked.ranking.entities && asked.ranking.surnames && parsed.plain_words && !surnames)
            surnames.emplace(databases.combined, SurnameIndex::has_surname_terms(databases.shards));
        out.ranking = make_ranking_query(
            databases.combined, [this](const std::string& key) { return databases.metadata(key); }, parsed,
            asked.ranking, surnames ? &*surnames : nullptr);
        // A query that only filters gives every hit the same weight, so
        // "relevance" would be index order (issue 12: a corpus's notes file
        // came first).  The parser already ranks entity filters by how much
        // the text names them (scoring then); what is left, e.g. lang: or
        // date: alone, comes newest first.  A notice says which
        // (docs/cli.md, "Order of the hits").
        if (asked.sort == SortOrder::Relevance && asked.recency_half_life_days <= 0 && !parsed.scoring)
            out.request.sort = SortOrder::Newest;
        // Folding every near-duplicate is folding.
        if (asked.collapse_similar) out.request.collapse_duplicates = true;
        const SearchRequest& request = out.request;
        bool blank = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
        if (parsed.empty && !blank) throw UserError("query: no searchable words in '" + request.query + "'");
        // A query naming a known person or company also matches the
        // articles whose extracted entities include it (rerank.h).
        Xapian::Query text = parsed.query;
        if (asked.ranking.acronyms && parsed.plain_words) {
            AcronymMatch m = with_acronyms(
                parsed.ranking_words, shipped_acronyms(),
                [this](const std::string& folded) {
                    std::vector<std::string> stems;
                    for (const auto& language : languages) stems.push_back(analyzer.stem(folded, language));
                    return stems;
                },
                asked.ranking.acronym_long_weight, asked.ranking.acronym_short_weight);
            if (!m.added.empty()) {
                text = m.query;
                out.any_word = m.any_word;
            }
        }
        Xapian::Query query = with_entity_matches(text, out.ranking);
        bool has_clause = !parsed.empty;
        // Each filter nests the query one level deeper.
        constexpr std::size_t kMaxFilters = 64;
        if (request.filters.size() > kMaxFilters)
            throw UserError("filter: more than " + std::to_string(kMaxFilters) + " filters; combine them in the query");
        for (const auto& f : request.filters) {
            ParsedQuery pf = parser.parse(f, "filter");
            if (pf.empty) continue;
            out.filters.push_back(pf.query);
            has_clause = true;
            result.notices.insert(result.notices.end(), pf.notices.begin(), pf.notices.end());
        }
        if (request.field_filters.size() + request.date_ranges.size() > kMaxFilters)
            throw UserError("filter: more than " + std::to_string(kMaxFilters) + " field filters and date ranges");
        for (const auto& q : structured_filter_queries(request, parser, result.notices)) {
            out.filters.push_back(q);
            has_clause = true;
        }
        if (!has_clause && request.facets.empty()) throw UserError("query: empty query");
        result.notices.insert(result.notices.begin(), parsed.notices.begin(), parsed.notices.end());
        out.query = with_filters(query, parsed.empty, out.filters);
        return out;
    }

    /// Candidate generation, one Xapian match over all shards: in date
    /// order, or by relevance when the query cannot be matched shard by
    /// shard.  The facets are counted in the same pass.  Hands over ranks
    /// [first, first + count).
    Candidates match_combined(const Xapian::Query& query, const SearchRequest& request, std::size_t first,
                              std::size_t count, FacetCounter* counter, SearchResult& result) {
        const Xapian::Database& db = databases.combined;
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(bm25_weight());
        if (request.sort == SortOrder::Newest)
            enquire.set_sort_by_value_then_relevance(schema::kSlotTime, true);
        else if (request.sort == SortOrder::Oldest)
            enquire.set_sort_by_value_then_relevance(schema::kSlotTime, false);
        if (counter) counter->attach(enquire);
        const Xapian::doccount check = (counter && counter->needs_full_match()) ? db.get_doccount() : 0;
        if (counter) counter->start(query);
        // Near-duplicates (one wire story from several sources) collapse
        // into their best hit in Xapian's matcher, in the same pass.
        if (request.collapse_duplicates) enquire.set_collapse_key(schema::kSlotDupKey, kept_per_group(request));
        Xapian::MSet mset =
            enquire.get_mset(static_cast<Xapian::doccount>(first), static_cast<Xapian::doccount>(count), check);
        result.total = std::max(mset.get_uncollapsed_matches_estimated(), mset.get_uncollapsed_matches_lower_bound());
        result.total_exact = mset.get_uncollapsed_matches_lower_bound() == mset.get_uncollapsed_matches_upper_bound();
        Candidates out;
        out.first = first;
        for (auto it = mset.begin(); it != mset.end(); ++it)
            out.list.push_back(
                {*it, it.get_weight(), request.collapse_duplicates ? it.get_collapse_key() : "", 0.0, {}});
        return out;
    }

    /// Members of a near-duplicate group the matcher keeps (copies.h).
    static Xapian::doccount kept_per_group(const SearchRequest& request) {
        return folds_copies(request) ? kKeptPerGroup : 1;
    }

    /// Only identical copies fold (copies.h): after the matcher, which
    /// keeps several members of a group.
    static bool folds_copies(const SearchRequest& request) {
        return request.collapse_duplicates && !request.collapse_similar;
    }

    /// Candidate generation: by relevance, each local shard on its own
    /// thread when the weights can be made exact (match_by_shard); else one
    /// match over all shards.  Only the page is asked of the matcher unless
    /// the re-ranking step reorders or copies fold.
    Candidates generate_candidates(const Xapian::Query& query, const SearchRequest& request,
                                   const RankingQuery& ranking, FacetCounter* counter, SearchResult& result,
                                   bool& matched_by_shard, StoredBodies& bodies) {
        const bool copies = folds_copies(request);
        if (!copies && !reranks(request, ranking))
            return match_candidates(query, request, request.offset, request.limit, counter, result, matched_by_shard);
        // Folding copies shortens the list: match deeper until it holds as
        // many candidates as the re-ranking step sees without folding, or the
        // matcher has no more, then cut it there.  The re-ranked set is then
        // the same whatever the page asked, so pages agree with one long page
        // (the facets are counted once).  The rounds' depths are wanted,
        // 2·wanted, 4·wanted... and the list is the one of the first depth
        // that holds enough.  With many copies per story (Reuters 8x: 8 of
        // each) that is 8·wanted, so after the first round the next depth is
        // guessed from how much it folded (up to 8× deeper), and a guess past
        // the depth that held enough is matched again at that depth: the
        // list, total and estimate are those of the rounds one by one.  Each
        // round's list starts with the previous one's, so `bodies` reads a
        // body once over the rounds.
        const std::size_t wanted = rerank_depth(request, ranking);
        // With a counter the total shown is the counter's exact one: the
        // estimate of a guess past the depth that held enough is never
        // shown, so it is not matched again (and the shards are matched
        // about as deep as their share: match_by_shard).  (Its list is the same: the
        // deeper list starts with the shallower one, and folding decides
        // each candidate by those before it.  needs_or_fallback reads the
        // estimate, but below a page of matches every depth counts them
        // exactly.)
        const bool exact_total_follows = counter != nullptr;
        std::size_t known_short = 0;  // the deepest depth matched that held too few
        bool may_guess = true;
        for (std::size_t depth = wanted;;) {
            Candidates out =
                match_candidates(query, request, 0, depth, counter, result, matched_by_shard, !exact_total_follows);
            const std::size_t matched = out.list.size();
            // How many of the list the wanted candidates take after folding.
            const std::size_t looked = copies ? fold_copies(bodies, out.list, wanted) : std::min(matched, wanted);
            const bool enough = out.list.size() >= wanted;
            if (enough || matched < depth) {
                // The first depth of the rounds past known_short at which
                // this list would have held enough or been all matches.
                std::size_t first = known_short ? known_short * 2 : wanted;
                while (first < depth && !((enough && looked <= first) || matched < first)) first *= 2;
                if (first == depth || exact_total_follows) {
                    if (out.list.size() > wanted) out.list.resize(wanted);
                    return out;
                }
                depth = first;  // a guess went past it
                may_guess = false;
                counter = nullptr;
                continue;
            }
            counter = nullptr;
            known_short = depth;
            std::size_t next = depth * 2;
            if (may_guess && copies) {
                // Copies fold in proportion: aim a little short of the depth
                // that keeps `wanted` (a round too many costs less than a
                // round matched again).
                const std::size_t kept = std::max<std::size_t>(out.list.size(), 1);
                const std::size_t aim = depth * wanted / kept * 4 / 5;
                while (next < aim && next < depth * 8) next *= 2;
            }
            depth = next;
        }
    }

    /// Ranks [first, first + count) of the matcher (candidate generation's
    /// two strategies).
    Candidates match_candidates(const Xapian::Query& query, const SearchRequest& request, std::size_t first,
                                std::size_t count, FacetCounter* counter, SearchResult& result,
                                bool& matched_by_shard, bool estimate_shown = true) {
        const bool recency = request.sort == SortOrder::Relevance && request.recency_half_life_days > 0;
        matched_by_shard = false;
        if (request.sort == SortOrder::Relevance && !recency) {
            if (auto by_shard = match_by_shard(query, request, first + count, counter, result, estimate_shown)) {
                matched_by_shard = true;
                return Candidates{std::move(*by_shard), 0};
            }
        }
        return match_combined(query, request, first, count, counter, result);
    }

    /// The exact size of the duplicate groups of the candidates (Xapian's
    /// collapse count is a lower bound unless every match was visited),
    /// after a match over all shards.  `counter` (may be null) answers when
    /// it kept the sets of matches.
    void count_groups_combined(const Xapian::Query& query, const std::vector<std::string>& group_terms,
                               FacetCounter* counter, std::unordered_map<std::string, Xapian::doccount>& sizes) {
        if (counter && counter->keeps_matches()) {
            for (const auto& term : group_terms)
                sizes[term.substr(schema::kPrefixDupKey.size())] =
                    static_cast<Xapian::doccount>(counter->matches_with_term(term));
        } else if (!group_terms.empty()) {
            if (databases.all_local) {
                // Shard by shard: a match spy over several shards sees
                // each shard's own docids, not the combined numbering.
                std::vector<Xapian::doccount> counts(group_terms.size(), 0);
                for (const auto& shard : databases.shards) {
                    auto in_shard = count_matches_per_term(shard, query, group_terms);
                    for (std::size_t t = 0; t < group_terms.size(); ++t) counts[t] += in_shard[t];
                }
                for (std::size_t t = 0; t < group_terms.size(); ++t)
                    sizes[group_terms[t].substr(schema::kPrefixDupKey.size())] = counts[t];
            } else {
                count_groups_remotely(query, group_terms, sizes);
            }
        }
    }

    /// Facets and hits: the hits' stored data, the facets and the exact
    /// size of the hits' duplicate groups.  After a match by shard, each
    /// shard's hits are loaded (and its groups counted, unless the facet
    /// counter kept its sets of matches) on the worker threads while this
    /// thread sums the facets.
    void facets_and_hits(const PreparedQuery& prepared, const Candidates& candidates, bool matched_by_shard,
                         FacetCounter* counter, StoredDataCache& documents, StoredBodies& bodies,
                         SearchResult& result) {
        const SearchRequest& request = prepared.request;
        const Xapian::Query& query = prepared.query;
        HighlightSet highlight;
        highlight.terms.insert(prepared.parsed.highlight_terms.begin(), prepared.parsed.highlight_terms.end());
        highlight.prefixes = prepared.parsed.highlight_prefixes;
        const auto& list = candidates.list;
        std::unordered_map<std::string, Xapian::doccount> sizes;
        std::vector<std::string> group_terms;
        // Folding only copies, a hit's similar are its copies (counted below).
        if (request.collapse_duplicates && !folds_copies(request)) {
            std::vector<std::string> keys;
            for (const auto& c : list) keys.push_back(c.dup_key);
            group_terms = groups_to_count(keys, sizes);
        }
        const bool groups_from_counter = counter && counter->keeps_matches();
        std::vector<Hit> hits(list.size());
        TaskGroup loading(workers);
        const std::size_t n = databases.shards.size();
        std::vector<std::vector<Xapian::doccount>> members(n);
        if (matched_by_shard) {
            if (request.snippets)
                while (shard_analyzers.size() < n) shard_analyzers.push_back(std::make_unique<Analyzer>());
            const bool count_groups = !groups_from_counter && !group_terms.empty();
            const std::string serialised = count_groups ? query.serialise() : std::string();
            for (std::size_t s = 0; s < n; ++s)
                loading.submit([&, s, count_groups, serialised] {
                    const Xapian::Database& shard = databases.worker_shards[s];
                    if (count_groups)
                        members[s] = count_matches_per_term(shard, unserialise_query(serialised), group_terms);
                    // The data re-ranking read (the page's) is found, not read
                    // again: nothing is added to `documents` until loading.wait().
                    for (std::size_t i = 0; i < list.size(); ++i)
                        if ((list[i].docid - 1) % n == s)
                            hits[i] = load_hit(shard, (list[i].docid - 1) / n + 1, documents.find(list[i].docid),
                                               request, highlight, request.snippets ? *shard_analyzers[s] : analyzer);
                });
        }
        // Facets: summed on this thread (the exact total comes with them).
        if (counter) {
            FacetCounts counts = counter->counts(query);
            result.total = counts.matches;
            result.total_exact = true;
            fill_facets(request, query, counts, result);
        }
        if (!matched_by_shard || groups_from_counter) count_groups_combined(query, group_terms, counter, sizes);
        if (!matched_by_shard) {
            for (std::size_t i = 0; i < list.size(); ++i)
                hits[i] = load_hit(databases.combined, list[i].docid, documents.find(list[i].docid), request,
                                   highlight, analyzer);
        }
        loading.wait();
        if (matched_by_shard && !groups_from_counter)
            for (std::size_t t = 0; t < group_terms.size(); ++t) {
                Xapian::doccount total = 0;
                for (const auto& m : members)
                    if (t < m.size()) total += m[t];
                sizes[group_terms[t].substr(schema::kPrefixDupKey.size())] = total;
            }
        std::vector<Xapian::doccount> copies;
        if (folds_copies(request)) copies = count_copies(databases.combined, query, list, bodies);
        // Nothing folded: a copy of a higher hit of the page says which.
        std::vector<std::size_t> copy_of;
        if (!request.collapse_duplicates) {
            std::vector<Xapian::docid> page;
            for (const auto& c : list) page.push_back(c.docid);
            copy_of = mark_copies(databases.combined, page, bodies);
        }
        const std::size_t first_hit = result.hits.size();
        std::size_t rank = candidates.first;
        for (std::size_t i = 0; i < list.size(); ++i) {
            Hit& hit = hits[i];
            const Candidate& c = list[i];
            hit.rank = ++rank;
            hit.score = request.sort == SortOrder::Relevance ? c.score : 0.0;
            if (request.sort == SortOrder::Relevance && request.recency_half_life_days > 0)
                hit.score = std::exp(c.score);
            if (folds_copies(request))
                hit.similar = copies[i];
            else if (!c.dup_key.empty())
                hit.similar = sizes[c.dup_key] - 1;
            hit.explanation = c.explanation;
            if (!copy_of.empty() && copy_of[i] != kNotACopy) hit.copy_of = result.hits[first_hit + copy_of[i]].id;
            result.hits.push_back(std::move(hit));
        }
    }

    /// The articles the query of plain words (its AND, with the acronyms'
    /// and entities' matches) matched when they are too few
    /// (RankingOptions::or_fallback): all of them, sorted; else nothing.
    std::optional<std::vector<Xapian::docid>> needs_or_fallback(const PreparedQuery& prepared,
                                                                const SearchResult& result) {
        const SearchRequest& request = prepared.request;
        const std::size_t below = request.ranking.or_fallback_below;
        if (!request.ranking.or_fallback || !prepared.parsed.plain_and || request.sort != SortOrder::Relevance ||
            result.total >= below + 100)
            return std::nullopt;
        // The matcher's total is an estimate: match exactly, up to `below`
        // (below it, checking at least `below` matches finds them all).
        Xapian::Enquire enquire(databases.combined);
        enquire.set_query(prepared.query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(below));
        if (matches.size() >= below) return std::nullopt;
        std::vector<Xapian::docid> docids(matches.begin(), matches.end());
        std::sort(docids.begin(), docids.end());
        return docids;
    }

    /// With the OR fallback: the articles the query itself matched
    /// (RankingQuery::query_matches) rank first, so the re-ranked window must
    /// hold them.  Those the OR match ranked past the window (a rarer word
    /// repeated outweighs two words said once) or past its list are matched
    /// apart -- the same query, restricted to them by their id terms, so
    /// their scores are those of the OR match -- and put at the list's head.
    void bring_query_matches(const PreparedQuery& prepared, const SearchRequest& request, Candidates& candidates) {
        const std::vector<Xapian::docid>& wanted = prepared.ranking.query_matches;
        std::vector<Candidate>& list = candidates.list;
        const bool recency = request.recency_half_life_days > 0;
        const std::size_t window = recency ? list.size() : std::min(kRerankWindow, list.size());
        std::vector<Xapian::docid> missing = wanted;
        for (std::size_t i = 0; i < window; ++i)
            missing.erase(std::remove(missing.begin(), missing.end(), list[i].docid), missing.end());
        if (missing.empty()) return;
        std::erase_if(list, [&](const Candidate& c) {
            return std::find(missing.begin(), missing.end(), c.docid) != missing.end();
        });
        std::vector<Xapian::Query> ids;
        const std::string id_prefix(schema::kPrefixId);
        for (Xapian::docid docid : missing) {
            auto t = databases.combined.termlist_begin(docid);
            t.skip_to(id_prefix);
            if (t != databases.combined.termlist_end(docid) && (*t).starts_with(id_prefix)) ids.emplace_back(*t);
        }
        SearchResult scratch;
        bool by_shard = false;
        Candidates found =
            match_candidates(Xapian::Query(Xapian::Query::OP_FILTER, prepared.query,
                                           Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())),
                             request, 0, missing.size(), nullptr, scratch, by_shard);
        list.insert(list.begin(), std::make_move_iterator(found.list.begin()),
                    std::make_move_iterator(found.list.end()));
    }

    /// Whether query expansion (RankingOptions::expansion) applies: a
    /// query of plain words naming no person or company (entity matching
    /// already widens those), ranked by relevance alone.
    static bool expands(const PreparedQuery& prepared) {
        const SearchRequest& request = prepared.request;
        return request.ranking.expansion && request.sort == SortOrder::Relevance &&
               request.recency_half_life_days <= 0 && prepared.parsed.plain_words &&
               prepared.ranking.entities.empty() && !prepared.ranking.or_fallback && request.ranking.expansion_docs > 0;
    }

    /// The first match of an expanded query: from rank 0 and at least
    /// expansion_docs deep, so that the feedback articles are the best ones
    /// whatever page is asked for and however few hits it shows (page by
    /// page = one long page).  The page itself comes from the second match.
    static SearchRequest feedback_request(const SearchRequest& request) {
        SearchRequest first = request;
        first.offset = 0;
        first.limit = std::max(request.offset + request.limit, request.ranking.expansion_docs);
        return first;
    }

    /// Query expansion: the best expansion_docs of `candidates` (the first
    /// match, re-ranked as the page would be) give the terms added to
    /// prepared.query (expansion.h); ranking.expansion says which.
    void expand_query(PreparedQuery& prepared, const Candidates& candidates, StoredDataCache& documents) {
        const SearchRequest& request = prepared.request;
        Candidates best = candidates;
        SearchRequest probe = request;
        probe.offset = 0;
        probe.limit = request.ranking.expansion_docs;
        probe.ranking.explain = false;
        rerank(databases.combined, documents, probe, prepared.ranking, best, {}, databases.all_local);
        std::vector<Xapian::docid> feedback;
        for (const auto& c : best.list) feedback.push_back(c.docid);
        std::vector<std::vector<std::string>> words;
        for (const auto& w : prepared.ranking.words) words.push_back(w.terms);
        prepared.ranking.expansion = expansion_terms(databases.combined, feedback, words, request.ranking);
        prepared.query = with_expansion(prepared.query, prepared.ranking.expansion);
    }

    static std::string or_fallback_notice(std::size_t matches) {
        const std::string tail = "(--no-or-fallback to turn off)";
        if (matches == 0)
            return std::string("no article matches every word: showing the articles that match any of them, "
                               "those matching the most words first ") +
                   tail;
        return (matches == 1 ? std::string("only 1 article matches") : "only " + std::to_string(matches) +
                                                                          " articles match") +
               " the query: showing " + (matches == 1 ? "it" : "them") +
               " first, then the articles that match any of its words, those matching the most words first " + tail;
    }

    /// The steps of a search: the query; candidate generation (shards in
    /// parallel or one combined match); the one re-ranking step (rerank.h);
    /// then facets and hits; notices and spelling.
    SearchResult search(const SearchRequest& asked) {
        auto started = std::chrono::steady_clock::now();
        SearchResult result;
        result.query = asked.query;
        PreparedQuery prepared = prepare_query(asked, result);
        const SearchRequest& request = prepared.request;

        auto has = [&](FacetField f) {
            return std::find(request.facets.begin(), request.facets.end(), f) != request.facets.end();
        };
        // The counter also gives the exact total: Xapian's own count is an estimate.
        auto make_counter = [&]() -> std::unique_ptr<FacetCounter> {
            if (request.facets.empty() && !request.exact_total && !analytics::wanted(request)) return nullptr;
            return facets.make_counter(has(FacetField::Company), has(FacetField::Person), has(FacetField::Date),
                                       request.facet_offset + request.facet_limit);
        };
        std::unique_ptr<FacetCounter> counter = make_counter();

        bool matched_by_shard = false;
        // The document data read by this search (folding, re-ranking, the
        // hits), each once; folding reads none where the local shards'
        // body digests tell.
        StoredDataCache documents(databases.combined);
        StoredBodies bodies(documents, body_digests());
        // With query expansion the matches are counted (facets, total) in
        // the second match, which matches the same articles.
        const bool expanding = expands(prepared);
        Candidates candidates =
            generate_candidates(prepared.query, expanding ? feedback_request(request) : request, prepared.ranking,
                                expanding ? nullptr : counter.get(), result, matched_by_shard, bodies);
        if (auto query_matches = needs_or_fallback(prepared, result)) {
            // Too few articles match: they first, then those holding any
            // of the words, most words first.
            result.notices.push_back(or_fallback_notice(query_matches->size()));
            result.fallback = "or";
            prepared.ranking.or_fallback = true;
            prepared.ranking.query_matches = std::move(*query_matches);
            prepared.query =
                with_filters(prepared.any_word.empty() ? any_word_query(prepared.ranking) : prepared.any_word, false,
                             prepared.filters);
            counter = make_counter();
            candidates = generate_candidates(prepared.query, request, prepared.ranking, counter.get(), result,
                                             matched_by_shard, bodies);
            bring_query_matches(prepared, request, candidates);
        } else if (expanding) {
            expand_query(prepared, candidates, documents);
            candidates = generate_candidates(prepared.query, request, prepared.ranking, counter.get(), result,
                                             matched_by_shard, bodies);
        }
        rerank(databases.combined, documents, request, prepared.ranking, candidates, {}, databases.all_local);
        facets_and_hits(prepared, candidates, matched_by_shard, counter.get(), documents, bodies, result);

        // Entity analytics (analytics.h): over the same matches, after them.
        analytics::compute(
            databases, prepared.query, counter.get(), request,
            [this](std::string_view prefix, const std::string& slug) { return display_name(prefix, slug); }, result);

        if (request.sort != asked.sort && result.total > 1) result.notices.push_back(kFilterOnlyNotice);
        const ParsedQuery& parsed = prepared.parsed;
        if (!parsed.ranked_by_mentions.empty() && request.sort == SortOrder::Relevance &&
            request.recency_half_life_days <= 0 && result.total > 1)
            result.notices.push_back(mentions_notice(parsed.ranked_by_mentions));
        if (auto suggestion =
                spelling_suggestion(databases.combined, analyzer, languages.front(), request.query, parsed.words))
            result.suggestion = *suggestion;

        result.elapsed_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        return result;
    }
};

Searcher::Searcher(const std::vector<std::string>& databases) : impl_(Impl::open(databases, true)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) {
    // On such a failure -- on any path: matching, facet counting, hit
    // loading, spelling, on the caller's thread or a worker's -- open
    // everything afresh at the newest commit and search again.  The
    // databases are being written, so the fresh handles skip the
    // per-document arrays (Impl's use_arrays): rebuilding them would take
    // longer than the indexer takes to commit again.
    for (int attempt = 1;; ++attempt) {
        try {
            return impl_->search(request);
        } catch (const Xapian::QueryParserError& e) {
            throw UserError("query: " + e.get_msg());
        } catch (const Xapian::Error& e) {
            if (!cured_by_reopening(e) || attempt == kAttempts)
                throw SystemError(failure_message("search failed: ", e));
        }
        impl_ = Impl::open(impl_->paths, false);
    }
}

std::optional<StoredArticle> Searcher::article(const std::string& id, const std::string& query) {
    // As search(): a failure an indexer's commits cause is retried afresh.
    for (int attempt = 1;; ++attempt) {
        try {
            return load_article(impl_->databases, impl_->analyzer, impl_->languages, id, query);
        } catch (const Xapian::QueryParserError& e) {
            throw UserError("query: " + e.get_msg());
        } catch (const Xapian::Error& e) {
            if (!cured_by_reopening(e) || attempt == kAttempts)
                throw SystemError(failure_message("reading the article failed: ", e));
        }
        impl_ = Impl::open(impl_->paths, false);
    }
}

FieldValues Searcher::values(const std::string& field, const std::string& prefix, std::size_t limit,
                             std::size_t offset) {
    for (int attempt = 1;; ++attempt) {
        try {
            return list_field_values(impl_->databases, field, prefix, offset, limit);
        } catch (const Xapian::Error& e) {
            if (!cured_by_reopening(e) || attempt == kAttempts)
                throw SystemError(failure_message("listing values failed: ", e));
        }
        impl_ = Impl::open(impl_->paths, false);
    }
}

std::uint64_t Searcher::article_count() const { return impl_->databases.combined.get_doccount(); }

void Searcher::reopen() { impl_ = Impl::open(impl_->paths, true); }

}  // namespace newsdex
