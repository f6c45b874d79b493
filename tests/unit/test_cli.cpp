// The exit codes of docs/cli.md ("Exit status"): common/cli's run() maps each
// kind of error to its code and a one-line "<program>: <message>", and the
// two tools' mains (newsdex-search, newsdex-index) keep to that table for user
// mistakes, system failures, "nothing matched" and skipped records.
#include "cli/cli.h"
#include "indexer/index_cli.h"
#include "newsdex/error.h"
#include "search_cli.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <boost/program_options.hpp>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <new>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

#include <xapian.h>

namespace cli = newsdex::cli;
namespace test = newsdex::test;

namespace {

/// What a call printed on stdout and stderr, and what it returned.
struct Outcome {
    int code = -1;
    std::string out, err;
};

/// Point file descriptor `fd` at a temporary file until destroyed, then
/// return what was written there.
class Redirect {
  public:
    explicit Redirect(int fd) : fd_(fd), file_(std::tmpfile()) {
        std::fflush(nullptr);
        saved_ = dup(fd_);
        dup2(fileno(file_), fd_);
    }
    std::string restore() {
        std::fflush(nullptr);
        dup2(saved_, fd_);
        close(saved_);
        std::string text;
        std::rewind(file_);
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, file_)) > 0;) text.append(buf, n);
        std::fclose(file_);
        return text;
    }

  private:
    int fd_;
    std::FILE* file_;
    int saved_;
};

template <typename Body>
Outcome capture(Body&& body) {
    Redirect out(1), err(2);
    Outcome o;
    o.code = body();
    o.out = out.restore();
    o.err = err.restore();
    return o;
}

Outcome run_body(const std::function<int()>& body) {
    return capture([&] { return cli::run("tool", body); });
}

/// Call a tool's main with `args` (argv[0] added).
Outcome run_main(int (*main_fn)(int, char**), const char* program, std::vector<std::string> args) {
    args.insert(args.begin(), program);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    return capture([&] { return main_fn(static_cast<int>(args.size()), argv.data()); });
}

Outcome search(std::vector<std::string> args) { return run_main(cli::search_main, "newsdex-search", std::move(args)); }
Outcome index(std::vector<std::string> args) { return run_main(cli::index_main, "newsdex-index", std::move(args)); }

/// One line on stderr, naming the program first.
bool one_line_from(const Outcome& o, const std::string& program) {
    return o.err.rfind(program + ": ", 0) == 0 && o.err.find('\n') == o.err.size() - 1;
}

const char* kGoodRecords =
    R"({"id":"a1","title":"Apple results","body":"Apple reported higher earnings.","date":"2015-03-01"})"
    "\n"
    R"({"id":"a2","title":"Trade talks","body":"Trade ministers met in Geneva.","date":"2015-03-02"})"
    "\n";

}  // namespace

TEST_CASE("cli::run: the body's own code is the exit code") {
    CHECK(run_body([] { return cli::kOk; }).code == 0);
    CHECK(run_body([] { return cli::kSkippedRecords; }).code == 1);
    CHECK(cli::kOk == 0);
    CHECK(cli::kSkippedRecords == 1);
    CHECK(cli::kUserError == 2);
    CHECK(cli::kSystemError == 3);
}

TEST_CASE("cli::run: user mistakes exit 2, with one line naming the program") {
    Outcome o = run_body([]() -> int { throw newsdex::UserError("query: unbalanced ')' at column 7"); });
    CHECK(o.code == 2);
    CHECK(o.err == "tool: query: unbalanced ')' at column 7\n");
    CHECK(o.out.empty());
    // parse_choice throws std::invalid_argument (a logic_error): a bad option value.
    o = run_body([]() -> int {
        return cli::parse_choice<int>("--sort", "sideways", {{"relevance", 0}, {"newest", 1}});
    });
    CHECK(o.code == 2);
    CHECK(o.err == "tool: --sort: unknown value 'sideways' (valid: relevance, newest)\n");
    // Boost.Program_options errors are logic_errors too: a bad command line.
    o = run_body([]() -> int { throw boost::program_options::unknown_option("--nosuch"); });
    CHECK(o.code == 2);
    CHECK(one_line_from(o, "tool"));
}

TEST_CASE("cli::run: system failures exit 3") {
    Outcome o = run_body([]() -> int { throw newsdex::SystemError("cannot write /x/y"); });
    CHECK(o.code == 3);
    CHECK(o.err == "tool: cannot write /x/y\n");
    o = run_body([]() -> int { throw Xapian::DatabaseLockError("held by another writer"); });
    CHECK(o.code == 3);
    CHECK(o.err.rfind("tool: database error: ", 0) == 0);
    CHECK(o.err.find("held by another writer") != std::string::npos);
    o = run_body([]() -> int { throw std::bad_alloc(); });
    CHECK(o.code == 3);
    CHECK(one_line_from(o, "tool"));
    o = run_body([]() -> int { throw std::runtime_error("disk on fire"); });
    CHECK(o.code == 3);
    CHECK(o.err == "tool: disk on fire\n");
}

TEST_CASE("newsdex-search: 0 matched, 1 nothing matched, 2 user error, 3 system error") {
    test::TempDir dir;
    const std::string db = dir.sub("db");
    test::index_into(db, {dir.file("good.jsonl", kGoodRecords)});

    CHECK(search({"--db", db, "apple"}).code == 0);
    CHECK(search({"--db", db, "--count", "trade"}).code == 0);
    Outcome none = search({"--db", db, "zebra"});
    CHECK(none.code == 1);
    CHECK(none.err.empty());  // nothing matched is an answer, not an error
    CHECK(search({"--db", db, "--show", "no-such-id"}).code == 1);
    CHECK(search({"--help"}).code == 0);
    CHECK(search({"--version"}).code == 0);

    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--db", db, "--", "(apple OR"},                         // malformed query
          std::vector<std::string>{"--db", db, "--sort", "sideways", "apple"},             // bad option value
          std::vector<std::string>{"--db", db, "--limit", "-3", "apple"},                  // number out of range
          std::vector<std::string>{"--db", db, "-apple"},                                  // unknown option
          std::vector<std::string>{"--db", db, "--show", "a1", "--count"},                 // conflicting options
          std::vector<std::string>{"--db", dir.file("notes.txt", "hello\n"), "apple"}}) {  // not a database
        Outcome o = search(args);
        CAPTURE(args.back());
        CHECK(o.code == 2);
        CHECK(one_line_from(o, "newsdex-search"));
    }
    Outcome missing = search({"--db", dir.sub("no-such.db"), "apple"});
    CHECK(missing.code == 3);
    CHECK(one_line_from(missing, "newsdex-search"));
    CHECK(missing.err.find("no-such.db") != std::string::npos);
}

TEST_CASE("newsdex-index: 0 clean, 1 records skipped, 2 user error or --strict, 3 system error") {
    test::TempDir dir;
    const std::string good = dir.file("good.jsonl", kGoodRecords);
    const std::string bad = dir.file("bad.jsonl", std::string(kGoodRecords) + "{not json\n");

    CHECK(index({"--db", dir.sub("a.db"), "--no-entities", "-q", good}).code == 0);
    Outcome skipped = index({"--db", dir.sub("b.db"), "--no-entities", "-q", bad});
    CHECK(skipped.code == 1);
    CHECK(skipped.err.find("bad.jsonl:3:") != std::string::npos);  // the bad record, by file:line
    Outcome strict = index({"--db", dir.sub("c.db"), "--no-entities", "-q", "--strict", bad});
    CHECK(strict.code == 2);
    CHECK(strict.err.find("bad.jsonl:3:") != std::string::npos);

    CHECK(index({"--help"}).code == 0);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--db", dir.sub("d.db")},  // no input
          std::vector<std::string>{"--db", dir.sub("d.db"), "--commit-every", "0", good},
          std::vector<std::string>{"--db", dir.sub("d.db"), "--format", "pdf", good},
          std::vector<std::string>{"--db", dir.sub("d.db"), "--nosuch", good}}) {
        Outcome o = index(args);
        CAPTURE(args.back());
        CHECK(o.code == 2);
        CHECK(one_line_from(o, "newsdex-index"));
    }
    // A database path that cannot be created: a system error.
    const std::string file = dir.file("plain-file", "x");
    Outcome o = index({"--db", file + "/sub.db", "--no-entities", "-q", good});
    CHECK(o.code == 3);
    CHECK(one_line_from(o, "newsdex-index"));
}
