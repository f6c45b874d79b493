// Pipeline stages: clustering (exact forms first, then short mentions to the
// long ones they abbreviate), aliases in the text ("X (Y)", "X, also known
// as Y") and ALL-CAPS headlines (mentions of names found in the body).
#include "common/entities/doc_state.h"
#include "common/text/ascii.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace newsdex::entities {

std::vector<std::string> key_words(const ExtractorData& D, const Mention& m) {
    if (m.type == MentionType::Org) return strip_company_words(m.words, D.words.legal_suffixes);
    return m.words;
}

std::vector<std::string> lower_words(std::vector<std::string> w) {
    for (auto& x : w) x = lower_ascii(x);
    return w;
}

int DocState::find(int c) const {
    while (clusters[c].parent >= 0) c = clusters[c].parent;
    return c;
}

void DocState::unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a == b || clusters[a].type != clusters[b].type) return;
    // keep the one with the longer name as root
    if (clusters[b].full.size() > clusters[a].full.size()) std::swap(a, b);
    clusters[b].parent = a;
    for (auto mi : clusters[b].mentions) clusters[a].mentions.push_back(mi);
    clusters[a].company_mark |= clusters[b].company_mark;
    for (auto& x : clusters[b].extra_aliases) clusters[a].extra_aliases.insert(x);
    clusters[b].mentions.clear();
}

namespace {

/// Is the mention m (lower-case key words kw) a short form of the cluster c
/// ("Kalanick" of "Travis Kalanick", "Apple" of "Apple Computer", "IBM" of
/// "International Business Machines")?  `fl` is c.full lower-cased.
bool short_form_of(const Mention& m, const std::vector<std::string>& kw, const Cluster& c,
                   const std::vector<std::string>& fl) {
    const auto& full = c.full;
    if (fl.size() <= kw.size()) return false;
    if (c.type == MentionType::Person) {
        // "Kalanick" -> "Travis Kalanick"; "Xi" -> "Xi Jinping".
        if (kw.size() == 1 && (fl.back() == kw[0] || fl.front() == kw[0])) return true;
        return kw.size() >= 2 && std::equal(kw.begin(), kw.end(), fl.end() - long(kw.size()));
    }
    if (!(m.type == MentionType::Org || !m.company_mark)) return false;
    if (std::equal(kw.begin(), kw.end(), fl.begin())) return true;  // "Apple" -> "Apple Computer", "Santa Fe"
    // a one-word "person" that ends a company's name: "Olivetti" of "Ing C. Olivetti SpA"
    if (m.type == MentionType::Person && kw.size() == 1 && fl.back() == kw[0]) return true;
    if (kw.size() == 1 && kw[0].size() >= 2 && !has_lowercase(m.words[0])) {
        // acronym of the long name: "IBM", "OPEC"
        std::string acro;
        for (auto& w : full)
            if (!w.empty() && is_upper_c(w[0])) acro += ascii::to_lower(w[0]);
        std::string k0;
        for (char ch : kw[0])
            if (ascii_alnum((unsigned char)ch)) k0 += ch;
        if (acro == k0 || c.acronyms.count(k0)) return true;
    }
    return false;
}

/// Lower-case initials of the capitalised words ("American Motors Corp" -> "amc").
std::string initials(const std::vector<std::string>& words) {
    std::string a;
    for (auto& w : words)
        if (!w.empty() && is_upper_c(w[0])) a += ascii::to_lower(w[0]);
    return words.size() >= 2 ? a : std::string();
}

/// Distance from m to the nearest mention of cluster c (mentions after m count as far).
std::size_t distance_to(const DocState& st, const Mention& m, const Cluster& c) {
    std::size_t dist = std::string::npos;
    for (auto o : c.mentions) {
        std::size_t d = st.mentions[o].b > m.b ? st.mentions[o].b - m.b + 1000000 : m.b - st.mentions[o].b;
        dist = std::min(dist, d);
    }
    return dist;
}

}  // namespace

void cluster_mentions(const ExtractorData& D, DocState& st) {
    auto& mentions = st.mentions;
    auto& clusters = st.clusters;
    // Full forms first: names with a legal suffix or from a Reuters mark, then
    // by length, so that "Amoco" finds "Amoco Corp" before "Amoco Fabrics Co".
    auto full_form = [&](const Mention& m) {
        return m.company_mark ||
               (m.type == MentionType::Org && m.words.size() > 1 && D.is_legal_suffix(m.words.back()));
    };
    // Key words of each mention (legal suffix stripped for organisations),
    // computed once: as written and lower-cased.
    std::vector<std::vector<std::string>> keys(mentions.size()), lkeys(mentions.size());
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        keys[k] = key_words(D, mentions[k]);
        lkeys[k] = lower_words(keys[k]);
    }
    std::vector<std::size_t> order(mentions.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        bool fa = full_form(mentions[a]), fb = full_form(mentions[b]);
        if (fa != fb) return fa;
        return keys[a].size() > keys[b].size();
    });
    std::map<std::pair<MentionType, std::vector<std::string>>, int> by_key;
    std::vector<std::vector<std::string>> lfull;  // per cluster: full, lower-cased (once, not per pair)
    for (auto& c : clusters) lfull.push_back(lower_words(c.full));
    auto join_cluster = [&](std::size_t mi, int c) {
        mentions[mi].cluster = c;
        clusters[c].mentions.push_back(mi);
        clusters[c].company_mark |= mentions[mi].company_mark;
        if (std::string a = initials(mentions[mi].words); a.size() >= 2) clusters[c].acronyms.insert(a);
    };
    for (std::size_t mi : order) {
        Mention& m = mentions[mi];
        const auto& kw = lkeys[mi];
        std::pair<MentionType, std::vector<std::string>> key{m.type, kw};  // built once, moved into by_key
        auto it = by_key.find(key);
        // Short mention of a longer name?  (Not for explicit full names.)  The
        // nearest wins; a surname goes to a person before a company.
        int best = -1;
        bool best_person = false;
        std::size_t best_dist = std::string::npos;
        for (std::size_t c = 0; it == by_key.end() && !full_form(m) && c < clusters.size(); ++c) {
            if (!short_form_of(m, kw, clusters[c], lfull[c])) continue;
            const bool person = clusters[c].type == MentionType::Person;
            if (m.type == MentionType::Person && best_person && !person) continue;
            std::size_t dist = distance_to(st, m, clusters[c]);
            if (dist < best_dist || (m.type == MentionType::Person && person && !best_person)) {
                best_dist = dist;
                best = int(c);
                best_person = person;
            }
        }
        if (it == by_key.end() && !best_person && kw.size() == 1 && m.type == MentionType::Person) {
            key.first = MentionType::Org;
            it = by_key.find(key);  // "Gould" = "Gould Inc"
            key.first = m.type;
        }
        if (it != by_key.end()) {
            join_cluster(mi, it->second);
            continue;
        }
        if (best >= 0) {
            join_cluster(mi, best);
            by_key[std::move(key)] = best;
            continue;
        }
        Cluster c;
        c.type = m.type;
        c.full = keys[mi];
        lfull.push_back(lkeys[mi]);
        clusters.push_back(std::move(c));
        join_cluster(mi, int(clusters.size()) - 1);
        by_key[std::move(key)] = m.cluster;
    }
    for (auto& [mi, ticker] : st.ticker_alias)
        if (mi < mentions.size() && mentions[mi].cluster >= 0)
            clusters[st.find(mentions[mi].cluster)].extra_aliases.insert(ticker);
}

namespace {

/// "Jansher Khan (Pakistan)", "Red Star (Yugoslavia)": a country or place in
/// parentheses after a name says where the person or team is from; it is no
/// other name of it.
bool place_name(const ExtractorData& D, const std::vector<std::string>& words) {
    const std::string name = join(words, 0, words.size());
    return D.words.countries.count(name) || D.words.major_places.count(name) || D.places.count(name);
}

}  // namespace

void link_text_aliases(const ExtractorData& D, DocState& st) {
    auto& mentions = st.mentions;
    auto& clusters = st.clusters;
    // "X (Y)", "X (also known as Y)", "X, also known as Y": link.
    {
        std::map<std::pair<std::size_t, std::size_t>, std::size_t> at_start;  // (sent, tb) -> mention
        for (std::size_t k = 0; k < mentions.size(); ++k)
            if (mentions[k].te > mentions[k].tb) at_start[{mentions[k].sent, mentions[k].tb}] = k;
        for (std::size_t k = 0; k < mentions.size(); ++k) {
            const Mention& a = mentions[k];
            if (a.te <= a.tb) continue;
            const auto& sent = st.doc[a.sent];
            std::size_t p = a.te;
            bool paren = p < sent.size() && sent[p] == "(";
            bool comma = p < sent.size() && sent[p] == ",";
            if (!paren && !comma) continue;
            ++p;
            std::size_t q = p;
            bool intro = false;
            for (auto& in : D.words.alias_intros) {
                if (q + in.size() > sent.size()) continue;
                bool ok = true;
                for (std::size_t r = 0; r < in.size(); ++r)
                    if (lower_ascii(sent[q + r]) != in[r]) ok = false;
                if (ok) {
                    q += in.size();
                    intro = true;
                    break;
                }
            }
            if (comma && !intro) continue;
            auto it = at_start.find({a.sent, q});
            if (it != at_start.end()) {
                const Mention& b = mentions[it->second];
                std::size_t end = b.te;
                if (paren && !(end < sent.size() && sent[end] == ")")) continue;
                if (paren && place_name(D, b.words)) continue;
                if (a.cluster >= 0 && b.cluster >= 0) {
                    if (mentions[it->second].type != a.type) mentions[it->second].type = a.type;
                    if (clusters[st.find(a.cluster)].type == clusters[st.find(b.cluster)].type)
                        st.unite(a.cluster, b.cluster);
                }
            } else if (paren) {
                // Capitalised run inside the parentheses, up to ")".
                std::size_t r = q;
                while (r < sent.size() && sent[r] != ")" && !sent[r].empty() &&
                       (is_upper_c(sent[r][0]) || sent[r] == "&" || sent[r] == "."))
                    ++r;
                if (r == q || r >= sent.size() || sent[r] != ")" || r - q > 5) continue;
                if (r - q == 1 && sent[q].size() < 2) continue;
                std::vector<std::string> words(sent.begin() + long(q), sent.begin() + long(r));
                std::string name = join(words, 0, words.size());
                std::string lower = lower_ascii(name);
                if (place_name(D, words)) continue;
                if (D.words.noise_names.count(lower) || D.words.date_words.count(lower) || junk_name(D.words, words))
                    continue;
                Mention m;
                const std::size_t base = st.tk.sentences[a.sent].first;
                m.b = st.tk.tokens[base + q].b;
                m.e = st.tk.tokens[base + r - 1].e;
                m.type = a.type;
                m.words = words;
                m.sent = a.sent;
                m.tb = q;
                m.te = r;
                Cluster c;
                c.type = m.type;
                c.full = words;
                c.mentions.push_back(mentions.size());
                m.cluster = int(clusters.size());
                clusters.push_back(c);
                const int a_cluster = a.cluster;  // `a` refers into `mentions`, which push_back may move
                mentions.push_back(m);
                st.unite(a_cluster, m.cluster);
            }
        }
    }
}

void match_headlines(const ExtractorData& D, DocState& st) {
    auto& mentions = st.mentions;
    auto& clusters = st.clusters;
    // ---- all-caps sentences (headlines): mentions of names already found ----
    {
        std::vector<std::pair<std::vector<std::string>, int>> forms;  // lower words -> cluster
        for (auto& m : mentions) {
            if (m.cluster < 0) continue;
            auto w = lower_words(key_words(D, m));
            if (w.empty()) continue;
            if (w.size() == 1 && (w[0].size() < 3 || D.words.noise_names.count(w[0]) || D.words.date_words.count(w[0])))
                continue;
            forms.push_back({std::move(w), m.cluster});
        }
        std::sort(forms.begin(), forms.end(), [](auto& a, auto& b) { return a.first.size() > b.first.size(); });
        for (std::size_t s = 0; s < st.doc.size(); ++s) {
            if (!st.caps_sentence[s]) continue;
            const std::size_t base = st.tk.sentences[s].first;
            std::vector<std::string> lw;
            for (auto w : st.doc[s]) lw.push_back(lower_ascii(w));
            for (std::size_t i = 0; i < lw.size(); ++i) {
                if (st.in_mark(st.tk.tokens[base + i].b, st.tk.tokens[base + i].e)) continue;
                for (auto& [f, c] : forms) {
                    if (i + f.size() > lw.size() || !std::equal(f.begin(), f.end(), lw.begin() + long(i))) continue;
                    std::size_t e = st.tk.tokens[base + i + f.size() - 1].e;
                    bool overlap = false;
                    for (auto& m : mentions)
                        if (m.b < e && m.e > st.tk.tokens[base + i].b) overlap = true;
                    if (overlap) break;
                    Mention m;
                    m.b = st.tk.tokens[base + i].b;
                    m.e = e;
                    m.type = clusters[st.find(c)].type;
                    m.words.assign(st.doc[s].begin() + long(i), st.doc[s].begin() + long(i + f.size()));
                    m.cluster = c;
                    clusters[st.find(c)].mentions.push_back(mentions.size());
                    mentions.push_back(std::move(m));
                    i += f.size() - 1;
                    break;
                }
            }
        }
    }
}

}  // namespace newsdex::entities
