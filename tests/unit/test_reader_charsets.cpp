// Character sets: HTML pages in legacy charsets (declared or detected) and
// UTF-16/32 files with a byte order mark, all read as UTF-8.
#include "common/ingest/readers.h"

#include <doctest/doctest.h>
#include <unicode/ucnv.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace newsdex;

namespace {

/// `utf8` re-encoded in `charset` by ICU; fails the test if ICU cannot.
std::string encode(const std::string& utf8, const char* charset) {
    UErrorCode status = U_ZERO_ERROR;
    std::string out(utf8.size() * 4 + 16, '\0');
    int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                             static_cast<int32_t>(utf8.size()), &status);
    REQUIRE_MESSAGE(U_SUCCESS(status), charset << ": " << u_errorName(status));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

struct Read {
    std::vector<Article> articles;
    std::vector<BadRecord> bad;
};

Read read(std::string_view data, const std::string& name) {
    Read r;
    ReaderSink s;
    s.article = [&](Article&& a) { r.articles.push_back(std::move(a)); };
    s.bad = [&](const BadRecord& b) { r.bad.push_back(b); };
    read_buffer(data, name, ReaderOptions{}, s);
    return r;
}

Read read_file(const std::string& path) {
    Read r;
    ReaderSink s;
    s.article = [&](Article&& a) { r.articles.push_back(std::move(a)); };
    s.bad = [&](const BadRecord& b) { r.bad.push_back(b); };
    read_path(path, ReaderOptions{}, s);
    return r;
}

std::string page(const std::string& head, const std::string& title, const std::string& body) {
    return "<html><head>" + head + "<title>" + title + "</title></head><body><article><p>" + body +
           "</p></article></body></html>";
}

struct Case {
    const char* charset;  ///< for ICU
    const char* label;    ///< as the page declares it
    const char* title;
    const char* body;
};

const Case kCases[] = {
    {"ISO-8859-2", "iso-8859-2", "Zażółć gęślą jaźń",
     "Łódź i Kraków: ceny mieszkań wzrosły o 12 procent, podał Główny Urząd Statystyczny."},
    {"windows-1251", "windows-1251", "Экономика России растёт",
     "Центральный банк сообщил в пятницу, что инфляция замедлилась до четырёх процентов."},
    {"Shift_JIS", "Shift_JIS", "東京株式市場、日経平均が反発",
     "二十日の東京株式市場で日経平均株価は反発し、前日比三百円高で取引を終えた。"},
    {"GB2312", "gb2312", "中国经济增长放缓",
     "国家统计局周一公布的数据显示，第三季度国内生产总值同比增长百分之四点九。"},
    {"ISO-8859-7", "ISO-8859-7", "Αθήνα: νέα μέτρα για την οικονομία",
     "Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα στήριξης για τα νοικοκυριά."},
};

}  // namespace

TEST_CASE("html: <meta charset> pages in legacy charsets are converted with ICU") {
    for (const Case& c : kCases) {
        CAPTURE(c.charset);
        std::string bytes = encode(page("<meta charset=\"" + std::string(c.label) + "\">", c.title, c.body), c.charset);
        REQUIRE(bytes !=
                page("<meta charset=\"" + std::string(c.label) + "\">", c.title, c.body));  // really re-encoded
        auto r = read(bytes, "page.html");
        CHECK(r.bad.empty());
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == c.title);
        CHECK(r.articles[0].body == c.body);
    }
}

TEST_CASE("html: the http-equiv Content-Type charset is honoured too") {
    for (const Case& c : kCases) {
        CAPTURE(c.charset);
        std::string head =
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + std::string(c.label) + "\">";
        auto r = read(encode(page(head, c.title, c.body), c.charset), "page.html");
        CHECK(r.bad.empty());
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == c.title);
        CHECK(r.articles[0].body == c.body);
    }
}

TEST_CASE("html: Latin-1 labels mean Windows-1252, as in browsers") {
    // 0x93 / 0x94 are curly quotes in Windows-1252 and control codes in ISO-8859-1.
    std::string bytes =
        "<html><head><meta charset=\"ISO-8859-1\"><title>Caf\xE9</title></head><body><p>"
        "He said \x93hello\x94 \x96 and left.</p></body></html>";
    auto r = read(bytes, "latin1.html");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "Café");
    CHECK(r.articles[0].body == "He said “hello” – and left.");
}

TEST_CASE("html: without a declaration the charset is detected") {
    // Several sentences, as a real page has: ICU's detector needs some text.
    for (const Case& c : {kCases[1], kCases[2], kCases[3]}) {
        CAPTURE(c.charset);
        std::string body;
        for (int i = 0; i < 6; ++i) body += std::string(c.body) + " ";
        body.pop_back();
        auto r = read(encode(page("", c.title, body), c.charset), "undeclared.html");
        CHECK(r.bad.empty());
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == c.title);
        CHECK(r.articles[0].body == body);
    }
}

TEST_CASE("html: an unknown charset is a bad record naming it") {
    std::string bytes =
        "<html><head><meta charset=\"x-klingon-7\"><title>T\xE9</title></head><body><p>b\xE9</p></body></html>";
    auto r = read(bytes, "odd.html");
    CHECK(r.articles.empty());
    REQUIRE(r.bad.size() == 1);
    CHECK(r.bad[0].where == "odd.html");
    CHECK(r.bad[0].reason == "unknown charset 'x-klingon-7'");
    CHECK(reason_kind(r.bad[0].reason) == "unknown charset");
    // Declared UTF-8 but not UTF-8: the byte is named, as before.
    auto u = read("<html><head><meta charset=utf-8><title>T</title></head><body><p>b\xE9</p></body></html>", "u.html");
    REQUIRE(u.bad.size() == 1);
    CHECK(u.bad[0].reason.rfind("invalid UTF-8 at byte ", 0) == 0);
}

TEST_CASE("UTF-16 and UTF-32 files with a byte order mark are converted, not called binary") {
    const std::string jsonl =
        "{\"id\":\"u1\",\"title\":\"Zürich – 東京\",\"body\":\"Grüße aus Zürich.\"}\n"
        "{\"id\":\"u2\",\"title\":\"Second\",\"body\":\"Ещё одна статья.\"}\n";
    const std::string text = "Id: t1\nTitle: Ünïcödé title\n\nBody with 中文 text.\n";
    fs::path dir = fs::temp_directory_path() / ("newsdex-charsets-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const char* charset : {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
        CAPTURE(charset);
        // ICU's UTF-16LE/BE converters write no BOM: "\uFEFF" adds it.
        std::string j = encode("\xEF\xBB\xBF" + jsonl, charset);
        std::string t = encode("\xEF\xBB\xBF" + text, charset);
        auto r = read(j, "feed.jsonl");
        CHECK(r.bad.empty());
        REQUIRE(r.articles.size() == 2);
        CHECK(r.articles[0].title == "Zürich – 東京");
        CHECK(r.articles[1].body == "Ещё одна статья.");
        CHECK(r.articles[1].origin == "feed.jsonl:2");

        std::string path = (dir / (std::string(charset) + ".txt")).string();
        std::ofstream(path, std::ios::binary) << t;
        auto f = read_file(path);
        CHECK(f.bad.empty());
        REQUIRE(f.articles.size() == 1);
        CHECK(f.articles[0].title == "Ünïcödé title");
        CHECK(f.articles[0].body == "Body with 中文 text.");

        // Compressed, and sniffed (no telling extension).
        std::string gz = (dir / (std::string(charset) + ".data.gz")).string();
        gzFile out = gzopen(gz.c_str(), "wb");
        gzwrite(out, j.data(), static_cast<unsigned>(j.size()));
        gzclose(out);
        auto g = read_file(gz);
        CHECK(g.bad.empty());
        CHECK(g.articles.size() == 2);
    }
    fs::remove_all(dir);
    // Without a BOM, NUL bytes still mean a binary file.
    auto b = read(encode(jsonl, "UTF-16LE"), "nobom.jsonl");
    REQUIRE(b.bad.size() == 1);
    CHECK(b.bad[0].reason == "binary file");
}
