#include "core/path_template.hpp"

#include <algorithm>
#include <ctime>

namespace gleaner {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The length of the placeholder starting at `at` (a '{'), or 0 if the brace
// opens no placeholder.
std::size_t placeholder_length(std::string_view text, std::size_t at) {
  std::size_t end = at + 1;
  while (end < text.size() && is_name_char(text[end])) ++end;
  if (end == at + 1 || end >= text.size() || text[end] != '}') return 0;
  return end + 1 - at;
}

std::string utc(std::chrono::system_clock::time_point when, const char* format) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm fields{};
  gmtime_r(&seconds, &fields);
  char text[32];
  const std::size_t length = std::strftime(text, sizeof text, format, &fields);
  return std::string(text, length);
}

std::optional<std::string> value_of(std::string_view name, const PathTemplateValues& values) {
  if (name == "job") return std::string(values.job);
  if (name == "date") return utc(values.start, "%Y-%m-%d");
  if (name == "time") return utc(values.start, "%H%M%S");
  if (name == "timestamp") return utc(values.start, "%Y%m%dT%H%M%SZ");
  return std::nullopt;
}

bool is_known(std::string_view name) {
  return std::find(path_placeholders.begin(), path_placeholders.end(), name) != path_placeholders.end();
}

}  // namespace

std::optional<std::string> unknown_placeholder(std::string_view path_template) {
  for (std::size_t at = path_template.find('{'); at != std::string_view::npos;
       at = path_template.find('{', at + 1)) {
    const std::size_t length = placeholder_length(path_template, at);
    if (length > 0 && !is_known(path_template.substr(at + 1, length - 2))) {
      return std::string(path_template.substr(at, length));
    }
  }
  return std::nullopt;
}

std::string unknown_placeholder_message(std::string_view placeholder) {
  std::string message = "unknown placeholder " + std::string(placeholder) + "; known: ";
  for (std::size_t i = 0; i < path_placeholders.size(); ++i) {
    message += (i > 0 ? ", {" : "{") + std::string(path_placeholders[i]) + "}";
  }
  return message;
}

Result<std::string> expand_path_template(std::string_view path_template, const PathTemplateValues& values) {
  std::string path;
  std::size_t from = 0;
  for (std::size_t at = path_template.find('{'); at != std::string_view::npos; at = path_template.find('{', at + 1)) {
    const std::size_t length = placeholder_length(path_template, at);
    if (length == 0) continue;
    const std::string_view placeholder = path_template.substr(at, length);
    auto value = value_of(placeholder.substr(1, length - 2), values);
    if (!value) return make_error(ErrorKind::invalid_argument, unknown_placeholder_message(placeholder));
    path.append(path_template.substr(from, at - from));
    path.append(*value);
    from = at + length;
    at = from - 1;
  }
  path.append(path_template.substr(from));
  return path;
}

std::string expand_path_template(std::string_view path_template, std::string_view job_name) {
  constexpr std::string_view placeholder = "{job}";
  std::string path;
  std::size_t from = 0;
  for (;;) {
    const std::size_t at = path_template.find(placeholder, from);
    path.append(path_template.substr(from, at - from));
    if (at == std::string_view::npos) break;
    path.append(job_name);
    from = at + placeholder.size();
  }
  return path;
}

}  // namespace gleaner
