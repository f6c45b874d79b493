// Entity extraction: slugs, honorifics, short mentions, aliases, company
// classification, Reuters marks and tickers, metadata merge, CoNLL output.
#include <doctest/doctest.h>

#include "common/entities/entities.h"
#include "common/entities/entities_io.h"
#include "newsdex/error.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace newsdex;

namespace {

const EntityExtractor& extractor() {
    static EntityExtractor ex(std::string(NEWSDEX_SOURCE_DIR) + "/common/data");
    return ex;
}

Article make(const std::string& title, const std::string& body) {
    Article a;
    a.id = "t";
    a.title = title;
    a.body = body;
    return a;
}

const Entity* find(const std::vector<Entity>& es, const std::string& id) {
    for (auto& e : es)
        if (e.id == id) return &e;
    return nullptr;
}

bool has_alias(const Entity& e, const std::string& name) {
    return std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end();
}

std::string dump(const std::vector<Entity>& es) {
    std::string s;
    for (auto& e : es) s += std::string(entity_type_name(e.type)) + ":" + e.id + "(" + e.name + ") ";
    return s;
}

}  // namespace

TEST_CASE("entity_slug") {
    CHECK(entity_slug("Berkshire Hathaway") == "berkshire-hathaway");
    CHECK(entity_slug("Zürich Versicherung") == "zurich-versicherung");
    CHECK(entity_slug("  Ma Yun ") == "ma-yun");
    CHECK(entity_slug("AT&T") == "att");
    CHECK(entity_slug("I.B.M.") == "ibm");
    CHECK(entity_slug("McDonald's") == "mcdonalds");
    CHECK(entity_slug("james-baker") == "james-baker");
    CHECK(entity_slug("Société Générale") == "societe-generale");
    CHECK(entity_slug("阿里巴巴") == "阿里巴巴");
    CHECK(entity_slug("").empty());
    CHECK(std::string(entity_type_name(EntityType::Company)) == "company");
}

TEST_CASE("honorifics are not part of the name; short mentions resolve") {
    auto es =
        extractor().extract(make("Talks in Beijing",
                                 "President Xi Jinping met Uber chief executive Travis Kalanick in Beijing on Monday. "
                                 "Xi told Kalanick that China welcomed foreign investment. Mr. Kalanick said the talks "
                                 "were useful.\n Reuter\n"));
    INFO(dump(es));
    const Entity* xi = find(es, "xi-jinping");
    REQUIRE(xi);
    CHECK(xi->name == "Xi Jinping");
    CHECK(xi->type == EntityType::Person);
    CHECK(xi->mentions == 2);
    const Entity* tk = find(es, "travis-kalanick");
    REQUIRE(tk);
    CHECK(tk->mentions == 3);
    CHECK(has_alias(*tk, "Kalanick"));
    CHECK(!find(es, "reuter"));
    CHECK(!find(es, "monday"));
    for (auto& e : es) {
        CHECK(e.name.find("President") == std::string::npos);
        CHECK(e.name.find("Mr") == std::string::npos);
    }
    // offsets point into title + "\n\n" + body
    std::string text = std::string("Talks in Beijing") + "\n\n";
    CHECK(xi->offsets[0].first == text.size() + std::string("President ").size());
}

TEST_CASE("company short mentions and legal suffixes") {
    auto es =
        extractor().extract(make("",
                                 "Apple Inc. reported higher profits on Tuesday. Apple shares rose 3 percent, and "
                                 "analysts said Apple's stock could climb further."));
    INFO(dump(es));
    const Entity* apple = find(es, "apple");
    REQUIRE(apple);
    CHECK(apple->name == "Apple");
    CHECK(apple->type == EntityType::Company);
    CHECK(apple->mentions == 3);
    CHECK(has_alias(*apple, "Apple Inc."));
}

TEST_CASE("acronyms in parentheses") {
    auto es = extractor().extract(
        make("",
             "International Business Machines Corp (IBM) said it would cut prices. IBM said the cuts "
             "would take effect next month."));
    INFO(dump(es));
    const Entity* ibm = find(es, "ibm");
    REQUIRE(ibm);
    CHECK(ibm->type == EntityType::Company);
    CHECK(ibm->name == "IBM");
    CHECK(ibm->mentions == 3);
}

TEST_CASE("aliases: in text, shipped table, canonical ids") {
    auto es =
        extractor().extract(make("",
                                 "Ma Yun (also known as Jack Ma) founded the company. Baidu was founded by Li Yanhong "
                                 "(Robin Li), a search engineer. Ma said he would retire."));
    INFO(dump(es));
    const Entity* ma = find(es, "ma-yun");
    REQUIRE(ma);
    CHECK(ma->type == EntityType::Person);
    CHECK(has_alias(*ma, "Jack Ma"));
    const Entity* li = find(es, "li-yanhong");
    REQUIRE(li);
    CHECK(has_alias(*li, "Robin Li"));
    CHECK(!find(es, "jack-ma"));
    CHECK(!find(es, "robin-li"));

    CHECK(extractor().canonical_id("Jack Ma", EntityType::Person) == "ma-yun");
    CHECK(extractor().canonical_id("International Business Machines", EntityType::Company) == "ibm");
    CHECK(extractor().canonical_id("I.B.M.", EntityType::Company) == "ibm");
    CHECK(extractor().canonical_id("Apple Inc.", EntityType::Company) == "apple");
    CHECK(extractor().canonical_id("Alphabet", EntityType::Company) !=
          extractor().canonical_id("Google", EntityType::Company));
    CHECK(extractor().canonical_id("worldbank", EntityType::Organization) == "world-bank");
    CHECK(extractor().canonical_id("Someone Unknown", EntityType::Person) == "someone-unknown");
    auto pairs = extractor().aliases(EntityType::Person);
    CHECK(std::find(pairs.begin(), pairs.end(), std::make_pair(std::string("jack-ma"), std::string("ma-yun"))) !=
          pairs.end());
}

TEST_CASE("user alias table") {
    std::string good = "/tmp/newsdex_test_aliases_good.txt", bad = "/tmp/newsdex_test_aliases_bad.txt";
    {
        std::ofstream(good) << "# test\ncompany: Woodco = Wood Company of America\nperson: Foo Bar = Fubar\n";
        std::ofstream(bad) << "person: A = B\nthis line is wrong\n";
    }
    EntityExtractor ex(std::string(NEWSDEX_SOURCE_DIR) + "/common/data", good);
    CHECK(ex.canonical_id("Wood Company of America", EntityType::Company) == "woodco");
    CHECK(ex.canonical_id("Fubar", EntityType::Person) == "foo-bar");
    try {
        EntityExtractor bad_ex(std::string(NEWSDEX_SOURCE_DIR) + "/common/data", bad);
        FAIL("expected UserError");
    } catch (const UserError& e) {
        CHECK(std::string(e.what()).find(bad + ":2") != std::string::npos);
    }
    CHECK_THROWS_AS(EntityExtractor(std::string(NEWSDEX_SOURCE_DIR) + "/common/data", "/nonexistent/aliases.txt"),
                    UserError);
    CHECK_THROWS_AS(EntityExtractor("/nonexistent/data"), SystemError);
    std::remove(good.c_str());
    std::remove(bad.c_str());
}

TEST_CASE("company or other organisation") {
    auto es = extractor().extract(
        make("",
             "The Ministry of Finance and the Bank of Japan said on Friday that Exxon Corp and "
             "OPEC would meet. Shares of Texaco Inc fell. The European Commission was not involved, "
             "and neither was Harvard University."));
    INFO(dump(es));
    auto type_of = [&](const std::string& id) {
        const Entity* e = find(es, id);
        REQUIRE_MESSAGE(e, id);
        return e->type;
    };
    CHECK(type_of("ministry-of-finance") == EntityType::Organization);
    CHECK(type_of("bank-of-japan") == EntityType::Organization);
    CHECK(type_of("exxon") == EntityType::Company);
    CHECK(type_of("opec") == EntityType::Organization);
    CHECK(type_of("texaco") == EntityType::Company);
    CHECK(type_of("european-commission") == EntityType::Organization);
    CHECK(type_of("harvard-university") == EntityType::Organization);
}

TEST_CASE("Reuters marks and tickers") {
    Article a = make("DIAMOND SHAMROCK <DIA> SETS QUARTERLY DIVIDEND",
                     "    Diamond Shamrock Corp <DIA> said it set a quarterly dividend of 15 cts a share.\n"
                     "    It also said it sold its unit to <Woodco Inc> for 10 mln dlrs and that\n"
                     "<BAC> would advise it, BankAmerica said.\n Reuter\n");
    auto es = extractor().extract(a);
    INFO(dump(es));
    const Entity* ds = find(es, "diamond-shamrock");
    REQUIRE(ds);
    CHECK(ds->name == "Diamond Shamrock");
    CHECK(ds->type == EntityType::Company);
    CHECK(ds->mentions == 2);  // title + body
    CHECK(has_alias(*ds, "DIA"));
    const Entity* wood = find(es, "woodco");
    REQUIRE(wood);
    CHECK(wood->type == EntityType::Company);
    // the ticker table's "Bank of America" is the alias table's BankAmerica (1987 name), named in the text
    const Entity* bac = find(es, "bankamerica");
    REQUIRE(bac);
    CHECK(has_alias(*bac, "BAC"));
    CHECK(!find(es, "reuter"));
    for (auto& e : es) CHECK(e.name != "SETS");
}

TEST_CASE("metadata entities merge under canonical ids") {
    Article a = make("BAKER SAYS DOLLAR STABLE",
                     "Treasury Secretary James Baker said the dollar was stable. Baker added that OPEC "
                     "and the IMF agreed.\n Reuter\n");
    a.tags["people"] = {"james-baker"};
    a.tags["orgs"] = {"opec", "imf", "worldbank"};
    a.companies = {"Apple Inc."};
    auto es = extractor().extract(a);
    INFO(dump(es));
    const Entity* baker = find(es, "james-baker");
    REQUIRE(baker);
    CHECK(baker->name == "James Baker");
    CHECK(baker->mentions >= 2);
    int bakers = 0;
    for (auto& e : es) bakers += e.id.find("baker") != std::string::npos;
    CHECK(bakers == 1);
    const Entity* opec = find(es, "opec");
    REQUIRE(opec);
    CHECK(opec->type == EntityType::Organization);
    CHECK(opec->mentions == 1);
    const Entity* wb = find(es, "world-bank");
    REQUIRE(wb);
    CHECK(wb->name == "World Bank");
    CHECK(wb->mentions == 0);
    const Entity* apple = find(es, "apple");
    REQUIRE(apple);
    CHECK(apple->type == EntityType::Company);
    // sorted by type then mentions
    for (std::size_t i = 1; i < es.size(); ++i) CHECK(int(es[i - 1].type) <= int(es[i].type));
}

TEST_CASE("token tagging and CoNLL output") {
    auto m = extractor().tag_tokens({"Peter", "Blackburn", "of", "Reuters", "met", "Bill", "Gates", "."});
    REQUIRE(m.size() >= 2);
    CHECK(m[0].type == "PER");
    CHECK(m[0].start == 0);
    CHECK(m[0].end == 2);
    std::istringstream in(
        "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n"
        "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n"
        "-DOCSTART- -X- -X- O\n\nJohn NNP B-NP B-PER\nSmith NNP I-NP I-PER\nsaid VBD B-VP O\n");
    std::ostringstream out;
    tag_conll(extractor(), in, out);
    std::string s = out.str();
    CHECK(s.find("{\"doc\":0,\"end\":4,\"start\":2,\"text\":\"Peter Blackburn\",\"type\":\"PER\"}") !=
          std::string::npos);
    CHECK(s.find("{\"doc\":1,\"end\":2,\"start\":0,\"text\":\"John Smith\",\"type\":\"PER\"}") != std::string::npos);
}

TEST_CASE("entity output formats") {
    Article a = make("", "Warren Buffett runs Berkshire Hathaway Inc.");
    auto es = extractor().extract(a);
    std::string j = entities_json(a, es);
    CHECK(j.find("\"article\":\"t\"") != std::string::npos);
    CHECK(j.find("\"id\":\"berkshire-hathaway\"") != std::string::npos);
    CHECK(j.find("\"type\":\"person\"") != std::string::npos);
    std::string t = entities_table(a, es);
    CHECK(t.find("Warren Buffett") != std::string::npos);
}

TEST_CASE("places, products and government bodies are not companies") {
    auto es =
        extractor().extract(make("",
                                 "Treasury Secretary James Baker will go to the Venice summit in June, and the "
                                 "controversial \"Star Wars\" program was discussed. U.S. Commerce Secretary Malcolm "
                                 "Baldrige met the House Ways and Means Committee. The CIA declined comment.\n\n"
                                 "Apple said its Siri assistant and the App Store would come to Denver. Fifteen "
                                 "Asia-Pacific nations signed RCEP."));
    INFO(dump(es));
    for (auto& e : es) {
        CHECK_MESSAGE(e.type != EntityType::Company, e.name);
        if (e.id == "apple") continue;
        CHECK(e.id != "venice");
        CHECK(e.id != "star-wars");
        CHECK(e.id != "siri");
        CHECK(e.id != "app-store");
        CHECK(e.id != "denver");
        CHECK(e.id != "rcep");
        CHECK(e.name.find("Asia-Pacific") == std::string::npos);
    }
    const Entity* wm = find(es, "house-ways-and-means-committee");
    REQUIRE(wm);
    CHECK(wm->type == EntityType::Organization);
    const Entity* cia = find(es, "central-intelligence-agency");
    REQUIRE(cia);
    CHECK(cia->type == EntityType::Organization);
}

TEST_CASE("company names with 'and Co' and commas") {
    auto es =
        extractor().extract(make("",
                                 "Lead managers are Samuel Montagu and Co Ltd and Kidder, Peabody and Co Inc, said "
                                 "Peter Fellner of James Capel and Co. Cable and Wireless Plc and Alex. Brown and Sons "
                                 "Inc also took part, as did Smith Barney, Harris Upham and Co."));
    INFO(dump(es));
    for (const char* id : {"samuel-montagu", "kidder-peabody", "james-capel", "cable-and-wireless",
                           "alex-brown-and-sons", "smith-barney"}) {
        const Entity* e = find(es, id);
        CHECK_MESSAGE(e, id);
        if (e) CHECK(e->type == EntityType::Company);
    }
    for (auto& e : es) {
        CHECK(e.id != "co");
        CHECK(e.id != "harris-upham");
        CHECK(e.id != "peabody");
        CHECK(e.id != "wireless");
    }
    const Entity* pf = find(es, "peter-fellner");
    CHECK(pf);
}

TEST_CASE("one-word alias-table companies the tagger misses; possessives; surnames") {
    auto es = extractor().extract(
        make("",
             "Berkshire sold holdings in retailers, including Walmart, last year. Energy Secretary "
             "John Herrington spoke. Later Herrington said prices would rise. Ma\xE2\x80\x99s company "
             "Alibaba grew."));
    INFO(dump(es));
    const Entity* wm = find(es, "walmart");
    REQUIRE(wm);
    CHECK(wm->type == EntityType::Company);
    const Entity* jh = find(es, "john-herrington");
    REQUIRE(jh);
    CHECK(jh->mentions == 2);
    CHECK(!find(es, "herrington"));
    CHECK(!find(es, "mas"));
    // A surname alone in another article maps through the alias table.
    auto es2 = extractor().extract(make("", "Energy Secretary Herrington said oil imports rose."));
    INFO(dump(es2));
    CHECK(find(es2, "john-herrington"));
}
