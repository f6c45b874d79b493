// Indexing sweep driver: newsdex::index_paths with the IndexOptions knobs the
// newsdex-index CLI does not expose (commit_every, threads), so that
// bench/index_bench.sh SWEEP=1 can measure which of them pay.  Timing and RSS
// come from /usr/bin/time around this process, as for newsdex-index.
//
//   newsdex-index-sweep --db DIR [--shards N] [--threads N] [--commit-every N]
//                       [--no-entities] FILE...
#include "indexer/indexer.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    newsdex::IndexOptions o;
    std::vector<std::string> inputs;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto num = [&]() -> unsigned {
            if (i + 1 >= argc) { std::fprintf(stderr, "%s needs a value\n", a.c_str()); std::exit(2); }
            return static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
        };
        if (a == "--db" && i + 1 < argc) o.db_path = argv[++i];
        else if (a == "--shards") o.shards = num();
        else if (a == "--threads") o.threads = num();
        else if (a == "--commit-every") o.commit_every = num();
        else if (a == "--no-entities") o.extract_entities = false;
        else inputs.push_back(a);
    }
    if (o.db_path.empty() || inputs.empty() || o.commit_every == 0) {
        std::fprintf(stderr, "usage: newsdex-index-sweep --db DIR [--shards N] [--threads N] "
                             "[--commit-every N>0] [--no-entities] FILE...\n");
        return 2;
    }
    try {
        auto s = newsdex::index_paths(inputs, o);
        std::printf("added=%llu replaced=%llu skipped=%llu text_bytes=%llu seconds=%.2f\n",
                    (unsigned long long)s.added, (unsigned long long)s.replaced,
                    (unsigned long long)s.skipped, (unsigned long long)s.text_bytes, s.seconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 3;
    }
    return 0;
}
