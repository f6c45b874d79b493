// Runs a libFuzzer harness without libFuzzer: every file named on the command
// line, or found under a named directory (recursively, in sorted order), is
// passed once to LLVMFuzzerTestOneInput.  The normal test suite uses it to
// replay the seed corpora and the saved crash inputs (tests/fuzz-regressions/)
// with any compiler, so a crash found once stays fixed.  Like libFuzzer, it
// also fails an input that drives the peak RSS over a limit (2048 MB, or
// NEWSDEX_REPLAY_RSS_MB): memory blow-ups are crashes waiting for a big file.
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <cstdlib>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace fs = std::filesystem;

namespace {

/// The files to replay; false (with a message) when an argument does not exist,
/// so that a moved regression folder fails the test instead of replaying nothing.
bool collect(const char* arg, std::vector<fs::path>& files) {
    std::error_code ec;
    fs::path path(arg);
    if (fs::is_regular_file(path, ec)) {
        files.push_back(path);
        return true;
    }
    if (!fs::is_directory(path, ec)) {
        std::fprintf(stderr, "replay: %s: no such file or directory\n", arg);
        return false;
    }
    std::vector<fs::path> found;
    for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.') found.push_back(entry.path());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
    return true;
}

bool read_file(const fs::path& path, std::vector<std::uint8_t>& out) {
    std::ifstream in(path, std::ios::binary);
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !in.bad();
}

long peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;  // Linux: kilobytes
}

long rss_limit_mb() {
    const char* env = std::getenv("NEWSDEX_REPLAY_RSS_MB");
    return env && std::atol(env) > 0 ? std::atol(env) : 2048;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    std::vector<fs::path> files;
    bool ok = true;
    for (int i = 1; i < argc; ++i) ok = collect(argv[i], files) && ok;
    if (!ok) return 1;
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    const long limit = rss_limit_mb();
    std::vector<std::uint8_t> data;
    for (const fs::path& file : files) {
        // Named before running, so a crash's output says which input it was.
        std::fprintf(stderr, "replay: %s\n", file.c_str());
        if (!read_file(file, data)) {
            std::fprintf(stderr, "replay: %s: cannot read\n", file.c_str());
            return 1;
        }
        LLVMFuzzerTestOneInput(data.data(), data.size());
        // Peak RSS only grows, so the first input over the limit is the culprit.
        if (peak_rss_mb() > limit) {
            std::fprintf(stderr, "replay: %s: peak RSS %ld MB, over the limit of %ld MB\n", file.c_str(), peak_rss_mb(),
                         limit);
            return 1;
        }
    }
    std::printf("replayed %zu inputs\n", files.size());
    return 0;
}
