#pragma once
namespace newsdex::cli {
/// newsdex-index: parse options, index, print the summary.  Returns the exit code.
int index_main(int argc, char** argv);
}  // namespace newsdex::cli
