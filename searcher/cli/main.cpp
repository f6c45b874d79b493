#include "search_cli.h"

int main(int argc, char** argv) { return newsdex::cli::search_main(argc, argv); }
