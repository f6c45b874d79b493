// worker_pool: tasks run on the threads and the waiting caller; failures
// reach the caller.
#include "worker_pool.h"

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>

using namespace newsdex;

TEST_CASE("every task runs before wait returns, on the workers or the caller") {
    for (std::size_t threads : {0, 1, 3}) {
        CAPTURE(threads);
        WorkerPool pool(threads);
        CHECK(pool.parallelism() == threads + 1);
        std::atomic<int> sum{0};
        std::vector<int> slots(100, 0);
        std::vector<std::future<void>> done;
        for (int i = 0; i < 100; ++i)
            done.push_back(pool.submit([&, i] {
                slots[static_cast<std::size_t>(i)] = i;
                sum += i;
            }));
        pool.wait(done);
        CHECK(done.empty());
        CHECK(sum == 4950);
        for (int i = 0; i < 100; ++i) CHECK(slots[static_cast<std::size_t>(i)] == i);
    }
}

TEST_CASE("a failing task's exception reaches the caller after all tasks ended") {
    WorkerPool pool(1);
    std::atomic<int> ran{0};
    std::vector<std::future<void>> done;
    done.push_back(pool.submit([&] {
        ++ran;
        throw std::runtime_error("shard failed");
    }));
    for (int i = 0; i < 10; ++i) done.push_back(pool.submit([&] { ++ran; }));
    CHECK_THROWS_WITH(pool.wait(done), "shard failed");
    CHECK(ran == 11);
}

TEST_CASE("a query serialised on one thread is usable on another") {
    Xapian::Query q(Xapian::Query::OP_PHRASE, Xapian::Query("trade"), Xapian::Query("talks"));
    std::string s = q.serialise();
    std::string description;
    std::thread([&] { description = unserialise_query(s).get_description(); }).join();
    CHECK(description == q.get_description());
}
