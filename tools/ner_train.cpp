// newsdex-ner-train: derive the compact gazetteer lists from the raw
// gazetteers and train the averaged-perceptron NER model on CoNLL-2003.
//
//   newsdex-ner-train [--conll DIR] [--gazetteers DIR] [--out DIR]
//                     [--max-epochs N] [--min-count N] [--prune X]
//
// Defaults (run from the repository root): --conll ../shared/data/conll2003
// --gazetteers ../shared/data/gazetteers --out common/data.  Deterministic:
// fixed shuffling seed, fixed iteration order.  Epochs are tuned on dev.txt.
#include "common/entities/ner.h"
#include "newsdex/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace newsdex;
using namespace newsdex::ner;

namespace {

struct Doc {
    std::vector<std::vector<std::string>> words;
    std::vector<std::vector<int>> tags;
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
        if (line.empty()) { flush(); continue; }
        std::istringstream ls(line);
        std::string w, pos, chunk, tag;
        ls >> w >> pos >> chunk >> tag;
        if (w == "-DOCSTART-") { flush(); docs.emplace_back(); continue; }
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
    docs.erase(std::remove_if(docs.begin(), docs.end(), [](const Doc& d) { return d.words.empty(); }),
               docs.end());
    return docs;
}

// ---- derived gazetteers ----------------------------------------------------

std::string title_case(const std::string& s) {
    std::string r = s;
    bool start = true;
    for (auto& c : r) {
        if (std::isalpha((unsigned char)c)) {
            c = start ? char(std::toupper((unsigned char)c)) : char(std::tolower((unsigned char)c));
            start = false;
        } else {
            start = c == ' ' || c == '-' || c == '/' || c == '(' || c == '.';
        }
    }
    return r;
}

std::vector<std::string> split_ws(const std::string& s) {
    std::istringstream is(s);
    std::vector<std::string> v;
    std::string w;
    while (is >> w) v.push_back(w);
    return v;
}

// Normalise an EDGAR/S&P company name: drop state tags (/DE/, \DE\), commas,
// trailing legal suffixes; title-case ALL CAPS names.
std::string normalise_company(std::string name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        if (c == '/' || c == '\\') {
            auto j = name.find(c, i + 1);
            if (j != std::string::npos && j - i <= 6) { i = j; out.push_back(' '); continue; }
            out.push_back(' ');
            continue;
        }
        if (c == ',' || c == '"') { out.push_back(' '); continue; }
        out.push_back(c);
    }
    auto words = split_ws(out);
    static const std::set<std::string> suffixes = {
        "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "limited", "plc",
        "ag", "sa", "s.a.", "nv", "n.v.", "llc", "l.l.c.", "lp", "l.p.", "holdings", "group", "gmbh",
        "se", "ab", "asa", "the", "company", "incorporated", "trust", "cos", "de", "bv", "b.v.",
        "s.p.a.", "spa", "oyj", "/de", "del", "new", "com", "hldgs", "holding", "&"};
    while (words.size() > 1 && suffixes.count(ascii_lower(words.back()))) words.pop_back();
    if (!words.empty() && ascii_lower(words.front()) == "the" && words.size() > 1) words.erase(words.begin());
    std::string r;
    for (auto& w : words) {
        if (!r.empty()) r += ' ';
        r += w;
    }
    bool has_lower = std::any_of(r.begin(), r.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!has_lower) r = title_case(r);
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
                if (std::islower((unsigned char)w[0])) ++u.first;
                else if (i > 0) ++u.second;
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
    write_list(out + "/first_names.txt", first, gen + "# Common given names (SSA 1880-2020, >= 30000 births), lower case.\n");
    write_list(out + "/first_names_rare.txt", first_rare, gen + "# Less common given names (SSA, 2000-30000 births).\n");
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

// ---- training ----------------------------------------------------------------

struct Sent {
    std::vector<std::vector<std::int32_t>> feats;  // per token feature indexes
    std::vector<int> gold;
};

struct Counts { long tp = 0, fp = 0, fn = 0; };

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
            if (t != kO) { start = i; type = tag_type(t); }
        }
    }
    return out;
}

void score(const std::vector<int>& gold, const std::vector<int>& pred, Counts* c) {
    auto g = spans(gold), p = spans(pred);
    for (auto& s : p) {
        if (g.count(s)) ++c[std::get<0>(s)].tp;
        else ++c[std::get<0>(s)].fp;
    }
    for (auto& s : g)
        if (!p.count(s)) ++c[std::get<0>(s)].fn;
}

double f1(const Counts& c) {
    double p = c.tp + c.fp ? double(c.tp) / (c.tp + c.fp) : 0, r = c.tp + c.fn ? double(c.tp) / (c.tp + c.fn) : 0;
    return p + r ? 2 * p * r / (p + r) : 0;
}

std::vector<Sent> featurize(const std::vector<Doc>& docs, const Lexicon& lex,
                            std::unordered_map<std::uint64_t, std::int32_t>* index, bool grow,
                            std::unordered_map<std::uint64_t, int>* counts) {
    std::vector<Sent> out;
    DocFeatures df;
    for (auto& d : docs) {
        std::vector<std::vector<std::string_view>> views;
        for (auto& s : d.words) views.emplace_back(s.begin(), s.end());
        extract_features(views, lex, df);
        for (std::size_t s = 0; s < d.words.size(); ++s) {
            Sent st;
            st.gold = d.tags[s];
            for (std::size_t t = 0; t < d.words[s].size(); ++t) {
                std::vector<std::int32_t> idx;
                for (const std::uint64_t* hp = df.begin(s, t); hp != df.end(s, t); ++hp) {
                    std::uint64_t h = *hp;
                    if (counts) { ++(*counts)[h]; continue; }
                    auto it = index->find(h);
                    if (it != index->end()) idx.push_back(it->second);
                    else if (grow) { /* not used */ }
                }
                st.feats.push_back(std::move(idx));
            }
            out.push_back(std::move(st));
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) try {
    std::string conll = "../shared/data/conll2003", gz = "../shared/data/gazetteers", out = "common/data";
    int max_epochs = 20, min_count = 2;
    double prune = 0.002;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto val = [&]() -> std::string {
            if (i + 1 >= argc) throw UserError("option " + a + " needs a value");
            return argv[++i];
        };
        if (a == "--conll") conll = val();
        else if (a == "--gazetteers") gz = val();
        else if (a == "--out") out = val();
        else if (a == "--max-epochs") max_epochs = std::stoi(val());
        else if (a == "--min-count") min_count = std::stoi(val());
        else if (a == "--prune") prune = std::stod(val());
        else if (a == "-h" || a == "--help") {
            std::cout << "usage: newsdex-ner-train [--conll DIR] [--gazetteers DIR] [--out DIR] [--max-epochs N] "
                         "[--min-count N] [--prune X]\n";
            return 0;
        } else throw UserError("unknown option " + a);
    }
    auto t0 = std::chrono::steady_clock::now();
    auto train = read_conll(conll + "/train.txt");
    auto dev = read_conll(conll + "/dev.txt");
    derive_gazetteers(gz, out, train);
    Lexicon lex;
    lex.load(out);

    std::unordered_map<std::uint64_t, int> counts;
    featurize(train, lex, nullptr, false, &counts);
    std::vector<std::uint64_t> keys;
    for (auto& [h, n] : counts)
        if (n >= min_count) keys.push_back(h);
    std::sort(keys.begin(), keys.end());
    std::unordered_map<std::uint64_t, std::int32_t> index;
    for (std::size_t i = 0; i < keys.size(); ++i) index[keys[i]] = std::int32_t(i);
    auto tr = featurize(train, lex, &index, false, nullptr);
    auto dv = featurize(dev, lex, &index, false, nullptr);
    std::cerr << "features: " << counts.size() << " seen, " << keys.size() << " kept; " << tr.size()
              << " train sentences, " << dv.size() << " dev sentences\n";

    const std::size_t nf = keys.size();
    const std::size_t ntr = (kNumTags + 1) * kNumTags;
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
    auto evaluate = [&](const std::vector<float>& W, const std::vector<float>& T, Counts* cnt) {
        for (auto& s : dv) score(s.gold, viterbi(scores_of(s, W), T.data()), cnt);
    };
    std::vector<std::size_t> order(tr.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(20240611);
    std::vector<float> best_w, best_t;
    double best_f = -1;
    int best_epoch = 0;
    for (int epoch = 1; epoch <= max_epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
        long errors = 0;
        for (auto si : order) {
            const Sent& s = tr[si];
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
        std::vector<float> aw(w.size()), at(tw.size());
        for (std::size_t i = 0; i < w.size(); ++i) aw[i] = w[i] - wa[i] / float(c);
        for (std::size_t i = 0; i < tw.size(); ++i) at[i] = tw[i] - twa[i] / float(c);
        Counts cnt[4];
        evaluate(aw, at, cnt);
        Counts both{cnt[0].tp + cnt[1].tp, cnt[0].fp + cnt[1].fp, cnt[0].fn + cnt[1].fn};
        double f = f1(both);
        std::fprintf(stderr, "epoch %2d  errors %6ld  dev F1 PER %.4f ORG %.4f LOC %.4f MISC %.4f  PER+ORG %.4f\n",
                     epoch, errors, f1(cnt[0]), f1(cnt[1]), f1(cnt[2]), f1(cnt[3]), f);
        if (f > best_f) {
            best_f = f;
            best_epoch = epoch;
            best_w = std::move(aw);
            best_t = std::move(at);
        } else if (epoch - best_epoch >= 4) {
            break;
        }
    }
    std::fprintf(stderr, "best epoch %d (PER+ORG F1 %.4f)\n", best_epoch, best_f);
    Model model;
    model.build(keys, best_w, best_t, prune);
    model.save(out + "/ner.model");
    // Check the quantised, pruned model.
    Model check;
    check.load(out + "/ner.model");
    Counts cnt[4];
    DocFeatures df;
    for (auto& d : dev) {
        std::vector<std::vector<std::string_view>> views;
        for (auto& s : d.words) views.emplace_back(s.begin(), s.end());
        extract_features(views, lex, df);
        for (std::size_t s = 0; s < d.words.size(); ++s) score(d.tags[s], check.decode(df, s), cnt);
    }
    std::ifstream mf(out + "/ner.model", std::ios::binary | std::ios::ate);
    std::fprintf(stderr, "saved %s: %zu features, %lld bytes; dev F1 PER %.4f ORG %.4f (%.1f s)\n",
                 (out + "/ner.model").c_str(), check.size(), (long long)mf.tellg(), f1(cnt[0]), f1(cnt[1]),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    return 0;
} catch (const UserError& e) {
    std::cerr << "newsdex-ner-train: " << e.what() << "\n";
    return 2;
} catch (const std::exception& e) {
    std::cerr << "newsdex-ner-train: " << e.what() << "\n";
    return 3;
}
