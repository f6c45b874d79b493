#include "cli/cli.h"
#include "newsdex/version.h"

#include "newsdex/error.h"

#include <xapian.h>

#include <cstdio>
#include <iostream>
#include <cstdlib>
#include <stdexcept>

namespace newsdex::cli {

bool parse_command_line(int argc, char** argv, const boost::program_options::options_description& options,
                        std::vector<std::string>& positional, const char* usage,
                        boost::program_options::variables_map& vm) {
    namespace po = boost::program_options;
    po::options_description hidden;
    hidden.add_options()("positional-arguments", po::value(&positional));
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description rest;
    rest.add("positional-arguments", -1);
    po::store(po::command_line_parser(argc, argv).options(all).positional(rest).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << usage << "\n" << options;
        return false;
    }
    return true;
}

std::string version_line(std::string_view program) { return std::string(program) + " " + NEWSDEX_VERSION; }

std::string default_db_path() {
    const char* env = std::getenv("NEWSDEX_DB");
    return env && *env ? env : "newsdex.db";
}

std::string choice_error(std::string_view option, std::string_view text, const std::vector<std::string_view>& names) {
    std::string message = std::string(option) + ": unknown value '" + std::string(text) + "' (valid: ";
    for (std::size_t i = 0; i < names.size(); ++i) message += (i ? ", " : "") + std::string(names[i]);
    return message + ")";
}

int run(const char* program, const std::function<int()>& body) {
    try {
        return body();
    } catch (const UserError& e) {
        std::fprintf(stderr, "%s: %s\n", program, e.what());
        return kUserError;
    } catch (const std::logic_error& e) {  // option values (parse_choice, Boost.Program_options)
        std::fprintf(stderr, "%s: %s\n", program, e.what());
        return kUserError;
    } catch (const SystemError& e) {
        std::fprintf(stderr, "%s: %s\n", program, e.what());
        return kSystemError;
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "%s: database error: %s\n", program, e.get_description().c_str());
        return kSystemError;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", program, e.what());
        return kSystemError;
    }
}

}  // namespace newsdex::cli
