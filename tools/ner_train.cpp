// newsdex-ner-train: derive the compact gazetteer lists from the raw
// gazetteers, learn word clusters from unlabelled Reuters-21578 text, and
// train the averaged-perceptron NER model on CoNLL-2003 train+dev (ner.model,
// for news; with --extra FILE, also on our own annotated text), then the
// encyclopedic model on CoNLL-2003 train+dev + --encyclopedic FILE
// (ner_encyclopedic.model, for documents guess_domain() calls encyclopedic:
// that text cost modern-news persons in the news model, docs/entities.md).
//
//   newsdex-ner-train [--conll DIR] [--gazetteers DIR] [--reuters DIR] [--out DIR]
//                     [--epochs N | --folds K --max-epochs N] [--min-count N]
//                     [--prune X] [--extra FILE]... [--no-extra] [--extra-repeat N] [--train-only]
//                     [--encyclopedic FILE | --no-encyclopedic]
//
// Defaults (run from the repository root): --conll ../shared/data/conll2003
// --gazetteers ../shared/data/gazetteers --reuters ../shared/corpora/reuters21578
// --out common/data --folds 4 --max-epochs 14 --dropout 0.1
// --encyclopedic tools/data/encyclopedic_train.conll.  The number of epochs is chosen
// by K-fold cross-validation over whole documents of train+dev (no single
// tuning set), then the model is trained on all of train+dev.  --train-only
// leaves dev out of everything (for an honest dev score).  Deterministic:
// fixed shuffling seed, fixed iteration order.
#include "common/entities/ner.h"
#include "newsdex/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

using namespace newsdex;
using namespace newsdex::ner;

namespace {

struct Doc {
    std::vector<std::vector<std::string>> words;
    std::vector<std::vector<int>> tags;
    bool extra = false;  ///< from an --extra file (our own annotated text), not CoNLL-2003
};

std::vector<Doc> read_conll(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw SystemError("cannot read " + path);
    std::vector<Doc> docs;
    std::string line;
    std::vector<std::string> ws;
    std::vector<int> ts;
    auto flush = [&] {
        if (ws.empty()) return;
        if (docs.empty()) docs.emplace_back();
        docs.back().words.push_back(std::move(ws));
        docs.back().tags.push_back(std::move(ts));
        ws.clear();
        ts.clear();
    };
    while (std::getline(in, line)) {
        if (line.empty()) {
            flush();
            continue;
        }
        std::istringstream ls(line);
        std::string w, pos, chunk, tag;
        ls >> w >> pos >> chunk >> tag;
        if (w == "-DOCSTART-") {
            flush();
            docs.emplace_back();
            continue;
        }
        int t = tag_from_name(tag);
        if (t < 0) {
            // IOB1 "I-" at entity start: convert
            t = kO;
        }
        ws.push_back(w);
        ts.push_back(t);
    }
    flush();
    // Drop empty docs.
    docs.erase(std::remove_if(docs.begin(), docs.end(), [](const Doc& d) { return d.words.empty(); }), docs.end());
    return docs;
}

// ---- derived gazetteers ----------------------------------------------------

std::vector<std::string> split_ws(const std::string& s) {
    std::istringstream is(s);
    std::vector<std::string> v;
    std::string w;
    while (is >> w) v.push_back(w);
    return v;
}

/// CoNLL-like tokens of plain text: words (letters, digits and bytes >= 0x80,
/// joined by inner . ' - &), a final 's split off, every other character a token.
std::vector<std::string> tokenize_plain(const std::string& text) {
    auto wordc = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        unsigned char c = (unsigned char)text[i];
        if (std::isspace(c)) {
            ++i;
            continue;
        }
        if (!wordc(c)) {
            out.emplace_back(1, char(c));
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < text.size()) {
            if (wordc((unsigned char)text[j])) {
                ++j;
                continue;
            }
            if (std::strchr(".'-&", text[j]) && j + 1 < text.size() && wordc((unsigned char)text[j + 1])) {
                j += 2;
                continue;
            }
            break;
        }
        std::string w = text.substr(i, j - i);
        if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) {
            out.push_back(w.substr(0, w.size() - 2));
            out.push_back("'s");
        } else {
            out.push_back(std::move(w));
        }
        i = j;
    }
    return out;
}

// Normalise an EDGAR/S&P company name: drop state tags (/DE/, \DE\), commas,
// trailing legal suffixes; title-case ALL CAPS names.
std::string normalise_company(std::string name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        if (c == '/' || c == '\\') {
            auto j = name.find(c, i + 1);
            if (j != std::string::npos && j - i <= 6) {
                i = j;
                out.push_back(' ');
                continue;
            }
            out.push_back(' ');
            continue;
        }
        if (c == ',' || c == '"') {
            out.push_back(' ');
            continue;
        }
        out.push_back(c);
    }
    auto words = split_ws(out);
    static const std::set<std::string> suffixes = {
        "inc",     "inc.",         "corp",     "corp.", "corporation", "co",    "co.",     "ltd",    "ltd.",
        "limited", "plc",          "ag",       "sa",    "s.a.",        "nv",    "n.v.",    "llc",    "l.l.c.",
        "lp",      "l.p.",         "holdings", "group", "gmbh",        "se",    "ab",      "asa",    "the",
        "company", "incorporated", "trust",    "cos",   "de",          "bv",    "b.v.",    "s.p.a.", "spa",
        "oyj",     "/de",          "del",      "new",   "com",         "hldgs", "holding", "&"};
    while (words.size() > 1 && suffixes.count(ascii_lower(words.back()))) words.pop_back();
    if (!words.empty() && ascii_lower(words.front()) == "the" && words.size() > 1) words.erase(words.begin());
    std::string r;
    for (auto& w : words) {
        if (!r.empty()) r += ' ';
        r += w;
    }
    bool has_lower = std::any_of(r.begin(), r.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!has_lower) r = ner::ascii_title_case(r);
    return r;
}

void write_list(const std::string& path, const std::vector<std::string>& v, const std::string& header) {
    std::ofstream out(path);
    if (!out) throw SystemError("cannot write " + path);
    out << header;
    for (auto& s : v) out << s << '\n';
}

void derive_gazetteers(const std::string& gz, const std::string& out, const std::vector<Doc>& train) {
    // Lower-case frequency test: words used in lower case in the training
    // text more often than capitalised are not good name cues.
    std::map<std::string, std::pair<int, int>> usage;  // lower -> (lower count, capitalised count)
    for (auto& d : train)
        for (auto& s : d.words)
            for (std::size_t i = 0; i < s.size(); ++i) {
                auto& w = s[i];
                if (w.empty()) continue;
                auto& u = usage[ascii_lower(w)];
                if (std::islower((unsigned char)w[0]))
                    ++u.first;
                else if (i > 0)
                    ++u.second;
            }
    auto wordy = [&](const std::string& lower) {
        auto it = usage.find(lower);
        return it != usage.end() && it->second.first > it->second.second;
    };
    // First names: SSA totals.
    std::vector<std::string> first, first_rare;
    {
        std::ifstream in(gz + "/ssa_first_names_1880_2020.csv");
        if (!in) throw SystemError("cannot read " + gz + "/ssa_first_names_1880_2020.csv");
        std::string line;
        std::getline(in, line);
        std::set<std::string> seen;
        while (std::getline(in, line)) {
            std::istringstream ls(line);
            std::string name, sex, total;
            std::getline(ls, name, ',');
            std::getline(ls, sex, ',');
            std::getline(ls, total, ',');
            long long n = std::atoll(total.c_str());
            std::string lower = ascii_lower(name);
            if (n < 2000 || seen.count(lower) || wordy(lower)) continue;
            seen.insert(lower);
            (n >= 30000 ? first : first_rare).push_back(lower);
        }
    }
    std::vector<std::string> last, last_rare;
    {
        std::ifstream in(gz + "/census1990_dist.all.last");
        if (!in) throw SystemError("cannot read " + gz + "/census1990_dist.all.last");
        std::string line;
        int rank = 0;
        while (std::getline(in, line) && rank < 30000) {
            auto w = split_ws(line);
            if (w.empty()) continue;
            ++rank;
            std::string lower = ascii_lower(w[0]);
            if (wordy(lower)) continue;
            (rank <= 5000 ? last : last_rare).push_back(lower);
        }
    }
    // Companies.
    std::map<std::string, std::string> ticker_name;  // ticker -> name
    std::set<std::string> companies;
    {
        std::ifstream in(gz + "/sec_company_tickers.json");
        if (!in) throw SystemError("cannot read " + gz + "/sec_company_tickers.json");
        auto j = nlohmann::json::parse(in);
        for (auto& [k, v] : j.items()) {
            std::string name = normalise_company(v.at("title").get<std::string>());
            std::string ticker = v.at("ticker").get<std::string>();
            if (name.empty()) continue;
            companies.insert(name);
            if (!ticker_name.count(ticker)) ticker_name[ticker] = name;
        }
    }
    {
        std::ifstream in(gz + "/sp500_constituents.csv");
        if (!in) throw SystemError("cannot read " + gz + "/sp500_constituents.csv");
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            std::istringstream ls(line);
            std::string sym, sec;
            std::getline(ls, sym, ',');
            std::getline(ls, sec, ',');
            if (!sec.empty() && sec[0] == '"') continue;
            std::string name = normalise_company(sec);
            if (name.empty()) continue;
            companies.insert(name);
            ticker_name[sym] = name;  // S&P short names are better display names
        }
    }
    std::map<std::string, int> word_count;
    for (auto& c : companies) {
        std::set<std::string> ws;
        for (auto& w : split_ws(ascii_lower(c))) ws.insert(w);
        for (auto& w : ws) ++word_count[w];
    }
    std::vector<std::string> company_words;
    for (auto& [w, n] : word_count)
        if (n >= 8 && w.size() >= 3 && std::isalpha((unsigned char)w[0])) company_words.push_back(w);
    std::vector<std::string> ticker_lines;
    for (auto& [t, n] : ticker_name) ticker_lines.push_back(t + "\t" + n);

    const std::string gen = "# Generated by newsdex-ner-train from ../shared/data/gazetteers (see docs/entities.md).\n";
    write_list(out + "/first_names.txt", first,
               gen + "# Common given names (SSA 1880-2020, >= 30000 births), lower case.\n");
    write_list(out + "/first_names_rare.txt", first_rare,
               gen + "# Less common given names (SSA, 2000-30000 births).\n");
    write_list(out + "/last_names.txt", last, gen + "# US Census 1990 surnames, ranks 1-5000.\n");
    write_list(out + "/last_names_rare.txt", last_rare, gen + "# US Census 1990 surnames, ranks 5001-30000.\n");
    write_list(out + "/companies.txt", std::vector<std::string>(companies.begin(), companies.end()),
               gen + "# Company names (SEC EDGAR + S&P 500), legal suffixes and state tags stripped.\n");
    write_list(out + "/company_words.txt", company_words, gen + "# Words found in >= 8 company names.\n");
    write_list(out + "/tickers.txt", ticker_lines, gen + "# TICKER<TAB>company name (SEC EDGAR, S&P 500).\n");
    std::cerr << "gazetteers: " << first.size() << "+" << first_rare.size() << " first, " << last.size() << "+"
              << last_rare.size() << " last, " << companies.size() << " companies, " << company_words.size()
              << " company words, " << ticker_lines.size() << " tickers\n";
}

// ---- word clusters -------------------------------------------------------------
//
// Unsupervised word classes from unlabelled news text (Reuters-21578 bodies
// plus the words of the CoNLL training text, no labels): each word of >= 3
// occurrences is described by its left and right neighbours (the 600 most
// frequent words, plus capitalised / lower-case / number classes for the
// rest), weighted by positive PMI; a binary tree is grown by bisecting
// spherical 2-means, and a word's cluster is its path (at most 16 bits).
// A cheap stand-in for Brown clusters (Ratinov & Roth 2009): the tagger uses
// path prefixes at several depths.  Deterministic (no random numbers).

/// Reuters SGML bodies -> token streams (one per article).
void read_reuters_bodies(const std::string& dir, std::vector<std::vector<std::string>>& out) {
    auto unescape = [](std::string s) {
        static const std::pair<const char*, const char*> ents[] = {
            {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}};
        for (auto [from, to] : ents)
            for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += std::strlen(to))
                s.replace(p, std::strlen(from), to);
        return s;
    };
    std::size_t files = 0;
    for (int f = 0; f < 100; ++f) {
        char name[32];
        std::snprintf(name, sizeof name, "/reut2-%03d.sgm", f);
        std::ifstream in(dir + name, std::ios::binary);
        if (!in) continue;
        ++files;
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (std::size_t p = 0; (p = data.find("<BODY>", p)) != std::string::npos;) {
            const std::size_t b = p + 6, e = data.find("</BODY>", b);
            if (e == std::string::npos) break;
            out.push_back(tokenize_plain(unescape(data.substr(b, e - b))));
            p = e;
        }
    }
    if (files == 0) throw SystemError("no reut2-*.sgm files in " + dir);
}

struct SparseVec {
    std::vector<std::pair<std::uint32_t, float>> v;  ///< (dimension, value), L2-normalised
};

/// Bisecting spherical 2-means over `members`; writes each word's path bits.
void bisect(const std::vector<SparseVec>& vecs, std::vector<std::uint32_t> members, std::size_t dims,
            const std::string& path, std::vector<std::string>& paths) {
    constexpr std::size_t kMinNode = 6, kMaxDepth = 16;
    if (members.size() < kMinNode || path.size() >= kMaxDepth) {
        for (auto m : members) paths[m] = path.empty() ? "0" : path;
        return;
    }
    auto dot = [&](const SparseVec& x, const std::vector<float>& c) {
        float d = 0;
        for (auto [i, v] : x.v) d += v * c[i];
        return d;
    };
    // Start from the member farthest from the mean and the one farthest from that.
    std::vector<float> mean(dims, 0), c0(dims, 0), c1(dims, 0);
    for (auto m : members)
        for (auto [i, v] : vecs[m].v) mean[i] += v;
    auto farthest = [&](const std::vector<float>& c) {
        std::uint32_t best = members[0];
        float bd = 1e30f;
        for (auto m : members) {
            float d = dot(vecs[m], c);
            if (d < bd) {
                bd = d;
                best = m;
            }
        }
        return best;
    };
    std::uint32_t a = farthest(mean);
    for (auto [i, v] : vecs[a].v) c0[i] = v;
    std::uint32_t b = farthest(c0);
    for (auto [i, v] : vecs[b].v) c1[i] = v;
    std::vector<char> side(members.size(), 0);
    for (int iter = 0; iter < 8; ++iter) {
        bool changed = false;
        for (std::size_t k = 0; k < members.size(); ++k) {
            char sd = dot(vecs[members[k]], c1) > dot(vecs[members[k]], c0) ? 1 : 0;
            if (sd != side[k]) {
                side[k] = sd;
                changed = true;
            }
        }
        if (!changed && iter > 0) break;
        std::fill(c0.begin(), c0.end(), 0.f);
        std::fill(c1.begin(), c1.end(), 0.f);
        for (std::size_t k = 0; k < members.size(); ++k)
            for (auto [i, v] : vecs[members[k]].v) (side[k] ? c1 : c0)[i] += v;
        for (auto* c : {&c0, &c1}) {
            double n = 0;
            for (float x : *c) n += double(x) * x;
            if (n > 0)
                for (float& x : *c) x = float(x / std::sqrt(n));
        }
    }
    std::vector<std::uint32_t> left, right;
    for (std::size_t k = 0; k < members.size(); ++k) (side[k] ? right : left).push_back(members[k]);
    if (left.empty() || right.empty()) {  // cannot split further
        for (auto m : members) paths[m] = path.empty() ? "0" : path;
        return;
    }
    members.clear();
    members.shrink_to_fit();
    bisect(vecs, std::move(left), dims, path + "0", paths);
    bisect(vecs, std::move(right), dims, path + "1", paths);
}

void build_word_clusters(const std::string& reuters_dir, const std::vector<Doc>& conll, const std::string& out) {
    std::vector<std::vector<std::string>> texts;
    read_reuters_bodies(reuters_dir, texts);
    for (auto& d : conll)
        for (auto& s : d.words) texts.push_back(s);
    std::unordered_map<std::string, std::uint32_t> freq;
    for (auto& t : texts)
        for (auto& w : t) ++freq[normalise_lower(w)];
    std::vector<std::pair<std::uint32_t, std::string>> by_freq;
    for (auto& [w, n] : freq) by_freq.push_back({n, w});
    std::sort(by_freq.begin(), by_freq.end(),
              [](auto& x, auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
    constexpr std::size_t kContexts = 1000;
    constexpr std::uint32_t kMinCount = 3;
    std::unordered_map<std::string, std::uint32_t> ctx_id, word_id;
    std::vector<std::string> words;
    for (auto& [n, w] : by_freq) {
        if (ctx_id.size() < kContexts) ctx_id.emplace(w, std::uint32_t(ctx_id.size()));
        bool alpha = std::any_of(w.begin(), w.end(),
                                 [](char c) { return std::isalpha((unsigned char)c) || (unsigned char)c >= 0x80; });
        if (n >= kMinCount && alpha) {
            word_id.emplace(w, std::uint32_t(words.size()));
            words.push_back(w);
        }
    }
    // Context classes: the frequent words, then other capitalised / lower / numeric / punctuation.
    const std::uint32_t side_dims = kContexts + 4, dims = 4 * side_dims;  // positions -2, -1, +1, +2
    auto ctx_of = [&](const std::string& w, const std::string& lw) -> std::uint32_t {
        if (auto it = ctx_id.find(lw); it != ctx_id.end()) return it->second;
        if (starts_upper(w)) return kContexts;
        if (!w.empty() && std::isdigit((unsigned char)w[0])) return kContexts + 2;
        if (!w.empty() && (std::isalpha((unsigned char)w[0]) || (unsigned char)w[0] >= 0x80)) return kContexts + 1;
        return kContexts + 3;
    };
    std::vector<std::unordered_map<std::uint32_t, float>> counts(words.size());
    std::vector<double> ctx_total(dims, 0);
    double total = 0;
    for (auto& t : texts) {
        std::vector<std::string> lw(t.size());
        std::vector<std::uint32_t> cx(t.size());
        for (std::size_t i = 0; i < t.size(); ++i) {
            lw[i] = normalise_lower(t[i]);
            cx[i] = ctx_of(t[i], lw[i]);
        }
        for (std::size_t i = 0; i < t.size(); ++i) {
            auto it = word_id.find(lw[i]);
            if (it == word_id.end()) continue;
            for (int d = 0; d < 4; ++d) {
                const long j = long(i) + (d < 2 ? d - 2 : d - 1);
                const std::uint32_t c = d * side_dims + (j >= 0 && j < long(t.size()) ? cx[j] : kContexts + 3);
                counts[it->second][c] += d == 0 || d == 3 ? 0.5f : 1.0f;  // the farther neighbours count half
                ctx_total[c] += d == 0 || d == 3 ? 0.5 : 1.0;
                total += d == 0 || d == 3 ? 0.5 : 1.0;
            }
        }
    }
    // How often each word is capitalised in mid-sentence (not after . ! ? : or
    // a quote; ALL-CAPS texts skipped): separates names from ordinary words
    // that start a sentence.  Class 0 < 5%, 1 < 50%, 2 < 95%, 3 >= 95%, 4 unknown.
    std::vector<std::array<std::uint32_t, 2>> caps(words.size(), {0, 0});
    for (auto& t : texts) {
        const bool all_caps = std::none_of(t.begin(), t.end(), [](const std::string& w) {
            return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        });
        if (all_caps) continue;
        for (std::size_t i = 1; i < t.size(); ++i) {
            const std::string& prev = t[i - 1];
            if (prev == "." || prev == "!" || prev == "?" || prev == ":" || prev == "\"" || prev == "'" || prev == "``")
                continue;
            if (!std::isalpha((unsigned char)t[i][0]) && (unsigned char)t[i][0] < 0x80) continue;
            auto it = word_id.find(normalise_lower(t[i]));
            if (it != word_id.end()) ++caps[it->second][starts_upper(t[i]) ? 1 : 0];
        }
    }
    auto cap_class = [&](std::size_t w) {
        const double n = caps[w][0] + caps[w][1];
        if (n < 2) return 4;
        const double r = caps[w][1] / n;
        return r < 0.05 ? 0 : r < 0.5 ? 1 : r < 0.95 ? 2 : 3;
    };
    std::vector<SparseVec> vecs(words.size());
    for (std::size_t w = 0; w < words.size(); ++w) {
        double wt = 0;
        for (auto& [c, n] : counts[w]) wt += n;
        double norm = 0;
        for (auto& [c, n] : counts[w]) {
            double pmi = std::log(n * total / (wt * ctx_total[c]));
            if (pmi > 0) {
                vecs[w].v.push_back({c, float(pmi)});
                norm += pmi * pmi;
            }
        }
        std::sort(vecs[w].v.begin(), vecs[w].v.end());
        for (auto& [c, v] : vecs[w].v) v = float(v / std::sqrt(std::max(norm, 1e-12)));
    }
    counts.clear();
    std::vector<std::uint32_t> all(words.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = std::uint32_t(i);
    std::vector<std::string> paths(words.size());
    bisect(vecs, std::move(all), dims, "", paths);
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < words.size(); ++i)
        lines.push_back(words[i] + "\t" + paths[i] + "\t" + std::to_string(cap_class(i)));
    std::sort(lines.begin(), lines.end());
    write_list(out + "/word_clusters.txt", lines,
               "# Generated by newsdex-ner-train from Reuters-21578 bodies + CoNLL-2003 train/dev words (no labels).\n"
               "# WORD<TAB>path in a binary tree of word classes (bisecting 2-means on neighbour PPMI)<TAB>how often\n"
               "# capitalised mid-sentence (0 < 5%, 1 < 50%, 2 < 95%, 3 >= 95%, 4 unknown); see docs/entities.md.\n");
    std::cerr << "word clusters: " << words.size() << " words from " << texts.size() << " texts\n";
}

// ---- training ----------------------------------------------------------------

struct Sent {
    std::vector<std::vector<std::int32_t>> feats;  // per token feature indexes
    std::vector<int> gold;
    const std::vector<std::string>* words = nullptr;
    bool extra = false;  ///< of an --extra document (scored separately in cross-validation)
    std::vector<std::uint64_t> name_key;  ///< DocFeatures::name_key of its tokens
    std::size_t doc = 0;                  ///< index of its document in the featurised list
};

struct Counts {
    long tp = 0, fp = 0, fn = 0;
};

std::set<std::tuple<int, int, int>> spans(const std::vector<int>& tags) {
    std::set<std::tuple<int, int, int>> out;
    int start = -1, type = -1;
    for (int i = 0; i <= int(tags.size()); ++i) {
        int t = i < int(tags.size()) ? tags[i] : kO;
        bool cont = t != kO && !tag_is_begin(t) && tag_type(t) == type && start >= 0;
        if (!cont) {
            if (start >= 0) out.insert({type, start, i});
            start = -1;
            type = -1;
            if (t != kO) {
                start = i;
                type = tag_type(t);
            }
        }
    }
    return out;
}

void score(const std::vector<int>& gold, const std::vector<int>& pred, Counts* c) {
    auto g = spans(gold), p = spans(pred);
    for (auto& s : p) {
        if (g.count(s))
            ++c[std::get<0>(s)].tp;
        else
            ++c[std::get<0>(s)].fp;
    }
    for (auto& s : g)
        if (!p.count(s)) ++c[std::get<0>(s)].fn;
}

double f1(const Counts& c) {
    double p = c.tp + c.fp ? double(c.tp) / (c.tp + c.fp) : 0, r = c.tp + c.fn ? double(c.tp) / (c.tp + c.fn) : 0;
    return p + r ? 2 * p * r / (p + r) : 0;
}

/// Feature indexes of every sentence of `docs` (features not in `index`
/// dropped), or, with `counts`, only count every feature hash.
std::vector<Sent> featurize(const std::vector<const Doc*>& docs, const Lexicon& lex,
                            const std::unordered_map<std::uint64_t, std::int32_t>* index,
                            std::unordered_map<std::uint64_t, int>* counts) {
    std::vector<Sent> out;
    DocFeatures df;
    for (std::size_t doc_index = 0; doc_index < docs.size(); ++doc_index) {
        const Doc* d = docs[doc_index];
        std::vector<std::vector<std::string_view>> views;
        for (auto& s : d->words) views.emplace_back(s.begin(), s.end());
        extract_features(views, lex, df);
        for (std::size_t s = 0; s < d->words.size(); ++s) {
            Sent st;
            if (!counts) st.gold = d->tags[s];
            st.words = &d->words[s];
            st.extra = d->extra;
            st.doc = doc_index;  // only compared for equality (the documents come from several vectors)
            if (!counts)
                st.name_key.assign(df.name_key.begin() + df.sent_begin[s], df.name_key.begin() + df.sent_begin[s + 1]);
            for (std::size_t t = 0; t < d->words[s].size(); ++t) {
                std::vector<std::int32_t> idx;
                for (const std::uint64_t* hp = df.begin(s, t); hp != df.end(s, t); ++hp) {
                    if (counts) {
                        ++(*counts)[*hp];
                        continue;
                    }
                    if (auto it = index->find(*hp); it != index->end()) idx.push_back(it->second);
                }
                if (!counts) st.feats.push_back(std::move(idx));
            }
            if (!counts) out.push_back(std::move(st));
        }
    }
    return out;
}

struct Options {
    std::string conll = "../shared/data/conll2003", gz = "../shared/data/gazetteers",
                reuters = "../shared/corpora/reuters21578", out = "common/data";
    int epochs = 0;  ///< 0: chosen by cross-validation
    int max_epochs = 14, folds = 4, min_count = 2;
    double prune = 0.002;
    bool no_propagation = false;  ///< CV without the document-level pass (for comparison)
    double dropout = 0.1;         ///< share of a training token's features hidden in each update (feature bagging)
    /// Share of training tokens whose word-identity features (kFeatForm,
    /// kFeatLower, kFeatInitialLower) are all hidden in an update, so that
    /// the model learns to find names from context, shape, clusters and
    /// gazetteers rather than from the names it has memorised.
    double word_dropout = 0.0;
    /// Shuffling and dropout seed (another seed shows how much of a CV
    /// difference is chance).
    std::uint64_t seed = 20240611;
    /// Our own annotated text in CoNLL format, trained on with CoNLL-2003
    /// (--extra FILE; none by default).  tools/data/encyclopedic_train.conll
    /// (Wikipedia-style paragraphs: bands, clubs, labels, ships, military
    /// units) raised encyclopedic F1 but lowered modern held-out news PER
    /// 0.933 -> 0.918, so the shipped model is trained without it and the
    /// default command reproduces that model (docs/entities.md).
    std::vector<std::string> extra;
    /// How many times each extra document is trained on per epoch (it is
    /// held out once, never repeated, in cross-validation).
    int extra_repeat = 1;
    /// Training text of the second model, ner_encyclopedic.model (CoNLL-2003
    /// + this file; empty: no second model, and an old one is removed).
    std::string encyclopedic = "tools/data/encyclopedic_train.conll";
};

/// The training list: each extra document `repeat` times.
std::vector<const Doc*> with_repeats(const std::vector<const Doc*>& docs, int repeat) {
    std::vector<const Doc*> out;
    for (const Doc* d : docs)
        for (int k = 0; k < (d->extra ? repeat : 1); ++k) out.push_back(d);
    return out;
}

/// Per-epoch mention counts on held-out sentences: PER, ORG, LOC, MISC, then
/// the same for mentions whose text never occurs as a name in the training
/// part (how well the tagger does on names it has not memorised: the proxy
/// for text from other years and other sources), both on CoNLL-2003
/// sentences only; then the four types on the held-out sentences of --extra
/// documents (not in the first eight).
using EpochCounts = std::vector<std::array<Counts, 12>>;

std::string span_text(const std::vector<std::string>& words, int b, int e) {
    std::string t;
    for (int i = b; i < e; ++i) {
        if (i > b) t += ' ';
        t += words[i];
    }
    return t;
}

/// Names (mention texts of any type) in `docs`.
std::unordered_set<std::string> mention_texts(const std::vector<const Doc*>& docs) {
    std::unordered_set<std::string> out;
    for (const Doc* d : docs)
        for (std::size_t s = 0; s < d->words.size(); ++s)
            for (auto& [type, b, e] : spans(d->tags[s])) out.insert(span_text(d->words[s], b, e));
    return out;
}

/// Like score(), only for mentions (gold or predicted) whose text is not in `seen`.
void score_unseen(const Sent& s, const std::vector<int>& pred, const std::unordered_set<std::string>& seen, Counts* c) {
    auto g = spans(s.gold), p = spans(pred);
    auto unseen = [&](const std::tuple<int, int, int>& x) {
        return !seen.count(span_text(*s.words, std::get<1>(x), std::get<2>(x)));
    };
    for (auto& x : p)
        if (unseen(x)) ++(g.count(x) ? c[std::get<0>(x)].tp : c[std::get<0>(x)].fp);
    for (auto& x : g)
        if (unseen(x) && !p.count(x)) ++c[std::get<0>(x)].fn;
}

/// Per feature index: 1 when the feature is a word-identity feature of some
/// training word (the keys extract_features emits for kFeatForm, kFeatLower
/// and kFeatInitialLower; a case-restored form is a form of the same
/// document, so it is covered too).
std::vector<char> identity_features(const std::vector<const Doc*>& docs,
                                    const std::unordered_map<std::uint64_t, std::int32_t>& index) {
    std::vector<char> out(index.size(), 0);
    auto mark = [&](int tid, std::uint64_t v) {
        if (auto it = index.find(feature_key(tid, v)); it != index.end()) out[it->second] = 1;
    };
    for (const Doc* d : docs)
        for (auto& s : d->words)
            for (auto& w : s) {
                const std::uint64_t lower = hash_str(normalise_lower(w));
                mark(kFeatForm, hash_str(normalise_form(w)));
                mark(kFeatLower, lower);
                mark(kFeatInitialLower, lower);
            }
    return out;
}

struct Trained {
    std::vector<std::uint64_t> keys;
    std::vector<float> w, trans;  ///< averaged weights after the last epoch
};

/// Averaged perceptron on `train` for `epochs` epochs (deterministic order).
/// When `held` is given, the averaged model of every epoch is scored on it
/// into (*per_epoch)[epoch - 1].
Trained train_perceptron(const std::vector<const Doc*>& train, const std::vector<const Doc*>& held, const Lexicon& lex,
                         const Options& opt, int epochs, EpochCounts* per_epoch) {
    std::unordered_map<std::uint64_t, int> counts;
    featurize(train, lex, nullptr, &counts);
    Trained out;
    for (auto& [h, n] : counts)
        if (n >= opt.min_count) out.keys.push_back(h);
    counts.clear();
    std::sort(out.keys.begin(), out.keys.end());
    std::unordered_map<std::uint64_t, std::int32_t> index;
    for (std::size_t i = 0; i < out.keys.size(); ++i) index[out.keys[i]] = std::int32_t(i);
    const auto identity = identity_features(train, index);
    const auto tr = featurize(train, lex, &index, nullptr);
    const auto ho = featurize(held, lex, &index, nullptr);
    const auto seen = mention_texts(train);
    std::fprintf(stderr, "  %zu features, %zu training sentences, %zu held-out sentences\n", out.keys.size(), tr.size(),
                 ho.size());
    const std::size_t nf = out.keys.size(), ntr = (kNumTags + 1) * kNumTags;
    std::vector<float> w(nf * kNumTags, 0), wa(nf * kNumTags, 0), tw(ntr, 0), twa(ntr, 0);
    double c = 1;
    auto scores_of = [&](const Sent& s, const std::vector<float>& W) {
        std::vector<std::array<float, kNumTags>> sc(s.feats.size());
        for (std::size_t i = 0; i < s.feats.size(); ++i) {
            sc[i].fill(0);
            if (s.feats[i].empty()) {  // forced O (see extract_features)
                sc[i].fill(-1e9f);
                sc[i][kO] = 0;
                continue;
            }
            for (auto f : s.feats[i]) {
                const float* row = &W[std::size_t(f) * kNumTags];
                for (int t = 0; t < kNumTags; ++t) sc[i][t] += row[t];
            }
        }
        return sc;
    };
    auto average = [&] {
        out.w.resize(w.size());
        out.trans.resize(tw.size());
        for (std::size_t i = 0; i < w.size(); ++i) out.w[i] = w[i] - wa[i] / float(c);
        for (std::size_t i = 0; i < tw.size(); ++i) out.trans[i] = tw[i] - twa[i] / float(c);
    };
    std::vector<std::size_t> order(tr.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(opt.seed);
    Sent dropped;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
        long errors = 0;
        for (auto si : order) {
            const Sent* sp = &tr[si];
            if (opt.dropout > 0 || opt.word_dropout > 0) {  // hide a random share of the features (fixed seed)
                dropped = *sp;
                auto coin = [&](double p) { return p > 0 && double(rng() >> 11) * 0x1p-53 < p; };
                for (auto& fs : dropped.feats) {
                    if (fs.empty()) continue;  // keep forced-O tokens forced
                    if (coin(opt.word_dropout)) std::erase_if(fs, [&](std::int32_t f) { return identity[f] != 0; });
                    std::erase_if(fs, [&](std::int32_t) { return coin(opt.dropout); });
                    if (fs.empty()) fs.push_back(sp->feats[&fs - dropped.feats.data()][0]);
                }
                sp = &dropped;
            }
            const Sent& s = *sp;
            auto pred = viterbi(scores_of(s, w), tw.data());
            for (std::size_t i = 0; i < pred.size(); ++i) {
                int g = s.gold[i], p = pred[i];
                int gp = i ? s.gold[i - 1] : -1, pp = i ? pred[i - 1] : -1;
                if (g != p) {
                    ++errors;
                    for (auto f : s.feats[i]) {
                        w[std::size_t(f) * kNumTags + g] += 1;
                        wa[std::size_t(f) * kNumTags + g] += float(c);
                        w[std::size_t(f) * kNumTags + p] -= 1;
                        wa[std::size_t(f) * kNumTags + p] -= float(c);
                    }
                }
                if (g != p || gp != pp) {
                    tw[(gp + 1) * kNumTags + g] += 1;
                    twa[(gp + 1) * kNumTags + g] += float(c);
                    tw[(pp + 1) * kNumTags + p] -= 1;
                    twa[(pp + 1) * kNumTags + p] -= float(c);
                }
            }
            c += 1;
        }
        if (!per_epoch) {
            std::fprintf(stderr, "  epoch %2d  errors %6ld\n", epoch, errors);
            continue;
        }
        average();
        auto& cnt = (*per_epoch)[epoch - 1];
        Counts ep[12], first[2];
        // held-out documents: first pass per sentence, then the document-level pass
        for (std::size_t b = 0, e; b < ho.size(); b = e) {
            for (e = b + 1; e < ho.size() && ho[e].doc == ho[b].doc;) ++e;
            DocFeatures df;
            std::vector<std::vector<int>> preds;
            df.sent_begin.push_back(0);
            for (std::size_t i = b; i < e; ++i) {
                preds.push_back(viterbi(scores_of(ho[i], out.w), out.trans.data()));
                score(ho[i].gold, preds.back(), first);
                df.name_key.insert(df.name_key.end(), ho[i].name_key.begin(), ho[i].name_key.end());
                df.sent_begin.push_back(std::uint32_t(df.name_key.size()));
            }
            if (!opt.no_propagation) propagate_names(df, preds);
            for (std::size_t i = b; i < e; ++i) {
                if (ho[i].extra) {  // apart, so that the CoNLL scores stay comparable with runs without them
                    score(ho[i].gold, preds[i - b], ep + 8);
                    continue;
                }
                score(ho[i].gold, preds[i - b], ep);
                score_unseen(ho[i], preds[i - b], seen, ep + 4);
            }
        }
        std::fprintf(stderr, "  (first pass only: PER %.4f ORG %.4f)\n", f1(first[0]), f1(first[1]));
        for (int t = 0; t < 12; ++t) {
            cnt[t].tp += ep[t].tp;
            cnt[t].fp += ep[t].fp;
            cnt[t].fn += ep[t].fn;
        }
        std::fprintf(stderr,
                     "  epoch %2d  errors %6ld  held-out F1 PER %.4f ORG %.4f  unseen names PER %.4f ORG %.4f\n", epoch,
                     errors, f1(ep[0]), f1(ep[1]), f1(ep[4]), f1(ep[5]));
    }
    average();
    return out;
}

double per_org_f1(const Counts* c) { return f1(Counts{c[0].tp + c[1].tp, c[0].fp + c[1].fp, c[0].fn + c[1].fn}); }
/// What the epoch count is chosen by: PER+ORG F1 on all held-out CoNLL names
/// and on the unseen ones, equally weighted (the extra documents' own F1 is
/// printed beside it: it chose --extra-repeat, see docs/entities.md).
double selection_score(const std::array<Counts, 12>& c) { return (per_org_f1(c.data()) + per_org_f1(c.data() + 4)) / 2; }

/// K-fold cross-validation over whole documents of train+dev (document i in
/// fold i % K); returns the epoch count with the best pooled PER+ORG F1.
int cross_validate(const std::vector<const Doc*>& all, const Lexicon& lex, const Options& opt) {
    EpochCounts pooled(opt.max_epochs);
    for (int f = 0; f < opt.folds; ++f) {
        std::vector<const Doc*> tr, ho;
        for (std::size_t i = 0; i < all.size(); ++i) (int(i % opt.folds) == f ? ho : tr).push_back(all[i]);
        std::fprintf(stderr, "fold %d of %d\n", f + 1, opt.folds);
        train_perceptron(with_repeats(tr, opt.extra_repeat), ho, lex, opt, opt.max_epochs, &pooled);
    }
    int best = 1;
    for (int e = 1; e <= opt.max_epochs; ++e) {
        const auto& c = pooled[e - 1];
        std::fprintf(stderr,
                     "cv epoch %2d  F1 PER %.4f ORG %.4f LOC %.4f MISC %.4f | unseen PER %.4f ORG %.4f | score %.4f"
                     " | extra PER %.4f ORG %.4f\n",
                     e, f1(c[0]), f1(c[1]), f1(c[2]), f1(c[3]), f1(c[4]), f1(c[5]), selection_score(c), f1(c[8]),
                     f1(c[9]));
        if (selection_score(c) > selection_score(pooled[best - 1])) best = e;
    }
    return best;
}

/// Score a saved model on CoNLL documents with the run-time code path.
std::array<Counts, 4> score_model(const Model& m, const std::vector<Doc>& docs, const Lexicon& lex) {
    std::array<Counts, 4> cnt{};
    DocFeatures df;
    for (auto& d : docs) {
        std::vector<std::vector<std::string_view>> views;
        for (auto& s : d.words) views.emplace_back(s.begin(), s.end());
        extract_features(views, lex, df);
        for (std::size_t s = 0; s < d.words.size(); ++s) score(d.tags[s], m.decode(df, s), cnt.data());
    }
    return cnt;
}

}  // namespace

int main(int argc, char** argv) try {
    Options opt;
    bool train_only = false, no_clusters = false;  // --no-clusters: for comparison runs
    bool extra_given = false;                      // the first --extra replaces the default list (empty today)
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto val = [&]() -> std::string {
            if (i + 1 >= argc) throw UserError("option " + a + " needs a value");
            return argv[++i];
        };
        auto num = [&]() {
            std::string v = val();
            try {
                return std::stoi(v);
            } catch (const std::exception&) {
                throw UserError("option " + a + ": not a number: " + v);
            }
        };
        if (a == "--conll")
            opt.conll = val();
        else if (a == "--gazetteers")
            opt.gz = val();
        else if (a == "--reuters")
            opt.reuters = val();
        else if (a == "--out")
            opt.out = val();
        else if (a == "--epochs")
            opt.epochs = num();
        else if (a == "--max-epochs")
            opt.max_epochs = num();
        else if (a == "--folds")
            opt.folds = num();
        else if (a == "--min-count")
            opt.min_count = num();
        else if (a == "--prune")
            opt.prune = std::stod(val());
        else if (a == "--dropout")
            opt.dropout = std::stod(val());
        else if (a == "--seed")
            opt.seed = std::uint64_t(num());
        else if (a == "--word-dropout")
            opt.word_dropout = std::stod(val());
        else if (a == "--extra") {
            if (!extra_given) opt.extra.clear();
            extra_given = true;
            opt.extra.push_back(val());
        } else if (a == "--no-extra") {
            extra_given = true;
            opt.extra.clear();
        } else if (a == "--encyclopedic")
            opt.encyclopedic = val();
        else if (a == "--no-encyclopedic")
            opt.encyclopedic.clear();
        else if (a == "--extra-repeat")
            opt.extra_repeat = num();
        else if (a == "--train-only")
            train_only = true;
        else if (a == "--no-clusters")
            no_clusters = true;
        else if (a == "--cv-no-propagation")
            opt.no_propagation = true;
        else if (a == "-h" || a == "--help") {
            std::cout
                << "usage: newsdex-ner-train [--conll DIR] [--gazetteers DIR] [--reuters DIR] [--out DIR]\n"
                   "                         [--epochs N | --folds K --max-epochs N] [--min-count N] [--prune X]\n"
                   "                         [--dropout X] [--word-dropout X] [--seed N]\n"
                   "                         [--extra FILE]... [--no-extra] [--extra-repeat N]\n"
                   "                         [--encyclopedic FILE | --no-encyclopedic]\n"
                   "                         [--train-only] [--no-clusters]\n";
            return 0;
        } else
            throw UserError("unknown option " + a);
    }
    if (opt.folds < 2 && opt.epochs <= 0) throw UserError("--folds must be >= 2 unless --epochs is given");
    if (opt.max_epochs < 1) throw UserError("--max-epochs must be >= 1");
    if (opt.extra_repeat < 1) throw UserError("--extra-repeat must be >= 1");
    auto t0 = std::chrono::steady_clock::now();
    auto train = read_conll(opt.conll + "/train.txt");
    auto dev = read_conll(opt.conll + "/dev.txt");
    std::vector<Doc> extra;
    for (auto& path : opt.extra)
        for (auto& d : read_conll(path)) {
            extra.push_back(std::move(d));
            extra.back().extra = true;
        }
    // Read before anything is written: a missing file stops the run with
    // the output directory as it was.
    std::vector<Doc> enc;
    if (!opt.encyclopedic.empty()) enc = read_conll(opt.encyclopedic);
    for (auto& d : enc) d.extra = true;
    derive_gazetteers(opt.gz, opt.out, train);
    if (no_clusters)
        std::filesystem::remove(opt.out + "/word_clusters.txt");
    else
        build_word_clusters(opt.reuters, train, opt.out);
    Lexicon lex;
    lex.load(opt.out);
    // The shipped model learns from train+dev; --train-only keeps dev unseen
    // (to report an honest dev score for the same settings).
    std::vector<const Doc*> all;
    for (auto& d : train) all.push_back(&d);
    if (!train_only)
        for (auto& d : dev) all.push_back(&d);
    for (auto& d : extra) all.push_back(&d);  // after CoNLL: fold i % K spreads them over the folds
    // One model: cross-validation picks the epochs, then all of `docs`;
    // saved as out/name and checked with the run-time code path.
    auto train_and_save = [&](const std::vector<const Doc*>& docs, std::size_t n_extra, const std::string& name) {
        int epochs = opt.epochs;
        if (epochs <= 0) {
            epochs = cross_validate(docs, lex, opt);
            std::fprintf(stderr, "%s: cross-validation: %d epochs\n", name.c_str(), epochs);
        }
        std::fprintf(stderr, "%s: %zu documents (%zu extra, x%d), %d epochs\n", name.c_str(), docs.size(), n_extra,
                     opt.extra_repeat, epochs);
        Trained tm = train_perceptron(with_repeats(docs, opt.extra_repeat), {}, lex, opt, epochs, nullptr);
        Model model;
        model.build(tm.keys, tm.w, tm.trans, opt.prune);
        const std::string path = opt.out + "/" + name;
        model.save(path);
        Model check;
        check.load(path);
        auto cnt = score_model(check, dev, lex);
        std::ifstream mf(path, std::ios::binary | std::ios::ate);
        std::fprintf(stderr, "saved %s: %zu features, %lld bytes; dev F1 PER %.4f ORG %.4f%s (%.1f s)\n", path.c_str(),
                     check.size(), (long long)mf.tellg(), f1(cnt[0]), f1(cnt[1]),
                     train_only ? " (dev unseen)" : " (dev is training data)",
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    };
    train_and_save(all, extra.size(), "ner.model");
    // The encyclopedic model: the same CoNLL documents (without --extra) and
    // the encyclopedic text, once per epoch (CV chose x1, docs/entities.md).
    if (opt.encyclopedic.empty()) {
        std::filesystem::remove(opt.out + "/ner_encyclopedic.model");
    } else {
        std::vector<const Doc*> docs;
        for (const Doc* d : all)
            if (!d->extra) docs.push_back(d);
        for (auto& d : enc) docs.push_back(&d);
        opt.extra_repeat = 1;
        train_and_save(docs, enc.size(), "ner_encyclopedic.model");
    }
    return 0;
} catch (const UserError& e) {
    std::cerr << "newsdex-ner-train: " << e.what() << "\n";
    return 2;
} catch (const std::exception& e) {
    std::cerr << "newsdex-ner-train: " << e.what() << "\n";
    return 3;
}
