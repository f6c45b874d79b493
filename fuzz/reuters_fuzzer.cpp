// libFuzzer harness: the Reuters reader on arbitrary bytes (see fuzz_reader.h).
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    newsdex::fuzz::read_as(newsdex::InputFormat::Reuters, "reut2-000.sgm", data, size);
    return 0;
}
