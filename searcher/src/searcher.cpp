#include "newsdex/search.h"

#include "common/analyzer.h"
#include "common/schema.h"
#include "database_set.h"
#include "facets.h"
#include "newsdex/error.h"
#include "query_parser.h"
#include "snippet.h"
#include "stored_data.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_set>

namespace newsdex {

const char* facet_field_name(FacetField field) {
    switch (field) {
        case FacetField::Company: return "company";
        case FacetField::Person: return "person";
        case FacetField::Date: return "date";
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

/// Optimal string alignment distance, stopping early above `limit`.
std::size_t edit_distance(const std::string& a, const std::string& b, std::size_t limit) {
    if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
    // Three rolling rows (two back, for transpositions), reused across calls:
    // the spelling scan calls this for many terms.
    thread_local std::vector<std::size_t> before, previous, current;
    const std::size_t n = b.size() + 1;
    before.assign(n, 0);
    previous.resize(n);
    current.resize(n);
    for (std::size_t j = 0; j < n; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t row_min = current[0];
        for (std::size_t j = 1; j < n; ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
            row_min = std::min(row_min, current[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[n - 1];
}

std::vector<EntityName> entity_names(const nlohmann::json& data, const char* key) {
    std::vector<EntityName> out;
    auto it = data.find(key);
    if (it == data.end() || !it->is_array()) return out;
    for (const auto& e : *it) out.push_back({e.value("id", ""), e.value("name", "")});
    return out;
}

}  // namespace

struct Searcher::Impl {
    std::vector<std::string> paths;  ///< as given, to reconnect
    DatabaseSet databases;
    Analyzer analyzer;
    FacetIndex facets;
    std::vector<std::string> languages;

    explicit Impl(const std::vector<std::string>& paths)
        : databases(open_database_set(paths)), facets(databases) {
        std::string version = databases.combined.get_metadata(schema::kSchemaVersionKey);
        if (!version.empty() && version != std::to_string(schema::kSchemaVersion))
            throw SystemError("the database was written with index schema " + version + ", this newsdex reads schema " +
                              std::to_string(schema::kSchemaVersion) + ": index the articles again into a new database");
        try {
            std::string list = databases.combined.get_metadata("newsdex:languages");
            std::size_t start = 0;
            while (start < list.size()) {
                auto comma = list.find(',', start);
                if (comma == std::string::npos) comma = list.size();
                if (comma > start) languages.push_back(list.substr(start, comma - start));
                start = comma + 1;
            }
        } catch (const Xapian::Error&) {
        }
        // English first: it is the default for articles that do not say.
        auto en = std::find(languages.begin(), languages.end(), "en");
        if (en == languages.end()) languages.insert(languages.begin(), "en");
        else std::rotate(languages.begin(), en, en + 1);
    }

    /// Display names, cached: the same names come back search after search.
    std::unordered_map<std::string, std::string> names;

    std::string display_name(std::string_view prefix, const std::string& slug) {
        std::string key = schema::name_key(prefix, slug);
        auto it = names.find(key);
        if (it != names.end()) return it->second;
        std::string name = databases.combined.get_metadata(key);
        if (name.empty()) name = slug;
        if (names.size() > 100000) names.clear();
        return names.emplace(std::move(key), std::move(name)).first->second;
    }

    /// The surface form of the best known word close to `folded`, or empty.
    std::string correction(const std::string& folded) {
        const Xapian::Database& db = databases.combined;
        std::string stem = analyzer.stem(folded, languages.front());
        std::size_t limit = folded.size() <= 4 ? 1 : 2;
        std::string first = folded.substr(0, 1);
        std::string best;
        std::size_t best_distance = limit + 1;
        Xapian::doccount best_freq = 0;
        std::size_t scanned = 0;
        for (auto t = db.allterms_begin(first); t != db.allterms_end(first) && scanned < 200000; ++t, ++scanned) {
            const std::string& term = *t;
            std::size_t d = std::min(edit_distance(stem, term, limit), edit_distance(folded, term, limit));
            if (d > limit) continue;
            Xapian::doccount freq = t.get_termfreq();
            if (d < best_distance || (d == best_distance && freq > best_freq)) {
                best = term;
                best_distance = d;
                best_freq = freq;
            }
        }
        if (best.empty()) return "";
        // Show a word as written in an article, not the stem.
        auto p = db.postlist_begin(best);
        if (p == db.postlist_end(best)) return best;
        try {
            std::string data = db.get_document(*p).get_data();
            StoredData stored = parse_stored_data(data);
            std::string text = stored.meta.value("title", "") + "\n" + std::string(stored.body);
            std::vector<AnalyzedTerm> terms;
            analyzer.analyze(text, stemming_language(stored.meta.value("language", "en")), terms);
            for (const auto& t : terms)
                if (t.term == best) return t.folded;
        } catch (const std::exception&) {
        }
        return best;
    }

    /// For each duplicate-group key, how many articles matching `query` are in
    /// the group: one extra match restricted to the groups that have more
    /// than one member at all, counted with a built-in spy (works remotely).
    std::unordered_map<std::string, Xapian::doccount> group_sizes(const Xapian::Query& query,
                                                                  const std::vector<std::string>& keys) {
        std::unordered_map<std::string, Xapian::doccount> sizes;
        std::vector<Xapian::Query> groups;
        for (const auto& key : keys) {
            std::string term = std::string(schema::kPrefixDupKey) + key;
            if (key.empty() || sizes.count(key)) continue;
            sizes[key] = 1;
            if (databases.combined.get_termfreq(term) > 1) groups.emplace_back(term);
        }
        if (groups.empty()) return sizes;
        Xapian::Enquire enquire(databases.combined);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                        Xapian::Query(Xapian::Query::OP_OR, groups.begin(), groups.end())));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::ValueCountMatchSpy spy(schema::kSlotDupKey);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 0, databases.combined.get_doccount());
        for (auto v = spy.values_begin(); v != spy.values_end(); ++v)
            if (sizes.count(*v)) sizes[*v] = v.get_termfreq();
        return sizes;
    }

    void fill_facets(const SearchRequest& request, const FacetCounts& counts, SearchResult& result) {
        for (FacetField field : request.facets) {
            if (field == FacetField::Date) {
                result.facets.push_back(make_date_facet(counts.days, request.date_granularity));
                continue;
            }
            const TopCounts& top = field == FacetField::Company ? counts.companies : counts.persons;
            std::string_view prefix = field == FacetField::Company ? schema::kPrefixCompany : schema::kPrefixPerson;
            Facet facet;
            facet.field = field;
            facet.distinct = top.distinct;
            facet.more = top.distinct - top.top.size();
            for (const auto& [slug, count] : top.top) facet.values.push_back({slug, display_name(prefix, slug), count});
            result.facets.push_back(std::move(facet));
        }
    }

    SearchResult search(const SearchRequest& request) {
        auto started = std::chrono::steady_clock::now();
        SearchResult result;
        result.query = request.query;
        Xapian::Database& db = databases.combined;
        QueryParser parser(db, analyzer, languages);

        ParsedQuery parsed = parser.parse(request.query, "query");
        bool blank = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
        if (parsed.empty && !blank) throw UserError("query: no searchable words in '" + request.query + "'");
        Xapian::Query query = parsed.query;
        bool has_clause = !parsed.empty;
        for (const auto& f : request.filters) {
            ParsedQuery pf = parser.parse(f, "filter");
            if (pf.empty) continue;
            query = has_clause ? Xapian::Query(Xapian::Query::OP_FILTER, query, pf.query) : pf.query;
            has_clause = true;
            result.notices.insert(result.notices.end(), pf.notices.begin(), pf.notices.end());
        }
        if (!has_clause && request.facets.empty()) throw UserError("query: empty query");
        result.notices.insert(result.notices.begin(), parsed.notices.begin(), parsed.notices.end());

        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        if (request.sort == SortOrder::Newest) enquire.set_sort_by_value_then_relevance(schema::kSlotTime, true);
        else if (request.sort == SortOrder::Oldest) enquire.set_sort_by_value_then_relevance(schema::kSlotTime, false);

        auto has = [&](FacetField f) {
            return std::find(request.facets.begin(), request.facets.end(), f) != request.facets.end();
        };
        // The counter also gives the exact total: Xapian's own count is an estimate.
        std::unique_ptr<FacetCounter> counter;
        if (!request.facets.empty() || request.exact_total) {
            counter = facets.make_counter(has(FacetField::Company), has(FacetField::Person), has(FacetField::Date),
                                          request.facet_limit);
            counter->attach(enquire);
        }
        const Xapian::doccount all = db.get_doccount();
        const Xapian::doccount check = (counter && counter->needs_full_match()) ? all : 0;
        if (counter) counter->start(query);

        // Near-duplicates (one wire story from several sources) collapse into
        // their best hit in Xapian's matcher, in the same pass.
        if (request.collapse_duplicates) enquire.set_collapse_key(schema::kSlotDupKey);
        const bool recency = request.recency_half_life_days > 0 && request.sort == SortOrder::Relevance;
        const std::size_t wanted = request.offset + request.limit;
        Xapian::doccount first = recency ? 0 : static_cast<Xapian::doccount>(request.offset);
        Xapian::doccount count = static_cast<Xapian::doccount>(recency ? std::max<std::size_t>(1000, wanted) : request.limit);
        struct Candidate {
            Xapian::docid docid;
            double score;
            Xapian::Document doc;
            std::string dup_key;     ///< set when the hit stands for a duplicate group
        };
        std::vector<Candidate> candidates;
        Xapian::MSet mset = enquire.get_mset(first, count, check);
        if (counter) {
            FacetCounts counts = counter->counts(query);
            result.total = counts.matches;
            result.total_exact = true;
            fill_facets(request, counts, result);
        } else {
            result.total = std::max(mset.get_uncollapsed_matches_estimated(), mset.get_uncollapsed_matches_lower_bound());
            result.total_exact = mset.get_uncollapsed_matches_lower_bound() == mset.get_uncollapsed_matches_upper_bound();
        }
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Candidate c{*it, it.get_weight(), it.get_document(), {}};
            if (it.get_collapse_count() > 0) c.dup_key = it.get_collapse_key();
            candidates.push_back(std::move(c));
        }
        if (recency && !candidates.empty()) {
            double newest = -1e18;
            std::vector<double> times;
            for (auto& c : candidates) {
                std::string v = c.doc.get_value(schema::kSlotTime);
                times.push_back(v.empty() ? -1e18 : Xapian::sortable_unserialise(v));
                newest = std::max(newest, times.back());
            }
            for (std::size_t i = 0; i < candidates.size(); ++i) {
                double age_days = times[i] < -1e17 ? 1e6 : (newest - times[i]) / 86400.0;
                candidates[i].score = std::log(std::max(candidates[i].score, 1e-9)) -
                                      std::log(2.0) * age_days / request.recency_half_life_days;
            }
            std::stable_sort(candidates.begin(), candidates.end(),
                             [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
        }
        if (recency) {
            if (candidates.size() > wanted) candidates.resize(wanted);
            candidates.erase(candidates.begin(),
                             candidates.begin() + static_cast<std::ptrdiff_t>(std::min(request.offset, candidates.size())));
        }

        HighlightSet highlight;
        highlight.terms.insert(parsed.highlight_terms.begin(), parsed.highlight_terms.end());
        highlight.prefixes = parsed.highlight_prefixes;
        std::vector<std::string> keys;
        for (const auto& c : candidates) keys.push_back(c.dup_key);
        // Xapian's collapse count is a lower bound unless every match was
        // visited: count the groups of the shown hits exactly.
        auto sizes = request.collapse_duplicates ? group_sizes(query, keys)
                                                 : std::unordered_map<std::string, Xapian::doccount>{};
        std::size_t rank = request.offset;
        for (auto& c : candidates) {
            Hit hit;
            hit.rank = ++rank;
            hit.score = request.sort == SortOrder::Relevance ? c.score : 0.0;
            if (recency) hit.score = std::exp(c.score);
            if (!c.dup_key.empty()) hit.similar = sizes[c.dup_key] - 1;
            std::string data = c.doc.get_data();
            StoredData stored = parse_stored_data(data);
            const nlohmann::json& meta = stored.meta;
            hit.id = meta.value("id", "");
            hit.title = meta.value("title", "");
            hit.date = meta.value("date", "");
            hit.source = meta.value("source", "");
            hit.url = meta.value("url", "");
            hit.companies = entity_names(meta, "companies");
            hit.persons = entity_names(meta, "persons");
            if (request.snippets) {
                Snippet s = make_snippet(analyzer, std::string(stored.body),
                                         stemming_language(meta.value("language", "en")), highlight,
                                         request.snippet_bytes);
                hit.snippet = std::move(s.text);
                hit.highlights = std::move(s.highlights);
            }
            result.hits.push_back(std::move(hit));
        }

        // "Did you mean": replace each unknown word by its closest known word.
        bool any_unknown = false;
        std::string suggestion = request.query;
        for (auto w = parsed.words.rbegin(); w != parsed.words.rend(); ++w) {
            if (!w->unknown) continue;
            std::string fix = correction(w->folded);
            if (fix.empty() || fix == w->folded) continue;
            suggestion.replace(w->start, w->end - w->start, fix);
            any_unknown = true;
        }
        if (any_unknown) result.suggestion = suggestion;

        result.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        return result;
    }
};

Searcher::Searcher(const std::vector<std::string>& databases) : impl_(std::make_unique<Impl>(databases)) {
    impl_->paths = databases;
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) {
    try {
        return impl_->search(request);
    } catch (const Xapian::QueryParserError& e) {
        throw UserError("query: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        // The indexer committed so much that this snapshot is gone
        // (DatabaseModifiedError), or a remote shard dropped the connection
        // (NetworkError: restarted server, idle timeout): open everything
        // afresh -- databases, counting handles, facet arrays -- and retry once.
        const std::string type = e.get_type();
        if (type != "DatabaseModifiedError" && type != "NetworkError" && type != "NetworkTimeoutError")
            throw SystemError("search failed: " + e.get_description());
        auto paths = impl_->paths;
        try {
            impl_ = std::make_unique<Impl>(paths);
            impl_->paths = paths;
            return impl_->search(request);
        } catch (const Xapian::Error& again) {
            throw SystemError("search failed: " + again.get_description());
        }
    }
}

std::uint64_t Searcher::article_count() const { return impl_->databases.combined.get_doccount(); }

void Searcher::reopen() {
    auto paths = impl_->paths;
    impl_ = std::make_unique<Impl>(paths);
    impl_->paths = paths;
}

}  // namespace newsdex
