#include "facet_counts.h"

#include "common/schema/doc_columns.h"
#include "common/schema/schema.h"
#include "posting_eval.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <stdexcept>
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
EntityRows renumber(EntityRows rows, Dictionary& dict) {
    std::vector<std::uint32_t> global(rows.slugs.size());
    for (std::size_t i = 0; i < rows.slugs.size(); ++i) global[i] = dict.id(rows.slugs[i]);
    for (auto& v : rows.values) v = global[v];
    rows.slugs.clear();
    return rows;
}

}  // namespace

struct FacetIndex::Impl {
    const DatabaseSet& databases;
    WorkerPool& workers;
    CountMethod method;
    bool loaded = false;
    bool being_written = false;  ///< a stale shard had a writer: no arrays
    /// Numbered in slug order once every shard is loaded (number_in_order).
    Dictionary companies, persons;
    /// Distinct dates (YYYYMMDD) numbered across shards, ascending once
    /// every shard is loaded.
    std::vector<std::uint32_t> day_values;
    std::unordered_map<std::uint32_t, std::uint32_t> day_index;  ///< YYYYMMDD -> its place in day_values
    /// Per shard, each docid's facet values in one contiguous row, so that
    /// counting a match reads one place: data[offsets[d] ..
    /// offsets[d + 1]) = date ordinal + 1 (0: undated), number of companies,
    /// the company ordinals, the person ordinals.
    struct DocRows {
        std::vector<std::uint32_t> offsets, data;
        /// Docids [0, end()) have a row.
        Xapian::docid end() const { return static_cast<Xapian::docid>(offsets.size() - 1); }
    };
    std::vector<DocRows> rows;
    std::vector<std::vector<std::uint32_t>> doclens;  ///< per shard, per docid
    std::vector<std::vector<std::uint64_t>> body_digests;  ///< per shard (ShardColumns::body_digests)

    Impl(const DatabaseSet& d, WorkerPool& w, CountMethod m) : databases(d), workers(w), method(m) {}

    /// Counts by ordinal (entity or day) and the ordinals counted, kept
    /// between searches so that a search touches only what it counts: one
    /// per shard (each counted by one thread), and one for the sum.
    template <typename Count>
    struct Tally {
        std::vector<Count> counts;
        std::vector<std::uint32_t> touched;  ///< ordinals with a count (not kept while dense)
        bool dense = false;                  ///< any count may be set: touched not kept
        void add(std::uint32_t ordinal, Count n = 1) {
            if (counts[ordinal] == 0) touched.push_back(ordinal);
            counts[ordinal] += n;
        }
        void clear() {
            if (dense)
                std::fill(counts.begin(), counts.end(), Count{0});
            else
                for (auto o : touched) counts[o] = 0;
            touched.clear();
            dense = false;
        }
        void resize(std::size_t n) {
            counts.assign(n, 0);
            touched.clear();
            dense = false;
        }
        /// After dense counting: touched = the ordinals with a count, ascending.
        void collect_touched() {
            touched.clear();
            for (std::size_t o = 0; o < counts.size(); ++o)
                if (counts[o]) touched.push_back(static_cast<std::uint32_t>(o));
        }
    };
    struct Tallies {
        Tally<std::uint32_t> companies, persons, days;
    };
    std::vector<Tallies> shard_tallies;
    Tally<std::uint64_t> company_total, person_total, day_total;
    /// Per shard, the counts over all its documents: a search matching most
    /// of a shard starts from them and takes away the documents it does not match.
    struct ShardTotals {
        std::vector<std::uint32_t> companies, persons, days;
    };
    std::vector<ShardTotals> totals;

    /// Load each shard's saved arrays, or build them when missing or stale;
    /// false (and nothing built) when a stale shard is being written.
    bool ensure() {
        if (loaded) return true;
        if (being_written) return false;
        // From scratch: a failure half-way (I/O) leaves nothing half-built.
        companies = {};
        persons = {};
        day_values.clear();
        day_index.clear();
        rows.clear();
        doclens.clear();
        body_digests.clear();
        for (std::size_t i = 0; i < databases.shards.size(); ++i) {
            std::optional<ShardColumns> columns = saved_or_built(i);
            if (!columns) {
                being_written = true;
                return false;
            }
            add_shard(std::move(*columns));
        }
        number_in_order();
        count_totals();
        size_tallies();
        loaded = true;
        return true;
    }

    /// Shard `i`'s saved arrays when they describe it, else arrays built
    /// from it -- unless an indexer is writing it (nullopt): its next commit
    /// would make arrays built now stale (and a build outlasting two commits
    /// fails with DatabaseModifiedError).  Spies count instead.
    std::optional<ShardColumns> saved_or_built(std::size_t i) const {
        const Xapian::Database& db = databases.shards[i];
        const std::string& path = databases.shard_paths[i];
        std::optional<ShardColumns> columns;
        if (!path.empty()) columns = ShardColumns::load(path + schema::kColumnsSuffix, db);
        if (!columns && !path.empty() && locked(db)) return std::nullopt;
        if (!columns) columns = ShardColumns::build(db);
        return columns;
    }

    /// Append one shard's rows, its ordinals renumbered across shards.
    void add_shard(ShardColumns columns) {
        const EntityRows shard_companies = renumber(std::move(columns.companies), companies);
        const EntityRows shard_persons = renumber(std::move(columns.persons), persons);
        DocRows r;
        r.offsets.reserve(columns.days.size() + 1);
        for (std::size_t d = 0; d < columns.days.size(); ++d) {
            r.offsets.push_back(static_cast<std::uint32_t>(r.data.size()));
            r.data.push_back(day_ordinal_plus_one(columns.days[d]));
            auto values = [&](const EntityRows& from, bool count_first) {
                std::uint32_t first = d + 1 < from.offsets.size() ? from.offsets[d] : 0;
                std::uint32_t last = d + 1 < from.offsets.size() ? from.offsets[d + 1] : 0;
                if (count_first) r.data.push_back(last - first);
                for (auto v = first; v < last; ++v) r.data.push_back(from.values[v]);
            };
            values(shard_companies, true);
            values(shard_persons, false);
        }
        r.offsets.push_back(static_cast<std::uint32_t>(r.data.size()));
        rows.push_back(std::move(r));
        doclens.push_back(std::move(columns.doclens));
        body_digests.push_back(std::move(columns.body_digests));
    }

    /// 0 for undated, else the day's ordinal in day_values + 1.
    std::uint32_t day_ordinal_plus_one(std::uint32_t yyyymmdd) {
        if (!yyyymmdd) return 0;
        auto [it, inserted] = day_index.emplace(yyyymmdd, static_cast<std::uint32_t>(day_values.size()));
        if (inserted) day_values.push_back(yyyymmdd);
        return it->second + 1;
    }

    /// Renumber entities in slug order and days in date order: ties between
    /// equal counts are then broken by comparing ordinals, not slugs, and
    /// the days' counts come out in date order.
    void number_in_order() {
        const std::vector<std::uint32_t> company_of = sort_dictionary(companies);
        const std::vector<std::uint32_t> person_of = sort_dictionary(persons);
        std::vector<std::uint32_t> by_date(day_values.size());
        for (std::uint32_t o = 0; o < by_date.size(); ++o) by_date[o] = o;
        std::sort(by_date.begin(), by_date.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return day_values[a] < day_values[b]; });
        std::vector<std::uint32_t> day_of(day_values.size());
        std::vector<std::uint32_t> sorted_days(day_values.size());
        for (std::uint32_t i = 0; i < by_date.size(); ++i) {
            day_of[by_date[i]] = i;
            sorted_days[i] = day_values[by_date[i]];
            day_index[sorted_days[i]] = i;
        }
        day_values = std::move(sorted_days);
        for (DocRows& r : rows)
            for (Xapian::docid d = 0; d < r.end(); ++d) {
                std::uint32_t* row = r.data.data() + r.offsets[d];
                std::uint32_t* end = r.data.data() + r.offsets[d + 1];
                std::uint32_t* persons_start = row + 2 + row[1];
                if (row[0]) row[0] = day_of[row[0] - 1] + 1;
                for (std::uint32_t* c = row + 2; c < persons_start; ++c) *c = company_of[*c];
                for (std::uint32_t* p = persons_start; p < end; ++p) *p = person_of[*p];
            }
    }

    /// Put a dictionary's slugs in order; returns new ordinal by old.
    static std::vector<std::uint32_t> sort_dictionary(Dictionary& dict) {
        std::vector<std::uint32_t> by_slug(dict.slugs.size());
        for (std::uint32_t o = 0; o < by_slug.size(); ++o) by_slug[o] = o;
        std::sort(by_slug.begin(), by_slug.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return dict.slugs[a] < dict.slugs[b]; });
        std::vector<std::uint32_t> new_of(by_slug.size());
        std::vector<std::string> slugs(by_slug.size());
        for (std::uint32_t i = 0; i < by_slug.size(); ++i) {
            new_of[by_slug[i]] = i;
            slugs[i] = std::move(dict.slugs[by_slug[i]]);
        }
        dict.slugs = std::move(slugs);
        for (auto& entry : dict.ordinal) entry.second = new_of[entry.second];
        return new_of;
    }

    /// Each shard's counts over all its documents.
    void count_totals() {
        totals.assign(rows.size(), {});
        for (std::size_t s = 0; s < rows.size(); ++s) {
            ShardTotals& t = totals[s];
            t.companies.assign(companies.slugs.size(), 0);
            t.persons.assign(persons.slugs.size(), 0);
            t.days.assign(day_values.size(), 0);
            const CountTargets into{t.days.data(), t.companies.data(), t.persons.data()};
            for (Xapian::docid d = 0; d < rows[s].end(); ++d) count_row<false>(rows[s], d, into);
        }
    }

    /// Where count_row adds a document's values: null for a facet not counted.
    struct CountTargets {
        std::uint32_t *days, *companies, *persons;
    };

    /// Add (or, Subtract, take away) document `d`'s values.
    template <bool Subtract>
    static void count_row(const DocRows& r, Xapian::docid d, const CountTargets& into) {
        const std::uint32_t* row = r.data.data() + r.offsets[d];
        const std::uint32_t* end = r.data.data() + r.offsets[d + 1];
        const std::uint32_t* persons_start = row + 2 + row[1];
        auto bump = [](std::uint32_t& count) {
            if constexpr (Subtract)
                --count;
            else
                ++count;
        };
        if (into.days && row[0]) bump(into.days[row[0] - 1]);
        if (into.companies)
            for (const std::uint32_t* c = row + 2; c < persons_start; ++c) bump(into.companies[*c]);
        if (into.persons)
            for (const std::uint32_t* p = persons_start; p < end; ++p) bump(into.persons[*p]);
    }

    void size_tallies() {
        shard_tallies.resize(rows.size());
        for (auto& t : shard_tallies) {
            t.companies.resize(companies.slugs.size());
            t.persons.resize(persons.slugs.size());
            t.days.resize(day_values.size());
        }
        company_total.resize(companies.slugs.size());
        person_total.resize(persons.slugs.size());
        day_total.resize(day_values.size());
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

/// Hands each docid with a row on to `visit` kAhead docids later, having
/// asked the CPU to fetch its row (and the row's offset) when it came in:
/// scattered matches otherwise wait on memory for every row.  Call
/// finish() at the end.
template <typename Visit>
struct PrefetchedRows {
    static constexpr std::size_t kAhead = 16;
    const FacetIndex::Impl::DocRows& rows;
    Visit& visit;
    std::array<Xapian::docid, kAhead> pending{};
    std::size_t seen = 0;
    void operator()(Xapian::docid d) {
        if (d >= rows.end()) return;
        __builtin_prefetch(rows.data.data() + rows.offsets[d]);
        if (seen >= kAhead) visit(pending[seen % kAhead]);
        pending[seen % kAhead] = d;
        ++seen;
    }
    void finish() {
        for (std::size_t i = seen > kAhead ? seen - kAhead : 0; i < seen; ++i) visit(pending[i % kAhead]);
    }
};

/// Local shards: the docids of each shard matching the query are evaluated
/// as a bitset (match_on_postings), then counting is array lookups.  Each
/// shard is counted on its own, on the worker threads while the caller runs
/// the main match (start), or inside the task that matches that shard
/// (count_shard).
class LocalCounter : public FacetCounter {
  public:
    LocalCounter(FacetIndex::Impl& index, bool companies, bool persons, bool dates, std::size_t limit)
        : index_(index),
          companies_(companies),
          persons_(persons),
          dates_(dates),
          limit_(limit),
          pending_(index.workers) {
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
        Tallies& tally = index_.shard_tallies[s];
        tally.companies.clear();
        tally.persons.clear();
        tally.days.clear();
        // The ranked match read the term's whole posting list, or they are evaluated here.
        if (!(out.recorded && out.record.whole())) out.matches = match_on_postings(db, query);
        out.count = out.matches.count();
        // Only the exact total asked for: no document's values are read.
        if (companies_ || persons_ || dates_) count_values(s, out, tally);
        out.counted = true;
    }

    FacetCounts counts(const Xapian::Query& query) override {
        pending_.wait();
        for (std::size_t s = 0; s < per_shard_.size(); ++s)
            if (!per_shard_[s].counted) count_shard(s, query);
        FacetCounts out;
        for (const auto& shard : per_shard_) out.matches += shard.count;
        if (companies_)
            out.companies = top_ordinals(sum(&Tallies::companies, index_.company_total), index_.companies.slugs);
        if (persons_) out.persons = top_ordinals(sum(&Tallies::persons, index_.person_total), index_.persons.slugs);
        if (dates_) {
            Tally<std::uint64_t>& days = sum(&Tallies::days, index_.day_total);
            // Day ordinals ascend with the date (number_in_order).
            if (!days.dense) std::sort(days.touched.begin(), days.touched.end());
            out.days.reserve(days.touched.size());
            for (auto o : days.touched) out.days.emplace_back(index_.day_values[o], days.counts[o]);
        }
        return out;
    }

    PostingRecord* shard_record(std::size_t s, const Xapian::Query& query) override {
        if (query.get_type() != Xapian::Query::LEAF_TERM) return nullptr;
        ShardMatches& out = per_shard_[s];
        out.matches = DocidSet(index_.databases.worker_shards[s].get_lastdocid());
        out.record = PostingRecord{&out.matches};
        out.recorded = true;
        return &out.record;
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
    /// One shard's matches.
    struct ShardMatches {
        bool counted = false;
        DocidSet matches{0};
        std::uint64_t count = 0;
        bool recorded = false;  ///< shard_record handed out `record`, filling `matches`
        PostingRecord record;
    };

    using Tallies = FacetIndex::Impl::Tallies;
    template <typename Count>
    using Tally = FacetIndex::Impl::Tally<Count>;

    /// Count the values of shard `s`'s matches, the cheapest way for their
    /// number (CountMethod).
    void count_values(std::size_t s, const ShardMatches& shard, Tallies& tally) const {
        const FacetIndex::Impl::DocRows& rows = index_.rows[s];
        const Xapian::docid end = rows.end();
        CountMethod how = index_.method;
        if (how == CountMethod::Auto) {
            // Dense pays one scan of the count arrays; sparse a check per value counted.
            const std::size_t scanned =
                tally.companies.counts.size() + tally.persons.counts.size() + tally.days.counts.size();
            how = shard.count * 2 > end        ? CountMethod::Complement
                  : shard.count * 8 >= scanned ? CountMethod::Dense
                                               : CountMethod::Sparse;
        }
        if (how == CountMethod::Sparse) {
            auto count = [&](Xapian::docid d) {
                const std::uint32_t* row = rows.data.data() + rows.offsets[d];
                const std::uint32_t* row_end = rows.data.data() + rows.offsets[d + 1];
                const std::uint32_t* persons = row + 2 + row[1];
                if (dates_ && row[0]) tally.days.add(row[0] - 1);
                if (companies_)
                    for (const std::uint32_t* c = row + 2; c < persons; ++c) tally.companies.add(*c);
                if (persons_)
                    for (const std::uint32_t* p = persons; p < row_end; ++p) tally.persons.add(*p);
            };
            PrefetchedRows<decltype(count)> ahead{rows, count};
            shard.matches.for_each(ahead);
            ahead.finish();
            return;
        }
        tally.companies.dense = tally.persons.dense = tally.days.dense = true;
        const FacetIndex::Impl::CountTargets into{dates_ ? tally.days.counts.data() : nullptr,
                                                  companies_ ? tally.companies.counts.data() : nullptr,
                                                  persons_ ? tally.persons.counts.data() : nullptr};
        if (how == CountMethod::Dense) {
            auto count = [&](Xapian::docid d) { FacetIndex::Impl::count_row<false>(rows, d, into); };
            PrefetchedRows<decltype(count)> ahead{rows, count};
            shard.matches.for_each(ahead);
            ahead.finish();
            return;
        }
        // Complement: the shard's totals less the documents that do not match.
        const FacetIndex::Impl::ShardTotals& totals = index_.totals[s];
        if (into.days) std::copy(totals.days.begin(), totals.days.end(), into.days);
        if (into.companies) std::copy(totals.companies.begin(), totals.companies.end(), into.companies);
        if (into.persons) std::copy(totals.persons.begin(), totals.persons.end(), into.persons);
        auto uncount = [&](Xapian::docid d) { FacetIndex::Impl::count_row<true>(rows, d, into); };
        PrefetchedRows<decltype(uncount)> ahead{rows, uncount};
        shard.matches.for_each_absent(end, ahead);
        ahead.finish();
    }

    /// Every shard's counts of one facet summed into `total`; its touched
    /// ordinals ascend when any shard was counted densely.
    Tally<std::uint64_t>& sum(Tally<std::uint32_t> Tallies::*facet, Tally<std::uint64_t>& total) const {
        total.clear();
        bool dense = false;
        for (auto& t : index_.shard_tallies) dense = dense || (t.*facet).dense;
        for (auto& t : index_.shard_tallies) {
            const Tally<std::uint32_t>& from = t.*facet;
            if (!dense)
                for (auto o : from.touched) total.add(o, from.counts[o]);
            else if (from.dense)
                for (std::size_t o = 0; o < from.counts.size(); ++o) total.counts[o] += from.counts[o];
            else
                for (auto o : from.touched) total.counts[o] += from.counts[o];
        }
        if (dense) {
            total.dense = true;
            total.collect_touched();
        }
        return total;
    }

    /// The top `limit_` ordinals by count (ties by slug: ordinals are in
    /// slug order), as slugs: strings are made only for the values shown.
    TopCounts top_ordinals(const Tally<std::uint64_t>& tally, const std::vector<std::string>& slugs) const {
        std::vector<std::uint32_t> nonzero = tally.touched;
        const auto& counts = tally.counts;
        TopCounts out;
        out.distinct = nonzero.size();
        std::size_t shown = std::min(limit_, nonzero.size());
        std::partial_sort(
            nonzero.begin(), nonzero.begin() + static_cast<std::ptrdiff_t>(shown), nonzero.end(),
            [&](std::uint32_t a, std::uint32_t b) { return counts[a] != counts[b] ? counts[a] > counts[b] : a < b; });
        for (std::size_t i = 0; i < shown; ++i) out.top.emplace_back(slugs[nonzero[i]], counts[nonzero[i]]);
        return out;
    }

    FacetIndex::Impl& index_;
    bool companies_, persons_, dates_;
    std::size_t limit_;
    std::vector<ShardMatches> per_shard_;  ///< each written by one task only
    TaskGroup pending_;                    ///< last member: destroyed (waited for) first
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
        out.companies = split_combinations(companies_.get());
        out.persons = split_combinations(persons_.get());
        if (dates_) {
            std::map<std::uint32_t, std::uint64_t> days;
            for (auto v = dates_->values_begin(); v != dates_->values_end(); ++v)
                days[static_cast<std::uint32_t>(std::strtoul((*v).c_str(), nullptr, 10))] += v.get_termfreq();
            out.days.assign(days.begin(), days.end());
        }
        for (auto* s : {companies_.get(), persons_.get(), dates_.get(), all_.get()})
            if (s) {
                out.matches = s->get_total();
                break;
            }
        return out;
    }

  private:
    /// Each combination's count added to each slug in it.
    TopCounts split_combinations(Xapian::ValueCountMatchSpy* spy) const {
        if (!spy) return {};
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
        return top_counts({into.begin(), into.end()}, limit_);
    }

    std::unique_ptr<Xapian::ValueCountMatchSpy> companies_, persons_, dates_, all_;
    std::size_t limit_;
};

}  // namespace

FacetIndex::FacetIndex(const DatabaseSet& databases, WorkerPool& workers, bool use_arrays, CountMethod method)
    : impl_(std::make_unique<Impl>(databases, workers, method)), use_arrays_(use_arrays) {}
FacetIndex::~FacetIndex() = default;

const std::vector<std::uint64_t>& FacetIndex::body_digests(std::size_t s) {
    if (!arrays_available()) throw std::logic_error("body_digests without arrays");
    return impl_->body_digests.at(s);
}

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
    std::partial_sort(
        all.begin(), all.begin() + static_cast<std::ptrdiff_t>(shown), all.end(),
        [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    all.resize(shown);
    out.top = std::move(all);
    return out;
}

}  // namespace newsdex
