// Round trip: every phrase of an article, typed as a query, finds the article.
//
//   newsdex-roundtrip --db DB --seed 42 --phrases 500 --words 200 PATH...
//
// Reads the articles of PATH... with the indexer's readers, picks random
// phrases of 2-4 consecutive words (2-4 characters in CJK text) and single
// words from random bodies (fixed seed), and searches each as a phrase,
// restricted to the source article's id: the article must match.  Prints each
// failure and a summary line "N passed, M failed"; exits 1 if any failed.
#include "common/ingest/readers.h"
#include "newsdex/newsdex.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

bool has_cjk(const std::string& s) {
    int32_t i = 0, n = static_cast<int32_t>(s.size());
    while (i < n) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
        if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF)) return true;
    }
    return false;
}

std::vector<std::string> split_chars(const std::string& s) {
    std::vector<std::string> out;
    int32_t i = 0, n = static_cast<int32_t>(s.size());
    while (i < n) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
        out.push_back(s.substr(start, i - start));
    }
    return out;
}

std::vector<std::string> words_of(const std::string& body) {
    std::vector<std::string> words;
    std::string w;
    for (char c : body) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            if (!w.empty()) words.push_back(w), w.clear();
        } else if (c != '"') {  // a double quote cannot be typed inside a phrase
            w += c;
        }
    }
    if (!w.empty()) words.push_back(w);
    return words;
}

bool has_letter_or_digit(const std::string& s) {
    int32_t i = 0, n = static_cast<int32_t>(s.size());
    while (i < n) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
        if (c >= 0 && u_isalnum(c)) return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    std::string db;
    unsigned seed = 42, phrases = 500, single_words = 200;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--db" && i + 1 < argc)
            db = argv[++i];
        else if (a == "--seed" && i + 1 < argc)
            seed = static_cast<unsigned>(std::stoul(argv[++i]));
        else if (a == "--phrases" && i + 1 < argc)
            phrases = static_cast<unsigned>(std::stoul(argv[++i]));
        else if (a == "--words" && i + 1 < argc)
            single_words = static_cast<unsigned>(std::stoul(argv[++i]));
        else
            paths.push_back(a);
    }
    std::vector<newsdex::Article> articles;
    newsdex::ReaderSink sink;
    sink.article = [&](newsdex::Article&& a) {
        if (!words_of(a.body).empty()) articles.push_back(std::move(a));
    };
    sink.bad = [](const newsdex::BadRecord&) {};
    for (const auto& p : paths) newsdex::read_path(p, {}, sink);
    if (articles.empty()) {
        std::fprintf(stderr, "roundtrip: no articles read\n");
        return 2;
    }
    newsdex::Searcher searcher({db});
    std::mt19937 rng(seed);
    unsigned passed = 0, failed = 0;
    auto check = [&](const newsdex::Article& a, const std::string& text) {
        newsdex::SearchRequest request;
        request.query = "\"" + text + "\"";
        request.filters = {"id:" + a.id};
        request.snippets = false;
        request.collapse_duplicates = false;
        request.limit = 1;
        try {
            auto result = searcher.search(request);
            if (!result.hits.empty() && result.hits[0].id == a.id) {
                ++passed;
                return;
            }
            std::printf("FAIL %s: %s finds nothing\n", a.id.c_str(), request.query.c_str());
        } catch (const std::exception& e) {
            std::printf("FAIL %s: %s: %s\n", a.id.c_str(), request.query.c_str(), e.what());
        }
        ++failed;
    };
    auto pick = [&](unsigned min_words, unsigned max_words) {
        while (true) {
            const auto& a = articles[rng() % articles.size()];
            auto words = words_of(a.body);
            std::size_t start = rng() % words.size();
            unsigned n = min_words + rng() % (max_words - min_words + 1);
            std::string text;
            if (has_cjk(words[start])) {
                auto chars = split_chars(words[start]);
                if (chars.size() < n) continue;
                std::size_t from = rng() % (chars.size() - n + 1);
                // A pick must not cut a Latin word or number inside the CJK run
                // ("（AI）を" -> "（A" is no phrase a user would type).
                auto ascii_alnum = [](const std::string& c) {
                    return c.size() == 1 && std::isalnum((unsigned char)c[0]);
                };
                if (from > 0 && ascii_alnum(chars[from - 1]) && ascii_alnum(chars[from])) continue;
                if (from + n < chars.size() && ascii_alnum(chars[from + n - 1]) && ascii_alnum(chars[from + n]))
                    continue;
                for (unsigned k = 0; k < n; ++k) text += chars[from + k];
            } else {
                if (start + n > words.size()) continue;
                for (unsigned k = 0; k < n; ++k) text += (k ? " " : "") + words[start + k];
            }
            if (!has_letter_or_digit(text)) continue;
            return std::make_pair(&a, text);
        }
    };
    for (unsigned i = 0; i < phrases; ++i) {
        auto [a, text] = pick(2, 4);
        check(*a, text);
    }
    for (unsigned i = 0; i < single_words; ++i) {
        auto [a, text] = pick(1, 1);
        check(*a, text);
    }
    std::printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
