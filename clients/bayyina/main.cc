// The `bayyina` CLI. Commands live in cmd_*.cc beside this file.
#include "clients/cli/command.h"

int main(int argc, char** argv) { return bayyina::cli::RunCli(argc, argv); }
