#include "posting_eval.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <string>

namespace newsdex {

namespace {

/// The terms of a plain term, or of an OR (synonym, MAX) of plain terms
/// and of such ORs, under any weight scaling: the documents it matches are
/// those indexed by any of them.  Empty for anything else.
std::vector<std::string> plain_terms(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: return {*query.get_terms_begin()};
        case Xapian::Query::OP_SCALE_WEIGHT: return plain_terms(query.get_subquery(0));
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX: {
            std::vector<std::string> out;
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
                std::vector<std::string> sub = plain_terms(query.get_subquery(i));
                if (sub.empty()) return {};
                out.insert(out.end(), sub.begin(), sub.end());
            }
            return out;
        }
        default: return {};
    }
}

/// `out` less the docids none of `terms`' posting lists holds, found by
/// skipping along the lists to each docid of `out` rather than reading them.
DocidSet keep_indexed_by_any(const Xapian::Database& db, const DocidSet& out, const std::vector<std::string>& terms) {
    DocidSet kept(db.get_lastdocid());
    std::vector<Xapian::PostingIterator> lists;
    for (const auto& t : terms) lists.push_back(db.postlist_begin(t));
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
    return kept;
}

DocidSet match_with_xapian(const Xapian::Database& db, const Xapian::Query& query);

/// The documents of a docid list, ascending, as a posting source: lets
/// Xapian's matcher evaluate a part of an AND only where the other parts
/// already match.
class DocidListSource : public Xapian::PostingSource {
  public:
    explicit DocidListSource(std::shared_ptr<const std::vector<Xapian::docid>> docids) : docids_(std::move(docids)) {}
    DocidListSource* clone() const override { return new DocidListSource(docids_); }
    void init(const Xapian::Database&) override {
        at_ = docids_->begin();
        started_ = false;
    }
    Xapian::doccount get_termfreq_min() const override { return size(); }
    Xapian::doccount get_termfreq_est() const override { return size(); }
    Xapian::doccount get_termfreq_max() const override { return size(); }
    void next(double) override {
        if (started_) ++at_;
        started_ = true;
    }
    void skip_to(Xapian::docid did, double) override {
        started_ = true;
        at_ = std::lower_bound(at_, docids_->end(), did);
    }
    bool at_end() const override { return at_ == docids_->end(); }
    Xapian::docid get_docid() const override { return *at_; }
    std::string get_description() const override { return "DocidListSource"; }

  private:
    Xapian::doccount size() const { return static_cast<Xapian::doccount>(docids_->size()); }
    std::shared_ptr<const std::vector<Xapian::docid>> docids_;
    std::vector<Xapian::docid>::const_iterator at_;
    bool started_ = false;
};

/// `out` less the docids `part` (some of which Xapian's matcher must
/// evaluate: a phrase) does not match, with the matcher looking only at the
/// docids of `out`: a phrase's positions are then read for the candidates
/// the other parts of the AND left, not for every document holding its words.
DocidSet keep_matching(const Xapian::Database& db, const DocidSet& out, const Xapian::Query& part) {
    auto docids = std::make_shared<const std::vector<Xapian::docid>>(out.docids());
    return match_with_xapian(
        db, Xapian::Query(Xapian::Query::OP_FILTER, part, Xapian::Query((new DocidListSource(docids))->release())));
}

/// AND / FILTER: the most selective part first; a plain-term part much
/// larger than what is left is checked by skipping along its posting lists
/// to each remaining docid instead of reading them whole (a person filter on
/// a common word reads a few postings, not the word's), and a part needing
/// Xapian's matcher (a phrase) comes last and is matched only among the
/// docids left (keep_matching).
DocidSet match_all_of(const Xapian::Database& db, const Xapian::Query& query) {
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
    DocidSet out = match_on_postings(db, parts[0].query);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const Part& part = parts[i];
        const std::size_t left = out.count();
        if (left == 0) break;
        if (part.terms.empty() && !fully_on_postings(part.query))
            out = keep_matching(db, out, part.query);
        else if (part.terms.empty() || part.size < 16 * left)
            out.intersect(match_on_postings(db, part.query));
        else
            out = keep_indexed_by_any(db, out, part.terms);
    }
    return out;
}

/// The part Xapian's matcher evaluates: a boolean match recording docids.
DocidSet match_with_xapian(const Xapian::Database& db, const Xapian::Query& query) {
    DocidSet out(db.get_lastdocid());
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

}  // namespace

// The cost is the postings read, not a matcher round per match.
DocidSet match_on_postings(const Xapian::Database& db, const Xapian::Query& query) {
    DocidSet out(db.get_lastdocid());
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: {
            const std::string term = *query.get_terms_begin();
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) out.add(*p);
            return out;
        }
        case Xapian::Query::LEAF_MATCH_ALL:
            for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) out.add(*p);
            return out;
        case Xapian::Query::LEAF_MATCH_NOTHING: return out;
        case Xapian::Query::OP_SCALE_WEIGHT: return match_on_postings(db, query.get_subquery(0));
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
                out.unite(match_on_postings(db, query.get_subquery(i)));
            return out;
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER: return match_all_of(db, query);
        case Xapian::Query::OP_AND_NOT:
            out = match_on_postings(db, query.get_subquery(0));
            for (std::size_t i = 1; i < query.get_num_subqueries(); ++i)
                out.subtract(match_on_postings(db, query.get_subquery(i)));
            return out;
        // AND_MAYBE's other parts only weigh: the first alone decides.
        case Xapian::Query::OP_AND_MAYBE: return match_on_postings(db, query.get_subquery(0));
        default: return match_with_xapian(db, query);
    }
}

bool fully_on_postings(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
        case Xapian::Query::LEAF_MATCH_ALL:
        case Xapian::Query::LEAF_MATCH_NOTHING: return true;
        case Xapian::Query::OP_SCALE_WEIGHT:
        case Xapian::Query::OP_AND_MAYBE: return fully_on_postings(query.get_subquery(0));
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_AND_NOT:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
                if (!fully_on_postings(query.get_subquery(i))) return false;
            return true;
        default: return false;
    }
}

}  // namespace newsdex
