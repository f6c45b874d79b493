#include "indexer/index_cli.h"

#include "cli/cli.h"
#include "cli/terminal.h"
#include "indexer/indexer.h"
#include "newsdex/error.h"

#include <boost/program_options.hpp>

#include <cstdio>
#include <iostream>

namespace po = boost::program_options;

namespace newsdex::cli {

namespace {

const char* kUsage =
    "Usage: newsdex-index [options] PATH...\n"
    "       newsdex-index [--db DIR] --delete ID...\n"
    "       newsdex-index [--db DIR] --compact [--merge-shards] [PATH...]\n"
    "Index news articles (files, directory trees, - for standard input; .gz read\n"
    "transparently) into a newsdex database.  Re-indexing an id replaces it.\n\n"
    "Exit status: 0 ok, 1 done but bad records were skipped, 2 usage error or bad\n"
    "record with --strict, 3 system error (I/O, database).\n";

std::string formats_help() {
    std::string help = "input format: ";
    bool first = true;
    for (const auto& f : input_format_names()) {
        help += (first ? "" : ", ") + std::string(f.name);
        first = false;
    }
    return help + " (default: auto, by extension then content)";
}

int compact_and_report(const std::string& db, CompactLayout layout, bool quiet) {
    term::ProgressBar bar("compacting", "MiB");
    CompactProgress progress;
    if (!quiet) {
        std::fprintf(stderr, "compacting %s...\n", db.c_str());
        progress = [&bar](std::uint64_t done, std::uint64_t total) { bar.update(done, total, done >> 20); };
    }
    CompactStats stats;
    try {
        stats = compact_database(db, layout, progress);
    } catch (...) {
        bar.finish();
        throw;
    }
    bar.finish();
    if (!quiet) {
        auto mb = [](std::uint64_t bytes) { return static_cast<double>(bytes) / (1 << 20); };
        std::printf("compacted %s: %zu shard(s) into %zu, %.1f MiB -> %.1f MiB; %.1f s\n", db.c_str(),
                    stats.shards_before, stats.shards_after, mb(stats.bytes_before), mb(stats.bytes_after),
                    stats.seconds);
    }
    return kOk;
}

}  // namespace

int index_main(int argc, char** argv) {
    return run("newsdex-index", [&]() -> int {
        std::string db, format = "auto", aliases;
        std::vector<std::string> inputs;
        unsigned shards = 0;
        std::size_t max_mb = 8;
        unsigned commit_every = 300;
        po::options_description options("Options");
        options.add_options()("help,h", "show this help")("version", "print the version and exit")(
            "db", po::value(&db), "database directory (default: $NEWSDEX_DB, else ./newsdex.db)")(
            "format,f", po::value(&format), formats_help().c_str())(
            "strict", "stop at the first bad record (exit 2) instead of skipping it")(
            "delete", "treat the arguments as article ids to remove")(
            "no-entities", "do not extract companies and persons from the text")(
            "aliases", po::value(&aliases), "extra entity alias table (see docs/entities.md)")(
            "shards", po::value(&shards), "number of shards of a new database (default: one per core, max 4)")(
            "max-article-mb", po::value(&max_mb), "skip articles larger than this many MB (default 8)")(
            "commit-every", po::value(&commit_every), "articles per shard between commits (default 300)")(
            "compact", "then compact every shard (after a bulk build; see docs/cli.md)")(
            "merge-shards", "with --compact: merge the shards into one instead")(
            "quiet,q", "print only errors");
        po::variables_map vm;
        if (!parse_command_line(argc, argv, options, inputs, kUsage, vm)) return kOk;
        if (vm.count("version")) {
            std::printf("%s\n", version_line("newsdex-index").c_str());
            return kOk;
        }
        const bool compact = vm.count("compact") > 0;
        if (vm.count("merge-shards") && !compact) throw UserError("--merge-shards goes with --compact");
        if (inputs.empty() && !compact) throw UserError("no input given (try --help)");
        if (compact && vm.count("delete")) throw UserError("--compact and --delete do not go together");
        const CompactLayout layout =
            vm.count("merge-shards") ? CompactLayout::MergeIntoOne : CompactLayout::KeepShards;

        IndexOptions opts;
        opts.db_path = db.empty() ? default_db_path() : db;
        opts.reader.format = parse_input_format(format);
        opts.reader.max_article_bytes = max_mb << 20;
        opts.strict = vm.count("strict") > 0;
        opts.extract_entities = vm.count("no-entities") == 0;
        opts.aliases_file = aliases;
        opts.shards = shards;
        if (commit_every == 0) throw UserError("--commit-every must be at least 1");
        opts.commit_every = commit_every;
        const bool quiet = vm.count("quiet") > 0;
        term::Style err = term::Style::for_stream(stderr);

        if (vm.count("delete")) {
            IndexStats stats = delete_ids(inputs, opts);
            if (!quiet)
                std::printf("deleted %s, not found %s\n", term::thousands(stats.deleted).c_str(),
                            term::thousands(stats.not_found).c_str());
            return kOk;
        }

        if (inputs.empty()) return compact_and_report(opts.db_path, layout, quiet);

        term::ProgressBar bar("indexing");
        IndexObserver observer;
        observer.bad_record = [&](const BadRecord& bad) {
            bar.finish();
            std::fprintf(stderr, "%s%s%s: %s\n", err.yellow.c_str(), bad.where.c_str(), err.reset.c_str(),
                         bad.reason.c_str());
        };
        if (!quiet)
            observer.progress = [&](std::uint64_t done, std::uint64_t total, std::uint64_t count) {
                bar.update(done, total, count);
            };
        IndexStats stats;
        try {
            stats = index_paths(inputs, opts, observer);
        } catch (...) {
            bar.finish();
            throw;
        }
        bar.finish();
        if (!quiet) {
            std::uint64_t articles = stats.added + stats.replaced + stats.unchanged;
            double rate = stats.seconds > 0 ? articles / stats.seconds : 0;
            std::string skipped = term::thousands(stats.skipped);
            if (!stats.skip_reasons.empty()) {
                skipped += " (";
                bool first = true;
                for (const auto& [reason, count] : stats.skip_reasons) {
                    skipped += (first ? "" : ", ") + reason + " " + term::thousands(count);
                    first = false;
                }
                skipped += ")";
            }
            term::Style out = term::Style::for_stream(stdout);
            std::printf("%sindexed%s %s: added %s, replaced %s, unchanged %s, skipped %s; %.1f s, %s articles/s\n",
                        out.bold.c_str(), out.reset.c_str(), opts.db_path.c_str(), term::thousands(stats.added).c_str(),
                        term::thousands(stats.replaced).c_str(), term::thousands(stats.unchanged).c_str(),
                        skipped.c_str(), stats.seconds, term::thousands(static_cast<std::uint64_t>(rate)).c_str());
        }
        if (compact) compact_and_report(opts.db_path, layout, quiet);
        return stats.skipped ? kSkippedRecords : kOk;
    });
}

}  // namespace newsdex::cli
