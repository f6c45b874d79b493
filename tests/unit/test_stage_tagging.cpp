// Entity pipeline, stages read_document and repair_tags (stage_tagging.cpp),
// and the tokeniser and word lists they use.
#include <doctest/doctest.h>

#include "entity_stage_support.h"
#include "newsdex/error.h"
#include "test_support.h"

using namespace newsdex;
using namespace newsdex::test;

TEST_CASE("read_document: tokens, headline sentences, hidden tickers") {
    entities::DocState st;
    run_until(st, entity_article("ACME <ACM> SETS DIVIDEND", "Acme Corp said John Smith will retire."), Stage::Read);
    REQUIRE(st.doc.size() == 2);
    CHECK(st.caps_sentence[0]);
    CHECK(!st.caps_sentence[1]);
    // the ticker is blanked for the tagger, the text keeps it
    CHECK(st.work.find("ACM>") == std::string::npos);
    CHECK(st.text.find("<ACM>") != std::string::npos);
    CHECK(st.doc[1][0] == "Acme");
    CHECK(st.used_in_lower_case("retire"));
    CHECK(!st.used_in_lower_case("Smith"));
    // ALL-CAPS sentences are not tagged
    for (int tag : st.tags[0]) CHECK(tag == ner::kO);
    CHECK(contains(tagged_runs(st, 0), "John Smith"));
}

TEST_CASE("tokenise: abbreviations keep their period, sentences split") {
    const auto& d = entity_data();
    std::string text = "Mr. Wm. Wrigley of Acme Inc. Buffett said it rose. Prices fell.";
    auto tk = entities::tokenise(text, d.words);
    std::vector<std::string> toks;
    for (auto& t : tk.tokens) toks.push_back(text.substr(t.b, t.e - t.b));
    CHECK(contains(toks, "Mr."));
    CHECK(contains(toks, "Wm."));
    CHECK(contains(toks, "Inc."));
    CHECK(tk.sentences.size() == 3);  // "Inc." before a capitalised word ends a sentence
}

TEST_CASE("repair_tags: 'and Co' names, alias-table phrases, one-word table companies") {
    entities::DocState st;
    run_until(st,
              entity_article("",
                             "The shares were placed by Samuel Montagu and Co Ltd and by Kidder, Peabody and Co "
                             "Inc. Retailers, including Walmart, cut prices. Analysts at Smith Barney, Harris "
                             "Upham and Co said so."),
              Stage::RepairTags);
    auto orgs = tagged_runs(st, 1);
    INFO(orgs.size());
    CHECK(contains(orgs, "Samuel Montagu and Co Ltd"));
    CHECK(contains(orgs, "Kidder , Peabody and Co Inc."));
    CHECK(contains(orgs, "Walmart"));
    CHECK(!contains(tagged_runs(st, 0), "Harris Upham"));
}

TEST_CASE("word lists: comments skipped, missing file named") {
    TempDir dir;
    auto path = dir.file("list.txt", "# what this is for\n\n  alpha  \nbeta gamma\n#x\n");
    auto words = entities::read_word_list(path);
    REQUIRE(words.size() == 2);
    CHECK(words[0] == "alpha");
    CHECK(words[1] == "beta gamma");
    try {
        entities::read_word_list(dir.sub("missing.txt"));
        FAIL("expected SystemError");
    } catch (const SystemError& e) {
        CHECK(std::string(e.what()).find("missing.txt") != std::string::npos);
    }
    const auto& w = entity_data().words;
    CHECK(w.legal_suffixes.count("Inc"));
    CHECK(w.legal_suffixes.count("GMBH"));
    CHECK(!w.legal_suffixes.count("Motors"));
    CHECK(w.alias_intros.front() == std::vector<std::string>{"also", "known", "as"});
}
