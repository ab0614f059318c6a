#ifndef BAYYINA_CLIENTS_CLI_ARGS_H_
#define BAYYINA_CLIENTS_CLI_ARGS_H_

// Command-line flags of one subcommand: "--name value", "--name=value", boolean "--name",
// repeatable flags, and positional arguments; "--" ends the flags.

#include <map>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace bayyina::cli {

enum class FlagKind {
  kBool,      // --name, takes no value.
  kValue,     // --name VALUE, at most once.
  kRepeated,  // --name VALUE, any number of times.
};

struct FlagSpec {
  absl::string_view name;        // Without the leading dashes.
  FlagKind kind;
  absl::string_view value_name;  // Shown in --help, e.g. "FILE"; empty for kBool.
  absl::string_view help;        // One line.
};

class Args {
 public:
  // Parses `argv` (without the program and command names) against `specs`. Returns
  // InvalidArgument naming the flag for unknown flags, missing values and repeats of
  // single-valued flags.
  static absl::StatusOr<Args> Parse(absl::Span<const std::string> argv,
                                    absl::Span<const FlagSpec> specs);

  bool Has(absl::string_view name) const;
  // The value of a kValue flag, or nullopt when absent.
  std::optional<std::string> Get(absl::string_view name) const;
  std::string GetOr(absl::string_view name, absl::string_view fallback) const;
  // Every value of a kRepeated (or kValue) flag, in order.
  std::vector<std::string> GetAll(absl::string_view name) const;
  // Integer value; InvalidArgument naming the flag when it is not an integer in [min, max].
  absl::StatusOr<long long> GetInt(absl::string_view name, long long fallback, long long min,
                                   long long max) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  std::vector<std::string> positional_;
};

}  // namespace bayyina::cli

#endif  // BAYYINA_CLIENTS_CLI_ARGS_H_
