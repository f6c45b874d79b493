// searcher/src/posting_eval: the docids a query matches, read from posting
// lists, must be exactly the documents Xapian's matcher matches -- facet
// counts and exact totals are computed from them.  Each operator is compared
// on a small database; then the peers' 207 queries (../shared/peers/
// queries.txt) are compared on a Reuters-21578 index.
#include "posting_eval.h"

#include "common/text/analyzer.h"
#include "database_set.h"
#include "newsdex/error.h"
#include "query_parser.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

using newsdex::DocidSet;
using newsdex::fully_on_postings;
using newsdex::match_on_postings;
using Q = Xapian::Query;

namespace {

/// What Xapian's matcher matches: every document of a boolean match.
std::vector<Xapian::docid> xapian_docids(const Xapian::Database& db, const Q& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet all = enquire.get_mset(0, db.get_doccount() + 1, db.get_doccount());
    std::vector<Xapian::docid> out;
    for (auto m = all.begin(); m != all.end(); ++m) out.push_back(*m);
    return out;
}

/// 300 documents: "all" in each, "even" in even ones, "third" in every
/// third, "rare" in two, "big deal" as a phrase in every tenth and as two
/// apart words in every fifteenth; docids 7 and 300 then deleted.
Xapian::WritableDatabase small_db(const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    for (int i = 1; i <= 300; ++i) {
        Xapian::Document d;
        Xapian::termpos pos = 1;
        d.add_posting("all", pos++);
        if (i % 2 == 0) d.add_posting("even", pos++);
        if (i % 3 == 0) d.add_posting("third", pos++);
        if (i == 42 || i == 99) d.add_posting("rare", pos++);
        if (i % 10 == 0) d.add_posting("big", pos++), d.add_posting("deal", pos++);
        if (i % 15 == 0) d.add_posting("deal", pos++), d.add_posting("big", pos + 5);
        d.add_boolean_term(i % 4 == 0 ? "XCapple" : "XCibm");
        db.add_document(d);
    }
    db.delete_document(7);
    db.delete_document(300);
    db.commit();
    return db;
}

}  // namespace

TEST_CASE("posting evaluator: each operator matches what Xapian matches") {
    newsdex::test::TempDir dir;
    Xapian::WritableDatabase db = small_db(dir.sub("small"));
    const Q all("all"), even("even"), third("third"), rare("rare"), apple("XCapple");
    const std::vector<Q> three = {all, even, third};
    struct Case {
        const char* what;
        Q query;
        std::size_t expected;  ///< matches, counted by hand from small_db()
    };
    const std::vector<Case> cases = {
        {"term", even, 149},  // 2..298 (300 deleted)
        {"missing term", Q("nosuch"), 0},
        {"match all", Q::MatchAll, 298},
        {"match nothing", Q::MatchNothing, 0},
        {"OR", Q(Q::OP_OR, even, third), 199},
        {"SYNONYM", Q(Q::OP_SYNONYM, even, third), 199},
        {"MAX", Q(Q::OP_MAX, even, third), 199},
        {"AND", Q(Q::OP_AND, even, third), 49},
        {"AND, a rare part and a common one (skipped along)", Q(Q::OP_AND, rare, all), 2},
        {"AND, rare and an OR of common terms (skipped along)", Q(Q::OP_AND, rare, Q(Q::OP_OR, even, third)), 2},
        {"AND, rare and an OR of scaled synonyms (skipped along)",
         Q(Q::OP_AND, rare,
           Q(Q::OP_OR, Q(Q::OP_SYNONYM, even, Q("nosuch")), Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_MAX, third, all), 0.5))),
         2},
        {"AND, an OR holding a phrase (read whole)",
         Q(Q::OP_AND, even, Q(Q::OP_OR, rare, Q(Q::OP_PHRASE, Q("big"), Q("deal")))), 30},
        {"FILTER", Q(Q::OP_FILTER, third, apple), 24},  // multiples of 12 but 300
        {"AND_NOT", Q(Q::OP_AND_NOT, even, third), 100},
        {"AND_NOT of several", Q(Q::OP_AND_NOT, three.begin(), three.end()), 99},
        {"AND_MAYBE", Q(Q::OP_AND_MAYBE, third, even), 99},
        {"scaled", Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND, even, apple), 2.5), 74},
        {"nested", Q(Q::OP_OR, Q(Q::OP_AND, rare, even), Q(Q::OP_AND_NOT, third, all)), 1},
        {"phrase (falls back to the matcher)", Q(Q::OP_PHRASE, Q("big"), Q("deal")), 29},
        {"phrase under AND", Q(Q::OP_AND, even, Q(Q::OP_PHRASE, Q("big"), Q("deal"))), 29},
        // The phrase is matched only among the docids the other parts left.
        {"phrase under FILTER, checked among the docids left",
         Q(Q::OP_FILTER, Q(Q::OP_PHRASE, Q("big"), Q("deal")), Q(Q::OP_OR, apple, third)), 19},
        {"phrase under AND, nothing left", Q(Q::OP_AND, rare, Q(Q::OP_PHRASE, Q("big"), Q("deal"))), 0},
        {"two phrases under AND",
         Q(Q::OP_AND, Q(Q::OP_PHRASE, Q("big"), Q("deal")), Q(Q::OP_PHRASE, Q("big"), Q("deal"))), 29},
        {"phrase under AND_NOT, then AND",
         Q(Q::OP_AND, third, Q(Q::OP_AND_NOT, even, Q(Q::OP_PHRASE, Q("big"), Q("deal")))), 40},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        const std::vector<Xapian::docid> ours = match_on_postings(db, c.query).docids();
        CHECK(ours == xapian_docids(db, c.query));
        CHECK(ours.size() == c.expected);
    }
}

TEST_CASE("posting evaluator: what it evaluates on posting lists and what it leaves to Xapian") {
    const Q a("a"), b("b");
    CHECK(fully_on_postings(a));
    CHECK(fully_on_postings(Q::MatchAll));
    CHECK(fully_on_postings(Q(Q::OP_FILTER, Q(Q::OP_OR, a, b), Q(Q::OP_AND_NOT, a, b))));
    CHECK(fully_on_postings(Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_SYNONYM, a, b), 0.5)));
    // AND_MAYBE: only the first part decides what matches.
    CHECK(fully_on_postings(Q(Q::OP_AND_MAYBE, a, Q(Q::OP_PHRASE, a, b))));
    CHECK_FALSE(fully_on_postings(Q(Q::OP_PHRASE, a, b)));
    CHECK_FALSE(fully_on_postings(Q(Q::OP_AND, a, Q(Q::OP_NEAR, a, b))));
    CHECK_FALSE(fully_on_postings(Q(Q::OP_VALUE_RANGE, 0, "20150101", "20151231")));
    CHECK_FALSE(fully_on_postings(Q(Q::OP_WILDCARD, "ec")));
}

TEST_CASE("posting evaluator: docid sets") {
    DocidSet s(130);                                              // room for docids 0..191 (three 64-bit words)
    for (Xapian::docid d : {1u, 64u, 65u, 130u, 192u}) s.add(d);  // 192 is past the room: ignored
    CHECK(s.docids() == std::vector<Xapian::docid>{1, 64, 65, 130});
    CHECK(s.count() == 4);
    DocidSet t(130);
    t.add(64);
    t.add(2);
    DocidSet u = s;
    u.intersect(t);
    CHECK(u.docids() == std::vector<Xapian::docid>{64});
    u = s;
    u.unite(t);
    CHECK(u.docids() == std::vector<Xapian::docid>{1, 2, 64, 65, 130});
    u = s;
    u.subtract(t);
    CHECK(u.docids() == std::vector<Xapian::docid>{1, 65, 130});
    CHECK(u.contains(130));
    CHECK_FALSE(u.contains(64));
    CHECK_FALSE(u.contains(100000));

    // The complement below an end: inside the room, at a word's edge, past it.
    auto absent = [](const DocidSet& set, Xapian::docid end) {
        std::vector<Xapian::docid> out;
        set.for_each_absent(end, [&](Xapian::docid d) { out.push_back(d); });
        return out;
    };
    DocidSet most(130);
    for (Xapian::docid d = 0; d < 200; ++d)
        if (d != 3 && d != 63 && d != 64 && d != 129) most.add(d);
    CHECK(absent(most, 0).empty());
    CHECK(absent(most, 3).empty());
    CHECK(absent(most, 4) == std::vector<Xapian::docid>{3});
    CHECK(absent(most, 64) == std::vector<Xapian::docid>{3, 63});
    CHECK(absent(most, 65) == std::vector<Xapian::docid>{3, 63, 64});
    CHECK(absent(most, 130) == std::vector<Xapian::docid>{3, 63, 64, 129});
    // Past the set's room (docids 192 and on) nothing is in it.
    CHECK(absent(most, 194) == std::vector<Xapian::docid>{3, 63, 64, 129, 192, 193});
    CHECK(absent(DocidSet(10), 3) == std::vector<Xapian::docid>{0, 1, 2});
}

namespace {

/// One line of queries.txt: class, query text, filters (in newsdex syntax).
struct PeerQuery {
    std::string where, cls, text;
    std::vector<std::string> filters;
};

/// The peers' filter syntax in newsdex's (as bench/query_bench.cpp does):
/// people:X -> person:X, orgs:X -> org:X, date:YYYYMMDD..YYYYMMDD ->
/// date:YYYY-MM-DD..YYYY-MM-DD; "" for anything else.
std::string translate_filter(const std::string& f) {
    auto iso = [](const std::string& d) { return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2); };
    if (f.rfind("people:", 0) == 0) return "person:" + f.substr(7);
    if (f.rfind("orgs:", 0) == 0) return "org:" + f.substr(5);
    if (f.rfind("date:", 0) == 0 && f.size() == 5 + 18 && f.compare(13, 2, "..") == 0)
        return "date:" + iso(f.substr(5, 8)) + ".." + iso(f.substr(15, 8));
    return "";
}

/// The queries of `path`; a line that cannot be read is reported (file:line)
/// and counted in `bad`.
std::vector<PeerQuery> load_peer_queries(const std::string& path, std::size_t& bad) {
    std::ifstream in(path);
    std::vector<PeerQuery> out;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        std::stringstream split(line);
        for (std::string col; std::getline(split, col, '\t');) cols.push_back(col);
        PeerQuery q{
            path + ":" + std::to_string(number), cols.size() > 0 ? cols[0] : "", cols.size() > 1 ? cols[1] : "", {}};
        bool ok = cols.size() >= 2;
        for (std::size_t i = 2; i < cols.size(); ++i) {
            q.filters.push_back(translate_filter(cols[i]));
            ok = ok && !q.filters.back().empty();
        }
        if (!ok) {
            MESSAGE(q.where << ": not class<TAB>query[<TAB>filter...] with known filters: " << line);
            ++bad;
            continue;
        }
        out.push_back(std::move(q));
    }
    return out;
}

/// Compare the evaluator with Xapian on each shard of `set`; a disagreement
/// is added to `disagreements`, named by `what` and the shard.  Returns the
/// number of matches (Xapian's).
std::size_t compare_on_shards(const newsdex::DatabaseSet& set, const Q& query, const std::string& what,
                              std::vector<std::string>& disagreements) {
    std::size_t matches = 0;
    for (std::size_t s = 0; s < set.shards.size(); ++s) {
        const std::vector<Xapian::docid> evaluated = match_on_postings(set.shards[s], query).docids();
        const std::vector<Xapian::docid> matched = xapian_docids(set.shards[s], query);
        matches += matched.size();
        if (evaluated != matched)
            disagreements.push_back(what + ", shard " + std::to_string(s) + ": evaluator " +
                                    std::to_string(evaluated.size()) + " docids, Xapian " +
                                    std::to_string(matched.size()));
    }
    return matches;
}

/// The query the Searcher matches for `q`: its text, each filter FILTERing it.
Q searcher_query(newsdex::QueryParser& parser, const PeerQuery& q) {
    Q query = parser.parse(q.text, "query", /*rank_entity_filters=*/true).query;
    for (const auto& f : q.filters) query = Q(Q::OP_FILTER, query, parser.parse(f, "filter").query);
    return query;
}

}  // namespace

TEST_CASE("posting evaluator agrees with Xapian on the peers' 207 queries over Reuters-21578") {
    namespace fs = std::filesystem;
    const fs::path shared = NEWSDEX_SHARED_DIR;
    const fs::path corpus = shared / "corpora" / "reuters21578", queries = shared / "peers" / "queries.txt";
    if (!fs::exists(corpus / "reut2-000.sgm") || !fs::exists(queries)) {
        MESSAGE("Reuters-21578 or the peers' queries not found under " << shared << "; skipped");
        return;
    }
    // Six of the 22 files, spread over 1987 so that every date filter has
    // matches: about 6,000 articles in two shards, indexed in seconds.
    newsdex::test::TempDir dir;
    const std::string db = dir.sub("reuters.db");
    std::vector<std::string> inputs;
    for (const char* name :
         {"reut2-000.sgm", "reut2-004.sgm", "reut2-008.sgm", "reut2-012.sgm", "reut2-016.sgm", "reut2-020.sgm"})
        inputs.push_back((corpus / name).string());
    newsdex::IndexStats stats = newsdex::test::index_into(db, inputs, 2);
    REQUIRE(stats.added > 5000);

    std::size_t bad_lines = 0;
    const std::vector<PeerQuery> peer_queries = load_peer_queries(queries.string(), bad_lines);
    CHECK(bad_lines == 0);
    CHECK(peer_queries.size() == 207);

    newsdex::DatabaseSet set = newsdex::open_database_set({db});
    REQUIRE(set.shards.size() == 2);
    newsdex::Analyzer analyzer;
    newsdex::QueryParser parser(set.combined, analyzer, {"en"},
                                [&](const std::string& key) { return set.metadata(key); });
    std::size_t on_postings = 0, agree_on_postings = 0, fell_back = 0, fell_back_without_phrase = 0, with_matches = 0,
                parse_errors = 0;
    std::vector<std::string> disagreements, fell_back_classes;
    for (const auto& q : peer_queries) {
        Q query;
        try {
            query = searcher_query(parser, q);
        } catch (const newsdex::UserError& e) {
            MESSAGE(q.where << ": " << e.what());
            ++parse_errors;
            continue;
        }
        // Every query is compared; those the evaluator hands (in part) to
        // Xapian's matcher are counted apart, since for them agreement
        // proves less.
        const bool ours = fully_on_postings(query);
        const std::size_t disagreed_before = disagreements.size();
        const std::size_t matches =
            compare_on_shards(set, query, q.where + " [" + q.cls + "] " + q.text, disagreements);
        const bool agree = disagreements.size() == disagreed_before;
        if (matches) ++with_matches;
        if (ours) {
            ++on_postings;
            if (agree) ++agree_on_postings;
        } else {
            ++fell_back;
            fell_back_classes.push_back(q.cls + " " + q.text);
            if (q.text.find('"') == std::string::npos) ++fell_back_without_phrase;
        }
    }
    std::string fell_back_list;
    for (const auto& c : fell_back_classes) fell_back_list += (fell_back_list.empty() ? "" : ", ") + c;
    MESSAGE("posting evaluator vs Xapian on " << peer_queries.size() << " queries: " << agree_on_postings << " of "
                                              << on_postings << " evaluated on posting lists agree; " << fell_back
                                              << " fell back to Xapian's matcher (" << fell_back_list << "); "
                                              << with_matches << " have matches");
    for (const auto& d : disagreements) MESSAGE("disagrees: " << d);
    CHECK(parse_errors == 0);
    CHECK(disagreements.empty());
    CHECK(agree_on_postings == on_postings);
    // Only phrases (22 of the 207 queries have one) need positions;
    // everything else must be evaluated on posting lists, or the comparison
    // proves little.
    CHECK(fell_back_without_phrase == 0);
    CHECK(on_postings >= 180);
    // And the comparison is not of empty sets.
    CHECK(with_matches >= 180);

    // The 207 queries have no NOT: each two-word AND query also runs as
    // "first -second", so that AND_NOT is compared on real postings too.
    std::size_t negated = 0, negated_with_matches = 0;
    std::vector<std::string> negated_disagreements;
    for (const auto& q : peer_queries) {
        const auto space = q.text.find(' ');
        if (q.cls != "and2" || space == std::string::npos) continue;
        const std::string text = q.text.substr(0, space) + " -" + q.text.substr(space + 1);
        const Q query = parser.parse(text, "query", true).query;
        REQUIRE(fully_on_postings(query));
        ++negated;
        if (compare_on_shards(set, query, q.where + " negated: " + text, negated_disagreements)) ++negated_with_matches;
    }
    MESSAGE(negated << " negated and2 queries, " << negated_with_matches << " with matches, "
                    << negated_disagreements.size() << " shard disagreements");
    for (const auto& d : negated_disagreements) MESSAGE("disagrees: " << d);
    CHECK(negated == 30);
    CHECK(negated_with_matches >= 25);
    CHECK(negated_disagreements.empty());
}
