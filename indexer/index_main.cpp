#include "indexer/index_cli.h"

int main(int argc, char** argv) { return newsdex::cli::index_main(argc, argv); }
