// The two MatchSources of entity analytics (analytics.h): match spies over
// the combined database (any shards), and the facet counter's per-document
// arrays (local shards).
#include "analytics.h"

#include "common/schema/schema.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

namespace newsdex::analytics {

namespace {

constexpr std::array<Xapian::valueno, kTypes> kEntitySlots = {schema::kSlotCompanies, schema::kSlotPersons};

/// Add each slug of a joined value (schema::kValueSeparator) `n` times.
void add_joined(const std::string& joined, std::uint64_t n, std::map<std::string, std::uint64_t>& into) {
    std::size_t start = 0;
    while (start <= joined.size()) {
        auto end = joined.find(schema::kValueSeparator, start);
        if (end == std::string::npos) end = joined.size();
        if (end > start) into[joined.substr(start, end - start)] += n;
        start = end + 1;
    }
}

std::string term_of(const EntityRef& e) { return std::string(type_prefix(e.kind)) + e.slug; }

/// Built-in spies only, so that remote shards count next to their data.
class SpySource : public MatchSource {
  public:
    SpySource(const Xapian::Database& db, const Xapian::Query& query) : db_(db), query_(query) {}

    Tally tally(bool dates) override { return count(query_, true, true, dates); }

    std::vector<DayCounts> days_naming(const std::vector<EntityRef>& entities) override {
        std::vector<DayCounts> out;
        for (const auto& e : entities) out.push_back(count(filtered(e), false, false, true).days);
        return out;
    }

    PairCounts pairs_among(const std::vector<EntityRef>& entities) override {
        std::array<std::unordered_map<std::string, std::size_t>, kTypes> index;
        for (std::size_t i = 0; i < entities.size(); ++i)
            index[static_cast<std::size_t>(entities[i].kind)].emplace(entities[i].slug, i);
        // Each pair from the first of its two entities' filtered match.
        PairCounts out;
        for (std::size_t i = 0; i + 1 < entities.size(); ++i) {
            const Tally together = count(filtered(entities[i]), true, true, false);
            for (std::size_t t = 0; t < kTypes; ++t)
                for (const auto& [slug, both] : together.owned[t]) {
                    auto at = index[t].find(slug);
                    if (at != index[t].end() && at->second > i) out[{i, at->second}] = both;
                }
        }
        return out;
    }

  private:
    Xapian::Query filtered(const EntityRef& e) const {
        return Xapian::Query(Xapian::Query::OP_FILTER, query_, Xapian::Query(term_of(e)));
    }

    Tally count(const Xapian::Query& query, bool companies, bool persons, bool dates) const {
        std::array<std::unique_ptr<Xapian::ValueCountMatchSpy>, kTypes> entity_spies;
        std::unique_ptr<Xapian::ValueCountMatchSpy> date_spy;
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        const std::array<bool, kTypes> wanted_types = {companies, persons};
        for (std::size_t t = 0; t < kTypes; ++t)
            if (wanted_types[t]) {
                entity_spies[t] = std::make_unique<Xapian::ValueCountMatchSpy>(kEntitySlots[t]);
                enquire.add_matchspy(entity_spies[t].get());
            }
        // The date spy also counts the matches when no entity is asked for
        // (every spy sees every match, with a value or not).
        if (dates || (!companies && !persons)) {
            date_spy = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSlotDate);
            enquire.add_matchspy(date_spy.get());
        }
        enquire.get_mset(0, 0, db_.get_doccount());
        Tally out;
        for (std::size_t t = 0; t < kTypes; ++t) {
            if (!entity_spies[t]) continue;
            out.matches = entity_spies[t]->get_total();
            for (auto v = entity_spies[t]->values_begin(); v != entity_spies[t]->values_end(); ++v)
                add_joined(*v, v.get_termfreq(), out.owned[t]);
            for (const auto& [slug, count] : out.owned[t]) out.counts[t].push_back({slug, count, 0});
        }
        if (date_spy) {
            out.matches = date_spy->get_total();
            if (dates)
                for (auto v = date_spy->values_begin(); v != date_spy->values_end(); ++v)
                    out.days[static_cast<std::uint32_t>(std::strtoul((*v).c_str(), nullptr, 10))] += v.get_termfreq();
        }
        return out;
    }

    const Xapian::Database& db_;
    Xapian::Query query_;
};

/// The matches the facet counter kept, read through the per-document arrays:
/// each pass is array lookups over the matches, no Xapian match.
class ArraySource : public MatchSource {
  public:
    explicit ArraySource(FacetCounter& counter) : counter_(counter) {}

    Tally tally(bool dates) override {
        Tally out;
        std::array<std::vector<std::uint64_t>, kTypes> counts;
        for (std::size_t t = 0; t < kTypes; ++t) counts[t].assign(counter_.entity_slugs(t == 1).size(), 0);
        counter_.visit_matches(
            [&](std::uint32_t day, std::span<const std::uint32_t> companies, std::span<const std::uint32_t> persons) {
                ++out.matches;
                if (dates && day) ++out.days[day];
                for (auto c : companies) ++counts[0][c];
                for (auto p : persons) ++counts[1][p];
            });
        for (std::size_t t = 0; t < kTypes; ++t) {
            const auto& slugs = counter_.entity_slugs(t == 1);
            for (std::uint32_t o = 0; o < counts[t].size(); ++o)
                if (counts[t][o]) out.counts[t].push_back({slugs[o], counts[t][o], o});
        }
        return out;
    }

    std::vector<DayCounts> days_naming(const std::vector<EntityRef>& entities) override {
        std::vector<DayCounts> out(entities.size());
        const auto index = indices_of(entities);
        counter_.visit_matches(
            [&](std::uint32_t day, std::span<const std::uint32_t> companies, std::span<const std::uint32_t> persons) {
                if (!day) return;
                for (auto c : companies)
                    if (auto at = index[0].find(c); at != index[0].end()) ++out[at->second][day];
                for (auto p : persons)
                    if (auto at = index[1].find(p); at != index[1].end()) ++out[at->second][day];
            });
        return out;
    }

    PairCounts pairs_among(const std::vector<EntityRef>& entities) override {
        const std::size_t n = entities.size();
        std::vector<std::uint64_t> both(n * n, 0);
        const auto index = indices_of(entities);
        std::vector<std::size_t> in_row;
        counter_.visit_matches(
            [&](std::uint32_t, std::span<const std::uint32_t> companies, std::span<const std::uint32_t> persons) {
                in_row.clear();
                for (auto c : companies)
                    if (auto at = index[0].find(c); at != index[0].end()) in_row.push_back(at->second);
                for (auto p : persons)
                    if (auto at = index[1].find(p); at != index[1].end()) in_row.push_back(at->second);
                // A row names an entity once; sorted, so that i < j.
                std::sort(in_row.begin(), in_row.end());
                for (std::size_t a = 0; a < in_row.size(); ++a)
                    for (std::size_t b = a + 1; b < in_row.size(); ++b) ++both[in_row[a] * n + in_row[b]];
            });
        PairCounts out;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j)
                if (both[i * n + j]) out[{i, j}] = both[i * n + j];
        return out;
    }

  private:
    /// Ordinal -> index into `entities`, per type.
    static std::array<std::unordered_map<std::uint32_t, std::size_t>, kTypes> indices_of(
        const std::vector<EntityRef>& entities) {
        std::array<std::unordered_map<std::uint32_t, std::size_t>, kTypes> out;
        for (std::size_t i = 0; i < entities.size(); ++i)
            out[static_cast<std::size_t>(entities[i].kind)].emplace(entities[i].ordinal, i);
        return out;
    }

    FacetCounter& counter_;
};

}  // namespace

std::unique_ptr<MatchSource> spy_source(const Xapian::Database& db, const Xapian::Query& query) {
    return std::make_unique<SpySource>(db, query);
}

std::unique_ptr<MatchSource> array_source(FacetCounter& counter) { return std::make_unique<ArraySource>(counter); }

}  // namespace newsdex::analytics
