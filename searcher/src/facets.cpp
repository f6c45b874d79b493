#include "facets.h"

#include "common/article.h"

#include "common/facet_cache.h"
#include "common/schema.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <future>
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

/// Records the docid of every match (combined numbering).
class DocidSpy : public Xapian::MatchSpy {
  public:
    explicit DocidSpy(std::vector<Xapian::docid>& out) : out_(out) {}
    void operator()(const Xapian::Document& doc, double) override { out_.push_back(doc.get_docid()); }

  private:
    std::vector<Xapian::docid>& out_;
};

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
    template <typename F>
    void for_each(F&& f) const {
        for (std::size_t i = 0; i < words_.size(); ++i)
            for (std::uint64_t w = words_[i]; w; w &= w - 1)
                f(static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(__builtin_ctzll(w))));
    }

  private:
    std::vector<std::uint64_t> words_;
};

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
        case Xapian::Query::OP_FILTER: {
            out = matching_docids(db, query.get_subquery(0));
            for (std::size_t i = 1; i < query.get_num_subqueries(); ++i)
                out.intersect(matching_docids(db, query.get_subquery(i)));
            return out;
        }
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
    bool loaded = false;
    Dictionary companies, persons;
    std::vector<ShardFacetCache> shards;  ///< ordinals renumbered into the dictionaries
    /// A second handle on each shard for the counting threads (Xapian
    /// objects are not shared between threads).
    std::vector<Xapian::Database> counting_dbs;
    /// Distinct dates (YYYYMMDD) numbered across shards; per shard, each
    /// docid's date ordinal + 1 (0: undated), so counting is a dense array.
    std::vector<std::uint32_t> day_values;
    std::vector<std::vector<std::uint32_t>> day_ordinals;

    /// The counting handles are opened together with the main ones, so both
    /// see the same committed state.
    explicit Impl(const DatabaseSet& d) : databases(d) {
        if (!d.all_local) return;
        for (std::size_t i = 0; i < d.shards.size(); ++i)
            counting_dbs.push_back(d.shard_paths[i].empty() ? d.shards[i] : Xapian::Database(d.shard_paths[i]));
    }

    /// Load each shard's saved arrays, or build them when missing or stale.
    void ensure() {
        if (loaded) return;
        std::unordered_map<std::uint32_t, std::uint32_t> day_index;
        for (std::size_t i = 0; i < databases.shards.size(); ++i) {
            const Xapian::Database& db = databases.shards[i];
            std::optional<ShardFacetCache> cache;
            const std::string& path = databases.shard_paths[i];
            if (!path.empty()) cache = ShardFacetCache::load(path + schema::kFacetCacheSuffix, db.get_revision());
            if (!cache) cache = ShardFacetCache::build(db);
            cache->companies = renumber(std::move(cache->companies), companies);
            cache->persons = renumber(std::move(cache->persons), persons);
            std::vector<std::uint32_t> ordinals(cache->days.size(), 0);
            for (std::size_t d = 0; d < cache->days.size(); ++d) {
                if (!cache->days[d]) continue;
                auto [it, inserted] = day_index.emplace(cache->days[d], static_cast<std::uint32_t>(day_values.size()));
                if (inserted) day_values.push_back(cache->days[d]);
                ordinals[d] = it->second + 1;
            }
            day_ordinals.push_back(std::move(ordinals));
            shards.push_back(std::move(*cache));
        }
        loaded = true;
    }
};

namespace {

/// Local shards: one unweighted match pass per shard collects the matching
/// docids (a spy sees shard-local docids only, so each shard is matched on
/// its own), then counting is array lookups.  The shards are counted on
/// worker threads, each with its own database handle, while the caller runs
/// the main match.
class LocalCounter : public FacetCounter {
  public:
    LocalCounter(FacetIndex::Impl& index, bool companies, bool persons, bool dates, std::size_t limit)
        : index_(index), companies_(companies), persons_(persons), dates_(dates), limit_(limit) {}
    void attach(Xapian::Enquire&) override {}
    bool needs_full_match() const override { return false; }

    void start(const Xapian::Query& query) override {
        index_.ensure();
        // Each thread gets its own copy of the query: Xapian reference counts
        // are not atomic, so no Query object may be shared between threads.
        // One core stays with the caller's main match; the shards are
        // spread over the other cores.
        std::string serialised = query.serialise();
        unsigned cores = std::max(2u, std::thread::hardware_concurrency());
        std::size_t threads = std::min<std::size_t>(cores - 1, index_.shards.size());
        for (std::size_t t = 0; t < threads; ++t)
            tasks_.push_back(std::async(std::launch::async, [this, t, threads, serialised] {
                Xapian::Query copy = Xapian::Query::unserialise(serialised);
                ShardCounts sum = empty_counts();
                for (std::size_t s = t; s < index_.shards.size(); s += threads) count_shard(s, copy, sum);
                return sum;
            }));
    }

    FacetCounts counts(const Xapian::Query& query) override {
        if (tasks_.empty()) start(query);
        FacetCounts out;
        std::vector<std::uint64_t> company_counts(index_.companies.slugs.size());
        std::vector<std::uint64_t> person_counts(index_.persons.slugs.size());
        std::vector<std::uint64_t> day_counts(index_.day_values.size());
        auto add = [](std::vector<std::uint64_t>& into, const std::vector<std::uint32_t>& from) {
            for (std::size_t i = 0; i < from.size(); ++i) into[i] += from[i];
        };
        for (auto& task : tasks_) {
            ShardCounts c = task.get();  // rethrows a shard's exception
            out.matches += c.matches;
            add(company_counts, c.companies);
            add(person_counts, c.persons);
            add(day_counts, c.days);
        }
        tasks_.clear();
        out.companies = top_ordinals(company_counts, index_.companies.slugs);
        out.persons = top_ordinals(person_counts, index_.persons.slugs);
        for (std::size_t i = 0; i < day_counts.size(); ++i)
            if (day_counts[i]) out.days[index_.day_values[i]] = day_counts[i];
        return out;
    }

  private:
    /// The top `limit_` ordinals by count (ties by slug), as slugs: strings
    /// are made only for the values shown.
    TopCounts top_ordinals(const std::vector<std::uint64_t>& counts, const std::vector<std::string>& slugs) const {
        std::vector<std::uint32_t> nonzero;
        for (std::size_t i = 0; i < counts.size(); ++i)
            if (counts[i]) nonzero.push_back(static_cast<std::uint32_t>(i));
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

    /// Dense counts by ordinal (entity or day), for one shard.
    struct ShardCounts {
        std::uint64_t matches = 0;
        std::vector<std::uint32_t> companies, persons, days;
    };

    ShardCounts empty_counts() const {
        ShardCounts out;
        if (companies_) out.companies.assign(index_.companies.slugs.size(), 0);
        if (persons_) out.persons.assign(index_.persons.slugs.size(), 0);
        if (dates_) out.days.assign(index_.day_values.size(), 0);
        return out;
    }

    /// Add shard `s`'s counts for `query` to `out`.
    void count_shard(std::size_t s, const Xapian::Query& query, ShardCounts& out) const {
        const Xapian::Database& db = index_.counting_dbs[s];
        DocidSet matches = matching_docids(db, query);
        const ShardFacetCache& shard = index_.shards[s];
        const std::vector<std::uint32_t>& day = index_.day_ordinals[s];
        matches.for_each([&](Xapian::docid local) {
            ++out.matches;
            if (companies_ && local + 1 < shard.companies.offsets.size())
                for (auto i = shard.companies.offsets[local]; i < shard.companies.offsets[local + 1]; ++i)
                    ++out.companies[shard.companies.values[i]];
            if (persons_ && local + 1 < shard.persons.offsets.size())
                for (auto i = shard.persons.offsets[local]; i < shard.persons.offsets[local + 1]; ++i)
                    ++out.persons[shard.persons.values[i]];
            if (dates_ && local < day.size() && day[local]) ++out.days[day[local] - 1];
        });
    }

    FacetIndex::Impl& index_;
    bool companies_, persons_, dates_;
    std::size_t limit_;
    std::vector<std::future<ShardCounts>> tasks_;
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

FacetIndex::FacetIndex(const DatabaseSet& databases) : impl_(std::make_unique<Impl>(databases)) {}
FacetIndex::~FacetIndex() = default;

std::unique_ptr<FacetCounter> FacetIndex::make_counter(bool companies, bool persons, bool dates, std::size_t limit) {
    if (impl_->databases.all_local) return std::make_unique<LocalCounter>(*impl_, companies, persons, dates, limit);
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

namespace {

}  // namespace

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
    std::map<std::string, std::uint64_t> buckets;
    auto key = [&](int y, int m, int d) {
        char buf[16];
        if (granularity == DateGranularity::Year) std::snprintf(buf, sizeof buf, "%04d", y);
        else if (granularity == DateGranularity::Month) std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
        else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        return std::string(buf);
    };
    // Zero-filled span, then the counts.
    for (int y = y0, m = m0, d = d0;;) {
        buckets.emplace(key(y, m, d), 0);
        if (y == y1 && (granularity == DateGranularity::Year || (m == m1 && (granularity == DateGranularity::Month || d == d1))))
            break;
        if (granularity == DateGranularity::Year) ++y;
        else if (granularity == DateGranularity::Month || ++d > days_in_month(y, m)) {
            d = 1;
            if (++m > 12) m = 1, ++y;
        }
        if (y > y1 + 1) break;  // safety
    }
    for (const auto& [day, count] : days) {
        int y = day / 10000, m = day / 100 % 100, d = day % 100;
        buckets[key(y, m, d)] += count;
    }
    for (const auto& [bucket, count] : buckets) {
        facet.values.push_back({bucket, bucket, count});
        if (count) ++facet.distinct;
    }
    return facet;
}

}  // namespace newsdex
