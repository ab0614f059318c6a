#include "clients/cli/command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>

#include "absl/strings/str_cat.h"

namespace bayyina::cli {
namespace {

// Every command of the design's CLI table, so that `bayyina --help` shows the whole surface
// and a command that is not built yet says so instead of "unknown command".
constexpr absl::string_view kPlanned[] = {
    "ocr", "analyze", "redact", "tm import", "tm export", "tm lookup", "tm concordance",
    "package create", "package verify", "bag verify", "process", "case create", "case submit",
    "case status", "case findings", "case draft", "case translate", "case approve",
    "case export", "case log", "serve"};

const FlagSpec kGlobalFlags[] = {
    {"json", FlagKind::kBool, "", "machine-readable JSON on stdout"},
    {"server", FlagKind::kValue, "ADDR", "send the request to a running bayyinad at ADDR"},
    {"quiet", FlagKind::kBool, "", "no progress on stderr"},
    {"help", FlagKind::kBool, "", "show this help"},
};

std::map<std::string, Command, std::less<>>& Registry() {
  static auto* registry = new std::map<std::string, Command, std::less<>>();
  return *registry;
}

void PrintCommandList(std::FILE* out) {
  std::fprintf(out,
               "usage: bayyina COMMAND [ARGS] [--json] [--server ADDR]\n\n"
               "Bayyina reads, redacts, translates and packages cross-border evidence.\n"
               "Runs in-process by default; --server ADDR uses a running bayyinad.\n\n"
               "commands:\n");
  for (absl::string_view name : kPlanned) {
    auto it = Registry().find(name);
    std::fprintf(out, "  %-16s %s\n", std::string(name).c_str(),
                 it == Registry().end() ? "(not built yet)"
                                        : std::string(it->second.summary).c_str());
  }
  std::fprintf(out, "\n`bayyina COMMAND --help` describes a command.\n");
}

void PrintCommandHelp(const Command& c) {
  std::printf("usage: bayyina %s %s\n\n%s\n\nflags:\n", std::string(c.name).c_str(),
              std::string(c.usage).c_str(), std::string(c.summary).c_str());
  auto print = [](const FlagSpec& f) {
    std::string left = absl::StrCat("--", f.name);
    if (!f.value_name.empty()) absl::StrAppend(&left, " ", f.value_name);
    if (f.kind == FlagKind::kRepeated) absl::StrAppend(&left, " ...");
    std::printf("  %-26s %s\n", left.c_str(), std::string(f.help).c_str());
  };
  for (const FlagSpec& f : c.flags) print(f);
  for (const FlagSpec& f : kGlobalFlags) print(f);
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "bayyina: error: %s\n", std::string(status.message()).c_str());
  return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
}

}  // namespace

bool RegisterCommand(Command command) {
  std::string name(command.name);
  Registry().emplace(std::move(name), std::move(command));
  return true;
}

int RunCli(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    PrintCommandList(words.empty() ? stderr : stdout);
    return words.empty() ? 2 : 0;
  }
  // Two-word commands ("tm lookup") win over one-word ones.
  std::string name = words[0];
  size_t consumed = 1;
  if (words.size() > 1) {
    std::string two = absl::StrCat(words[0], " ", words[1]);
    const bool planned_two = std::find(std::begin(kPlanned), std::end(kPlanned), two) !=
                             std::end(kPlanned);
    if (Registry().count(two) > 0 || planned_two) {
      name = two;
      consumed = 2;
    }
  }
  auto it = Registry().find(name);
  if (it == Registry().end()) {
    const bool planned =
        std::find(std::begin(kPlanned), std::end(kPlanned), name) != std::end(kPlanned);
    if (planned) {
      return Fail(absl::UnimplementedError(
          absl::StrCat("'", name, "' is not built yet in this version")));
    }
    return Fail(absl::InvalidArgumentError(
        absl::StrCat("unknown command '", name, "'; run `bayyina --help` for the list")));
  }
  const Command& command = it->second;
  std::vector<FlagSpec> specs = command.flags;
  specs.insert(specs.end(), std::begin(kGlobalFlags), std::end(kGlobalFlags));
  std::vector<std::string> rest(words.begin() + consumed, words.end());
  auto args = Args::Parse(rest, specs);
  if (!args.ok()) return Fail(args.status());
  if (args->Has("help")) {
    PrintCommandHelp(command);
    return 0;
  }
  Invocation in{*args, false, "", false};
  in.json = args->Has("json");
  in.server = args->GetOr("server", "");
  in.progress = !args->Has("quiet") && isatty(STDERR_FILENO);
  absl::StatusOr<int> code = command.run(in);
  std::fflush(stdout);
  if (!code.ok()) return Fail(code.status());
  return *code;
}

void ShowProgress(const Invocation& in, absl::string_view stage, int done, int total) {
  if (!in.progress) return;
  if (total > 0) {
    std::fprintf(stderr, "\r[%s] %d/%d", std::string(stage).c_str(), done, total);
  } else {
    std::fprintf(stderr, "\r[%s] %d", std::string(stage).c_str(), done);
  }
  if (total > 0 && done >= total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

absl::StatusOr<std::string> HomeDir() {
  std::string home;
  if (const char* env = std::getenv("BAYYINA_HOME"); env != nullptr && *env != '\0') {
    home = env;
  } else if (const char* user_home = std::getenv("HOME"); user_home != nullptr) {
    home = absl::StrCat(user_home, "/.local/share/bayyina");
  } else {
    return absl::FailedPreconditionError("set BAYYINA_HOME to a directory for Bayyina's data");
  }
  std::error_code ec;
  std::filesystem::create_directories(home, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create BAYYINA_HOME ", home, ": ", ec.message()));
  }
  ::chmod(home.c_str(), 0700);
  return home;
}

}  // namespace bayyina::cli
