// Input readers: every format, detection, directories, gzip and bad input.
#include "common/ingest/readers.h"
#include "common/text/utf8.h"
#include "newsdex/error.h"

#include <doctest/doctest.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace newsdex;

namespace {

struct Collected {
    std::vector<Article> articles;
    std::vector<BadRecord> bad;
    std::vector<std::uint64_t> progress;
    ReaderSink sink() {
        ReaderSink s;
        s.article = [this](Article&& a) { articles.push_back(std::move(a)); };
        s.bad = [this](const BadRecord& b) { bad.push_back(b); };
        s.progress = [this](std::uint64_t p) { progress.push_back(p); };
        return s;
    }
    std::string bad_text() const {
        std::string out;
        for (const auto& b : bad) out += b.where + ": " + b.reason + "\n";
        return out;
    }
};

Collected read_buf(std::string_view data, const std::string& name, InputFormat format = InputFormat::Auto) {
    Collected c;
    ReaderOptions o;
    o.format = format;
    ReaderSink s = c.sink();
    read_buffer(data, name, o, s);
    return c;
}

Collected read_p(const std::string& path, ReaderOptions o = {}) {
    Collected c;
    ReaderSink s = c.sink();
    read_path(path, o, s);
    return c;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("newsdex-readers-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    static int& counter() {
        static int n = 0;
        return n;
    }
    std::string write(const std::string& rel, std::string_view content) const {
        fs::path p = path / rel;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return p.string();
    }
    std::string write_gz(const std::string& rel, std::string_view content) const {
        fs::path p = path / rel;
        fs::create_directories(p.parent_path());
        gzFile f = gzopen(p.c_str(), "wb");
        gzwrite(f, content.data(), static_cast<unsigned>(content.size()));
        gzclose(f);
        return p.string();
    }
};

}  // namespace

// ---------------------------------------------------------------------------
// Format names
// ---------------------------------------------------------------------------

TEST_CASE("parse_input_format") {
    CHECK(parse_input_format("jsonl") == InputFormat::Jsonl);
    CHECK(parse_input_format("TEXT") == InputFormat::Text);
    CHECK(parse_input_format("html") == InputFormat::Html);
    CHECK(parse_input_format("reuters") == InputFormat::Reuters);
    CHECK(parse_input_format("auto") == InputFormat::Auto);
    try {
        parse_input_format("xml");
        FAIL("no exception");
    } catch (const UserError& e) {
        std::string msg = e.what();
        CHECK(msg.find("'xml'") != std::string::npos);
        for (const auto& n : input_format_names()) CHECK(msg.find(n.name) != std::string::npos);
    }
}

// ---------------------------------------------------------------------------
// JSON Lines
// ---------------------------------------------------------------------------

TEST_CASE("jsonl: good records") {
    std::string data =
        R"({"id":"a1","title":"Rates rise","body":"The bank raised rates.\nShare this article","date":"2015-09-22T14:05:00+02:00","source":"Example News","url":"https://example.com/a1","authors":["Jane Doe","John Roe"],"language":"en-GB","companies":["Acme Corp"],"persons":["Jane Yellen"],"organizations":["IMF"],"unknown":{"x":1}})"
        "\n\n"
        R"({"title":"Second","authors":"Solo Writer"})"
        "\r\n";
    auto c = read_buf(data, "feed.jsonl");
    CHECK(c.bad.empty());
    REQUIRE(c.articles.size() == 2);
    const Article& a = c.articles[0];
    CHECK(a.id == "a1");
    CHECK(a.title == "Rates rise");
    CHECK(a.body == "The bank raised rates.");  // boilerplate removed
    REQUIRE(a.date);
    CHECK(a.date->iso8601() == "2015-09-22T14:05:00+02:00");
    CHECK(a.source == "Example News");
    CHECK(a.url == "https://example.com/a1");
    CHECK(a.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
    CHECK(a.language == "en");
    CHECK(a.companies == std::vector<std::string>{"Acme Corp"});
    CHECK(a.persons == std::vector<std::string>{"Jane Yellen"});
    CHECK(a.organizations == std::vector<std::string>{"IMF"});
    CHECK(a.origin == "feed.jsonl:1");
    const Article& b = c.articles[1];
    CHECK(b.id == derived_id(b));  // no id, no URL: a digest of the article (test_reader_ids.cpp)
    CHECK(b.id.rfind("sha256:", 0) == 0);
    CHECK(b.authors == std::vector<std::string>{"Solo Writer"});
    CHECK_FALSE(b.date);
}

TEST_CASE("jsonl: bad lines are reported with file:line and skipped") {
    std::string data = std::string(R"({"title":"ok 1"})") + "\n" + R"({"title": "broken",})" + "\n" +
                       R"(["not", "an", "object"])" + "\n" + R"({"title": 42})" + "\n" + R"({"id":"x","source":"S"})" +
                       "\n" + "{\"title\":\"bad \xff byte\"}\n" + R"({"title":"t","date":"0001-13-45"})" + "\n" +
                       R"({"title":"t","authors":[1,2]})" + "\n" + R"({"title":"ok 2"})" + "\n";
    auto c = read_buf(data, "in.jsonl");
    REQUIRE(c.articles.size() == 2);
    CHECK(c.articles[1].title == "ok 2");
    REQUIRE(c.bad.size() == 7);
    CHECK(c.bad[0].where == "in.jsonl:2");
    CHECK(c.bad[0].reason.rfind("invalid JSON: ", 0) == 0);
    CHECK(c.bad[1].where == "in.jsonl:3");
    CHECK(c.bad[1].reason == "not a JSON object");
    CHECK(c.bad[2].where == "in.jsonl:4");
    CHECK(c.bad[2].reason == "field 'title' must be a string");
    CHECK(c.bad[3].where == "in.jsonl:5");
    CHECK(c.bad[3].reason == "no title and no body");
    CHECK(c.bad[4].where == "in.jsonl:6");
    CHECK(c.bad[4].reason == "invalid UTF-8 at byte 15");
    CHECK(c.bad[5].where == "in.jsonl:7");
    CHECK(c.bad[5].reason == "invalid date '0001-13-45' (year outside 1800..2200)");
    CHECK(c.bad[6].where == "in.jsonl:8");
    CHECK(c.bad[6].reason.find("'authors'") != std::string::npos);
}

TEST_CASE("jsonl: a 50 MB single-line article is rejected as too large, and the next line is read") {
    std::string body(50u << 20, 'x');
    for (std::size_t i = 100; i < body.size(); i += 100) body[i] = ' ';
    std::string line = R"({"title":"","body":")" + body + "\"}\n" + R"({"title":"after"})" + "\n";
    TempDir dir;
    std::string path = dir.write("big.jsonl", line);
    // (its speed is bench/'s business: no wall-clock check in a unit test)
    auto c = read_p(path);
    REQUIRE(c.bad.size() == 1);
    CHECK(c.bad[0].where == path + ":1");
    CHECK(c.bad[0].reason == "article too large (52428800 bytes > limit 8388608)");
    REQUIRE(c.articles.size() == 1);
    CHECK(c.articles[0].title == "after");
    // Accepted with a higher limit.
    ReaderOptions o;
    o.max_article_bytes = 64u << 20;
    auto d = read_p(path, o);
    CHECK(d.bad.empty());
    REQUIRE(d.articles.size() == 2);
    CHECK(d.articles[0].body.size() == body.size());
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

TEST_CASE("text: header and body") {
    std::string data =
        "Title: Acme buys Widget Co\n"
        "date: 2020-01-02\n"
        "ID: story-7\n"
        "Source: Wire\n"
        "URL: https://example.com/7\n"
        "Author: Jane Doe\n"
        "Author: John Roe\n"
        "Language: en\n"
        "Companies: Acme Corp, Widget Co\n"
        "Persons: Jane Roe; Bob Smith\n"
        "\n"
        "# Heading\n\nAcme said on Thursday it would buy Widget Co.\n\nAdvertisement\n\nThe deal closes in March.\n";
    auto c = read_buf(data, "story.md");
    CHECK(c.bad.empty());
    REQUIRE(c.articles.size() == 1);
    const Article& a = c.articles[0];
    CHECK(a.id == "story-7");
    CHECK(a.title == "Acme buys Widget Co");
    REQUIRE(a.date);
    CHECK(a.date->yyyymmdd() == "20200102");
    CHECK(a.source == "Wire");
    CHECK(a.url == "https://example.com/7");
    CHECK(a.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
    CHECK(a.language == "en");
    CHECK(a.companies == std::vector<std::string>{"Acme Corp", "Widget Co"});
    CHECK(a.persons == std::vector<std::string>{"Jane Roe", "Bob Smith"});
    CHECK(a.body == "# Heading\n\nAcme said on Thursday it would buy Widget Co.\n\nThe deal closes in March.");
}

TEST_CASE("text: comma-separated Authors; no header: first line is the title") {
    auto c = read_buf("Authors: A One, B Two\nTitle: T\n\nBody.", "x.txt");
    REQUIRE(c.articles.size() == 1);
    CHECK(c.articles[0].authors == std::vector<std::string>{"A One", "B Two"});
    CHECK(c.articles[0].id == derived_id(c.articles[0]));
    CHECK(c.articles[0].id.find("x.txt") == std::string::npos);

    auto d = read_buf("\n\n# Market wrap\nStocks rose.\nBonds fell.\n", "notes.txt");
    REQUIRE(d.articles.size() == 1);
    CHECK(d.articles[0].title == "Market wrap");
    CHECK(d.articles[0].body == "Stocks rose.\nBonds fell.");

    auto e = read_buf("Note: this is not a header\nmore text", "n.txt");
    REQUIRE(e.articles.size() == 1);
    CHECK(e.articles[0].title == "Note: this is not a header");
}

TEST_CASE("text: bad records") {
    auto a = read_buf("Source: Wire\n\n", "empty-body.txt");
    CHECK(a.articles.empty());
    REQUIRE(a.bad.size() == 1);
    CHECK(a.bad[0].where == "empty-body.txt");
    CHECK(a.bad[0].reason == "no title and no body");

    auto b = read_buf("Title: T\nDate: 2015-02-30\n\nBody", "d.txt");
    REQUIRE(b.bad.size() == 1);
    CHECK(b.bad[0].where == "d.txt:2");
    CHECK(b.bad[0].reason == "invalid date '2015-02-30' (day out of range)");

    auto c = read_buf("Title: T\n\nline two\nab\xc3(", "u.txt");
    REQUIRE(c.bad.size() == 1);
    CHECK(c.bad[0].where == "u.txt:4");
    CHECK(c.bad[0].reason == "invalid UTF-8 at byte 3");

    auto d = read_buf("", "e.txt");
    REQUIRE(d.bad.size() == 1);
    CHECK(d.bad[0].reason == "empty file");

    auto e = read_buf(std::string("Title: x\0\0\0", 11), "b.txt");
    REQUIRE(e.bad.size() == 1);
    CHECK(e.bad[0].reason == "binary file");
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

TEST_CASE("html: metadata and article paragraphs") {
    std::string page = R"(<!DOCTYPE html>
<html lang="en-US"><head>
<title>Acme &amp; Widget merge | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2021-03-04T05:06:07+01:00">
<meta name="author" content="Lois Lane">
<link rel="canonical" href="https://planet.example/acme">
<style>p { color: red }</style>
</head><body>
<nav><p>Home</p><p>World</p></nav>
<header><h1>Acme &amp; Widget merge</h1></header>
<article>
  <header><p>Byline stuff</p></header>
  <p>Acme   and Widget  said on <b>Thursday</b>
     they would merge.</p>
  <figure><img src="x.jpg"><figcaption>A photo caption</figcaption></figure>
  <h2>Reaction</h2>
  <p>Advertisement</p>
  <blockquote><p>It is a great day&nbsp;for us.</p></blockquote>
  <ul><li>First point</li><li>Second point</li></ul>
  <script>var x = "<p>not text</p>";</script>
  <aside><p>Related stories</p></aside>
  <footer><p>Copyright 2021</p></footer>
</article>
<footer><p>Site footer</p></footer>
</body></html>)";
    auto c = read_buf(page, "site/acme.html");
    CHECK(c.bad.empty());
    REQUIRE(c.articles.size() == 1);
    const Article& a = c.articles[0];
    CHECK(a.title == "Acme & Widget merge");
    CHECK(a.source == "Daily Planet");
    REQUIRE(a.date);
    CHECK(a.date->iso8601() == "2021-03-04T05:06:07+01:00");
    CHECK(a.authors == std::vector<std::string>{"Lois Lane"});
    CHECK(a.url == "https://planet.example/acme");
    CHECK(a.language == "en");
    CHECK(a.id == "https://planet.example/acme");  // no id: the canonical URL
    CHECK(a.body ==
          "Acme and Widget said on Thursday they would merge.\n\nReaction\n\n"
          "It is a great day for us.\n\nFirst point\n\nSecond point");
}

TEST_CASE("html: og:title, <time>, <main>, h1 fallbacks") {
    auto c = read_buf(R"(<html><head><meta property="og:title" content="OG title"><title>T</title></head>
<body><main><time datetime="2019-05-06">May 6</time><p>Main text.</p></main><p>outside</p></body></html>)",
                      "a.htm");
    REQUIRE(c.articles.size() == 1);
    CHECK(c.articles[0].title == "OG title");
    CHECK(c.articles[0].date->yyyymmdd() == "20190506");
    CHECK(c.articles[0].body == "Main text.");

    auto d = read_buf("<html><body><h1>Only heading</h1><div>Loose text in a div.</div></body></html>", "b.html");
    REQUIRE(d.articles.size() == 1);
    CHECK(d.articles[0].title == "Only heading");
    CHECK(d.articles[0].body == "Loose text in a div.");

    auto e = read_buf(
        R"(<html><head><title>T</title><meta property="article:published_time" content="2015-13-45"></head><body><p>x</p></body></html>)",
        "bad.html");
    CHECK(e.articles.empty());
    REQUIRE(e.bad.size() == 1);
    CHECK(e.bad[0].reason == "invalid date '2015-13-45' (month out of range)");
}

TEST_CASE("html: a numeric reference that overflows becomes U+FFFD, never bytes that are not UTF-8") {
    // Found by the html fuzz harness (tests/fuzz-regressions/html/): gumbo
    // 0.10 turns an overflowing reference into a negative code point.
    auto c = read_buf(
        "<html><head><title>A &#82222222222222222222222222222222221; B</title></head>"
        "<body><p>x &#8222222222222222222222222222222222222222222222222222222221; y</p></body></html>",
        "overflow.html");
    REQUIRE(c.articles.size() == 1);
    CHECK(utf8::is_valid(c.articles[0].title));
    CHECK(utf8::is_valid(c.articles[0].body));
    CHECK(c.articles[0].body.rfind("x ", 0) == 0);
    CHECK(c.articles[0].body.find("\xEF\xBF\xBD") != std::string::npos);
}

// ---------------------------------------------------------------------------
// Reuters SGML
// ---------------------------------------------------------------------------

TEST_CASE("reuters: one small file") {
    std::string sgm =
        "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
        "<REUTERS TOPICS=\"YES\" NEWID=\"7\">\n"
        "<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
        "<TOPICS><D>cocoa</D></TOPICS>\n<PLACES><D>el-salvador</D><D>usa</D></PLACES>\n"
        "<PEOPLE><D>james-baker</D></PEOPLE>\n<ORGS><D>opec</D></ORGS>\n<EXCHANGES></EXCHANGES>\n"
        "<COMPANIES></COMPANIES>\n"
        "<TEXT>&#2;\n<TITLE>A &lt;B> &amp; C</TITLE>\n<AUTHOR>    By Jeff Stearns, Reuters</AUTHOR>\n"
        "<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Caf\xe9 prices &lt;rose>.\n"
        "&#5;Second line.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
        "<REUTERS NEWID=\"8\">\n<DATE>31-MAR-1987 605:12:19.12</DATE>\n"
        "<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>BRIEF TITLE\n</TITLE>Blah blah blah.\n&#3;\n</TEXT>\n</REUTERS>\n"
        "<REUTERS NEWID=\"9\">\n<TEXT TYPE=\"UNPROC\">&#2;\nREPORT HEADLINE\n  a   1\n  b   "
        "2\n&#3;</TEXT>\n</REUTERS>\n";
    auto c = read_buf(sgm, "r.sgm");
    CHECK(c.bad_text() == "");
    REQUIRE(c.articles.size() == 3);
    const Article& a = c.articles[0];
    CHECK(a.id == "reuters-7");
    CHECK(a.origin == "r.sgm:2");
    CHECK(a.title == "A <B> & C");
    CHECK(a.dateline == "SALVADOR, Feb 26 -");
    CHECK(a.body == "Caf\xc3\xa9 prices <rose>.\nSecond line.");
    CHECK(a.source == "Reuters");
    CHECK(a.authors == std::vector<std::string>{"Jeff Stearns"});
    REQUIRE(a.date);
    CHECK(a.date->iso8601() == "1987-02-26T15:01:01");
    CHECK_FALSE(a.date->utc_offset_minutes);
    CHECK(a.tags.at("topics") == std::vector<std::string>{"cocoa"});
    CHECK(a.tags.at("places") == std::vector<std::string>{"el-salvador", "usa"});
    CHECK(a.tags.at("people") == std::vector<std::string>{"james-baker"});
    CHECK(a.tags.at("orgs") == std::vector<std::string>{"opec"});
    CHECK(a.persons == std::vector<std::string>{"James Baker"});
    CHECK(a.organizations == std::vector<std::string>{"OPEC"});
    CHECK(a.tags.count("exchanges") == 0);

    CHECK(c.articles[1].id == "reuters-8");
    CHECK(c.articles[1].title == "BRIEF TITLE");
    CHECK(c.articles[1].body == "");
    CHECK(c.articles[1].date->yyyymmdd() == "19870331");  // bad clock time: date kept
    CHECK(c.articles[1].origin == "r.sgm:18");
    CHECK(c.articles[2].title == "REPORT HEADLINE");
    CHECK(c.articles[2].body == "a   1\n  b   2");
}

TEST_CASE("reuters: the whole Reuters-21578 collection") {
    fs::path dir = NEWSDEX_SHARED_DIR "/corpora/reuters21578";
    if (!fs::exists(dir / "reut2-000.sgm")) {
        MESSAGE("Reuters-21578 not found at " << dir << "; skipped");
        return;
    }
    Collected c;
    ReaderSink s = c.sink();
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i <= 21; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "reut2-%03d.sgm", i);
        read_path((dir / name).string(), ReaderOptions{}, s);
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("read Reuters-21578 in " << ms << " ms");
    CHECK(c.bad_text() == "");
    CHECK(c.articles.size() == 21578);
    std::set<std::string> ids;
    std::size_t with_entities = 0, with_dates = 0;
    for (const auto& a : c.articles) {
        ids.insert(a.id);
        if (a.date) ++with_dates;
        if (a.body.find("&lt;") != std::string::npos || a.body.find("&#") != std::string::npos ||
            a.title.find("&lt;") != std::string::npos || a.title.find("&#") != std::string::npos)
            ++with_entities;
    }
    CHECK(ids.size() == 21578);
    CHECK(with_entities == 0);
    CHECK(with_dates == 21578);
    const Article& first = c.articles.front();
    CHECK(first.id == "reuters-1");
    CHECK(first.title == "BAHIA COCOA REVIEW");
    REQUIRE(first.date);
    CHECK(first.date->yyyymmdd() == "19870226");
    CHECK(first.body.rfind("Showers continued", 0) == 0);
    CHECK(first.body.find("Reuter\n") == std::string::npos);
    CHECK(first.body.substr(first.body.size() - 6) != "Reuter");
    // Progress ends at the total size.
    REQUIRE_FALSE(c.progress.empty());
}

// ---------------------------------------------------------------------------
// Files, directories, gzip, detection
// ---------------------------------------------------------------------------

TEST_CASE("gzip is decompressed transparently; truncated gzip is a bad record") {
    TempDir dir;
    std::string jsonl = R"({"title":"one"})"
                        "\n"
                        R"({"title":"two"})"
                        "\n";
    std::string gz = dir.write_gz("feed.jsonl.gz", jsonl);
    auto c = read_p(gz);
    CHECK(c.bad.empty());
    REQUIRE(c.articles.size() == 2);
    CHECK(c.articles[1].id == derived_id(c.articles[1]));
    CHECK(c.articles[0].id != c.articles[1].id);

    std::string big;
    for (int i = 0; i < 20000; ++i)
        big += R"({"title":"article )" + std::to_string(i) + R"(","body":"some text )" + std::to_string(i * 7919) +
               "\"}\n";
    std::string full = dir.write_gz("big.jsonl.gz", big);
    std::string bytes;
    {
        std::ifstream in(full, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::string cut = dir.write("cut.jsonl.gz", std::string_view(bytes).substr(0, bytes.size() / 2));
    auto d = read_p(cut);
    REQUIRE(d.bad.size() >= 1);
    CHECK(d.bad.back().where == cut);
    CHECK(d.bad.back().reason.find("gzip") != std::string::npos);
    CHECK(d.articles.size() < 20000);

    std::string page = dir.write_gz("p.html.gz", "<html><body><p>Zipped page</p></body></html>");
    auto e = read_p(page);
    REQUIRE(e.articles.size() == 1);
    CHECK(e.articles[0].body == "Zipped page");
}

TEST_CASE("directories: sorted, recursive, hidden and unknown files skipped") {
    TempDir dir;
    dir.write("b.txt", "Title: B\n\nbody b");
    dir.write("a.jsonl", R"({"title":"A1"})"
                         "\n"
                         R"({"title":"A2"})"
                         "\n");
    dir.write("sub/c.html", "<html><head><title>C</title></head><body><p>c</p></body></html>");
    dir.write("sub/d.md", "Title: D\n\nbody d");
    dir.write("README.md", "# Corpus\nThis is the corpus readme.");
    dir.write("sub/README.txt", "How this corpus was made.");
    dir.write("notes.md", "no header here");
    dir.write(".hidden/e.txt", "Title: E\n\nhidden");
    dir.write(".f.txt", "Title: F\n\nhidden");
    dir.write("image.png", std::string("\x89PNG\0\0", 6));
    dir.write("z.sgm", "<REUTERS NEWID=\"5\"><TEXT><TITLE>Z</TITLE><BODY>z</BODY></TEXT></REUTERS>");
    fs::create_directory_symlink(dir.path, dir.path / "sub" / "loop");

    std::string root = dir.path.string();
    auto c = read_p(root);
    // A text file without a header is no article inside a directory: reported, not read.
    CHECK(c.bad_text() == root +
                              "/notes.md: no text header (in a directory, text files need 'Key: value' lines "
                              "such as 'Title:')\n");
    std::vector<std::string> titles;
    for (const auto& a : c.articles) titles.push_back(a.title);
    CHECK(titles == std::vector<std::string>{"A1", "A2", "B", "C", "D", "Z"});
    REQUIRE(c.articles.size() == 6);
    for (const auto& a : c.articles) CHECK(a.id.find(root) == std::string::npos);  // ids never name the path
    CHECK(c.articles[0].origin == root + "/a.jsonl:1");
    CHECK(c.articles[2].origin == root + "/b.txt");
    CHECK(c.articles[3].origin == root + "/sub/c.html");
    CHECK(c.articles[5].id == "reuters-5");
    // Progress: cumulative, ending at the input size.
    REQUIRE_FALSE(c.progress.empty());
    CHECK(c.progress.back() == input_size(root));
    for (std::size_t i = 1; i < c.progress.size(); ++i) CHECK(c.progress[i] >= c.progress[i - 1]);

    // Trailing slash: paths joined without doubling it.
    auto d = read_p(root + "/");
    REQUIRE(d.articles.size() == 6);
    CHECK(d.articles[2].origin == root + "/b.txt");
    CHECK(d.articles[2].id == c.articles[2].id);

    // A file named explicitly is always tried.
    auto e = read_p(root + "/notes.md");
    REQUIRE(e.articles.size() == 1);
    CHECK(e.articles[0].title == "no header here");
}

TEST_CASE("directories: notes and lists beside the articles are reported, not indexed") {
    // As in the Reuters-21578 folder: category lists and notes as .txt.
    TempDir dir;
    dir.write("reut2-000.sgm", "<REUTERS NEWID=\"1\"><TEXT><TITLE>R</TITLE><BODY>r</BODY></TEXT></REUTERS>");
    dir.write("cat-descriptions.txt", "PEOPLE\njames-baker\nronald-reagan\n");
    dir.write("all-orgs-strings.lc.txt", "opec\nimf\n");
    dir.write("README.txt", "How this corpus was made.");
    dir.write("lewis.dtd", "<!ELEMENT REUTERS>");
    dir.write("story.txt", "Title: A story\nDate: 1987-03-01\n\nIt has a header.");
    std::string root = dir.path.string();
    auto c = read_p(root);
    std::vector<std::string> titles;
    for (const auto& a : c.articles) titles.push_back(a.title);
    CHECK(titles == std::vector<std::string>{"R", "A story"});
    REQUIRE(c.bad.size() == 2);
    CHECK(c.bad[0].where == root + "/all-orgs-strings.lc.txt");
    CHECK(c.bad[1].where == root + "/cat-descriptions.txt");
    CHECK(reason_kind(c.bad[0].reason) == "no text header");

    // --format text says every file is a text article: all six, headers or not.
    ReaderOptions o;
    o.format = InputFormat::Text;
    auto d = read_p(root, o);
    CHECK(d.bad_text() == "");
    CHECK(d.articles.size() == 5);  // README.txt stays documentation
    // Named on the command line, a headerless file is read (first line = title).
    auto e = read_p(root + "/cat-descriptions.txt");
    REQUIRE(e.articles.size() == 1);
    CHECK(e.articles[0].title == "PEOPLE");
}

TEST_CASE("sniffing unknown extensions") {
    CHECK(read_buf(R"({"title":"j"})", "feed.data").articles.size() == 1);
    CHECK(read_buf("<!DOCTYPE html><html><body><p>h</p></body></html>", "page.php").articles.size() == 1);
    CHECK(read_buf("<REUTERS NEWID=\"1\"><TEXT><TITLE>R</TITLE></TEXT></REUTERS>", "x.dat").articles.size() == 1);
    CHECK(read_buf("Title: T\n\nbody", "story").articles.size() == 1);
    auto c = read_buf("just some words", "mystery.bin");
    CHECK(c.articles.empty());
    REQUIRE(c.bad.size() == 1);
    CHECK(c.bad[0].where == "mystery.bin");
    CHECK(c.bad[0].reason == "unrecognised format");
    // --format forces it.
    auto d = read_buf("just some words", "mystery.bin", InputFormat::Text);
    REQUIRE(d.articles.size() == 1);
    CHECK(d.articles[0].title == "just some words");
}

TEST_CASE("missing, empty and binary files are bad records, never exceptions") {
    TempDir dir;
    auto a = read_p((dir.path / "nope.jsonl").string());
    REQUIRE(a.bad.size() == 1);
    CHECK(a.bad[0].reason == "cannot open: No such file or directory");
    auto b = read_p(dir.write("empty.jsonl", ""));
    REQUIRE(b.bad.size() == 1);
    CHECK(b.bad[0].reason == "empty file");
    auto c = read_p(dir.write("bin.txt", std::string("Title: x\n\0\1\2\3", 13)));
    REQUIRE(c.bad.size() == 1);
    CHECK(c.bad[0].reason == "binary file");
}

// ---------------------------------------------------------------------------
// Limits: hostile input is a bad record, never a crash or unbounded memory
// ---------------------------------------------------------------------------

namespace {

Collected read_buf_with(std::string_view data, const std::string& name, const ReaderOptions& o) {
    Collected c;
    ReaderSink s = c.sink();
    read_buffer(data, name, o, s);
    return c;
}

std::string repeat(std::string_view piece, std::size_t n) {
    std::string out;
    out.reserve(piece.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += piece;
    return out;
}

}  // namespace

TEST_CASE("html: 100,000 nested <div>s are refused, not a stack overflow") {
    std::string page =
        "<html><body>" + repeat("<div>", 100000) + "<p>deep</p>" + repeat("</div>", 100000) + "</body></html>";
    auto c = read_buf(page, "deep.html");
    CHECK(c.articles.empty());
    REQUIRE(c.bad.size() == 1);
    CHECK(c.bad[0].where == "deep.html");
    CHECK(c.bad[0].reason == "HTML nested too deeply (more than 512 levels)");

    // Implied elements: 300 levels of <ul><li> are 300 open tags (an <li> needs
    // no end tag) but 600 levels in gumbo's tree; that tree is refused too.
    auto u = read_buf("<html><body>" + repeat("<ul><li>x", 300) + "</body></html>", "lists.html");
    REQUIRE(u.bad.size() == 1);
    CHECK(u.bad[0].reason == "HTML nested too deeply (more than 512 levels)");
    // Comments, script text and quoted '>' do not count as tags.
    std::string noisy = "<html><head><script>" + repeat("<div>", 1000) + "</script><!-- " + repeat("<div>", 1000) +
                        " --></head><body><div title=\"a > b\"><p>quiet</p></div></body></html>";
    auto q = read_buf(noisy, "noisy.html");
    CHECK(q.bad_text() == "");
    REQUIRE(q.articles.size() == 1);
    CHECK(q.articles[0].body == "quiet");

    // Just under the limit: read as usual (html, body and 505 divs, p, text = 510 levels).
    std::string ok =
        "<html><body>" + repeat("<div>", 505) + "<p>deep text</p>" + repeat("</div>", 505) + "</body></html>";
    auto d = read_buf(ok, "ok.html");
    CHECK(d.bad_text() == "");
    REQUIRE(d.articles.size() == 1);
    CHECK(d.articles[0].body == "deep text");
}

TEST_CASE("html: 350 KB of unclosed <b><i> stay within the parser's memory budget") {
    std::string page = "<html><body><p>start " + repeat("<b><i>x ", 350 * 1024 / 8) + "</p></body></html>";
    auto c = read_buf(page, "bomb.html");
    CHECK(c.articles.empty());
    REQUIRE(c.bad.size() == 1);
    CHECK(c.bad[0].where == "bomb.html");
    // Refused by the scan of its tags, before gumbo (whose tree building is
    // quadratic in the depth) sees it.
    CHECK(c.bad[0].reason == "HTML nested too deeply (more than 512 levels)");
    // With no depth limit, gumbo's memory budget stops it (a low ceiling here,
    // to keep the test quick: gumbo is slow on such a page).
    ReaderOptions deep;
    deep.max_html_depth = 1000000;
    deep.max_html_parser_bytes = 4u << 20;
    auto b = read_buf_with(page, "bomb.html", deep);
    CHECK(b.articles.empty());
    REQUIRE(b.bad.size() == 1);
    CHECK(b.bad[0].reason == "HTML too complex (parser needs more than 4 MiB)");

    // A lower ceiling is honoured even for an ordinary page.
    std::string page2 = "<html><body>" + repeat("<p>An ordinary paragraph of text.</p>", 20000) + "</body></html>";
    ReaderOptions o;
    o.max_html_parser_bytes = 1u << 20;
    auto d = read_buf_with(page2, "big.html", o);
    REQUIRE(d.bad.size() == 1);
    CHECK(d.bad[0].reason == "HTML too complex (parser needs more than 1 MiB)");
    // The default budget parses it.
    auto e = read_buf(page2, "big.html");
    CHECK(e.bad_text() == "");
    CHECK(e.articles.size() == 1);
}

TEST_CASE("jsonl: nesting deeper than the limit is a bad record") {
    std::string deep = "{\"title\":\"t\",\"tags\":{\"x\":" + repeat("[", 100000) + "}\n";
    std::string data = R"({"title":"before"})"
                       "\n" +
                       deep +
                       R"({"title":"after","body":"[[[[ not nesting"})"
                       "\n";
    auto c = read_buf(data, "deep.jsonl");
    REQUIRE(c.bad.size() == 1);
    CHECK(c.bad[0].where == "deep.jsonl:2");
    CHECK(c.bad[0].reason == "invalid JSON: nested deeper than 64 levels (column 88)");
    CHECK(reason_kind(c.bad[0].reason) == "invalid JSON");
    REQUIRE(c.articles.size() == 2);
    CHECK(c.articles[1].body == "[[[[ not nesting");  // brackets inside strings do not count
}

TEST_CASE("jsonl: a line over the line limit is skipped without being kept") {
    ReaderOptions o;
    o.max_line_bytes = 1000;
    std::string long_line = R"({"title":"long","body":")" + std::string(5000, 'x') + "\"}";
    std::string data = R"({"title":"one"})"
                       "\n" +
                       long_line +
                       "\n"
                       R"({"title":"three"})"
                       "\n" +
                       long_line;
    TempDir dir;
    std::string path = dir.write("long.jsonl", data);
    for (auto c : {read_buf_with(data, "long.jsonl", o), read_p(path, o)}) {
        REQUIRE(c.bad.size() == 2);
        CHECK(c.bad[0].where.ends_with("long.jsonl:2"));
        CHECK(c.bad[0].reason == "line too long (more than 1000 bytes)");
        CHECK(c.bad[1].where.ends_with("long.jsonl:4"));  // the last line, without a final newline
        REQUIRE(c.articles.size() == 2);
        CHECK(c.articles[1].title == "three");
        CHECK(c.articles[1].origin.ends_with("long.jsonl:3"));
    }
}

TEST_CASE("whole-file formats: files over the size limit are skipped, also after decompression") {
    ReaderOptions o;
    o.max_file_bytes = 100000;
    TempDir dir;
    std::string text = "Title: Long\n\n" + repeat("word ", 30000);
    std::string txt = dir.write("long.txt", text);
    std::string gz = dir.write_gz("page.html.gz", "<html><body><p>" + repeat("zip ", 1000000) + "</p></body></html>");
    CHECK(fs::file_size(gz) < 100000);  // the compressed file itself is small
    for (const auto& path : {txt, gz}) {
        auto c = read_p(path, o);
        CHECK(c.articles.empty());
        REQUIRE(c.bad.size() == 1);
        CHECK(c.bad[0].where == path);
        CHECK(c.bad[0].reason == "file too large (more than 100000 bytes)");
    }
    auto b = read_buf_with(text, "long.txt", o);
    REQUIRE(b.bad.size() == 1);
    CHECK(b.bad[0].reason == "file too large (more than 100000 bytes)");
    CHECK(read_p(txt).articles.size() == 1);  // the default limit (64 MiB) reads it
}

TEST_CASE("exceptions thrown by the sink propagate (--strict)") {
    ReaderSink s;
    s.article = [](Article&&) {};
    s.bad = [](const BadRecord& b) { throw UserError(b.where + ": " + b.reason); };
    CHECK_THROWS_AS(read_buffer("{\"title\":\"ok\"}\nnot json\n", "s.jsonl", ReaderOptions{}, s), UserError);
}

TEST_CASE("reason kinds") {
    CHECK(newsdex::reason_kind("invalid JSON: unexpected '}'") == "invalid JSON");
    CHECK(newsdex::reason_kind("article too large (52428800 bytes > limit 8388608)") == "article too large");
    CHECK(newsdex::reason_kind("binary file") == "binary file");
    CHECK(newsdex::reason_kind("invalid UTF-8 at byte 100") == "invalid UTF-8");
    CHECK(newsdex::reason_kind("invalid date '0001-13-45'") == "invalid date");
}
