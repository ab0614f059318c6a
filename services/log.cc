#include "services/log.h"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace bayyina::services {

void Log(LogLevel level, absl::string_view event, std::initializer_list<LogField> fields) {
  nlohmann::ordered_json line;
  line["time"] = absl::FormatTime("%Y-%m-%dT%H:%M:%E3S%Ez", absl::Now(), absl::UTCTimeZone());
  line["level"] = level == LogLevel::kInfo ? "info" : level == LogLevel::kWarning ? "warning" : "error";
  line["event"] = std::string(event);
  for (const auto& [key, value] : fields) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, absl::string_view>) {
            line[std::string(key)] = std::string(v);
          } else {
            line[std::string(key)] = v;
          }
        },
        value);
  }
  // Invalid UTF-8 is replaced rather than thrown on: a log line must never abort a call.
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::fprintf(stderr, "%s\n", text.c_str());
  std::fflush(stderr);
}

}  // namespace bayyina::services
