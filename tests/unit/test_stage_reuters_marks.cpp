// Entity pipeline, Reuters marks (stage_reuters_marks.cpp): <Name> marks are
// company mentions, <TICKER> marks alias the company before them or name one.
#include <doctest/doctest.h>

#include "entity_stage_support.h"

using namespace newsdex;
using namespace newsdex::test;

TEST_CASE("hide_reuters_marks: names and tickers") {
    entities::DocState st;
    st.text = st.work = "<Woodco Inc> and Diamond Shamrock Corp <DIA> agreed; <-> and <> are not marks.";
    entities::hide_reuters_marks(st);
    REQUIRE(st.marks.size() == 2);
    CHECK(!st.marks[0].ticker);
    CHECK(st.text.substr(st.marks[0].b, st.marks[0].e - st.marks[0].b) == "Woodco Inc");
    CHECK(st.marks[1].ticker);
    CHECK(st.work.find("DIA") == std::string::npos);         // tickers hidden from the tagger
    CHECK(st.work.find("Woodco Inc") != std::string::npos);  // names are tagged, brackets blanked
}

TEST_CASE("add_mark_mentions: ticker after a name is its alias; title words name the company") {
    entities::DocState st;
    run_until(st,
              entity_article("DIAMOND SHAMROCK <DIA> SETS PAYOUT",
                             "<Woodco Inc> said it bought Maple Lumber Corp <MPL> for cash."),
              Stage::Marks);
    const entities::Mention* title = nullptr;
    const entities::Mention* woodco = nullptr;
    for (auto& m : st.mentions) {
        if (m.forced_name == "Diamond Shamrock") title = &m;
        if (m.company_mark && entities::join(m.words, 0, m.words.size()) == "Woodco Inc") woodco = &m;
    }
    CHECK(title);
    CHECK(woodco);
    bool mpl_alias = false;
    for (auto& [mi, ticker] : st.ticker_alias)
        if (ticker == "MPL")
            mpl_alias = entities::join(st.mentions[mi].words, 0, st.mentions[mi].words.size()) == "Maple Lumber Corp";
    CHECK(mpl_alias);
    // mentions stay in text order
    for (std::size_t k = 1; k < st.mentions.size(); ++k) CHECK(st.mentions[k - 1].b <= st.mentions[k].b);
}

TEST_CASE("add_mark_mentions: a lone ticker names a company only when the text or the date allows") {
    entities::DocState st;
    run_until(st, entity_article("", "Shares of <QQZX> rose."), Stage::Marks);
    CHECK(st.mentions.empty());  // not in the ticker table
    entities::DocState old;
    run_until(old, entity_article("", "Shares of <IBM> rose."), Stage::Marks);
    CHECK(old.mentions.empty());  // undated: today's table is not trusted
    Article recent = entity_article("", "Shares of <IBM> rose.");
    recent.date = parse_iso_date("2024-03-01");
    entities::DocState now;
    run_until(now, recent, Stage::Marks);
    REQUIRE(now.mentions.size() == 1);
    CHECK(!now.mentions[0].forced_name.empty());
}
