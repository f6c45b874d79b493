// The schema's filter-field table drives both sides: every row is written
// by the document builder and parsed by the query parser, so a field cannot
// exist on one side only (issue 10).
#include "indexer/document_builder.h"
#include "query_parser.h"

#include "common/schema/schema.h"

#include <doctest/doctest.h>

#include <set>

using namespace newsdex;

namespace {

/// An article that gives a value for every field source.
Article article_with_every_field() {
    Article a;
    a.id = "every-field-1";
    a.title = "Acme Motors names a new chief";
    a.body = "Acme Motors said on Monday that Jane Roe will lead it.";
    a.source = "Daily Wire";
    a.authors = {"John Doe"};
    a.language = "en";
    a.companies = {"Acme Motors"};
    a.persons = {"Jane Roe"};
    a.organizations = {"World Trade Body"};
    a.tags["topics"] = {"autos"};
    a.tags["places"] = {"usa"};
    return a;
}

/// The value a query types for the field, spelled as its term would be.
std::string typed_value(schema::FieldSource source) {
    using S = schema::FieldSource;
    switch (source) {
        case S::Company: return "acme-motors";
        case S::Person: return "jane-roe";
        case S::Organization: return "world-trade-body";
        case S::Source: return "daily-wire";
        case S::Author: return "john-doe";
        case S::Language: return "en";
        case S::Topic: return "autos";
        case S::Place: return "usa";
        case S::Id: return "every-field-1";
    }
    return "";
}

}  // namespace

TEST_CASE("every filter field is written by the document builder and parsed by the query parser") {
    DocumentBuilder builder(nullptr, "en");
    BuiltDocument built = builder.build(article_with_every_field());
    REQUIRE(built.problem.empty());
    std::set<std::string> terms;
    for (auto t = built.document.termlist_begin(); t != built.document.termlist_end(); ++t) terms.insert(*t);

    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.add_document(built.document);
    for (const auto& [key, value] : built.metadata) db.set_metadata(key, value);
    Analyzer analyzer;
    QueryParser parser(db, analyzer, {"en"});

    std::set<schema::FieldSource> sources;
    for (const auto& field : schema::filter_fields()) {
        CAPTURE(field.name);
        CHECK(sources.insert(field.source).second);  // one row per source
        CHECK(&schema::filter_field(field.source) == &field);
        const std::string term = std::string(field.prefix) + typed_value(field.source);
        // Indexer side: the article's value became this field's term.
        CHECK(terms.count(term) == 1);
        // Query side: "<name>:<value>" parses into a query on the same term,
        // and it finds the article.
        const std::string query = std::string(field.name) + ":" + typed_value(field.source);
        ParsedQuery parsed = parser.parse(query);
        CHECK(parsed.query.get_description().find(term) != std::string::npos);
        Xapian::Enquire enquire(db);
        enquire.set_query(parsed.query);
        CHECK(enquire.get_mset(0, 10).size() == 1);
        // Names are stored for exactly the fields that say so.
        bool named = false;
        for (const auto& [key, value] : built.metadata)
            named |= key == schema::name_key(field.prefix, typed_value(field.source));
        CHECK(named == field.stores_name);
    }
}

TEST_CASE("entity display names and aliases are stored under the entity's prefix") {
    DocumentBuilder builder(nullptr, "en");
    BuiltDocument built = builder.build(article_with_every_field());
    std::map<std::string, std::string> metadata(built.metadata.begin(), built.metadata.end());
    CHECK(metadata[schema::name_key(schema::kPrefixCompany, "acme-motors")] == "Acme Motors");
    CHECK(metadata[schema::name_key(schema::kPrefixPerson, "jane-roe")] == "Jane Roe");
    CHECK(metadata[schema::name_key(schema::kPrefixSource, "daily-wire")] == "Daily Wire");
    CHECK(metadata.count(schema::name_key(schema::kPrefixTopic, "autos")) == 0);
}
