// The posting-list evaluator: the docids of one shard that match a query,
// computed from posting lists instead of a round of Xapian's matcher per
// match.  Facet counting (facet_counts.h) needs every match but no weights;
// for the boolean structure the query parser builds this reads each posting
// list once.  It must agree with Xapian's matcher on every query
// (tests/unit/test_posting_eval.cpp compares the two on the peers' 207
// queries over Reuters-21578).
#pragma once

#include <cstdint>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// Records the docid of every match.
class DocidSpy : public Xapian::MatchSpy {
  public:
    explicit DocidSpy(std::vector<Xapian::docid>& out) : out_(out) {}
    void operator()(const Xapian::Document& doc, double) override { out_.push_back(doc.get_docid()); }

  private:
    std::vector<Xapian::docid>& out_;
};

/// A set of docids of one shard, as a bitset over [0, last docid].
class DocidSet {
  public:
    explicit DocidSet(Xapian::docid last) : words_(last / 64 + 1, 0) {}
    void add(Xapian::docid d) {
        if (d / 64 < words_.size()) words_[d / 64] |= std::uint64_t{1} << (d % 64);
    }
    void intersect(const DocidSet& o) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= i < o.words_.size() ? o.words_[i] : 0;
    }
    void unite(const DocidSet& o) {
        for (std::size_t i = 0; i < words_.size() && i < o.words_.size(); ++i) words_[i] |= o.words_[i];
    }
    void subtract(const DocidSet& o) {
        for (std::size_t i = 0; i < words_.size() && i < o.words_.size(); ++i) words_[i] &= ~o.words_[i];
    }
    bool contains(Xapian::docid d) const { return d / 64 < words_.size() && (words_[d / 64] >> (d % 64) & 1); }
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
    /// Call f(d) for every d in [0, end) not in the set, ascending (the
    /// complement of a set holding most of a shard is the shorter walk).
    template <typename F>
    void for_each_absent(Xapian::docid end, F&& f) const {
        for (std::size_t i = 0; i * 64 < end; ++i) {
            std::uint64_t w = ~(i < words_.size() ? words_[i] : 0);
            if (end - i * 64 < 64) w &= (std::uint64_t{1} << (end - i * 64)) - 1;
            for (; w; w &= w - 1) f(static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(__builtin_ctzll(w))));
        }
    }
    /// The docids in ascending order.
    std::vector<Xapian::docid> docids() const {
        std::vector<Xapian::docid> out;
        for_each([&](Xapian::docid d) { out.push_back(d); });
        return out;
    }

  private:
    std::vector<std::uint64_t> words_;
};

/// The docids of shard `db` that match `query`.  Terms, synonyms,
/// AND/OR/NOT/MAX, filters, AND_MAYBE and weight scaling are evaluated over
/// posting lists; any other part (phrases, NEAR, value ranges, wildcards)
/// goes through Xapian's matcher with a docid-recording spy.
DocidSet match_on_postings(const Xapian::Database& db, const Xapian::Query& query);

/// True when match_on_postings evaluates all of `query` over posting lists,
/// false when some part of it falls back to Xapian's matcher.
bool fully_on_postings(const Xapian::Query& query);

}  // namespace newsdex
