#include "facets.h"

#include "common/ingest/article.h"

#include "common/schema/facet_cache.h"
#include "common/schema/schema.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <limits>
#include <thread>
#include <unordered_map>

namespace newsdex {

namespace {

/// Entity slugs numbered across shards.
struct Dictionary {
    std::vector<std::string> slugs;
    std::unordered_map<std::string, std::uint32_t> ordinal;
    std::uint32_t id(const std::string& slug) {
        auto [it, inserted] = ordinal.emplace(slug, static_cast<std::uint32_t>(slugs.size()));
        if (inserted) slugs.push_back(slug);
        return it->second;
    }
};

/// A shard's rows with their ordinals renumbered into a shared dictionary.
FacetRows renumber(FacetRows rows, Dictionary& dict) {
    std::vector<std::uint32_t> global(rows.slugs.size());
    for (std::size_t i = 0; i < rows.slugs.size(); ++i) global[i] = dict.id(rows.slugs[i]);
    for (auto& v : rows.values) v = global[v];
    rows.slugs.clear();
    return rows;
}

/// The set of matching docids of one shard, as a bitset.
class DocidSet {
  public:
    explicit DocidSet(Xapian::docid last) : words_(last / 64 + 1, 0) {}
    void add(Xapian::docid d) {
        if (d / 64 < words_.size()) words_[d / 64] |= std::uint64_t{1} << (d % 64);
    }
    void intersect(const DocidSet& o) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= o.words_[i];
    }
    void unite(const DocidSet& o) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= o.words_[i];
    }
    void subtract(const DocidSet& o) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= ~o.words_[i];
    }
    bool contains(Xapian::docid d) const {
        return d / 64 < words_.size() && (words_[d / 64] >> (d % 64) & 1);
    }
    std::size_t count() const {
        std::size_t n = 0;
        for (auto w : words_) n += static_cast<std::size_t>(__builtin_popcountll(w));
        return n;
    }
    template <typename F>
    void for_each(F&& f) const {
        for (std::size_t i = 0; i < words_.size(); ++i)
            for (std::uint64_t w = words_[i]; w; w &= w - 1)
                f(static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(__builtin_ctzll(w))));
    }

  private:
    std::vector<std::uint64_t> words_;
};

/// The terms of a plain term, or of an OR (or synonym) of plain terms,
/// under any weight scaling; empty for anything else.
std::vector<std::string> plain_terms(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: return {*query.get_terms_begin()};
        case Xapian::Query::OP_SCALE_WEIGHT: return plain_terms(query.get_subquery(0));
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM: {
            std::vector<std::string> out;
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
                const Xapian::Query sub = query.get_subquery(i);
                if (sub.get_type() != Xapian::Query::LEAF_TERM) return {};
                out.push_back(*sub.get_terms_begin());
            }
            return out;
        }
        default: return {};
    }
}

DocidSet matching_docids(const Xapian::Database& db, const Xapian::Query& query);

/// AND / FILTER: the most selective part first; a plain-term part much
/// larger than what is left is checked by skipping along its posting lists
/// to each remaining docid instead of reading them whole (a person filter on
/// a common word reads a few postings, not the word's).
DocidSet matching_all(const Xapian::Database& db, const Xapian::Query& query) {
    struct Part {
        Xapian::Query query;
        std::vector<std::string> terms;
        Xapian::doccount size;  ///< estimate: sum of term frequencies, or "unknown" (max)
    };
    std::vector<Part> parts;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        Part part{query.get_subquery(i), {}, std::numeric_limits<Xapian::doccount>::max()};
        part.terms = plain_terms(part.query);
        if (!part.terms.empty()) {
            part.size = 0;
            for (const auto& t : part.terms) part.size += db.get_termfreq(t);
        }
        parts.push_back(std::move(part));
    }
    std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.size < b.size; });
    DocidSet out = matching_docids(db, parts[0].query);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const Part& part = parts[i];
        const std::size_t left = out.count();
        if (left == 0) break;
        if (part.terms.empty() || part.size < 16 * left) {
            out.intersect(matching_docids(db, part.query));
            continue;
        }
        DocidSet kept(db.get_lastdocid());
        std::vector<Xapian::PostingIterator> lists;
        for (const auto& t : part.terms) lists.push_back(db.postlist_begin(t));
        out.for_each([&](Xapian::docid d) {
            for (auto& p : lists) {
                if (p == Xapian::PostingIterator()) continue;
                p.skip_to(d);
                if (p != Xapian::PostingIterator() && *p == d) {
                    kept.add(d);
                    break;
                }
            }
        });
        out = std::move(kept);
    }
    return out;
}

/// The docids of one shard that match `query`.  The boolean structure the
/// query parser builds (terms, synonyms, AND/OR/NOT, filters, weight scaling)
/// is evaluated directly over posting lists -- the cost is the postings read,
/// not a matcher round per match; anything else (phrases) goes through
/// Xapian's matcher with a docid-recording spy.
DocidSet matching_docids(const Xapian::Database& db, const Xapian::Query& query) {
    const Xapian::docid last = db.get_lastdocid();
    DocidSet out(last);
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: {
            std::string term = *query.get_terms_begin();
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) out.add(*p);
            return out;
        }
        case Xapian::Query::LEAF_MATCH_ALL:
            for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) out.add(*p);
            return out;
        case Xapian::Query::LEAF_MATCH_NOTHING: return out;
        case Xapian::Query::OP_SCALE_WEIGHT: return matching_docids(db, query.get_subquery(0));
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) out.unite(matching_docids(db, query.get_subquery(i)));
            return out;
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER: return matching_all(db, query);
        case Xapian::Query::OP_AND_NOT: {
            out = matching_docids(db, query.get_subquery(0));
            for (std::size_t i = 1; i < query.get_num_subqueries(); ++i)
                out.subtract(matching_docids(db, query.get_subquery(i)));
            return out;
        }
        case Xapian::Query::OP_AND_MAYBE: return matching_docids(db, query.get_subquery(0));
        default: {
            std::vector<Xapian::docid> docids;
            DocidSpy spy(docids);
            Xapian::Enquire enquire(db);
            enquire.set_query(query);
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            enquire.add_matchspy(&spy);
            enquire.get_mset(0, 0, db.get_doccount());
            for (Xapian::docid d : docids) out.add(d);
            return out;
        }
    }
}

}  // namespace

struct FacetIndex::Impl {
    const DatabaseSet& databases;
    WorkerPool& workers;
    bool loaded = false;
    bool being_written = false;  ///< a stale shard had a writer: no arrays
    Dictionary companies, persons;
    /// Distinct dates (YYYYMMDD) numbered across shards.
    std::vector<std::uint32_t> day_values;
    /// Per shard, each docid's facet values in one contiguous row, so that
    /// counting a match reads one place: data[offsets[d] ..
    /// offsets[d + 1]) = date ordinal + 1 (0: undated), number of companies,
    /// the company ordinals, the person ordinals.
    struct DocRows {
        std::vector<std::uint32_t> offsets, data;
    };
    std::vector<DocRows> rows;
    std::vector<std::vector<std::uint32_t>> doclens;  ///< per shard, per docid

    Impl(const DatabaseSet& d, WorkerPool& w) : databases(d), workers(w) {}

    /// Counts by ordinal (entity or day) and the ordinals counted, kept
    /// between searches so that a search touches only what it counts: one
    /// per shard (each counted by one thread), and one for the sum.
    template <typename Count>
    struct Tally {
        std::vector<Count> counts;
        std::vector<std::uint32_t> touched;
        void add(std::uint32_t ordinal, Count n = 1) {
            if (counts[ordinal] == 0) touched.push_back(ordinal);
            counts[ordinal] += n;
        }
        void clear() {
            for (auto o : touched) counts[o] = 0;
            touched.clear();
        }
        void resize(std::size_t n) {
            clear();
            counts.assign(n, 0);
        }
    };
    struct Tallies {
        Tally<std::uint32_t> companies, persons, days;
    };
    std::vector<Tallies> shard_tallies;
    Tally<std::uint64_t> company_total, person_total, day_total;

    /// Load each shard's saved arrays, or build them when missing or stale;
    /// false (and nothing built) when a stale shard is being written.
    bool ensure() {
        if (loaded) return true;
        if (being_written) return false;
        // From scratch: a failure half-way (I/O) leaves nothing half-built.
        companies = {};
        persons = {};
        day_values.clear();
        rows.clear();
        doclens.clear();
        std::unordered_map<std::uint32_t, std::uint32_t> day_index;
        for (std::size_t i = 0; i < databases.shards.size(); ++i) {
            const Xapian::Database& db = databases.shards[i];
            std::optional<ShardFacetCache> cache;
            const std::string& path = databases.shard_paths[i];
            if (!path.empty()) cache = ShardFacetCache::load(path + schema::kFacetCacheSuffix, db);
            if (!cache && !path.empty() && locked(db)) {
                // An indexer is writing: its next commit would make arrays
                // built now stale (and a build outlasting two commits fails
                // with DatabaseModifiedError).  Count with spies instead.
                being_written = true;
                return false;
            }
            if (!cache) cache = ShardFacetCache::build(db);
            FacetRows shard_companies = renumber(std::move(cache->companies), companies);
            FacetRows shard_persons = renumber(std::move(cache->persons), persons);
            DocRows r;
            r.offsets.reserve(cache->days.size() + 1);
            for (std::size_t d = 0; d < cache->days.size(); ++d) {
                r.offsets.push_back(static_cast<std::uint32_t>(r.data.size()));
                std::uint32_t day = 0;
                if (cache->days[d]) {
                    auto [it, inserted] = day_index.emplace(cache->days[d], static_cast<std::uint32_t>(day_values.size()));
                    if (inserted) day_values.push_back(cache->days[d]);
                    day = it->second + 1;
                }
                r.data.push_back(day);
                auto values = [&](const FacetRows& from, bool count_first) {
                    std::uint32_t first = d + 1 < from.offsets.size() ? from.offsets[d] : 0;
                    std::uint32_t last = d + 1 < from.offsets.size() ? from.offsets[d + 1] : 0;
                    if (count_first) r.data.push_back(last - first);
                    for (auto i = first; i < last; ++i) r.data.push_back(from.values[i]);
                };
                values(shard_companies, true);
                values(shard_persons, false);
            }
            r.offsets.push_back(static_cast<std::uint32_t>(r.data.size()));
            rows.push_back(std::move(r));
            doclens.push_back(std::move(cache->doclens));
        }
        shard_tallies.resize(rows.size());
        for (auto& t : shard_tallies) {
            t.companies.resize(companies.slugs.size());
            t.persons.resize(persons.slugs.size());
            t.days.resize(day_values.size());
        }
        company_total.resize(companies.slugs.size());
        person_total.resize(persons.slugs.size());
        day_total.resize(day_values.size());
        loaded = true;
        return true;
    }

    /// Whether a writer holds the shard's lock (false if that cannot be told).
    static bool locked(const Xapian::Database& db) {
        try {
            return db.locked();
        } catch (const Xapian::Error&) {
            return false;
        }
    }
};

namespace {

/// Local shards: the docids of each shard matching the query are evaluated
/// as a bitset (matching_docids), then counting is array lookups.  Each
/// shard is counted on its own, on the worker threads while the caller runs
/// the main match (start), or inside the task that matches that shard
/// (count_shard).
class LocalCounter : public FacetCounter {
  public:
    LocalCounter(FacetIndex::Impl& index, bool companies, bool persons, bool dates, std::size_t limit)
        : index_(index), companies_(companies), persons_(persons), dates_(dates), limit_(limit), pending_(index.workers) {
        index_.ensure();
        per_shard_.resize(index_.rows.size());
    }
    void attach(Xapian::Enquire&) override {}
    bool needs_full_match() const override { return false; }

    void start(const Xapian::Query& query) override {
        std::string serialised = query.serialise();
        for (std::size_t s = 0; s < per_shard_.size(); ++s)
            pending_.submit([this, s, serialised] { count_shard(s, unserialise_query(serialised)); });
    }

    void count_shard(std::size_t s, const Xapian::Query& query) override {
        const Xapian::Database& db = index_.databases.worker_shards[s];
        ShardMatches& out = per_shard_[s];
        FacetIndex::Impl::Tallies& tally = index_.shard_tallies[s];
        tally.companies.clear();
        tally.persons.clear();
        tally.days.clear();
        out.matches = matching_docids(db, query);
        out.count = 0;
        const FacetIndex::Impl::DocRows& rows = index_.rows[s];
        out.matches.for_each([&](Xapian::docid local) {
            ++out.count;
            if (local + 1 >= rows.offsets.size()) return;
            const std::uint32_t* row = rows.data.data() + rows.offsets[local];
            const std::uint32_t* end = rows.data.data() + rows.offsets[local + 1];
            if (dates_ && row[0]) tally.days.add(row[0] - 1);
            const std::uint32_t* persons = row + 2 + row[1];
            if (companies_)
                for (const std::uint32_t* c = row + 2; c < persons; ++c) tally.companies.add(*c);
            if (persons_)
                for (const std::uint32_t* p = persons; p < end; ++p) tally.persons.add(*p);
        });
        out.counted = true;
    }

    FacetCounts counts(const Xapian::Query& query) override {
        pending_.wait();
        for (std::size_t s = 0; s < per_shard_.size(); ++s)
            if (!per_shard_[s].counted) count_shard(s, query);
        FacetCounts out;
        auto& companies = index_.company_total;
        auto& persons = index_.person_total;
        auto& days = index_.day_total;
        companies.clear();
        persons.clear();
        days.clear();
        auto add = [](FacetIndex::Impl::Tally<std::uint64_t>& into, FacetIndex::Impl::Tally<std::uint32_t>& from) {
            for (auto o : from.touched) into.add(o, from.counts[o]);
            from.clear();
        };
        for (std::size_t s = 0; s < per_shard_.size(); ++s) {
            out.matches += per_shard_[s].count;
            add(companies, index_.shard_tallies[s].companies);
            add(persons, index_.shard_tallies[s].persons);
            add(days, index_.shard_tallies[s].days);
        }
        out.companies = top_ordinals(companies, index_.companies.slugs);
        out.persons = top_ordinals(persons, index_.persons.slugs);
        for (auto o : days.touched) out.days[index_.day_values[o]] = days.counts[o];
        return out;
    }

    bool keeps_matches() const override { return true; }

    std::uint64_t matches_with_term(const std::string& term) override {
        std::uint64_t n = 0;
        for (std::size_t s = 0; s < per_shard_.size(); ++s) {
            const Xapian::Database& db = index_.databases.shards[s];
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
                if (per_shard_[s].matches.contains(*p)) ++n;
        }
        return n;
    }

    void visit_matches(const MatchVisitor& visit) override {
        for (std::size_t s = 0; s < per_shard_.size(); ++s) {
            const FacetIndex::Impl::DocRows& rows = index_.rows[s];
            per_shard_[s].matches.for_each([&](Xapian::docid local) {
                if (local + 1 >= rows.offsets.size()) return visit(0, {}, {});
                const std::uint32_t* row = rows.data.data() + rows.offsets[local];
                const std::uint32_t* end = rows.data.data() + rows.offsets[local + 1];
                const std::uint32_t* persons = row + 2 + row[1];
                visit(row[0] ? index_.day_values[row[0] - 1] : 0, {row + 2, persons}, {persons, end});
            });
        }
    }

    const std::vector<std::string>& entity_slugs(bool persons) const override {
        return persons ? index_.persons.slugs : index_.companies.slugs;
    }

  private:
    /// The top `limit_` ordinals by count (ties by slug), as slugs: strings
    /// are made only for the values shown.
    TopCounts top_ordinals(const FacetIndex::Impl::Tally<std::uint64_t>& tally,
                           const std::vector<std::string>& slugs) const {
        std::vector<std::uint32_t> nonzero = tally.touched;
        const auto& counts = tally.counts;
        TopCounts out;
        out.distinct = nonzero.size();
        std::size_t shown = std::min(limit_, nonzero.size());
        std::partial_sort(nonzero.begin(), nonzero.begin() + static_cast<std::ptrdiff_t>(shown), nonzero.end(),
                          [&](std::uint32_t a, std::uint32_t b) {
                              return counts[a] != counts[b] ? counts[a] > counts[b] : slugs[a] < slugs[b];
                          });
        for (std::size_t i = 0; i < shown; ++i) out.top.emplace_back(slugs[nonzero[i]], counts[nonzero[i]]);
        return out;
    }

    /// One shard's matches.
    struct ShardMatches {
        bool counted = false;
        DocidSet matches{0};
        std::uint64_t count = 0;
    };

    FacetIndex::Impl& index_;
    bool companies_, persons_, dates_;
    std::size_t limit_;
    std::vector<ShardMatches> per_shard_;  ///< each written by one task only
    TaskGroup pending_;  ///< last member: destroyed (waited for) first
};

/// Built-in spies only, so that remote shards count next to their data: one
/// ValueCountMatchSpy per joined-slug slot counts each combination of
/// entities, and the combinations are split and summed here.
class SpyCounter : public FacetCounter {
  public:
    SpyCounter(bool companies, bool persons, bool dates, std::size_t limit) : limit_(limit) {
        auto spy = [](Xapian::valueno slot) { return std::make_unique<Xapian::ValueCountMatchSpy>(slot); };
        if (companies) companies_ = spy(schema::kSlotCompanies);
        if (persons) persons_ = spy(schema::kSlotPersons);
        if (dates) dates_ = spy(schema::kSlotDate);
        // Every spy sees every match (get_total counts them, with a value or
        // not); only when no facet is asked for does one exist just to count.
        if (!companies_ && !persons_ && !dates_) all_ = spy(schema::kSlotHash);
    }
    void attach(Xapian::Enquire& enquire) override {
        for (auto* s : {companies_.get(), persons_.get(), dates_.get(), all_.get()})
            if (s) enquire.add_matchspy(s);
    }
    bool needs_full_match() const override { return true; }
    FacetCounts counts(const Xapian::Query&) override {
        FacetCounts out;
        auto split = [this](Xapian::ValueCountMatchSpy* spy, TopCounts& result) {
            if (!spy) return;
            std::map<std::string, std::uint64_t> into;
            for (auto v = spy->values_begin(); v != spy->values_end(); ++v) {
                const std::string combination = *v;
                std::size_t start = 0;
                while (start <= combination.size()) {
                    auto end = combination.find(schema::kValueSeparator, start);
                    if (end == std::string::npos) end = combination.size();
                    if (end > start) into[combination.substr(start, end - start)] += v.get_termfreq();
                    start = end + 1;
                }
            }
            result = top_counts({into.begin(), into.end()}, limit_);
        };
        split(companies_.get(), out.companies);
        split(persons_.get(), out.persons);
        if (dates_)
            for (auto v = dates_->values_begin(); v != dates_->values_end(); ++v)
                out.days[static_cast<std::uint32_t>(std::strtoul((*v).c_str(), nullptr, 10))] += v.get_termfreq();
        for (auto* s : {companies_.get(), persons_.get(), dates_.get(), all_.get()})
            if (s) {
                out.matches = s->get_total();
                break;
            }
        return out;
    }

  private:
    std::unique_ptr<Xapian::ValueCountMatchSpy> companies_, persons_, dates_, all_;
    std::size_t limit_;
};

}  // namespace

FacetIndex::FacetIndex(const DatabaseSet& databases, WorkerPool& workers, bool use_arrays)
    : impl_(std::make_unique<Impl>(databases, workers)), use_arrays_(use_arrays) {}
FacetIndex::~FacetIndex() = default;

const std::vector<std::uint32_t>& FacetIndex::document_lengths(std::size_t s) {
    if (!arrays_available()) throw std::logic_error("document_lengths without arrays");
    return impl_->doclens.at(s);
}

bool FacetIndex::arrays_available() { return use_arrays_ && impl_->databases.all_local && impl_->ensure(); }

std::unique_ptr<FacetCounter> FacetIndex::make_counter(bool companies, bool persons, bool dates, std::size_t limit) {
    if (arrays_available()) return std::make_unique<LocalCounter>(*impl_, companies, persons, dates, limit);
    return std::make_unique<SpyCounter>(companies, persons, dates, limit);
}

TopCounts top_counts(std::vector<std::pair<std::string, std::uint64_t>> all, std::size_t limit) {
    TopCounts out;
    out.distinct = all.size();
    std::size_t shown = std::min(limit, all.size());
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(shown), all.end(),
                      [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    all.resize(shown);
    out.top = std::move(all);
    return out;
}

Facet make_date_facet(const std::map<std::uint32_t, std::uint64_t>& days, DateGranularity granularity) {
    Facet facet;
    facet.field = FacetField::Date;
    if (days.empty()) {
        facet.granularity = granularity == DateGranularity::Auto ? DateGranularity::Year : granularity;
        return facet;
    }
    std::uint32_t first = days.begin()->first, last = days.rbegin()->first;
    int y0 = first / 10000, m0 = first / 100 % 100, d0 = first % 100;
    int y1 = last / 10000, m1 = last / 100 % 100, d1 = last % 100;
    if (granularity == DateGranularity::Auto) {
        int months = (y1 - y0) * 12 + (m1 - m0);
        granularity = months > 36 ? DateGranularity::Year : months > 3 ? DateGranularity::Month : DateGranularity::Day;
    }
    facet.granularity = granularity;
    // Buckets as numbers (YYYY0000, YYYYMM00 or YYYYMMDD), in order: the
    // zero-filled span, then each day's count added to its bucket.
    auto bucket_of = [granularity](std::uint32_t day) {
        return granularity == DateGranularity::Year ? day / 10000 * 10000
               : granularity == DateGranularity::Month ? day / 100 * 100
                                                       : day;
    };
    std::vector<std::pair<std::uint32_t, std::uint64_t>> buckets;
    for (int y = y0, m = m0, d = d0;;) {
        buckets.emplace_back(bucket_of(static_cast<std::uint32_t>(y * 10000 + m * 100 + d)), 0);
        if (y == y1 && (granularity == DateGranularity::Year || (m == m1 && (granularity == DateGranularity::Month || d == d1))))
            break;
        if (granularity == DateGranularity::Year) ++y;
        else if (granularity == DateGranularity::Month || ++d > days_in_month(y, m)) {
            d = 1;
            if (++m > 12) m = 1, ++y;
        }
        if (y > y1 + 1) break;  // safety
    }
    bool outside_span = false;  // a day the calendar walk does not reach (not a real date)
    std::size_t next = 0;
    for (const auto& [day, count] : days) {
        const std::uint32_t b = bucket_of(day);
        while (next < buckets.size() && buckets[next].first < b) ++next;
        if (next < buckets.size() && buckets[next].first == b) {
            buckets[next].second += count;
        } else {
            buckets.emplace_back(b, count);
            outside_span = true;
        }
    }
    if (outside_span) {
        std::sort(buckets.begin(), buckets.end());
        std::vector<std::pair<std::uint32_t, std::uint64_t>> merged;
        for (const auto& b : buckets) {
            if (!merged.empty() && merged.back().first == b.first) merged.back().second += b.second;
            else merged.push_back(b);
        }
        buckets = std::move(merged);
    }
    facet.values.reserve(buckets.size());
    for (const auto& [bucket, count] : buckets) {
        char text[16];
        const unsigned y = bucket / 10000, m = bucket / 100 % 100, d = bucket % 100;
        if (granularity == DateGranularity::Year) std::snprintf(text, sizeof text, "%04u", y);
        else if (granularity == DateGranularity::Month) std::snprintf(text, sizeof text, "%04u-%02u", y, m);
        else std::snprintf(text, sizeof text, "%04u-%02u-%02u", y, m, d);
        facet.values.push_back({text, text, count});
        if (count) ++facet.distinct;
    }
    return facet;
}

}  // namespace newsdex
