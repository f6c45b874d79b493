// searcher/src/database_set: what --db may name -- a newsdex directory (its
// XAPIANDB stub lists the shards), a plain Xapian database, or a stub file of
// its own listing local and remote shards -- and the messages, naming
// stub:line, for what is not a stub.
#include "database_set.h"

#include "common/schema/schema.h"
#include "newsdex/error.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include <xapian.h>

namespace fs = std::filesystem;
using newsdex::DatabaseSet;
using newsdex::open_database_set;
using newsdex::SystemError;
using newsdex::UserError;

namespace {

/// A glass database at `path` with `docs` documents, each with the term `word`.
void make_db(const std::string& path, int docs, const std::string& word = "trade") {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 0; i < docs; ++i) {
        Xapian::Document d;
        d.add_term(word);
        db.add_document(d);
    }
    db.commit();
}

/// The message of the exception `f` throws (of type E), or "" if none.
template <typename E, typename F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("stub: a newsdex directory's XAPIANDB lists its shards, relative to the stub") {
    newsdex::test::TempDir dir;
    const fs::path db = dir.path / "news.db";
    fs::create_directories(db);
    make_db((db / "shard-000").string(), 2);
    make_db((db / "shard-001").string(), 3);
    dir.file("news.db/XAPIANDB", "auto shard-000\nauto shard-001\n");

    DatabaseSet set = open_database_set({db.string()});
    REQUIRE(set.shards.size() == 2);
    CHECK(set.all_local);
    CHECK(set.combined.get_doccount() == 5);
    CHECK(set.shards[0].get_doccount() == 2);  // in the stub's order
    CHECK(set.shards[1].get_doccount() == 3);
    CHECK(fs::equivalent(set.shard_paths[0], db / "shard-000"));
    CHECK(fs::equivalent(set.shard_paths[1], db / "shard-001"));
    // The worker threads get their own handles on the same shards.
    REQUIRE(set.worker_shards.size() == 2);
    CHECK(set.worker_shards[1].get_doccount() == 3);
}

TEST_CASE("stub: comments, blank lines, indentation, CRLF, typed and bare lines") {
    newsdex::test::TempDir dir;
    make_db(dir.sub("a"), 1);
    make_db(dir.sub("b"), 2);
    make_db(dir.sub("c"), 4);
    // A stub file named directly by --db: an absolute glass line, a bare
    // directory (as Xapian's own stubs allow), and Windows line ends.
    const std::string stub = dir.file("several.stub",
                                      "# shards of the archive\r\n"
                                      "\r\n"
                                      "   auto a   \r\n"
                                      "\tglass " +
                                          dir.sub("b") +
                                          "\r\n"
                                          "c\n"
                                          "  # the end\n");
    DatabaseSet set = open_database_set({stub});
    REQUIRE(set.shards.size() == 3);
    CHECK(set.combined.get_doccount() == 7);
    CHECK(set.shards[2].get_doccount() == 4);
    CHECK(fs::equivalent(set.shard_paths[0], dir.path / "a"));
}

TEST_CASE("stub: several --db paths and plain Xapian databases are searched as one") {
    newsdex::test::TempDir dir;
    make_db(dir.sub("plain"), 2);
    make_db(dir.sub("other"), 1);
    const std::string stub = dir.file("one.stub", "auto other\n");
    DatabaseSet set = open_database_set({dir.sub("plain"), stub});
    REQUIRE(set.shards.size() == 2);
    CHECK(set.combined.get_doccount() == 3);
    CHECK(set.shard_paths[0] == dir.sub("plain"));
}

TEST_CASE("stub: metadata comes from the first shard that has the key") {
    newsdex::test::TempDir dir;
    make_db(dir.sub("a"), 1);
    make_db(dir.sub("b"), 1);
    {
        Xapian::WritableDatabase b(dir.sub("b"));
        b.set_metadata("name:XCibm", "IBM");
        b.commit();
    }
    DatabaseSet set = open_database_set({dir.file("s.stub", "auto a\nauto b\n")});
    CHECK(set.combined.get_metadata("name:XCibm").empty());  // Xapian asks the first shard only
    CHECK(set.metadata("name:XCibm") == "IBM");
    CHECK(set.metadata("name:XCnone").empty());
}

TEST_CASE("stub: a file that is not a stub is a user error naming file:line, not quoting it") {
    newsdex::test::TempDir dir;
    make_db(dir.sub("a"), 1);
    const std::string passwd = dir.file("passwd", "# comment\nroot:x:0:0:secret:/root:/bin/sh\n");
    std::string message = message_of<UserError>([&] { open_database_set({passwd}); });
    CHECK(message.find(passwd + ":2: not a database stub line") == 0);
    CHECK(message.find("secret") == std::string::npos);

    // One bad line among good ones is still named by its line.
    const std::string mixed = dir.file("mixed.stub", "auto a\nnonsense here\n");
    CHECK(message_of<UserError>([&] { open_database_set({mixed}); }).find(mixed + ":2:") == 0);

    // A directory that is neither a newsdex database nor a Xapian one.
    fs::create_directories(dir.path / "photos");
    CHECK(message_of<UserError>([&] { open_database_set({dir.sub("photos")}); }).find("is not a newsdex database") !=
          std::string::npos);
}

TEST_CASE("stub: what cannot be opened is a system error naming it") {
    newsdex::test::TempDir dir;
    // A typed line to a shard that is not there.
    const std::string gone = dir.file("gone.stub", "auto shard-009\n");
    CHECK(message_of<SystemError>([&] { open_database_set({gone}); }).find("no database at") == 0);
    // A stub that lists nothing.
    const std::string empty = dir.file("empty.stub", "# nothing yet\n");
    CHECK(message_of<SystemError>([&] { open_database_set({empty}); }) == "no database given");
    // A --db path that does not exist.
    CHECK(message_of<SystemError>([&] { open_database_set({dir.sub("nowhere")}); }).find("no database at") == 0);
}

TEST_CASE("stub: remote lines are parsed as host:port and named by stub:line when unreachable") {
    // Port 1 on loopback refuses at once: nothing listens there.  Each form
    // of the line must reach the connect (not fail to parse) and the
    // message names the spec as written and where it was written.
    newsdex::test::TempDir dir;
    make_db(dir.sub("a"), 1);
    for (const std::string spec : {":127.0.0.1:1", "127.0.0.1:1", ":[::1]:1"}) {
        const std::string stub = dir.file("remote.stub", "auto a\n\nremote " + spec + "\n");
        const std::string message = message_of<SystemError>([&] { open_database_set({stub}); });
        CAPTURE(spec);
        CHECK(message.find("cannot reach remote shard '" + spec + "' (" + stub + ":3)") == 0);
    }
}
