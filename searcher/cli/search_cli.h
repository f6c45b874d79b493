#pragma once
namespace newsdex::cli {
/// newsdex-search: parse options, search, print.  Returns the exit code.
int search_main(int argc, char** argv);
}  // namespace newsdex::cli
