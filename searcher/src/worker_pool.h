// A few long-lived threads for a Searcher: per-shard matching and facet
// counting run on them (and on the calling thread) without starting a thread
// per search.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// This thread's own copy of a query serialised by another: Xapian reference
/// counts are not atomic, so no Query object is shared between threads.
Xapian::Query unserialise_query(const std::string& serialised);

class WorkerPool {
  public:
    /// `threads` worker threads (0: every task runs on the thread that waits).
    explicit WorkerPool(std::size_t threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// Queue `task`; the future is ready when it has run (holding its exception).
    std::future<void> submit(std::function<void()> task);

    /// Run queued tasks on the calling thread too until every one of
    /// `futures` is ready (and empty the vector), then rethrow the first
    /// exception among them.
    void wait(std::vector<std::future<void>>& futures);

    /// Worker threads plus the calling thread.
    std::size_t parallelism() const { return threads_.size() + 1; }

    /// One thread per core beyond the caller's own.
    static std::size_t default_threads();

  private:
    void start_thread();
    bool run_one();  ///< run one queued task here; false if none was queued
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::packaged_task<void()>> queue_;
    bool stopping_ = false;
    std::atomic<std::size_t> queued_{0};  ///< tasks in queue_, read without the lock
    std::vector<std::thread> threads_;
};

/// Tasks submitted together, waited for together -- also when the scope that
/// submitted them is left by an exception, since they may refer to it.
class TaskGroup {
  public:
    explicit TaskGroup(WorkerPool& pool) : pool_(pool) {}
    ~TaskGroup() {
        try {
            pool_.wait(futures_);
        } catch (...) {}
    }
    TaskGroup(const TaskGroup&) = delete;
    TaskGroup& operator=(const TaskGroup&) = delete;

    void submit(std::function<void()> task) { futures_.push_back(pool_.submit(std::move(task))); }
    /// Wait for every task submitted so far; rethrows the first failure.
    void wait() { pool_.wait(futures_); }

  private:
    WorkerPool& pool_;
    std::vector<std::future<void>> futures_;
};

}  // namespace newsdex
