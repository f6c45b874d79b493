// libFuzzer harness: the query parser (searcher/src/query_parser.h) on
// arbitrary text, against an in-memory database built once from the JSONL
// files of sample_corpus/ with the indexer's own DocumentBuilder, so that
// aliases, entity names, dates and wildcard expansion all have data to work
// on.  Nothing is written to disk.
#include "common/ingest/readers.h"
#include "indexer/document_builder.h"
#include "newsdex/error.h"
#include "query_parser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace {

struct Fixture {
    Xapian::WritableDatabase db = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    newsdex::Analyzer analyzer;
    std::vector<std::string> languages;
};

Fixture* fixture = nullptr;

void build_fixture() {
    fixture = new Fixture;  // lives for the whole process, like libFuzzer's own state
    newsdex::DocumentBuilder builder(nullptr, "en");
    std::set<std::string> languages;
    std::size_t bad = 0;
    newsdex::ReaderSink sink;
    sink.article = [&](newsdex::Article&& article) {
        newsdex::BuiltDocument built = builder.build(article);
        fixture->db.replace_document(built.id_term, built.document);
        for (const auto& [key, value] : built.metadata) fixture->db.set_metadata(key, value);
        languages.insert(built.language);
    };
    sink.bad = [&](const newsdex::BadRecord&) { ++bad; };
    newsdex::read_path(NEWSDEX_SOURCE_DIR "/sample_corpus/jsonl", newsdex::ReaderOptions(), sink);
    if (fixture->db.get_doccount() == 0 || bad) {
        std::fprintf(stderr, "query fuzzer: cannot build its database from %s (%zu bad records)\n",
                     NEWSDEX_SOURCE_DIR "/sample_corpus/jsonl", bad);
        std::exit(1);
    }
    fixture->db.commit();
    fixture->languages.assign(languages.begin(), languages.end());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    build_fixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    newsdex::QueryParser parser(fixture->db, fixture->analyzer, fixture->languages);
    // A bad query is the user's mistake and must say so with UserError; any
    // other exception escapes and libFuzzer reports it as a crash.
    try {
        newsdex::ParsedQuery parsed = parser.parse(text, "query");
        for (const newsdex::QueryWord& w : parsed.words)
            if (w.start > w.end || w.end > size) std::abort();  // highlighting would read out of range
    } catch (const newsdex::UserError&) {}
    return 0;
}
