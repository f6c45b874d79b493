#include "indexer/indexer.h"

#include "common/entities/entities.h"
#include "common/schema/schema.h"
#include "indexer/document_builder.h"
#include "indexer/shard_set.h"
#include "indexer/surname_resolution.h"
#include "newsdex/error.h"

#include <algorithm>
#include <cctype>
#include <atomic>
#include <filesystem>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <xapian.h>

namespace newsdex {

namespace {

using Clock = std::chrono::steady_clock;

/// A queue bounded in bytes, so that memory stays flat whatever the corpus.
class ArticleQueue {
  public:
    explicit ArticleQueue(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    void push(Article&& a) {
        std::size_t size = a.title.size() + a.body.size() + 256;
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return closed_ || items_.empty() || bytes_ + size <= max_bytes_; });
        if (closed_) return;
        bytes_ += size;
        items_.emplace_back(std::move(a), size);
        not_empty_.notify_one();
    }
    bool pop(Article& out) {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
        if (items_.empty()) return false;
        out = std::move(items_.front().first);
        bytes_ -= items_.front().second;
        items_.pop_front();
        not_full_.notify_all();
        return true;
    }
    /// No more input: pop() drains what is queued, then returns false.
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
        not_full_.notify_all();
    }

  private:
    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    std::deque<std::pair<Article, std::size_t>> items_;
    std::size_t bytes_ = 0, max_bytes_;
    bool closed_ = false;
};

/// Metadata (display names, aliases, languages) that every shard must carry.
/// Append-only; each shard writes what it has not written yet at its commits.
class SharedMetadata {
  public:
    void add(const std::vector<std::pair<std::string, std::string>>& entries, const std::string& language) {
        std::lock_guard lock(mutex_);
        for (const auto& [key, value] : entries) {
            auto [it, inserted] = seen_.emplace(key, value);
            if (!inserted) {
                if (!preferred(value, it->second)) continue;
                it->second = value;  // a better value: logged again, written over the old one
            }
            log_.emplace_back(key, value);
        }
        if (languages_.insert(language).second) ++language_version_;
    }
    void load_languages(const std::string& list) {
        std::lock_guard lock(mutex_);
        std::size_t start = 0;
        while (start < list.size()) {
            auto comma = list.find(',', start);
            if (comma == std::string::npos) comma = list.size();
            if (comma > start) languages_.insert(list.substr(start, comma - start));
            start = comma + 1;
        }
    }
    /// Write entries [cursor, end) and the language list to db.
    void write_new(Xapian::WritableDatabase& db, std::size_t& cursor, std::uint64_t& language_version) {
        std::vector<std::pair<std::string, std::string>> pending;
        std::string languages;
        {
            std::lock_guard lock(mutex_);
            pending.assign(log_.begin() + static_cast<std::ptrdiff_t>(cursor), log_.end());
            cursor = log_.size();
            if (language_version != language_version_) {
                language_version = language_version_;
                for (const auto& l : languages_) languages += (languages.empty() ? "" : ",") + l;
            }
        }
        for (const auto& [key, value] : pending) db.set_metadata(key, value);
        if (!languages.empty()) db.set_metadata(schema::kLanguagesKey, languages);
    }

  private:
    /// Several articles may name one entity differently ("Jose Martinez",
    /// "José Martínez") or use one alias for different entities; the value
    /// kept must not depend on which worker thread got there first, so it is
    /// chosen by a fixed order: not all capitals, then more non-ASCII
    /// letters (accents kept), then the smallest string.
    static bool preferred(const std::string& a, const std::string& b) {
        auto all_caps = [](const std::string& s) {
            bool letter = false;
            for (unsigned char c : s) {
                if (std::islower(c)) return false;
                letter = letter || std::isupper(c);
            }
            return letter;
        };
        auto non_ascii = [](const std::string& s) {
            return std::count_if(s.begin(), s.end(), [](unsigned char c) { return c >= 0xC0; });
        };
        if (all_caps(a) != all_caps(b)) return !all_caps(a);
        if (non_ascii(a) != non_ascii(b)) return non_ascii(a) > non_ascii(b);
        return a < b;
    }

    std::mutex mutex_;
    std::unordered_map<std::string, std::string> seen_;
    std::vector<std::pair<std::string, std::string>> log_;
    std::set<std::string> languages_;
    std::uint64_t language_version_ = 0;
};

/// Bad records found by the writer threads (values Xapian cannot index),
/// handed to the reading thread, which alone counts and reports them: the
/// observer is called from one thread only.
class BadRecordInbox {
  public:
    void post(BadRecord bad) {
        std::lock_guard lock(mutex_);
        items_.push_back(std::move(bad));
    }
    std::vector<BadRecord> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(items_, {});
    }

  private:
    std::mutex mutex_;
    std::vector<BadRecord> items_;
};

struct ShardWorker {
    Xapian::WritableDatabase db;
    unsigned index = 0;  ///< of the shard
    ArticleQueue queue{8u << 20};
    IndexStats stats;
    std::exception_ptr error;
    std::thread thread;
    std::atomic<std::uint64_t> done{0};
    std::atomic<bool> finished{false};
    std::size_t metadata_cursor = 0;     ///< SharedMetadata entries written so far
    std::uint64_t language_version = 0;  ///< language list version written
};

/// Add, replace or leave the article in `w.db`, counting which: the docid
/// written, 0 when the database did not change.
Xapian::docid write_article(ShardWorker& w, const Article& article, const BuiltDocument& built) {
    if (Xapian::docid existing = find_article(w.db, article.id)) {
        if (same_content(w.db.get_document(existing).get_value(schema::kSlotHash), built, article)) {
            ++w.stats.unchanged;
            return 0;
        }
        w.db.replace_document(existing, built.document);
        ++w.stats.replaced;
        return existing;
    }
    ++w.stats.added;
    return w.db.add_document(built.document);
}

void run_worker(ShardWorker& w, const IndexOptions& options, const EntityExtractor* extractor, SharedMetadata& metadata,
                LinkHints& hints, BadRecordInbox& bad_records, std::atomic<bool>& failed) {
    try {
        DocumentBuilder builder(extractor, options.default_language);
        std::unordered_set<std::string> sent;  ///< key + '\0' + value already passed on
        std::string last_language;
        Article article;
        unsigned since_commit = 0;
        auto commit = [&] {
            metadata.write_new(w.db, w.metadata_cursor, w.language_version);
            w.db.commit();
            since_commit = 0;
        };
        while (w.queue.pop(article)) {
            if (failed) continue;  // drain without work once a sibling failed
            BuiltDocument built = builder.build(article);
            bool changed = false;
            if (built.problem.empty()) {
                LinkHints::Guesses guesses = hints.link(built.document, built.metadata);
                // Xapian checks a document before changing anything, so a
                // refused one leaves the batch intact (find_problem should
                // have caught it already).
                try {
                    const Xapian::docid docid = write_article(w, article, built);
                    if (docid) hints.written(w.index, docid, std::move(guesses));
                    changed = docid != 0;
                } catch (const Xapian::InvalidArgumentError& e) {
                    built.problem = "cannot index: " + e.get_msg();
                }
            }
            ++w.done;
            if (!built.problem.empty()) {
                bad_records.post({article.origin, built.problem});
                if (!options.strict) continue;
                w.error = std::make_exception_ptr(UserError(article.origin + ": " + built.problem + " (--strict)"));
                failed = true;
                break;
            }
            // Only keys this worker has not passed on yet reach the shared,
            // locked registry (most entities recur across articles).
            std::vector<std::pair<std::string, std::string>> fresh;
            for (auto& entry : built.metadata)
                if (sent.insert(entry.first + '\0' + entry.second).second) fresh.push_back(std::move(entry));
            if (!fresh.empty() || built.language != last_language) metadata.add(fresh, built.language);
            last_language = built.language;
            w.stats.text_bytes += built.text_bytes;
            if (changed && ++since_commit >= options.commit_every) commit();
        }
        commit();  // also after a --strict stop: what came before stays
    } catch (const Xapian::Error& e) {
        w.error = std::make_exception_ptr(SystemError("writing the database: " + e.get_description()));
        failed = true;
    } catch (...) {
        w.error = std::current_exception();
        failed = true;
    }
    if (failed) {
        // Drain so the reader never blocks on a full queue.
        Article ignored;
        while (w.queue.pop(ignored)) {}
    }
    w.finished = true;
}

unsigned default_shards() {
    unsigned cores = std::thread::hardware_concurrency();
    return std::clamp(cores ? cores : 1u, 1u, 4u);
}

/// Archive-level surname links for the database as it now is (any order of
/// indexing gives the same links); commits the shards it changed.
void resolve_and_commit(std::vector<Xapian::WritableDatabase>& dbs, const LinkHints* hints = nullptr) {
    try {
        const ResolutionStats r = resolve_surnames(dbs, hints);
        if (r.linked || r.unlinked || r.renamed)
            for (auto& db : dbs) db.commit();
    } catch (const Xapian::Error& e) {
        throw SystemError("linking surnames: " + e.get_description());
    }
}

}  // namespace

IndexStats index_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                       const IndexObserver& observer) {
    auto started = Clock::now();
    std::unique_ptr<EntityExtractor> extractor;
    if (options.extract_entities) extractor = std::make_unique<EntityExtractor>("", options.aliases_file);

    std::vector<std::string> shard_paths;
    auto dbs =
        open_shards_for_writing(options.db_path, options.shards ? options.shards : default_shards(), &shard_paths);
    SharedMetadata metadata;
    metadata.load_languages(dbs.front().get_metadata(schema::kLanguagesKey));

    std::vector<std::unique_ptr<ShardWorker>> workers;
    std::atomic<bool> failed{false};
    BadRecordInbox bad_records;
    LinkHints hints;
    for (auto& db : dbs) {
        auto w = std::make_unique<ShardWorker>();
        w->db = db;
        w->index = static_cast<unsigned>(workers.size());
        workers.push_back(std::move(w));
    }
    for (auto& w : workers)
        w->thread = std::thread(run_worker, std::ref(*w), std::cref(options), extractor.get(), std::ref(metadata),
                                std::ref(hints), std::ref(bad_records), std::ref(failed));

    IndexStats stats;
    std::uint64_t total_bytes = 0;
    std::vector<std::uint64_t> path_bytes;  // walked once: a directory tree means a stat per file
    for (const auto& p : paths) total_bytes += path_bytes.emplace_back(input_size(p));
    std::uint64_t bytes_before = 0, bytes_now = 0, articles_read = 0;
    auto articles_done = [&] {
        std::uint64_t n = 0;
        for (auto& w : workers) n += w->done;
        return n;
    };
    auto count_bad = [&](const BadRecord& bad) {
        ++stats.skipped;
        ++stats.skip_reasons[reason_kind(bad.reason)];
        if (observer.bad_record) observer.bad_record(bad);
    };
    auto take_writer_bad_records = [&] {
        for (const auto& bad : bad_records.take()) count_bad(bad);
    };
    // Progress counts articles written, not bytes read (the reader runs ahead
    // by a queue's worth): the bytes read scaled by the share already written.
    auto report = [&] {
        take_writer_bad_records();
        if (!observer.progress) return;
        std::uint64_t done = articles_done();
        double share = articles_read ? static_cast<double>(done) / static_cast<double>(articles_read) : 0.0;
        observer.progress(static_cast<std::uint64_t>(static_cast<double>(bytes_now) * std::min(1.0, share)),
                          total_bytes, done);
    };

    ReaderSink sink;
    sink.article = [&](Article&& a) {
        if (failed) throw SystemError("stopping: a writer failed");
        unsigned shard = schema::shard_for_id(a.id, static_cast<unsigned>(workers.size()));
        ++articles_read;
        workers[shard]->queue.push(std::move(a));
        report();
    };
    sink.bad = [&](const BadRecord& bad) {
        count_bad(bad);
        if (options.strict) throw UserError(bad.where + ": " + bad.reason + " (--strict)");
    };
    sink.progress = [&](std::uint64_t bytes) {
        bytes_now = bytes_before + bytes;
        report();
    };

    std::exception_ptr reader_error;
    try {
        for (std::size_t i = 0; i < paths.size(); ++i) {
            read_path(paths[i], options.reader, sink);
            bytes_before = bytes_now = bytes_before + path_bytes[i];
            report();
        }
    } catch (...) {
        reader_error = std::current_exception();
    }
    for (auto& w : workers) w->queue.close();
    // Keep the progress bar moving while the writers drain their queues.
    auto all_finished = [&] {
        for (auto& w : workers)
            if (!w->finished) return false;
        return true;
    };
    while (!all_finished()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        report();
    }
    for (auto& w : workers) w->thread.join();
    take_writer_bad_records();
    // Metadata a sibling added after a shard's last commit (every shard carries all).
    try {
        for (auto& w : workers) {
            if (w->error) continue;
            metadata.write_new(w->db, w->metadata_cursor, w->language_version);
            w->db.commit();
        }
    } catch (const Xapian::Error& e) {
        throw SystemError("writing the database: " + e.get_description());
    }
    resolve_and_commit(dbs, &hints);
    save_columns(dbs, shard_paths);
    for (auto& w : workers) w->db.close();
    sync_tree(options.db_path);

    for (auto& w : workers) {
        if (w->error) std::rethrow_exception(w->error);
        stats.added += w->stats.added;
        stats.replaced += w->stats.replaced;
        stats.unchanged += w->stats.unchanged;
        stats.text_bytes += w->stats.text_bytes;
    }
    if (reader_error) std::rethrow_exception(reader_error);
    stats.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return stats;
}

IndexStats delete_ids(const std::vector<std::string>& ids, const IndexOptions& options) {
    auto started = Clock::now();
    if (!std::filesystem::exists(std::filesystem::path(options.db_path) / schema::kStubFile))
        throw UserError("no newsdex database at " + options.db_path);
    std::vector<std::string> shard_paths;
    auto dbs =
        open_shards_for_writing(options.db_path, options.shards ? options.shards : default_shards(), &shard_paths);
    IndexStats stats;
    try {
        for (const auto& id : ids) {
            auto& db = dbs[schema::shard_for_id(id, static_cast<unsigned>(dbs.size()))];
            Xapian::docid docid = find_article(db, id);
            if (!docid) {
                ++stats.not_found;
                continue;
            }
            db.delete_document(docid);
            ++stats.deleted;
        }
        for (auto& db : dbs) db.commit();
        resolve_and_commit(dbs);
        save_columns(dbs, shard_paths);
        for (auto& db : dbs) db.close();
        sync_tree(options.db_path);
    } catch (const Xapian::Error& e) {
        throw SystemError("deleting from " + options.db_path + ": " + e.get_description());
    }
    stats.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return stats;
}

}  // namespace newsdex
