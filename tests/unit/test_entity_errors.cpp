// Error classes of entity extraction seen on modern news and on
// Reuters-21578 (issue 8), each on text written for this test.
#include <doctest/doctest.h>

#include "entity_stage_support.h"

#include <algorithm>

using namespace newsdex;
using namespace newsdex::test;

namespace {

std::vector<Entity> extract(const std::string& body, const std::string& title = "", const std::string& date = "",
                            const std::string& language = "") {
    Article a = entity_article(title, body);
    if (!date.empty()) a.date = parse_iso_date(date);
    a.language = language;
    return entities::run_pipeline(entity_data(), a);
}

const Entity* by_name(const std::vector<Entity>& es, const std::string& name) {
    for (auto& e : es)
        if (e.name == name) return &e;
    return nullptr;
}

std::string dump(const std::vector<Entity>& es) {
    std::string s;
    for (auto& e : es) s += std::string(entity_type_name(e.type)) + ":" + e.name + " ";
    return s;
}

bool no_person_named(const std::vector<Entity>& es, const std::string& part) {
    for (auto& e : es)
        if (e.type == EntityType::Person && e.name.find(part) != std::string::npos) return false;
    return true;
}

}  // namespace

TEST_CASE("typographic possessive: same entities as with an ASCII apostrophe") {
    const std::string ascii = "Veridian Labs's chief executive said sales rose. The company's shares fell.";
    const std::string curly =
        "Veridian Labs\xE2\x80\x99s chief executive said sales rose. The company\xE2\x80\x99s shares fell.";
    auto a = extract(ascii), c = extract(curly);
    INFO(dump(a) << " | " << dump(c));
    REQUIRE(by_name(a, "Veridian Labs"));
    REQUIRE(by_name(c, "Veridian Labs"));
    CHECK(by_name(c, "Veridian Labs")->type == EntityType::Company);
    CHECK(a.size() == c.size());
    // curly quotes around a name are punctuation, not part of it
    auto q = extract(
        "Analysts called \xE2\x80\x9CVeridian Labs\xE2\x80\x9D a bargain, Veridian Labs\xE2\x80\x99s "
        "chief executive said.");
    INFO(dump(q));
    CHECK(by_name(q, "Veridian Labs"));
}

TEST_CASE("a well-known company as the first word of a sentence") {
    auto es = extract("Nvidia reported record revenue on Wednesday. Analysts had expected slower growth.");
    INFO(dump(es));
    REQUIRE(by_name(es, "Nvidia"));
    CHECK(by_name(es, "Nvidia")->type == EntityType::Company);
    // a name the document tags elsewhere is tagged at a sentence start too
    auto es2 = extract("Shares of Corvell Robotics rose after the results. Corvell Robotics said orders grew.");
    INFO(dump(es2));
    REQUIRE(by_name(es2, "Corvell Robotics"));
    CHECK(by_name(es2, "Corvell Robotics")->mentions == 2);
    // but an ordinary word stays a word
    auto es3 = extract("Target prices rose. The target was met.");
    CHECK(!by_name(es3, "Target"));
}

TEST_CASE("'X and Y did not respond' is two companies") {
    // the tagger's run "Qualcomm and Corvell Robotics" is split when each part is a name alone
    entities::DocState st;
    run_until(st, entity_article("", "Qualcomm and Broadcom did not respond."), Stage::Read);
    auto& t = st.tags[0];
    REQUIRE(t.size() > 4);
    t[0] = ner::kBOrg;
    t[1] = ner::kIOrg;
    t[2] = ner::kIOrg;
    entities::repair_tags(entity_data(), st);
    CHECK(contains(tagged_runs(st, 1), "Qualcomm"));
    CHECK(contains(tagged_runs(st, 1), "Broadcom"));
    CHECK(!contains(tagged_runs(st, 1), "Qualcomm and Broadcom"));
    // a company whose name has "and" stays whole
    entities::DocState st2;
    run_until(st2, entity_article("", "Cable and Wireless did not respond."), Stage::Read);
    for (auto& tag : st2.tags[0]) tag = ner::kO;
    st2.tags[0][0] = ner::kBOrg;
    st2.tags[0][1] = ner::kIOrg;
    st2.tags[0][2] = ner::kIOrg;
    entities::repair_tags(entity_data(), st2);
    CHECK(contains(tagged_runs(st2, 1), "Cable and Wireless"));
}

TEST_CASE("an organisation 'A for the B of C' is kept whole") {
    auto es = extract(
        "The Institute for the Study of Coastal Economies published the report on Friday. "
        "The Committee for the Protection of Harbour Workers welcomed it.");
    INFO(dump(es));
    const Entity* inst = by_name(es, "Institute for the Study of Coastal Economies");
    REQUIRE(inst);
    CHECK(inst->type == EntityType::Organization);
    CHECK(by_name(es, "Committee for the Protection of Harbour Workers"));
    CHECK(!by_name(es, "Study of Coastal Economies"));
}

TEST_CASE("state bodies are organisations, not companies") {
    auto es = extract(
        "Routers sold by Corvell Robotics Inc must be approved by the Northern Network Certification "
        "Center, the Coastal Regulatory Authority, the Ministry of Digital Affairs, the National Data "
        "Council, Lakeland University, the Supreme Court and the Central Bank of Ruritania. Lakeshore "
        "Rovers FC and the Green Future Party objected.");
    INFO(dump(es));
    int orgs = 0;
    for (auto& e : es) {
        if (e.name.find("Corvell") != std::string::npos) {
            CHECK(e.type == EntityType::Company);
            continue;
        }
        CHECK(e.type != EntityType::Company);
        if (e.type == EntityType::Organization) ++orgs;
    }
    CHECK(by_name(es, "Northern Network Certification Center"));
    CHECK(orgs >= 5);
}

TEST_CASE("dates and numbers are not persons") {
    auto es = extract(
        "Talks resume on June Eight, officials said, and end on March Three. "
        "FOUR banks joined the loan, which Dana Whitfield arranged.");
    INFO(dump(es));
    CHECK(no_person_named(es, "June"));
    CHECK(no_person_named(es, "March"));
    CHECK(no_person_named(es, "Eight"));
    CHECK(!by_name(es, "FOUR"));
    CHECK(by_name(es, "Dana Whitfield"));
}

TEST_CASE("terms, places and vessels are not persons") {
    auto es = extract(
        "Oklahoma Intermediate crude rose 30 cents. Output from the Browse Basin fell, and the "
        "Public Sector Financing Requirement widened. The container ship Ever Bright ran aground near "
        "the Cape of Good Hope. Ann Cooper, chief economist at the bank, said prices would rise. "
        "A group led by Far Hills, N.J., investor Ruth Koller said it was pleased.");
    INFO(dump(es));
    CHECK(no_person_named(es, "Intermediate"));
    CHECK(no_person_named(es, "Basin"));
    CHECK(no_person_named(es, "Requirement"));
    CHECK(no_person_named(es, "Ever Bright"));
    CHECK(no_person_named(es, "Good Hope"));
    CHECK(no_person_named(es, "Far Hills"));
    CHECK(by_name(es, "Ann Cooper"));
    CHECK(by_name(es, "Ruth Koller"));
}

TEST_CASE("companies are not persons") {
    auto es = extract(
        "The loan was arranged by Societe Lyonnaise de Credit and Banque Ardennaise. Shares of "
        "Zanotti rose after Zanotti said its profit doubled, an analyst at Zanotti said.");
    INFO(dump(es));
    CHECK(no_person_named(es, "Societe"));
    CHECK(no_person_named(es, "Banque"));
    CHECK(no_person_named(es, "Zanotti"));
    const Entity* z = by_name(es, "Zanotti");
    REQUIRE(z);
    CHECK(z->type == EntityType::Company);
}

TEST_CASE("fragments are not companies") {
    auto es = extract(
        "Acme Corp said the U.S. Frustration with Europe grew. Discount retailers gained, "
        "Acme said.",
        "U.S. FRUSTRATION GROWS");
    INFO(dump(es));
    CHECK(!by_name(es, "U.S. Frustration"));
    CHECK(!by_name(es, "Discount"));
    CHECK(by_name(es, "Acme"));
    // "NEWS CORP <NWS>": a company named by an ordinary word keeps its suffix
    auto es2 = extract("Discount Corp said it sold its stake. Discount Corp shares rose.");
    INFO(dump(es2));
    CHECK(by_name(es2, "Discount Corp"));
}

TEST_CASE("products, tickers and laws are not companies") {
    auto es = extract(
        "Apple Inc said the Macintosh SE would sell well. The Federal Bankruptcy Code was amended, "
        "traders said, and shares of <ACME.O> rose.");
    INFO(dump(es));
    CHECK(!by_name(es, "Macintosh SE"));
    CHECK(!by_name(es, "Federal Bankruptcy Code"));
    CHECK(!by_name(es, "ACME.O"));
    CHECK(by_name(es, "Apple"));
}

TEST_CASE("text in another language: no common nouns as names") {
    const std::string german =
        "Die Bundesregierung will im kommenden Jahr rund drei Milliarden Euro investieren. Der Umsatz stieg, "
        "teilte der Vorstand am Dienstag mit. Beschäftigte und Gewerkschaften begrüßten den Plan, sagte "
        "Vorstandschef Klaus Berger. Auch Apple Inc und Microsoft wollen dort forschen.";
    auto es = extract(german);
    INFO(dump(es));
    for (auto& e : es) {
        CHECK(e.name != "Der Umsatz");
        CHECK(e.name != "Milliarden Euro");
        CHECK(e.name != "Jahr");
        CHECK(e.name != "Beschäftigte");
    }
    CHECK(no_person_named(es, "Vorstand"));
    // alias-table and gazetteer names are still found
    CHECK(by_name(es, "Apple"));
    CHECK(by_name(es, "Microsoft"));
    // the language field decides when it is set
    auto es2 = extract("Analyst Dana Whitfield said Nvidia would gain.", "", "", "de");
    INFO(dump(es2));
    CHECK(!by_name(es2, "Dana Whitfield"));  // the tagger did not run
    CHECK(by_name(es2, "Nvidia"));           // the gazetteer did
    CHECK(entities::is_english(entity_data(), entity_article("", "The company said it would sell the unit.")));
    CHECK(!entities::is_english(entity_data(), entity_article("", german)));
}

TEST_CASE("old tickers resolve only through a company named in the text") {
    // "Amtel Corp's <T>": the ticker belongs to the name before it, not to today's T
    auto es = extract("Amtel Corp's <T> chairman said the company would appeal.", "", "1987-03-02");
    INFO(dump(es));
    REQUIRE(by_name(es, "Amtel"));
    CHECK(es.size() == 1);
    // a lone ticker of today's table in an old article names nothing
    auto es2 = extract("Shares of <AAPL> rose 2 pct in active trading.", "", "1987-03-02");
    INFO(dump(es2));
    CHECK(es2.empty());
    // ... unless the text names the company the table gives
    auto es3 = extract("Shares of <AAPL> rose after Apple said sales grew.", "", "1987-03-02");
    INFO(dump(es3));
    REQUIRE(by_name(es3, "Apple"));
    CHECK(by_name(es3, "Apple")->mentions == 1);
    CHECK(std::count(by_name(es3, "Apple")->aliases.begin(), by_name(es3, "Apple")->aliases.end(), "AAPL") == 1);
    // a recent article may use today's table
    auto es4 = extract("Shares of <AAPL> rose 2 pct in active trading.", "", "2024-05-02");
    CHECK(!es4.empty());
}

TEST_CASE("display names use the usual casing") {
    auto es = extract("Halvard LYnch Securities led the issue. Halvard Lynch Securities said demand was strong.");
    INFO(dump(es));
    CHECK(by_name(es, "Halvard Lynch Securities"));
    auto es2 = extract("Merrill LYnch Capital Markets led the issue.");
    INFO(dump(es2));
    CHECK(by_name(es2, "Merrill Lynch Capital Markets"));
}

TEST_CASE("one entity within a document: surnames, acronyms") {
    auto es = extract("Corvell Motors Corp said sales rose. CMC said it would build more trucks.");
    INFO(dump(es));
    const Entity* cm = by_name(es, "Corvell Motors");
    REQUIRE(cm);
    CHECK(cm->mentions == 2);
    CHECK(!by_name(es, "CMC"));
    // a surname goes to the person, not to a company named after him
    auto es2 = extract(
        "Investor Peter Halvorsen said Halvorsen Corporation would buy the stake. "
        "Halvorsen said the price was fair.");
    INFO(dump(es2));
    const Entity* ph = by_name(es2, "Peter Halvorsen");
    REQUIRE(ph);
    CHECK(ph->mentions == 2);
    // a Reuters surname tag does not replace the full name found in the text
    Article a = entity_article("", "Finance Minister Michael Wilton said the budget was balanced.");
    a.tags["people"] = {"wilton"};
    auto es3 = entities::run_pipeline(entity_data(), a);
    INFO(dump(es3));
    CHECK(by_name(es3, "Michael Wilton"));
    CHECK(!by_name(es3, "Wilton"));
}
