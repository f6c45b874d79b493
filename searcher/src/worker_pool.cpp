#include "worker_pool.h"

#include <algorithm>

namespace newsdex {

Xapian::Query unserialise_query(const std::string& serialised) {
    thread_local const Xapian::Registry registry;
    return Xapian::Query::unserialise(serialised, registry);
}

namespace {
/// How long an idle worker looks for the next task before it sleeps: a
/// search hands out tasks in quick rounds (match, then load the hits), and
/// waking a sleeping thread costs more than the rounds' gap.
constexpr auto kSpinBeforeSleep = std::chrono::microseconds(200);
}  // namespace

WorkerPool::WorkerPool(std::size_t threads) {
    try {
        for (std::size_t i = 0; i < threads; ++i) start_thread();
    } catch (...) {  // e.g. no more threads: stop those started
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (auto& t : threads_) t.join();
        throw;
    }
}

void WorkerPool::start_thread() {
    threads_.emplace_back([this] {
        while (true) {
            const auto until = std::chrono::steady_clock::now() + kSpinBeforeSleep;
            while (queued_.load(std::memory_order_acquire) == 0 && std::chrono::steady_clock::now() < until)
                std::this_thread::yield();
            std::packaged_task<void()> task;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
                if (queue_.empty()) return;  // stopping, nothing left
                task = std::move(queue_.front());
                queue_.pop_front();
                queued_.fetch_sub(1, std::memory_order_relaxed);
            }
            task();
        }
    });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
}

std::size_t WorkerPool::default_threads() {
    unsigned cores = std::thread::hardware_concurrency();
    return cores > 1 ? cores - 1 : 1;
}

std::future<void> WorkerPool::submit(std::function<void()> task) {
    std::packaged_task<void()> packaged(std::move(task));
    std::future<void> done = packaged.get_future();
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(packaged));
        queued_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_one();
    return done;
}

bool WorkerPool::run_one() {
    std::packaged_task<void()> task;
    {
        std::lock_guard lock(mutex_);
        if (queue_.empty()) return false;
        task = std::move(queue_.front());
        queue_.pop_front();
        queued_.fetch_sub(1, std::memory_order_relaxed);
    }
    task();
    return true;
}

void WorkerPool::wait(std::vector<std::future<void>>& futures) {
    std::vector<std::future<void>> mine;
    mine.swap(futures);
    for (auto& f : mine)
        while (f.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            if (!run_one()) f.wait();
    std::exception_ptr first;
    for (auto& f : mine) {
        try {
            f.get();
        } catch (...) {
            if (!first) first = std::current_exception();
        }
    }
    if (first) std::rethrow_exception(first);
}

}  // namespace newsdex
