#ifndef BAYYINA_CLIENTS_CLI_COMMAND_H_
#define BAYYINA_CLIENTS_CLI_COMMAND_H_

// Subcommands of the `bayyina` CLI. Each capability adds its commands in its own file
// (clients/bayyina/cmd_<capability>.cc) with BAYYINA_COMMAND; nothing else changes.
//
//   absl::StatusOr<int> RunLookup(const Invocation& in) { ... return 0; }
//   BAYYINA_COMMAND(kTmLookup, {"tm lookup", "suggest translations for lines on stdin",
//                               "--db PATH --src L --tgt L", {{"db", FlagKind::kValue, ...}},
//                               &RunLookup});
//
// Every command also accepts the global flags --json, --server ADDR, --quiet and --help.
// A returned error is printed as one line "bayyina: error: MESSAGE" on stderr; the exit code
// is 2 for InvalidArgument (usage) and 1 otherwise. Messages never hold evidence text.

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "clients/cli/args.h"

namespace bayyina::cli {

struct Invocation {
  const Args& args;
  bool json = false;     // --json: machine-readable output on stdout.
  std::string server;    // --server ADDR: empty means embedded (in-process).
  bool progress = false; // Show progress on stderr (a terminal and no --quiet).
};

struct Command {
  absl::string_view name;     // One or two words, e.g. "ocr" or "tm lookup".
  absl::string_view summary;  // One line for the command list.
  absl::string_view usage;    // Arguments after the name, e.g. "FILE --lang L [-o OUT]".
  std::vector<FlagSpec> flags;
  absl::StatusOr<int> (*run)(const Invocation&);
};

// Adds `command` to the registry; returns true so it can initialise a static.
bool RegisterCommand(Command command);

#define BAYYINA_COMMAND(var, ...) \
  [[maybe_unused]] static const bool var = ::bayyina::cli::RegisterCommand(::bayyina::cli::Command __VA_ARGS__)

// Runs the CLI: finds the command named by argv[1] (and argv[2] for two-word commands),
// parses its flags and runs it. Returns the process exit code.
int RunCli(int argc, char** argv);

// Writes a progress line ("\r[stage] done/total") to stderr when `in.progress` is set, and
// ends it with a newline when done == total.
void ShowProgress(const Invocation& in, absl::string_view stage, int done, int total);

// $BAYYINA_HOME, or ~/.local/share/bayyina when unset. Created (0700) when missing.
absl::StatusOr<std::string> HomeDir();

}  // namespace bayyina::cli

#endif  // BAYYINA_CLIENTS_CLI_COMMAND_H_
