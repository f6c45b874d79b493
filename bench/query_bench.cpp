// Query latency of newsdex::Searcher on the peers' fixed query set
// (../shared/peers/queries.txt), measured the way the peer runners measure
// (../shared/peers/common/bench_common.h): one process, one untimed warm-up
// pass, then PASSES timed passes; per-query latency = median over the timed
// passes; p50/p95/p99/max over queries.
//
//   newsdex-query-bench --db DB [--db DB2 ...] QUERIES [--facets] [--passes N]
//                       [--out TSV] [--label NAME] [--collapse | --no-collapse] [--plain-bm25]
//                       [--first-pass] [--expansion] [--no-acronyms]
//                       [--date-granularity day|month|auto]
//
// Query file lines: class<TAB>query<TAB>filter...  The query text is passed
// as is (it uses the shared syntax: words, "phrases", OR); filters are
// translated: people:X -> person:X, orgs:X -> org:X,
// date:YYYYMMDD..YYYYMMDD -> date:YYYY-MM-DD..YYYY-MM-DD.
//
// top10 mode: limit 10, no facets, no snippets, total may be an estimate.
// facets mode: the same plus company, person and date facets (exact totals).
// analytics mode (--analytics): top10 plus related entities and the trends of
// the 5 most frequent companies and persons (issue 13), no facets; compare
// with facets mode on the same database (bench/analytics_bench.sh).
//
// Per-query TSV columns: idx, class, query, latency_us, hits, top10, facets,
// cpu_us (median process CPU time).
// Prints one summary line (key=value, same keys as the peer runners plus
// errors=, mean_hits=, and cpu_p50_us=/cpu_p95_us=: the same percentiles of
// per-query process CPU time, all threads) on stdout; per-query TSV with --out.
#include <newsdex/error.h>
#include <newsdex/search.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>

namespace {

/// CPU time of the whole process (every thread: the searcher counts shards
/// on worker threads), in microseconds: on a shared machine wall time also
/// measures the other processes.
double process_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

struct Query {
    std::string cls, text;
    std::vector<std::string> filters;  // newsdex syntax
};

std::string translate_filter(const std::string& f) {
    if (f.rfind("people:", 0) == 0) return "person:" + f.substr(7);
    if (f.rfind("orgs:", 0) == 0) return "org:" + f.substr(5);
    if (f.rfind("date:", 0) == 0) {
        auto iso = [](const std::string& d) {
            if (d.size() != 8) return d;
            return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
        };
        std::string r = f.substr(5);
        auto dots = r.find("..");
        if (dots == std::string::npos) return "date:" + iso(r);
        return "date:" + iso(r.substr(0, dots)) + ".." + iso(r.substr(dots + 2));
    }
    std::cerr << "bad filter " << f << "\n";
    std::exit(2);
}

std::vector<Query> load(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        std::cerr << "cannot open " << path << "\n";
        std::exit(2);
    }
    std::vector<Query> qs;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::stringstream ss(line);
        std::string part;
        while (std::getline(ss, part, '\t')) f.push_back(part);
        if (f.size() < 2) continue;
        Query q{f[0], f[1], {}};
        for (std::size_t i = 2; i < f.size(); ++i) q.filters.push_back(translate_filter(f[i]));
        qs.push_back(std::move(q));
    }
    return qs;
}

double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    double idx = p / 100.0 * (v.size() - 1);
    std::size_t lo = static_cast<std::size_t>(idx), hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (idx - lo);
}

struct Outcome {
    long long hits = -1;  // -1: error
    bool exact = false;
    std::string top, facets, error;
};

std::string tsv_clean(std::string s) {
    for (char& c : s)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> dbs, pos;
    std::string out_tsv, label = "newsdex", gran = "day";
    // collapse: the library's default (no folding) unless --collapse / --no-collapse.
    std::optional<bool> collapse;
    bool facets = false, analytics = false, plain = false, first_pass = false, expansion = false, acronyms = true;
    int passes = 5;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--db")
            dbs.push_back(next());
        else if (a == "--facets")
            facets = true;
        else if (a == "--analytics")
            analytics = true;
        else if (a == "--passes")
            passes = std::atoi(next().c_str());
        else if (a == "--out")
            out_tsv = next();
        else if (a == "--label")
            label = next();
        else if (a == "--no-collapse")
            collapse = false;
        else if (a == "--collapse")  // the defaults before issue 11's third pass: fold identical copies
            collapse = true;
        else if (a == "--plain-bm25")  // no re-ranking bonuses, no OR fallback: what they cost
            plain = true;
        else if (a == "--first-pass")  // issue 11's first ranking pass: the old collapse, no penalties
            first_pass = true;
        else if (a == "--expansion")  // query expansion (off by default): what it costs
            expansion = true;
        else if (a == "--no-acronyms")  // without acronym matching: what it costs
            acronyms = false;
        else if (a == "--date-granularity")
            gran = next();
        else if (a == "-h" || a == "--help") {
            std::cout << "usage: newsdex-query-bench --db DB [--db DB2] QUERIES [--facets] "
                         "[--analytics] [--passes N] [--out TSV] [--label NAME] [--collapse | --no-collapse] [--plain-bm25] "
                         "[--first-pass] [--expansion] [--no-acronyms] "
                         "[--date-granularity day|month|year|auto]\n";
            return 0;
        } else
            pos.push_back(a);
    }
    if (dbs.empty() || pos.size() != 1 || passes < 1) {
        std::cerr << "usage: newsdex-query-bench --db DB QUERIES [--facets] [--passes N] ...\n";
        return 2;
    }
    const auto qs = load(pos[0]);

    newsdex::SearchRequest base;
    base.limit = 10;
    base.snippets = false;
    if (collapse) base.collapse_duplicates = *collapse;
    if (plain || first_pass) {
        base.collapse_similar = collapse.value_or(true);  // the first pass folded every near-duplicate
        base.ranking.tables = base.ranking.company_names = false;
    }
    base.ranking.expansion = expansion;
    base.ranking.acronyms = acronyms;
    if (plain) {
        base.ranking.headline = base.ranking.proximity = base.ranking.entities = false;
        base.ranking.or_fallback = false;
    }
    if (facets) {
        base.facets = {newsdex::FacetField::Company, newsdex::FacetField::Person, newsdex::FacetField::Date};
        base.exact_total = true;
        base.date_granularity = gran == "auto"    ? newsdex::DateGranularity::Auto
                                : gran == "year"  ? newsdex::DateGranularity::Year
                                : gran == "month" ? newsdex::DateGranularity::Month
                                                  : newsdex::DateGranularity::Day;
    }

    if (analytics) {
        base.related = true;
        base.trend = true;
        base.trend_limit = 5;
        base.exact_total = true;
    }

    using clk = std::chrono::steady_clock;
    auto t_open = clk::now();
    std::unique_ptr<newsdex::Searcher> searcher;
    try {
        searcher = std::make_unique<newsdex::Searcher>(dbs);
    } catch (const std::exception& e) {
        std::cerr << "cannot open database: " << e.what() << "\n";
        return 3;
    }
    double open_ms = std::chrono::duration<double, std::milli>(clk::now() - t_open).count();
    std::uint64_t ndocs = searcher->article_count();

    auto exec = [&](const Query& q) {
        newsdex::SearchRequest req = base;
        req.query = q.text;
        req.filters = q.filters;
        Outcome o;
        try {
            newsdex::SearchResult r = searcher->search(req);
            o.hits = static_cast<long long>(r.total);
            o.exact = r.total_exact;
            for (const auto& h : r.hits) o.top += (o.top.empty() ? "" : ",") + h.id;
            if (r.related && !r.related->companies.empty())
                o.facets +=
                    "related:" + r.related->companies[0].id + "=" + std::to_string(r.related->companies[0].count);
            for (const auto& f : r.facets) {
                o.facets += std::string(o.facets.empty() ? "" : " ") + newsdex::facet_field_name(f.field) + ":" +
                            std::to_string(f.distinct);
                if (!f.values.empty()) o.facets += "(" + f.values[0].id + "=" + std::to_string(f.values[0].count) + ")";
            }
        } catch (const std::exception& e) {
            o.error = e.what();
        }
        return o;
    };

    std::vector<Outcome> results(qs.size());
    for (std::size_t i = 0; i < qs.size(); ++i) results[i] = exec(qs[i]);  // warm-up
    std::vector<std::vector<double>> lat(qs.size()), cpu(qs.size());
    std::vector<double> pass_ms;
    for (int p = 0; p < passes; ++p) {
        auto p0 = clk::now();
        for (std::size_t i = 0; i < qs.size(); ++i) {
            auto t0 = clk::now();
            const double c0 = process_cpu_us();
            Outcome o = exec(qs[i]);
            cpu[i].push_back(process_cpu_us() - c0);
            auto t1 = clk::now();
            lat[i].push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
            if (o.hits != results[i].hits) results[i] = std::move(o);
        }
        pass_ms.push_back(std::chrono::duration<double, std::milli>(clk::now() - p0).count());
    }
    std::vector<double> med(qs.size()), cpu_med(qs.size());
    double sum = 0, hit_sum = 0;
    std::size_t errors = 0, exact = 0;
    for (std::size_t i = 0; i < qs.size(); ++i) {
        med[i] = pct(lat[i], 50);
        cpu_med[i] = pct(cpu[i], 50);
        sum += med[i];
        if (results[i].hits < 0) {
            ++errors;
            std::cerr << "query " << i << " [" << qs[i].cls << "] '" << qs[i].text << "' failed: " << results[i].error
                      << "\n";
        } else {
            hit_sum += static_cast<double>(results[i].hits);
            exact += results[i].exact;
        }
    }
    std::size_t ok = qs.size() - errors;
    std::printf(
        "peer=%s mode=%s queries=%zu passes=%d total_ms=%.1f mean_us=%.1f "
        "p50_us=%.1f p95_us=%.1f p99_us=%.1f max_us=%.1f errors=%zu mean_hits=%.1f "
        "exact_totals=%zu docs=%llu open_ms=%.1f cpu_p50_us=%.1f cpu_p95_us=%.1f\n",
        label.c_str(),
        facets && analytics ? "top10+facets+related+trend"
        : analytics         ? "top10+related+trend"
        : facets            ? "top10+facets"
                            : "top10",
        qs.size(), passes, pct(pass_ms, 50), sum / qs.size(), pct(med, 50), pct(med, 95), pct(med, 99), pct(med, 100),
        errors, ok ? hit_sum / ok : 0.0, exact, static_cast<unsigned long long>(ndocs), open_ms, pct(cpu_med, 50),
        pct(cpu_med, 95));
    if (!out_tsv.empty()) {
        std::ofstream out(out_tsv);
        out << "idx\tclass\tquery\tlatency_us\thits\ttop10\tfacets\tcpu_us\n";
        for (std::size_t i = 0; i < qs.size(); ++i) {
            std::string q = qs[i].text;
            for (const auto& f : qs[i].filters) q += " [" + f + "]";
            out << i << '\t' << qs[i].cls << '\t' << tsv_clean(q) << '\t' << med[i] << '\t' << results[i].hits << '\t'
                << results[i].top << '\t'
                << tsv_clean(results[i].error.empty() ? results[i].facets : "ERROR: " + results[i].error) << '\t'
                << cpu_med[i] << '\n';
        }
    }
    return errors ? 1 : 0;
}
