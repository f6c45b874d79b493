// StemCache: the analyzer's open-addressed cache of stems.
#include <doctest/doctest.h>

#include "common/text/stem_cache.h"

#include <string>

using newsdex::StemCache;

TEST_CASE("stem cache: what is inserted is found, what is not is absent") {
    StemCache cache;
    CHECK(cache.find("running") == nullptr);
    CHECK(cache.insert("running", "run") == "run");
    REQUIRE(cache.find("running") != nullptr);
    CHECK(*cache.find("running") == "run");
    CHECK(cache.find("run") == nullptr);
    CHECK(cache.find("") == nullptr);
    cache.insert("", "");
    REQUIRE(cache.find("") != nullptr);
    CHECK(cache.find("")->empty());
    CHECK(cache.size() == 2);
}

TEST_CASE("stem cache: growing keeps every entry") {
    StemCache cache(1u << 20);
    for (int i = 0; i < 20000; ++i) cache.insert("w" + std::to_string(i), "s" + std::to_string(i));
    CHECK(cache.size() == 20000);
    for (int i = 0; i < 20000; ++i) {
        const std::string* s = cache.find("w" + std::to_string(i));
        REQUIRE(s != nullptr);
        CHECK(*s == "s" + std::to_string(i));
    }
    CHECK(cache.find("w20000") == nullptr);
}

TEST_CASE("stem cache: one entry over the limit empties it first") {
    StemCache cache(3);
    cache.insert("a", "A");
    cache.insert("b", "B");
    cache.insert("c", "C");
    CHECK(cache.size() == 3);
    CHECK(cache.insert("d", "D") == "D");
    CHECK(cache.size() == 1);
    CHECK(cache.find("a") == nullptr);
    REQUIRE(cache.find("d") != nullptr);
    CHECK(*cache.find("d") == "D");
}
