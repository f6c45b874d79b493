// Surname candidates (issue 8): lone capitalised words the tagger left
// untagged (common/entities/stage_surname_candidates.cpp), and how the
// archive-level pass links them (indexer/surname_resolution.h) -- only to the
// one full name of the archive, never as a facet value of their own, the same
// whatever the order of indexing.
#include <doctest/doctest.h>

#include "entity_stage_support.h"
#include "indexer/surname_resolution.h"
#include "common/schema/stored_entities.h"
#include "test_support.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace newsdex;
using namespace newsdex::test;

namespace {

/// Candidates of an article, as if the tagger had given every word `tag`:
/// the rule must not depend on what a model happens to tag.
std::vector<std::string> candidates_untagged(const std::string& body, const std::string& language = "",
                                             int tag = ner::kO) {
    // (the tags are forced before the later stages too: the article's own
    // entities, which candidates must not be words of, come from them)
    entities::DocState st;
    Article a = entity_article("", body);
    a.language = language;
    const auto& d = entity_data();
    run_until(st, a, Stage::Read);
    for (auto& t : st.tags) t.assign(t.size(), tag);
    entities::build_mentions(d, st);
    entities::add_mark_mentions(d, st);
    entities::cluster_mentions(d, st);
    entities::link_text_aliases(d, st);
    entities::match_headlines(d, st);
    entities::build_entities(d, st);
    entities::merge_metadata(d, a, st);
    for (auto& t : st.tags) t.assign(t.size(), tag);
    return entities::find_surname_candidates(d, st);
}

}  // namespace

TEST_CASE("surname candidates: a lone capitalised word inside a sentence") {
    const auto c = candidates_untagged(
        "Prosecutors said the information provided by Boesky led to new charges against two traders.");
    CHECK(c == std::vector<std::string>{"boesky"});
    // The tagger's guess of a place does not hide it (the lone-word model tags
    // this "Boesky" B-LOC); a person, company or miscellaneous tag does.
    const std::string text = "Regulators examined trades that Boesky made before several bids.";
    CHECK(candidates_untagged(text, "", ner::kBLoc) == std::vector<std::string>{"boesky"});
    CHECK(candidates_untagged(text, "", ner::kBMisc).empty());
    CHECK(candidates_untagged(text, "", ner::kBPer).empty());
    CHECK(candidates_untagged(text, "", ner::kBOrg).empty());
}

TEST_CASE("surname candidates: what is not one") {
    // Sentence start, a capitalised neighbour, after a quote, ALL-CAPS lines.
    CHECK(candidates_untagged("Boesky made the trades, officials said.").empty());
    CHECK(candidates_untagged("Officials said Ivan Boesky made the trades.").empty());
    CHECK(candidates_untagged("Officials called it \" Boesky trading \" in court.").empty());
    CHECK(candidates_untagged("OFFICIALS SAID BOESKY MADE THE TRADES.").empty());
    // Dates, places, titles, acronyms and words the article uses in lower case.
    CHECK(candidates_untagged("The trades were made on Monday in London by the chairman.").empty());
    CHECK(candidates_untagged("Shares of the company fell after the NYSE halted trading.").empty());
    CHECK(candidates_untagged("Analysts said Energy shares fell while energy prices rose.").empty());
    // After a place preposition, a state abbreviation, a word often written in
    // lower case elsewhere in news, a one-word company of the company lists.
    CHECK(candidates_untagged("Heavy rain fell in Queensland on Tuesday, officials said.").empty());
    CHECK(candidates_untagged("The plant is near Stratford, Conn. and employs 300.").empty());
    CHECK(candidates_untagged("The company closed its plant in Wayne, Mich., which made trucks.").empty());
    CHECK(candidates_untagged("Prices rose in the North and fell elsewhere, traders said.").empty());
    CHECK(candidates_untagged("The talks with Chevron ended without a deal, officials said.").empty());
    // A word of one of the article's own entities ("Chrysler" of "Chrysler Corp").
    CHECK(candidates_untagged("Chrysler Corp said it would buy the stake. The board of Chrysler agreed.").empty());
    // Only English text: the rule reads English capitalisation.
    CHECK(candidates_untagged("Die Informationen von Boesky führten zu neuen Anklagen.", "de").empty());
}

TEST_CASE("surname candidates: the tagger's own bare surname is no candidate") {
    entities::DocState st;
    run_until(st, entity_article("", "Prosecutors said the information provided by Boesky led to new charges."),
              Stage::Metadata);
    for (auto& t : st.tags) t.assign(t.size(), ner::kO);
    Entity boesky;
    boesky.id = "boesky";
    boesky.name = "Boesky";
    st.entities.push_back(boesky);  // as when the tagger tags it: an XR surname, not also a candidate
    CHECK(entities::find_surname_candidates(entity_data(), st).empty());
}

TEST_CASE("builder terms for surname candidates: one boolean term each, no positions") {
    Xapian::Document doc;
    add_surname_candidate_terms(doc, {"boesky", "icahn", "two-words", ""});
    std::set<std::string> terms;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        terms.insert(*t);
        CHECK(t.positionlist_count() == 0);
    }
    CHECK(terms == std::set<std::string>{std::string(kPrefixSurnameCandidate) + "boesky",
                                         std::string(kPrefixSurnameCandidate) + "icahn"});
}

namespace {

/// A document as the builder writes it: native persons (terms, value slot,
/// stored list) and surname candidates.
Xapian::Document article(const std::string& id, const std::vector<std::string>& persons,
                         const std::vector<std::string>& candidates) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::id_term(id));
    nlohmann::json list = nlohmann::json::array();
    std::string slot;
    for (const auto& p : persons) {
        doc.add_boolean_term(std::string(schema::kPrefixPerson) + p);
        if (is_bare_surname(p)) doc.add_boolean_term(std::string(kPrefixBareSurname) + p);  // a tagged surname
        list.push_back({{"id", p}, {"name", p}, {"mentions", 1}});
        slot += (slot.empty() ? "" : std::string(1, schema::kValueSeparator)) + p;
    }
    if (!slot.empty()) doc.add_value(schema::kSlotPersons, slot);
    add_surname_candidate_terms(doc, candidates);
    nlohmann::json data = {{"id", id}};
    if (!list.empty()) data["persons"] = list;  // as the builder: no empty list
    schema::compact_stored_entities(data);      // and in schema 3's form
    doc.set_data(data.dump() + schema::kDataBodySeparator + "body");
    return doc;
}

struct Archive {
    TempDir dir;
    std::vector<Xapian::WritableDatabase> shards;
    explicit Archive(unsigned n) {
        for (unsigned i = 0; i < n; ++i)
            shards.emplace_back(dir.sub("shard-" + std::to_string(i)), Xapian::DB_CREATE_OR_OPEN);
    }
    void add(const std::string& id, const std::vector<std::string>& persons,
             const std::vector<std::string>& candidates) {
        const std::string term = schema::id_term(id);
        shards[schema::shard_for_id(id, unsigned(shards.size()))].replace_document(term,
                                                                                   article(id, persons, candidates));
    }
    void remove(const std::string& id) {
        shards[schema::shard_for_id(id, unsigned(shards.size()))].delete_document(schema::id_term(id));
    }
    ResolutionStats resolve() {
        auto stats = resolve_surnames(shards);
        for (auto& s : shards) s.commit();
        return stats;
    }
    /// The stored data of article `id`.
    std::string data(const std::string& id) {
        auto& db = shards[schema::shard_for_id(id, unsigned(shards.size()))];
        return db.get_document(*db.postlist_begin(schema::id_term(id))).get_data();
    }
    /// Article id -> its person terms, value slot and stored person ids, as one string.
    std::map<std::string, std::string> persons() {
        std::map<std::string, std::string> out;
        for (auto& db : shards)
            for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
                Xapian::Document doc = db.get_document(*d);
                std::string id, text;
                for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
                    if ((*t).rfind(schema::kPrefixId, 0) == 0)
                        id = (*t).substr(1);
                    else
                        text += *t + " ";
                text += "slot=" + doc.get_value(schema::kSlotPersons) + " data=";
                const std::string data = doc.get_data();
                auto json = nlohmann::json::parse(data.substr(0, data.find('\0')));
                schema::expand_stored_entities(json);
                for (const auto& p : json.value("persons", nlohmann::json::array()))
                    text += p["id"].get<std::string>() + "/" + p["name"].get<std::string>() + "/" +
                            std::to_string(p["mentions"].get<int>()) + " ";
                out[id] = text;
            }
        return out;
    }
};

}  // namespace

TEST_CASE("a surname candidate joins the one full name of the archive, and leaves it when that is ambiguous") {
    Archive a(2);
    a.add("a1", {"ivan-boesky"}, {});
    a.add("a2", {}, {"boesky"});     // "information provided by Boesky", untagged
    a.add("a3", {}, {"kellerman"});  // no full name bears it
    a.add("a4", {"lawson"}, {});     // unrelated
    CHECK(a.resolve().linked == 1);
    auto p = a.persons();
    // The link adds the person's XW terms with its XP term (schema 4).
    CHECK(p.at("a2") == "XPivan-boesky XUboesky XUboesky:ivan-boesky XWboesky:ivan- XWivan-boesky: slot=ivan-boesky "
                        "data=ivan-boesky/ivan-boesky/1 ");
    CHECK(p.at("a3") == "XUkellerman slot= data=");  // never a facet value of its own

    // A second full name: ambiguous, so a2 names nobody again (not "boesky").
    a.add("b1", {"marta-boesky"}, {});
    CHECK(a.resolve().unlinked == 1);
    CHECK(a.persons().at("a2") == "XUboesky slot= data=");
    // Deleting it restores the link; deleting the full name's own article undoes it.
    a.remove("b1");
    a.resolve();
    CHECK(a.persons() == p);
    a.remove("a1");
    a.resolve();
    CHECK(a.persons().at("a2") == "XUboesky slot= data=");
    CHECK(a.data("a2") == article("a2", {}, {"boesky"}).get_data());  // as if never linked
}

TEST_CASE("a link through a candidate is not a native use of the full name") {
    // a2's link gives it XPivan-boesky; that must not count as an article
    // naming Ivan Boesky, or the link would keep itself alive.
    Archive a(1);
    a.add("a1", {"ivan-boesky"}, {});
    a.add("a2", {}, {"boesky"});
    a.add("a3", {"boesky"}, {});  // a tagged bare surname too
    a.resolve();
    a.remove("a1");
    a.resolve();
    auto p = a.persons();
    CHECK(p.at("a2") == "XUboesky slot= data=");
    CHECK(p.at("a3").find("XPboesky ") == 0);  // the tagged one stays a surname
}

TEST_CASE("an article that names the full person itself is not linked through a candidate") {
    Archive a(1);
    a.add("a1", {"ivan-boesky"}, {});
    a.add("a2", {"ivan-boesky"}, {"boesky"});
    a.resolve();
    CHECK(a.persons().at("a2") == "XPivan-boesky XUboesky slot=ivan-boesky data=ivan-boesky/ivan-boesky/1 ");
}

TEST_CASE("candidates give the same archive whatever the order, runs or shards") {
    struct Doc {
        std::string id;
        std::vector<std::string> persons, candidates;
    };
    const std::vector<Doc> docs = {{"a1", {"ivan-boesky"}, {}},     {"a2", {}, {"boesky", "icahn"}},
                                   {"a3", {"boesky"}, {}},          {"a4", {"carl-icahn"}, {"wright"}},
                                   {"a5", {"jim-wright"}, {}},      {"a6", {"james-wright"}, {"boesky"}},
                                   {"a7", {}, {"wright", "lawson"}}};
    auto build = [&](unsigned shards, const std::vector<std::size_t>& order, bool pass_after_each) {
        Archive a(shards);
        for (std::size_t i : order) {
            a.add(docs[i].id, docs[i].persons, docs[i].candidates);
            if (pass_after_each) a.resolve();  // one run per article
        }
        a.resolve();
        return a.persons();
    };
    const auto expected = build(1, {0, 1, 2, 3, 4, 5, 6}, false);
    CHECK(expected.at("a2").find("XPcarl-icahn XPivan-boesky ") == 0);
    CHECK(expected.at("a7") == "XUlawson XUwright slot= data=");  // Jim and James Wright: ambiguous
    CHECK(build(3, {6, 5, 4, 3, 2, 1, 0}, false) == expected);
    CHECK(build(2, {1, 6, 3, 0, 5, 2, 4}, true) == expected);
    CHECK(build(1, {6, 1, 0, 4, 3, 5, 2}, true) == expected);
}
