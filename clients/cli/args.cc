#include "clients/cli/args.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace bayyina::cli {

absl::StatusOr<Args> Args::Parse(absl::Span<const std::string> argv,
                                 absl::Span<const FlagSpec> specs) {
  Args args;
  bool flags_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    absl::string_view arg = argv[i];
    std::string long_form;
    if (!flags_done && arg.size() == 2 && arg[0] == '-' && arg[1] != '-') {
      // Short flags: "-x" is a command's own one-letter flag "x"; "-o" is also --output.
      auto known = [&](absl::string_view n) {
        for (const FlagSpec& s : specs) {
          if (s.name == n) return true;
        }
        return false;
      };
      const absl::string_view letter = arg.substr(1);
      if (known(letter)) {
        long_form = absl::StrCat("--", letter);
      } else if (letter == "o" && known("output")) {
        long_form = "--output";
      }
      if (!long_form.empty()) arg = long_form;
    }
    if (flags_done || arg.size() < 2 || arg.substr(0, 2) != "--") {
      args.positional_.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_done = true;
      continue;
    }
    absl::string_view name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (size_t eq = name.find('='); eq != absl::string_view::npos) {
      inline_value = std::string(name.substr(eq + 1));
      name = name.substr(0, eq);
    }
    const FlagSpec* spec = nullptr;
    for (const FlagSpec& s : specs) {
      if (s.name == name) spec = &s;
    }
    if (spec == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name, "; see --help"));
    }
    std::vector<std::string>& slot = args.values_[std::string(name)];
    if (spec->kind == FlagKind::kBool) {
      if (inline_value) {
        return absl::InvalidArgumentError(absl::StrCat("--", name, " takes no value"));
      }
      slot.emplace_back("true");
      continue;
    }
    if (spec->kind == FlagKind::kValue && !slot.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, " given more than once"));
    }
    if (inline_value) {
      slot.push_back(*inline_value);
    } else if (i + 1 < argv.size()) {
      slot.push_back(argv[++i]);
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " needs a value (", spec->value_name, ")"));
    }
  }
  return args;
}

bool Args::Has(absl::string_view name) const { return values_.find(name) != values_.end(); }

std::optional<std::string> Args::Get(absl::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Args::GetOr(absl::string_view name, absl::string_view fallback) const {
  return Get(name).value_or(std::string(fallback));
}

std::vector<std::string> Args::GetAll(absl::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

absl::StatusOr<long long> Args::GetInt(absl::string_view name, long long fallback, long long min,
                                       long long max) const {
  std::optional<std::string> value = Get(name);
  if (!value) return fallback;
  long long parsed = 0;
  if (!absl::SimpleAtoi(*value, &parsed) || parsed < min || parsed > max) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " must be an integer from ", min, " to ", max));
  }
  return parsed;
}

}  // namespace bayyina::cli
