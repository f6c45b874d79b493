#include "rerank.h"

#include "common/schema/schema.h"
#include "common/schema/stored_entities.h"
#include "common/text/slug.h"
#include "recency.h"
#include "shard_bm25.h"
#include "stored_data.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_set>

namespace newsdex {

namespace {

/// The longest run of query words looked up as one entity name.
constexpr std::size_t kMaxEntityWords = 4;
/// The shortest: one word names junk as often as an entity ("oil" the
/// company "Oil", "tin" an alias of Temple Inland, "steel" David Steel).
constexpr std::size_t kMinEntityWords = 2;

/// What the re-ranking step reads of one candidate.
struct Features {
    std::size_t words_present = 0;      ///< query words it holds
    std::size_t words_in_title = 0;     ///< of those, in its headline
    std::size_t words_in_lead = 0;      ///< of those, in the body's lead (kLeadPositions)
    double proximity = 0;               ///< (k - 1) / (span - 1) for its k words, 0 for fewer than 2
    std::vector<std::string> entities;  ///< display names of the query's entities it names
    /// Query words that are part of the name of a company it names (not one
    /// the query names), and the first such as "word in company-id".
    std::size_t words_in_company_names = 0;
    std::string company_name;
};

/// The share of `body`'s whitespace-separated tokens that hold a digit and
/// no letter ("1,250", "2-1/4", "64.50-69.00"): a table of figures (market
/// reports, statistics) has most of its tokens such.
double numeric_share_of(std::string_view body) {
    std::size_t tokens = 0, numeric = 0;
    std::size_t p = 0;
    auto space = [](char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'; };
    while (p < body.size()) {
        if (space(body[p])) {
            ++p;
            continue;
        }
        bool digit = false, letter = false;
        for (; p < body.size() && !space(body[p]); ++p) {
            const auto ch = static_cast<unsigned char>(body[p]);
            digit |= ch >= '0' && ch <= '9';
            letter |= (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
        }
        ++tokens;
        numeric += digit && !letter;
    }
    return tokens ? static_cast<double>(numeric) / static_cast<double>(tokens) : 0;
}

/// Whether every word of `slug` (words joined by '-') is one of `words`.
bool all_words_in(const std::string& slug, const std::vector<std::string>& words) {
    std::size_t start = 0;
    while (start <= slug.size()) {
        std::size_t dash = slug.find('-', start);
        if (dash == std::string::npos) dash = slug.size();
        if (std::find(words.begin(), words.end(), slug.substr(start, dash - start)) == words.end()) return false;
        start = dash + 1;
    }
    return !slug.empty();
}

/// Of `ranking`'s words, those that are a word of the id of a company the
/// article names (`companies`: kSlotCompanies, ids joined by
/// kValueSeparator), other than a company the query's words name: the
/// article may use the word as a name (nippon-steel, sterling-software),
/// not in its sense.
void find_company_names(const std::string& companies, const RankingQuery& ranking, Features& f) {
    if (companies.empty()) return;
    std::vector<std::string> slugs;
    for (const auto& w : ranking.words) slugs.push_back(entity_slug(w.folded));
    std::vector<char> found(slugs.size(), 0);
    std::size_t start = 0;
    while (start < companies.size()) {
        std::size_t end = companies.find(schema::kValueSeparator, start);
        if (end == std::string::npos) end = companies.size();
        const std::string id = companies.substr(start, end - start);
        start = end + 1;
        // The query's words name this company ("apple" for Apple Inc., id
        // apple): the word is the name the query asks for.
        if (all_words_in(id, slugs)) continue;
        for (std::size_t w = 0; w < slugs.size(); ++w) {
            // A whole word of the id: "steel" in "nippon-steel", not in "steelcase".
            if (found[w] || slugs[w].empty() || ("-" + id + "-").find("-" + slugs[w] + "-") == std::string::npos)
                continue;
            found[w] = 1;
            ++f.words_in_company_names;
            if (f.company_name.empty()) f.company_name = ranking.words[w].folded + " in " + id;
        }
    }
}

/// The tightest span of positions holding one position of each of the
/// lists in `positions` (each sorted), as (words - 1) / (span - 1): 1 for
/// the words side by side, less as they stand further apart.
double proximity_of(const std::vector<std::vector<Xapian::termpos>>& positions) {
    std::vector<std::pair<Xapian::termpos, std::size_t>> merged;
    for (std::size_t w = 0; w < positions.size(); ++w)
        for (auto p : positions[w]) merged.emplace_back(p, w);
    const std::size_t k = positions.size();
    if (k < 2) return 0;
    std::sort(merged.begin(), merged.end());
    std::vector<std::size_t> in_window(k, 0);
    std::size_t covered = 0, left = 0;
    Xapian::termpos best = 0;
    for (std::size_t right = 0; right < merged.size(); ++right) {
        if (in_window[merged[right].second]++ == 0) ++covered;
        while (covered == k) {
            Xapian::termpos span = merged[right].first - merged[left].first + 1;
            if (best == 0 || span < best) best = span;
            if (--in_window[merged[left].second] == 0) --covered;
            ++left;
        }
    }
    if (best < k) best = static_cast<Xapian::termpos>(k);  // one word twice at one position cannot happen
    return static_cast<double>(k - 1) / static_cast<double>(best - 1);
}

/// Whether document `docid` names the entity of `term` (XP<slug> or
/// XC<slug>) in its text: the extractor found mentions of it.  An entity
/// only given by the source's tags (mentions 0, e.g. Reuters' PEOPLE)
/// earns no bonus: the ranking must not lean on labels.
bool named_in_text(StoredDataCache& documents, Xapian::docid docid, const std::string& term) {
    const bool person = term.compare(0, schema::kPrefixPerson.size(), schema::kPrefixPerson) == 0;
    const std::string slug = term.substr(person ? schema::kPrefixPerson.size() : schema::kPrefixCompany.size());
    const StoredData stored = parse_stored_data(documents.data(docid));
    auto list = stored.meta.find(person ? "persons" : "companies");
    if (list == stored.meta.end() || !list->is_array()) return false;
    schema::StoredEntity e;
    for (const auto& entry : *list)
        if (schema::read_stored_entity(entry, e) && e.has_id(slug)) return e.mentions > 0;
    return false;
}

/// Whether one of `sorted` positions is in the lead: the body's first
/// words (the body starts kTitleBodyGap positions after the headline).
bool in_lead(const std::vector<Xapian::termpos>& sorted) {
    auto first_past_gap = std::upper_bound(sorted.begin(), sorted.end(), Xapian::termpos{schema::kTitleBodyGap});
    return first_past_gap != sorted.end() && *first_past_gap <= schema::kTitleBodyGap + kLeadPositions;
}

/// Which features read_features computes beyond presence and headline.
struct Wanted {
    bool proximity = false;
    bool lead = false;
    bool company_names = false;
    /// Read values from each candidate's document, not a value stream: on a
    /// remote shard the stream's check() goes through skip_to(), which
    /// fetches every following document until one has the value (a sparse
    /// slot: seconds on a 100k-article shard).
    bool values_by_document = false;
    bool positions() const { return proximity || lead; }
};

/// Features of the candidates `docids` (any order): each term's postings
/// are walked once, in docid order.
std::vector<Features> read_features(const Xapian::Database& db, StoredDataCache& documents,
                                    const RankingQuery& ranking, const std::vector<Xapian::docid>& docids,
                                    Wanted wanted) {
    const bool positions = wanted.positions();
    const std::size_t n = docids.size();
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return docids[a] < docids[b]; });
    std::vector<Features> out(n);
    // For each candidate and word: present, in the title, its positions.
    std::vector<std::vector<std::vector<Xapian::termpos>>> word_positions(n);
    auto walk = [&](const std::string& term, auto&& visit) {
        auto p = db.postlist_begin(term);
        const auto end = db.postlist_end(term);
        for (std::size_t i : order) {
            if (p == end) break;
            p.skip_to(docids[i]);
            if (p != end && *p == docids[i]) visit(i);
        }
    };
    const std::string title(schema::kPrefixTitle);
    for (const auto& word : ranking.words) {
        std::vector<char> present(n, 0), in_title(n, 0);
        std::vector<std::vector<Xapian::termpos>> pos(n);
        for (const auto& term : word.terms) {
            walk(term, [&](std::size_t i) {
                present[i] = 1;
                if (positions)
                    for (auto p = db.positionlist_begin(docids[i], term); p != db.positionlist_end(docids[i], term);
                         ++p)
                        pos[i].push_back(*p);
            });
            walk(title + term, [&](std::size_t i) { in_title[i] = 1; });
        }
        for (std::size_t i = 0; i < n; ++i) {
            out[i].words_present += present[i];
            out[i].words_in_title += in_title[i];
            if (!pos[i].empty()) {
                std::sort(pos[i].begin(), pos[i].end());
                if (wanted.lead && in_lead(pos[i])) ++out[i].words_in_lead;
                word_positions[i].push_back(std::move(pos[i]));
            }
        }
    }
    if (wanted.proximity)
        for (std::size_t i = 0; i < n; ++i) out[i].proximity = proximity_of(word_positions[i]);
    for (const auto& entity : ranking.entities)
        walk(entity.term, [&](std::size_t i) {
            if (named_in_text(documents, docids[i], entity.term))
                out[i].entities.push_back(entity.surname.empty() ? entity.name
                                                                 : entity.name + ", by surname " + entity.surname);
        });
    if (wanted.company_names) {
        // One value stream walked in docid order: far cheaper than a value
        // lookup per candidate (each a fresh B-tree descent).  check(), not
        // skip_to(): on a remote shard the stream is a document fetch per
        // docid, and check() looks at the candidate alone where skip_to()
        // would fetch every following document until one has the value.
        if (wanted.values_by_document) {
            for (std::size_t i : order) {
                const std::string companies = db.get_document(docids[i]).get_value(schema::kSlotCompanies);
                if (!companies.empty()) find_company_names(companies, ranking, out[i]);
            }
        } else {
            auto v = db.valuestream_begin(schema::kSlotCompanies);
            const auto end = db.valuestream_end(schema::kSlotCompanies);
            for (std::size_t i : order) {
                if (v == end) break;
                if (v.check(docids[i]) && v != end && v.get_docid() == docids[i])
                    find_company_names(*v, ranking, out[i]);
            }
        }
    }
    return out;
}

/// Whether any bonus can apply to `ranking` under `options`.
bool has_bonuses(const RankingOptions& options, const RankingQuery& ranking) {
    if (ranking.words.empty()) return false;
    return options.headline || (options.proximity && ranking.words.size() >= 2) ||
           (options.entities && !ranking.entities.empty()) || options.tables ||
           (options.company_names && ranking.entities.empty());
}

/// BM25 of each ranking word in document `docid` (a word's stems in several
/// languages taken together, as OP_SYNONYM does), with the matcher's
/// parameters (kBM25K1, kBM25B: shard_bm25.h).
std::vector<ScorePart> word_parts(const Xapian::Database& db, const RankingQuery& ranking, Xapian::docid docid) {
    std::vector<ScorePart> parts;
    const Xapian::doccount doccount = db.get_doccount();
    const Xapian::termcount doclen = db.get_doclength(docid);
    for (const auto& word : ranking.words) {
        Xapian::termcount wdf = 0;
        Xapian::doccount termfreq = 0;
        for (const auto& term : word.terms) {
            termfreq += db.get_termfreq(term);
            auto t = db.termlist_begin(docid);
            t.skip_to(term);
            if (t != db.termlist_end(docid) && *t == term) wdf += t.get_wdf();
        }
        if (wdf == 0) continue;
        parts.push_back({"bm25", word.folded,
                         bm25_term_score(std::min(termfreq, doccount), doccount, wdf, doclen, db.get_avlength())});
    }
    return parts;
}

/// Articles holding `word` (its stems in every language, the most frequent).
Xapian::doccount word_articles(const Xapian::Database& db, const RankingWord& word) {
    Xapian::doccount most = 0;
    for (const auto& term : word.terms) most = std::max(most, db.get_termfreq(term));
    return most;
}

/// The persons named by surname (surnames.h) among the words no run
/// named: two words first ("de clercq"), then one ("volcker", "thatcher"
/// after "prime minister").  Each person once.  A first name just before
/// the surname that is not the person's ("john volcker": John is the first
/// name of someone the database knows, but not of Paul Volcker) names no
/// one: the query asks for another person of that surname.  A title word
/// ("minister", "chairman") is no one's first name.
void add_surname_entities(const Xapian::Database& db, const SurnameIndex& surnames, const MetadataLookup& metadata,
                          const std::vector<RankingWord>& words, const std::vector<char>& covered,
                          std::vector<RankingQuery::Entity>& entities) {
    // Each candidate: its first word and length.
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::vector<SurnameQuery> queries;
    std::vector<Xapian::doccount> articles_of;
    for (const auto& w : words) articles_of.push_back(word_articles(db, w));
    for (std::size_t len = 2; len >= 1; --len)
        for (std::size_t i = 0; i + len <= words.size(); ++i) {
            bool free = true;
            std::string name;
            Xapian::doccount articles = 0;
            for (std::size_t j = i; j < i + len; ++j) {
                free = free && !covered[j];
                name += (j > i ? " " : "") + words[j].folded;
                articles = j == i ? articles_of[j] : std::min(articles, articles_of[j]);
            }
            std::string slug = free ? entity_slug(name) : std::string();
            if (slug.empty() || articles == 0) continue;
            spans.emplace_back(i, len);
            queries.push_back({std::move(slug), articles});
        }
    if (queries.empty()) return;
    std::vector<std::string> persons;
    for (const auto& q : queries) persons.push_back(surnames.person(q));
    std::vector<char> taken(words.size(), 0);
    for (std::size_t k = 0; k < spans.size(); ++k) {
        const auto [first, len] = spans[k];
        if (persons[k].empty()) continue;
        if (first > 0) {
            // `before` one of the person's own names ("paul" of john-paul-smith) does not block.
            const std::string before = entity_slug(words[first - 1].folded);
            const bool persons_name =
                persons[k].rfind(before + "-", 0) == 0 || persons[k].find("-" + before + "-") != std::string::npos;
            if (!before.empty() && !persons_name && is_first_name(db, before)) continue;
        }
        bool free = true;
        for (std::size_t j = first; j < first + len; ++j) free = free && !taken[j];
        const std::string term = std::string(schema::kPrefixPerson) + persons[k];
        bool known = false;
        for (const auto& e : entities) known = known || e.term == term;
        if (!free || known) continue;
        std::string surname;
        for (std::size_t j = first; j < first + len; ++j) {
            taken[j] = 1;
            surname += (j > first ? " " : "") + words[j].folded;
        }
        std::string display = metadata(schema::name_key(schema::kPrefixPerson, persons[k]));
        entities.push_back({term, display.empty() ? persons[k] : display, std::move(surname)});
    }
}

}  // namespace

RankingQuery make_ranking_query(const Xapian::Database& db, const MetadataLookup& metadata, const ParsedQuery& parsed,
                                const RankingOptions& options, const SurnameIndex* surnames) {
    RankingQuery out;
    out.words = parsed.ranking_words;
    if (!options.entities || !parsed.plain_words) return out;
    const std::string_view prefixes[] = {schema::kPrefixPerson, schema::kPrefixCompany};
    const auto& words = out.words;
    std::vector<char> covered(words.size(), 0);  // words of a run that named an entity
    for (std::size_t i = 0; i < words.size();) {
        std::size_t taken = 0;
        for (std::size_t len = std::min(kMaxEntityWords, words.size() - i); len >= kMinEntityWords && !taken; --len) {
            std::string name;
            for (std::size_t j = i; j < i + len; ++j) name += (j > i ? " " : "") + words[j].folded;
            const std::string slug = entity_slug(name);
            if (slug.empty()) continue;
            for (auto prefix : prefixes) {
                std::string canonical = slug;
                if (!db.term_exists(std::string(prefix) + canonical)) {
                    canonical = metadata(schema::alias_key(prefix, slug));
                    if (canonical.empty() || !db.term_exists(std::string(prefix) + canonical)) continue;
                }
                std::string display = metadata(schema::name_key(prefix, canonical));
                out.entities.push_back({std::string(prefix) + canonical, display.empty() ? canonical : display, {}});
                taken = len;
                break;
            }
        }
        for (std::size_t j = i; j < i + taken; ++j) covered[j] = 1;
        i += taken ? taken : 1;
    }
    if (options.surnames && surnames) add_surname_entities(db, *surnames, metadata, words, covered, out.entities);
    return out;
}

namespace {

Xapian::Query word_query(const RankingWord& word) {
    return word.terms.size() == 1 ? Xapian::Query(word.terms[0])
                                  : Xapian::Query(Xapian::Query::OP_SYNONYM, word.terms.begin(), word.terms.end());
}

}  // namespace

Xapian::Query any_word_query(const RankingQuery& ranking) {
    std::vector<Xapian::Query> words;
    for (const auto& w : ranking.words) words.push_back(word_query(w));
    return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
}

Xapian::Query with_entity_matches(const Xapian::Query& query, const RankingQuery& ranking) {
    if (ranking.entities.empty()) return query;
    std::vector<std::string> terms;
    for (const auto& e : ranking.entities) terms.push_back(e.term);
    Xapian::Query named(Xapian::Query::OP_FILTER, any_word_query(ranking),
                        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    return Xapian::Query(Xapian::Query::OP_MAX, query, named);
}

bool reranks(const SearchRequest& request, const RankingQuery& ranking) {
    if (request.sort != SortOrder::Relevance) return false;
    return request.recency_half_life_days > 0 || ranking.or_fallback || has_bonuses(request.ranking, ranking);
}

std::size_t rerank_depth(const SearchRequest& request, const RankingQuery& ranking) {
    const std::size_t wanted = request.offset + request.limit;
    if (!reranks(request, ranking)) return wanted;
    const std::size_t least = request.recency_half_life_days > 0 ? kRecencyDepth : kRerankWindow;
    return std::max(least, wanted);
}

namespace {

/// Sort the first `window` candidates by score (with the OR fallback, those
/// matching the most words first), `matched` alike.
void sort_window(std::size_t window, bool by_words, std::vector<Candidate>& list, std::vector<std::size_t>& matched);

/// Take `penalty` off each candidate of the window whose body is a table
/// of figures (kTableShare).  This reads the article's text, so only the
/// candidates that reach the page (up to `page_end`) are read, again after
/// each re-sort, until the page holds only read ones: a penalty only moves
/// a candidate down, so the page is the one reading them all would give.
void apply_table_penalty(StoredDataCache& documents, bool explain, double penalty, std::size_t window,
                         std::size_t page_end, const RankingQuery& ranking, std::vector<Candidate>& list,
                         std::vector<std::size_t>& matched) {
    std::unordered_set<Xapian::docid> read;
    for (bool moved = true; moved;) {
        moved = false;
        for (std::size_t i = 0; i < std::min(page_end, window); ++i) {
            Candidate& c = list[i];
            if (!read.insert(c.docid).second) continue;
            // The page's data: the hits are loaded from it (StoredDataCache).
            const double share = numeric_share_of(stored_body(documents.data(c.docid)));
            if (share <= kTableShare) continue;
            c.score -= penalty;
            if (explain)
                c.explanation.push_back({"table", std::to_string(std::lround(100 * share)) + "% figures", -penalty});
            moved = true;
        }
        if (moved) sort_window(window, ranking.or_fallback, list, matched);
    }
}

/// With the OR fallback, where a candidate ranks before the score: the
/// articles the query itself matched first (RankingQuery::query_matches),
/// then by the number of the query's words it holds.
std::size_t fallback_rank(const RankingQuery& ranking, Xapian::docid docid, std::size_t words_present) {
    const bool query_match =
        std::binary_search(ranking.query_matches.begin(), ranking.query_matches.end(), docid);
    return query_match ? ranking.words.size() + 1 : words_present;
}

/// The bonuses (and with the OR fallback, the words matched) of the first
/// `window` candidates, which are then sorted again; the table penalty for
/// those that reach the page (up to `page_end`).
void add_bonuses(const Xapian::Database& db, StoredDataCache& documents, const RankingOptions& options,
                 const RankingQuery& ranking, const BonusWeights& weights, bool all_local, std::size_t window,
                 std::size_t page_end, std::vector<Candidate>& list, std::vector<std::size_t>& matched) {
    window = std::min(window, list.size());
    if (window == 0) return;
    std::vector<Xapian::docid> docids;
    for (std::size_t i = 0; i < window; ++i) docids.push_back(list[i].docid);
    Wanted wanted;
    wanted.proximity = options.proximity && ranking.words.size() >= 2;
    wanted.lead = options.lead && options.entities && !ranking.entities.empty();
    // A query naming a person or company is about a name: its words in
    // other names are no other sense (Ivan F. Boesky's firm for "ivan boesky").
    wanted.company_names = options.company_names && ranking.entities.empty();
    wanted.values_by_document = !all_local;
    std::vector<Features> features = read_features(db, documents, ranking, docids, wanted);
    // Shares of the best BM25 in the window: a bonus weighs alike in every query.
    double unit = 0;
    for (std::size_t i = 0; i < window; ++i) unit = std::max(unit, list[i].score);
    // The best BM25 without the expansion's part: the bonuses weigh as
    // much with expansion as without.
    if (!ranking.expansion.empty()) {
        unit = 0;
        const std::vector<ExpansionPart> parts = expansion_parts(db, docids, ranking.expansion);
        for (std::size_t i = 0; i < window; ++i) unit = std::max(unit, list[i].score - parts[i].score);
    }
    const double words = static_cast<double>(std::max<std::size_t>(1, ranking.words.size()));
    for (std::size_t i = 0; i < window; ++i) {
        Candidate& c = list[i];
        const Features& f = features[i];
        auto add = [&](const char* kind, std::string detail, double value) {
            if (value <= 0) return;
            c.score += value;
            if (options.explain) c.explanation.push_back({kind, std::move(detail), value});
        };
        auto subtract = [&](const char* kind, std::string detail, double value) {
            if (value <= 0) return;
            c.score -= value;
            if (options.explain) c.explanation.push_back({kind, std::move(detail), -value});
        };
        if (options.headline)
            add("headline", std::to_string(f.words_in_title) + " of " + std::to_string(ranking.words.size()) + " words",
                unit * weights.headline * static_cast<double>(f.words_in_title) / words);
        if (wanted.proximity) add("proximity", "", unit * weights.proximity * f.proximity);
        if (options.entities)
            for (const auto& name : f.entities) add("entity", name, unit * weights.entity);
        // The article names the query's entity: is it about it (the name in the lead)?
        if (wanted.lead && !f.entities.empty())
            add("lead", std::to_string(f.words_in_lead) + " of " + std::to_string(ranking.words.size()) + " words",
                unit * weights.lead * static_cast<double>(f.words_in_lead) / words);
        if (f.words_in_company_names)
            subtract("company-name", f.company_name,
                     unit * weights.company_name * static_cast<double>(f.words_in_company_names) / words);
        if (ranking.or_fallback && options.explain)
            c.explanation.insert(c.explanation.begin(), {"matched-words",
                                                         std::to_string(f.words_present) + " of " +
                                                             std::to_string(ranking.words.size()),
                                                         0.0});
        matched.push_back(fallback_rank(ranking, c.docid, f.words_present));
    }
    sort_window(window, ranking.or_fallback, list, matched);
    if (options.tables)
        apply_table_penalty(documents, options.explain, unit * weights.table, window, page_end, ranking, list, matched);
}

void sort_window(std::size_t window, bool by_words, std::vector<Candidate>& list, std::vector<std::size_t>& matched) {
    std::vector<std::size_t> order(window);
    for (std::size_t i = 0; i < window; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (by_words && matched[a] != matched[b]) return matched[a] > matched[b];
        return list[a].score > list[b].score;
    });
    std::vector<Candidate> sorted;
    std::vector<std::size_t> sorted_matched;
    for (std::size_t i : order) {
        sorted.push_back(std::move(list[i]));
        sorted_matched.push_back(matched[i]);
    }
    std::move(sorted.begin(), sorted.end(), list.begin());
    matched = std::move(sorted_matched);
}

/// The parts of `c`'s score: BM25 per word, what else the matcher weighed,
/// the bonuses (already in c.explanation), then what recency took off.
void explain(const Xapian::Database& db, const RankingQuery& ranking, bool recency, Candidate& c) {
    std::vector<ScorePart> parts = word_parts(db, ranking, c.docid);
    if (!ranking.expansion.empty()) {
        const ExpansionPart part = expansion_parts(db, {c.docid}, ranking.expansion).front();
        std::string terms;
        for (const auto& t : part.held) terms += (terms.empty() ? "" : " ") + t;
        if (!part.held.empty()) parts.push_back({"expansion", "terms: " + terms, part.score});
    }
    double words = 0, bonuses = 0;
    for (const auto& p : parts) words += p.value;
    for (const auto& p : c.explanation) bonuses += p.value;
    // Phrases, title: and wildcard clauses, or a synonym Xapian estimated differently.
    const double other = c.matcher_score - words;
    if (std::abs(other) > 1e-9 * std::max(1.0, c.matcher_score)) parts.push_back({"other", "", other});
    parts.insert(parts.end(), c.explanation.begin(), c.explanation.end());
    if (recency) parts.push_back({"recency", "", std::exp(c.score) - (c.matcher_score + bonuses)});
    c.explanation = std::move(parts);
}

}  // namespace

void rerank(const Xapian::Database& db, StoredDataCache& documents, const SearchRequest& request,
            const RankingQuery& ranking, Candidates& candidates, const BonusWeights& weights, bool all_local) {
    auto& list = candidates.list;
    const RankingOptions& options = request.ranking;
    const bool relevance = request.sort == SortOrder::Relevance;
    for (auto& c : list) c.matcher_score = c.score;
    const bool recency = relevance && request.recency_half_life_days > 0;
    std::vector<std::size_t> matched;
    if (relevance && (has_bonuses(options, ranking) || ranking.or_fallback)) {
        // Recency reorders every candidate it blends (kRecencyDepth): each
        // needs its bonuses, or one past kRerankWindow would compete without.
        // The table penalty reads text: with recency, which reorders all it
        // blends, it would read them all (RankingOptions::tables).
        RankingOptions bonuses = options;
        bonuses.tables = options.tables && !recency;
        add_bonuses(db, documents, bonuses, ranking, weights, all_local, recency ? list.size() : kRerankWindow,
                    request.offset + request.limit, list, matched);
    }
    if (recency) apply_recency(db, list, request.recency_half_life_days, ranking.or_fallback ? &matched : nullptr);
    // The page: what is before the offset and after the limit goes.
    const std::size_t skip = std::min(request.offset - std::min(request.offset, candidates.first), list.size());
    list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(skip));
    if (list.size() > request.limit) list.resize(request.limit);
    candidates.first = std::max(candidates.first, request.offset);
    if (options.explain && relevance)
        for (auto& c : list) explain(db, ranking, recency, c);
}

}  // namespace newsdex
