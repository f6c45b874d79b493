// newsdex-entities: print the entities newsdex finds in articles.
//
//   newsdex-entities [--json] [--format F] [--aliases FILE] [--data-dir DIR] [FILE...]
//   newsdex-entities --conll FILE [--extractor]
//
// See docs/entities.md.  The work is done by common/entities/.
#include <stdexcept>

#include "cli/cli.h"
#include "common/entities/entities.h"
#include "common/entities/entities_io.h"
#include "common/ingest/readers.h"
#include "newsdex/error.h"

#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>

namespace po = boost::program_options;

int main(int argc, char** argv) {
    return newsdex::cli::run("newsdex-entities", [&]() -> int {
        po::options_description opts("Options");
        opts.add_options()("help,h", "show this help")("version", "print the version and exit")(
            "json", "one JSON object per article")("format", po::value<std::string>()->default_value("auto"),
                                                   "input format (auto, jsonl, text, html, reuters)")(
            "aliases", po::value<std::string>(), "user alias table (same format as common/data/aliases.txt)")(
            "data-dir", po::value<std::string>()->default_value(""),
            "model/data directory (default: $NEWSDEX_DATA_DIR, built-in)")(
            "conll", po::value<std::string>(), "tag a CoNLL-2003 file, one JSON line per PER/ORG mention")(
            "extractor", "with --conll: score the whole extractor (the entities' mentions), not the tagger alone")(
            "input", po::value<std::vector<std::string>>(), "input files (default: standard input)");
        po::positional_options_description pos;
        pos.add("input", -1);
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(opts).positional(pos).run(), vm);
        po::notify(vm);
        if (vm.count("help")) {
            std::cout << "usage: newsdex-entities [--json] [--format F] [--aliases FILE] [FILE...]\n"
                         "       newsdex-entities --conll FILE [--extractor]\n\n"
                      << opts;
            return 0;
        }
        if (vm.count("version")) {
            std::cout << newsdex::cli::version_line("newsdex-entities") << '\n';
            return 0;
        }
        newsdex::EntityExtractor extractor(vm["data-dir"].as<std::string>(),
                                           vm.count("aliases") ? vm["aliases"].as<std::string>() : "");
        std::ios::sync_with_stdio(false);
        if (vm.count("conll")) {
            const std::string path = vm["conll"].as<std::string>();
            const auto mode = vm.count("extractor") ? newsdex::ConllMode::Extractor : newsdex::ConllMode::Tagger;
            if (path == "-") {
                newsdex::tag_conll(extractor, std::cin, std::cout, mode);
            } else {
                std::ifstream in(path);
                if (!in) throw newsdex::UserError("cannot read " + path);
                newsdex::tag_conll(extractor, in, std::cout, mode);
            }
            return 0;
        }
        newsdex::ReaderOptions ropts;
        ropts.format = newsdex::parse_input_format(vm["format"].as<std::string>());
        const bool json = vm.count("json") > 0;
        std::size_t bad = 0;
        newsdex::ReaderSink sink;
        sink.article = [&](newsdex::Article&& a) {
            auto entities = extractor.extract(a);
            if (json)
                std::cout << newsdex::entities_json(a, entities) << '\n';
            else
                std::cout << newsdex::entities_table(a, entities) << '\n';
        };
        sink.bad = [&](const newsdex::BadRecord& r) {
            ++bad;
            std::cerr << "newsdex-entities: " << r.where << ": " << r.reason << "\n";
        };
        std::vector<std::string> inputs;
        if (vm.count("input")) inputs = vm["input"].as<std::vector<std::string>>();
        if (inputs.empty()) inputs.push_back("-");
        for (const auto& p : inputs) newsdex::read_input_or_text(p, ropts, sink);
        std::cout.flush();
        return bad ? newsdex::cli::kSkippedRecords : newsdex::cli::kOk;
    });
}
