// libFuzzer harness: the Text reader on arbitrary bytes (see fuzz_reader.h).
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    newsdex::fuzz::read_as(newsdex::InputFormat::Text, "article.txt", data, size);
    return 0;
}
