// The entities a newsdex database holds per article, as the peers' people /
// orgs / companies fields (../shared/peers/prep_inputs.py's .usv columns), so
// that a peer indexing the same articles (bench/scale_bench.sh: Lucene++ on
// the synthetic archive, which has no tags of its own) counts the same facet
// values and its filters select the same articles as newsdex's.
//
//   newsdex-peer-entities --db DB [--queries QUERIES] > entities.tsv
//
// Output, one line per article: id<TAB>people<TAB>orgs<TAB>companies, each
// field the article's entity slugs ("XP" / "XO" / "XC" terms without the
// prefix) in term order, joined with '|'.  Read from the posting lists of
// those terms (one pass over the entity terms, not over every document).
//
// --queries: the peers' query file.  A peer filter people:X or orgs:X matches
// one term; newsdex's person:X / org:X resolves X first (alias, then for one
// word every person with that surname: searcher/src/person_lookup.h).  So X is
// added as one more value to every article that newsdex's filter selects and
// that lacks it, and the peer's filter then selects the same articles.  What
// each value resolved to, and how many values were added, goes to stderr.
#include "common/schema/schema.h"
#include "common/text/slug.h"
#include "searcher/src/database_set.h"
#include "searcher/src/person_lookup.h"

#include <newsdex/error.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

namespace {

using namespace newsdex;

constexpr int kFields = 3;  // people, orgs, companies: the .usv column order
const std::string_view kPrefixes[kFields] = {schema::kPrefixPerson, schema::kPrefixOrganization,
                                             schema::kPrefixCompany};
const char* const kPeerNames[kFields] = {"people", "orgs", "companies"};

struct Columns {
    std::vector<std::string> values;                     ///< every slug seen, by index
    std::vector<std::vector<std::uint32_t>> per_doc[kFields];  ///< [field][docid] -> value indexes

    void resize(Xapian::docid last) {
        for (auto& f : per_doc) f.resize(std::size_t(last) + 1);
    }
    std::uint32_t intern(std::string v) {
        values.push_back(std::move(v));
        return static_cast<std::uint32_t>(values.size() - 1);
    }
};

/// A slug the .usv format can carry (prep_inputs.py rejects these bytes).
bool usv_safe(const std::string& v) {
    return !v.empty() && v.find_first_of("|\"\\\x1f\x1e\t\n") == std::string::npos;
}

void read_entities(const Xapian::Database& db, Columns& cols, std::size_t& skipped) {
    for (int f = 0; f < kFields; ++f) {
        const std::string prefix(kPrefixes[f]);
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            std::string slug = (*t).substr(prefix.size());
            if (!usv_safe(slug)) {
                ++skipped;
                continue;
            }
            const std::uint32_t v = cols.intern(std::move(slug));
            for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) cols.per_doc[f][*p].push_back(v);
        }
    }
}

/// The terms newsdex's filter `field:value` matches (query_parser.cpp, filter_query).
std::vector<std::string> filter_terms(const DatabaseSet& ds, int f, const std::string& typed_text) {
    const std::string prefix(kPrefixes[f]);
    const std::string typed = entity_slug(typed_text);
    std::string value = typed;
    if (ds.combined.get_termfreq(prefix + value) == 0) {
        std::string canonical = ds.metadata(schema::alias_key(prefix, value));
        if (!canonical.empty()) value = canonical;
    }
    if (f == 0) {
        auto meta = [&](const std::string& key) { return ds.metadata(key); };
        PersonFallback fb = person_fallback(ds.combined, typed, value, typed_text, meta);
        if (!fb.terms.empty()) return fb.terms;
    }
    return {prefix + value};
}

void add_filter_keys(const DatabaseSet& ds, const std::string& queries, Columns& cols) {
    std::ifstream in(queries);
    if (!in) throw UserError("cannot open " + queries);
    std::set<std::pair<int, std::string>> wanted;  // (field, value as in the query file)
    std::string line;
    while (std::getline(in, line)) {
        std::size_t start = 0;
        while (start <= line.size()) {
            std::size_t tab = line.find('\t', start);
            std::string part = line.substr(start, tab == std::string::npos ? tab : tab - start);
            for (int f = 0; f < 2; ++f) {  // the query set filters people and orgs only
                const std::string key = std::string(kPeerNames[f]) + ":";
                if (part.rfind(key, 0) == 0) wanted.emplace(f, part.substr(key.size()));
            }
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
    }
    for (const auto& [f, value] : wanted) {
        if (!usv_safe(value)) throw UserError("filter value '" + value + "' cannot be a .usv value");
        const std::vector<std::string> terms = filter_terms(ds, f, value);
        std::uint32_t v = cols.intern(value);
        std::set<Xapian::docid> docs;
        for (const auto& t : terms)
            for (auto p = ds.combined.postlist_begin(t); p != ds.combined.postlist_end(t); ++p) docs.insert(*p);
        std::size_t added = 0;
        for (Xapian::docid d : docs) {
            auto& row = cols.per_doc[f][d];
            if (std::none_of(row.begin(), row.end(), [&cols, &wanted_value = value](std::uint32_t x) {
                    return cols.values[x] == wanted_value;
                })) {
                row.push_back(v);
                ++added;
            }
        }
        std::cerr << kPeerNames[f] << ":" << value << " -> " << terms.size() << " term(s) (";
        for (std::size_t i = 0; i < terms.size() && i < 4; ++i) std::cerr << (i ? " " : "") << terms[i];
        if (terms.size() > 4) std::cerr << " ...";
        std::cerr << "), " << docs.size() << " articles, value added to " << added << "\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string db_path, queries;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--db" && i + 1 < argc) db_path = argv[++i];
        else if (a == "--queries" && i + 1 < argc) queries = argv[++i];
        else {
            db_path.clear();
            break;
        }
    }
    if (db_path.empty()) {
        std::cerr << "usage: newsdex-peer-entities --db DB [--queries QUERIES] > entities.tsv\n";
        return 2;
    }
    try {
        const DatabaseSet ds = open_database_set({db_path});
        const Xapian::Database& db = ds.combined;
        Columns cols;
        cols.resize(db.get_lastdocid());
        std::size_t skipped = 0;
        read_entities(db, cols, skipped);
        if (!queries.empty()) add_filter_keys(ds, queries, cols);

        std::vector<std::string> ids(std::size_t(db.get_lastdocid()) + 1);
        const std::string q(schema::kPrefixId);
        std::size_t shortened = 0;
        for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
            if (!schema::id_term_is_exact(*t)) ++shortened;  // never equal to a .usv id: the converter says so
            for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) ids[*p] = (*t).substr(q.size());
        }
        std::string out;
        std::size_t docs = 0;
        for (std::size_t d = 1; d < ids.size(); ++d) {
            if (ids[d].empty()) continue;
            out = ids[d];
            for (int f = 0; f < kFields; ++f) {
                out += '\t';
                const auto& row = cols.per_doc[f][d];
                for (std::size_t i = 0; i < row.size(); ++i) (out += i ? "|" : "") += cols.values[row[i]];
            }
            out += '\n';
            std::cout << out;
            ++docs;
        }
        std::cerr << "newsdex-peer-entities: " << docs << " articles";
        if (skipped) std::cerr << ", " << skipped << " entity term(s) with '|', tab or quote bytes left out";
        if (shortened) std::cerr << ", " << shortened << " shortened id term(s) (ids over 200 bytes)";
        std::cerr << "\n";
        return std::cout ? 0 : 3;
    } catch (const Xapian::Error& e) {
        std::cerr << "newsdex-peer-entities: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "newsdex-peer-entities: " << e.what() << "\n";
    }
    return 3;
}
