#ifndef BAYYINA_SERVICES_LOG_H_
#define BAYYINA_SERVICES_LOG_H_

// Structured logs: one JSON object per line on stderr.
//
// Logs never hold evidence text, personal values, keys or tokens. Callers pass only
// identifiers, counts, sizes, codes and durations as fields; there is deliberately no way to
// log a free-form request body.

#include <initializer_list>
#include "absl/strings/string_view.h"
#include <utility>
#include <variant>

namespace bayyina::services {

enum class LogLevel { kInfo, kWarning, kError };

using LogValue = std::variant<absl::string_view, long long, double, bool>;
using LogField = std::pair<absl::string_view, LogValue>;

// Writes {"time":..., "level":..., "event": event, fields...} as one line. Thread-safe.
void Log(LogLevel level, absl::string_view event, std::initializer_list<LogField> fields = {});

}  // namespace bayyina::services

#endif  // BAYYINA_SERVICES_LOG_H_
