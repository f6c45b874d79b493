// Stable ids: a record without an id gets one from its content, never from the
// path, line or stream it was read from.
#include "common/ingest/reader_common.h"
#include "common/ingest/readers.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace newsdex;

namespace {

std::vector<Article> read_all(std::string_view data, const std::string& name) {
    std::vector<Article> out;
    ReaderSink s;
    s.article = [&](Article&& a) { out.push_back(std::move(a)); };
    s.bad = [](const BadRecord& b) { FAIL_CHECK(b.where << ": " << b.reason); };
    read_buffer(data, name, ReaderOptions{}, s);
    return out;
}

std::vector<std::string> ids_of(const std::vector<Article>& articles) {
    std::vector<std::string> ids;
    for (const auto& a : articles) ids.push_back(a.id);
    return ids;
}

std::vector<Article> read_tree(const std::string& path) {
    std::vector<Article> out;
    ReaderSink s;
    s.article = [&](Article&& a) { out.push_back(std::move(a)); };
    s.bad = [](const BadRecord& b) { FAIL_CHECK(b.where << ": " << b.reason); };
    read_path(path, ReaderOptions{}, s);
    return out;
}

Article article(std::string source, std::string date, std::string title, std::string body) {
    Article a;
    a.source = std::move(source);
    if (!date.empty()) a.date = parse_iso_date(date);
    a.title = std::move(title);
    a.body = std::move(body);
    return a;
}

bool is_digest_id(const std::string& id) {
    if (id.size() != 7 + 32 || id.rfind("sha256:", 0) != 0) return false;
    return id.find_first_not_of("0123456789abcdef", 7) == std::string::npos;
}

}  // namespace

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
    CHECK(detail::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(detail::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // 56 bytes: the length no longer fits in the first block's padding.
    CHECK(detail::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(detail::sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("derived id: the canonical URL when there is one") {
    Article a = article("Src", "2020-01-02", "T", "b");
    a.url = "  HTTPS://Example.COM/News/Story?id=7#comments ";
    CHECK(derived_id(a) == "https://example.com/News/Story?id=7");
    a.url = "http://Example.com";
    CHECK(derived_id(a) == "http://example.com/");
    // Not an absolute http(s) URL: says nothing about which article this is.
    for (const char* not_url :
         {"n/a", "ftp://example.com/x", "https://", "https:///path", "https://a b/c", "example.com/story"}) {
        a.url = not_url;
        CHECK_MESSAGE(is_digest_id(derived_id(a)), not_url);
        Article no_url = a;
        no_url.url.clear();
        CHECK(derived_id(a) == derived_id(no_url));
    }
}

TEST_CASE("derived id: digest of source, date and title; body only when title or date is missing") {
    Article base = article("Wire", "2020-03-04T05:06:07+01:00", "Rates rise", "The bank raised rates.");
    std::string id = derived_id(base);
    CHECK(is_digest_id(id));
    CHECK(derived_id(base) == id);  // deterministic

    // Each of source, date and title tells articles apart.
    CHECK(derived_id(article("Other", "2020-03-04T05:06:07+01:00", "Rates rise", "x")) != id);
    CHECK(derived_id(article("Wire", "2020-03-05T05:06:07+01:00", "Rates rise", "x")) != id);
    CHECK(derived_id(article("Wire", "2020-03-04T05:06:08+01:00", "Rates rise", "x")) != id);
    CHECK(derived_id(article("Wire", "2020-03-04T05:06:07+01:00", "Rates fall", "x")) != id);
    // With title and date, a corrected body is the same story: same id.
    CHECK(derived_id(article("Wire", "2020-03-04T05:06:07+01:00", "Rates rise", "Corrected text.")) == id);
    // The same instant written another way is the same date.
    CHECK(derived_id(article("Wire", "20200304T050607+0100", "Rates rise", "")) == id);

    // No date: the body joins the digest, so two undated "Market update" items differ.
    CHECK(derived_id(article("Wire", "", "Market update", "Stocks rose.")) !=
          derived_id(article("Wire", "", "Market update", "Stocks fell.")));
    // No title: likewise.
    CHECK(derived_id(article("Wire", "2020-01-01", "", "Stocks rose.")) !=
          derived_id(article("Wire", "2020-01-01", "", "Stocks fell.")));
    // Field boundaries matter: moving text from one field to the next changes the id.
    CHECK(derived_id(article("AB", "", "C", "")) != derived_id(article("A", "", "BC", "")));
}

TEST_CASE("derived id does not depend on the stream, file name or line") {
    std::string one = R"({"title":"One","date":"2021-01-01","source":"Feed"})"
                      "\n";
    std::string two = R"({"title":"Two","date":"2021-01-02","source":"Feed"})"
                      "\n";
    auto a = read_all(one + two, "<stdin>");
    auto b = read_all("\n\n" + two + one, "archive/2021/feed.jsonl");
    REQUIRE(a.size() == 2);
    REQUIRE(b.size() == 2);
    CHECK(a[0].id == b[1].id);
    CHECK(a[1].id == b[0].id);
    CHECK(a[0].id != a[1].id);
    // A different feed piped in the same way: different records, different ids.
    auto c = read_all(R"({"title":"Three","date":"2021-01-03","source":"Feed"})"
                      "\n",
                      "<stdin>");
    REQUIRE(c.size() == 1);
    CHECK(c[0].id != a[0].id);
    CHECK(c[0].id != a[1].id);

    // Text and HTML files: same content under another name, same id.
    std::string text = "Title: Quiet day\nDate: 2019-05-06\nSource: Gazette\n\nNothing happened.";
    CHECK(ids_of(read_all(text, "/srv/a/quiet.txt")) == ids_of(read_all(text, "/mnt/copy/renamed.txt")));
    std::string page = "<html><head><title>Page</title></head><body><p>Body text.</p></body></html>";
    auto p1 = read_all(page, "/srv/a/p.html");
    auto p2 = read_all(page, "/mnt/b/q.html");
    REQUIRE(p1.size() == 1);
    CHECK(is_digest_id(p1[0].id));
    CHECK(ids_of(p1) == ids_of(p2));
    // A given id always wins over a derived one.
    CHECK(ids_of(read_all(R"({"id":"given","title":"x","url":"https://e.example/x"})", "f.jsonl")) ==
          std::vector<std::string>{"given"});
}

TEST_CASE("a moved copy of a folder gives the same ids") {
    fs::path root = fs::temp_directory_path() / ("newsdex-ids-" + std::to_string(::getpid()));
    fs::remove_all(root);
    auto write = [&](const std::string& rel, const std::string& content) {
        fs::create_directories((root / "a" / rel).parent_path());
        std::ofstream(root / "a" / rel, std::ios::binary) << content;
    };
    write("feed.jsonl", R"({"title":"J1","date":"2020-01-01"})"
                        "\n"
                        R"({"title":"J2","body":"b"})"
                        "\n");
    write("sub/story.txt", "Title: T\nSource: S\n\nbody");
    write("sub/page.html", "<html><head><title>H</title></head><body><p>h</p></body></html>");
    write("sub/linked.html",
          "<html><head><link rel=canonical href=\"https://x.example/linked\"></head><body><p>l</p></body></html>");
    auto before = read_tree((root / "a").string());
    fs::rename(root / "a", root / "moved");
    auto after = read_tree((root / "moved").string());
    fs::remove_all(root);
    REQUIRE(before.size() == 5);
    CHECK(ids_of(before) == ids_of(after));
    std::set<std::string> distinct;
    for (const auto& a : before) distinct.insert(a.id);
    CHECK(distinct.size() == 5);
    CHECK(distinct.count("https://x.example/linked") == 1);
}
