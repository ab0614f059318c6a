#include "tm/segment.h"

namespace bayyina::tm {
namespace {

bool IsTypeChar(char c) { return (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the placeholder starting at text[pos] == '[', or 0. The type is the longest run
// of type characters that is followed by "_<digits>]".
size_t PlaceholderLength(absl::string_view text, size_t pos, absl::string_view* type) {
  size_t i = pos + 1;
  while (i < text.size() && IsTypeChar(text[i])) ++i;
  // The run ends in "_" followed by digits, then ']'. Find the last '_' inside the run.
  const size_t run_end = i;
  size_t digits_begin = run_end;
  while (digits_begin < text.size() && IsDigit(text[digits_begin])) ++digits_begin;
  if (digits_begin == run_end || digits_begin >= text.size() || text[digits_begin] != ']') {
    return 0;
  }
  // run is "[TYPE_" : it must end with '_' and hold at least one letter before it.
  if (run_end - (pos + 1) < 2 || text[run_end - 1] != '_') return 0;
  if (!(text[pos + 1] >= 'A' && text[pos + 1] <= 'Z')) return 0;
  *type = text.substr(pos + 1, run_end - 1 - (pos + 1));
  return digits_begin + 1 - pos;
}

}  // namespace

std::vector<PlaceholderSpan> FindPlaceholders(absl::string_view text) {
  std::vector<PlaceholderSpan> out;
  for (size_t pos = text.find('['); pos != absl::string_view::npos; pos = text.find('[', pos)) {
    absl::string_view type;
    const size_t len = PlaceholderLength(text, pos, &type);
    if (len == 0) {
      ++pos;
      continue;
    }
    out.push_back({pos, pos + len, type});
    pos += len;
  }
  return out;
}

bool IsPlaceholder(absl::string_view text) {
  if (text.empty() || text[0] != '[') return false;
  absl::string_view type;
  return PlaceholderLength(text, 0, &type) == text.size();
}

}  // namespace bayyina::tm
