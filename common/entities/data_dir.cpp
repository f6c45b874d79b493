#include "common/entities/data_dir.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace newsdex {

std::string default_data_dir(const std::string& probe) {
    namespace fs = std::filesystem;
    auto fits = [&](const std::string& dir) {
        std::error_code ec;
        if (dir.empty()) return false;
        return probe.empty() ? fs::is_directory(dir, ec) : fs::exists(fs::path(dir) / probe, ec);
    };
    if (const char* env = std::getenv("NEWSDEX_DATA_DIR"); env && *env) return env;
#ifdef NEWSDEX_SOURCE_DATA_DIR
    if (fits(NEWSDEX_SOURCE_DATA_DIR)) return NEWSDEX_SOURCE_DATA_DIR;
#endif
#ifdef NEWSDEX_INSTALL_DATA_DIR
    return NEWSDEX_INSTALL_DATA_DIR;
#else
    return "common/data";
#endif
}

}  // namespace newsdex
