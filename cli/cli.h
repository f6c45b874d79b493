// What the three command-line tools share: exit codes, the default database
// path, and the mapping from the two error kinds to one-line messages.
#pragma once

#include <boost/program_options.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::cli {

/// Exit codes of every newsdex tool (docs/cli.md).
enum ExitCode : int {
    kOk = 0,              ///< success
    kSkippedRecords = 1,  ///< newsdex-index: done, but some input records were bad and skipped
    kUserError = 2,       ///< bad option, bad query, or (with --strict) a bad record
    kSystemError = 3,     ///< I/O error, database locked/corrupt, missing data files
};

/// Parse the command line: `options`, plus every positional argument
/// collected into `positional`.  For --help prints `usage` and the options
/// and returns false (the caller exits 0).
bool parse_command_line(int argc, char** argv, const boost::program_options::options_description& options,
                        std::vector<std::string>& positional, const char* usage,
                        boost::program_options::variables_map& vm);

/// "<program> <version>": the one project version (CMake's PROJECT_VERSION),
/// what every tool's --version prints.
std::string version_line(std::string_view program);

/// --db, else $NEWSDEX_DB, else ./newsdex.db.
std::string default_db_path();

/// Run `body`, mapping UserError / SystemError / Boost option errors / other
/// exceptions to "<program>: <message>" on stderr and the exit codes above.
int run(const char* program, const std::function<int()>& body);

/// A value chosen from a table of names: parse it or throw a UserError that
/// lists the valid names ("--sort: unknown value 'x' (valid: relevance, newest, oldest)").
template <typename T>
struct Choice {
    std::string_view name;
    T value;
};
template <typename T>
T parse_choice(std::string_view option, std::string_view text, const std::vector<Choice<T>>& choices);
std::string choice_error(std::string_view option, std::string_view text, const std::vector<std::string_view>& names);

template <typename T>
T parse_choice(std::string_view option, std::string_view text, const std::vector<Choice<T>>& choices) {
    std::vector<std::string_view> names;
    for (const auto& c : choices) {
        if (c.name == text) return c.value;
        names.push_back(c.name);
    }
    throw std::invalid_argument(choice_error(option, text, names));
}

}  // namespace newsdex::cli
