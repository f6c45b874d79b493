// newsdex-entities-bench: entity extraction throughput on a corpus.
//
//   newsdex-entities-bench [PATH] [--limit N]
//
// Reads PATH with newsdex::read_path (default: the Reuters-21578 SGML files in
// ../shared/corpora/reuters21578), then times EntityExtractor::extract over
// all articles (title + body) on one thread and prints MB/s.
#include "common/entities/entities.h"
#include "common/readers.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::string path = "../shared/corpora/reuters21578";
    std::size_t limit = 0;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--limit" && i + 1 < argc) limit = std::stoul(argv[++i]);
        else path = a;
    }
    std::vector<newsdex::Article> articles;
    newsdex::ReaderSink sink;
    sink.article = [&](newsdex::Article&& a) {
        if (!limit || articles.size() < limit) articles.push_back(std::move(a));
    };
    sink.bad = [](const newsdex::BadRecord&) {};
    newsdex::read_path(path, newsdex::ReaderOptions{}, sink);
    std::size_t bytes = 0;
    for (auto& a : articles) bytes += a.title.size() + a.body.size() + 2;
    auto t0 = std::chrono::steady_clock::now();
    newsdex::EntityExtractor ex;
    auto t1 = std::chrono::steady_clock::now();
    std::size_t entities = 0, mentions = 0;
    for (auto& a : articles) {
        auto es = ex.extract(a);
        entities += es.size();
        for (auto& e : es) mentions += e.mentions;
    }
    auto t2 = std::chrono::steady_clock::now();
    double load = std::chrono::duration<double>(t1 - t0).count();
    double secs = std::chrono::duration<double>(t2 - t1).count();
    std::printf("articles %zu  text %.1f MB  model load %.2f s  extract %.2f s  %.2f MB/s  entities %zu  mentions %zu\n",
                articles.size(), bytes / 1e6, load, secs, bytes / 1e6 / secs, entities, mentions);
    // Tagger alone (features + Viterbi) on pre-split text: whitespace tokens,
    // one sentence per line.
    std::vector<std::vector<std::vector<std::string>>> docs;
    for (auto& a : articles) {
        std::vector<std::vector<std::string>> d;
        std::string text = a.title + "\n\n" + a.body;
        std::vector<std::string> sent;
        std::string word;
        for (char c : text) {
            if (c == ' ' || c == '\n' || c == '\t') {
                if (!word.empty()) sent.push_back(std::move(word)), word.clear();
                if (c == '\n' && !sent.empty()) d.push_back(std::move(sent)), sent.clear();
            } else {
                word += c;
            }
        }
        if (!word.empty()) sent.push_back(word);
        if (!sent.empty()) d.push_back(sent);
        docs.push_back(std::move(d));
    }
    auto t3 = std::chrono::steady_clock::now();
    std::size_t tagged = 0;
    for (auto& d : docs)
        for (auto& s : ex.tag_document(d)) tagged += s.size();
    auto t4 = std::chrono::steady_clock::now();
    double tsecs = std::chrono::duration<double>(t4 - t3).count();
    std::printf("tagger only: %.2f s  %.2f MB/s  (%zu mentions)\n", tsecs, bytes / 1e6 / tsecs, tagged);
    return 0;
}
