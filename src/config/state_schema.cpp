#include "config/state_schema.hpp"

#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include "config/value_readers.hpp"
#include "core/path_template.hpp"

namespace gleaner::config {
namespace {

constexpr std::string_view recrawl_after_expected =
    R"(a duration ("90s", "45m", "2h", "7d", "2w") or a number of seconds >= 0)";
constexpr std::string_view max_runtime_expected =
    R"(a duration above zero ("90s", "45m", "2h", "7d", "2w") or a number of seconds > 0)";

// The placeholders that change from run to run (core/path_template).
constexpr std::array<std::string_view, 3> per_run_placeholders{"{date}", "{time}", "{timestamp}"};

}  // namespace

void read_state_path(const Json& value, const JsonPointer& where, Job& job, Diagnostics& sink) {
  auto path = read_non_empty_string(value, where, "a non-empty file path", sink);
  if (!path) return;
  if (auto unknown = unknown_placeholder(*path)) {
    sink.report(where, "unknown placeholder " + *unknown + "; only {job} is expanded in the state path");
    return;
  }
  for (std::string_view placeholder : per_run_placeholders) {
    // A known placeholder's text is always the placeholder: no need to parse braces again.
    if (path->find(placeholder) == std::string::npos) continue;
    sink.report(where, std::string(placeholder) +
                           " would make a new state file each run; the state must be the same file on every "
                           "run, so that a run can resume and find what changed since the last one (only "
                           "{job} is expanded here)");
    return;
  }
  job.state_path = std::move(*path);
}

void read_emit(const Json& value, const JsonPointer& where, Job& job, Diagnostics& sink) {
  if (auto emit = read_choice<Emit>(value, where, {{"all", Emit::all}, {"changed", Emit::changed}}, sink)) {
    job.emit = *emit;
  }
}

void read_recrawl_after(const Json& value, const JsonPointer& where, Job& job, Diagnostics& sink) {
  if (auto age = read_duration(value, where, std::chrono::seconds(0), recrawl_after_expected, sink)) {
    job.recrawl_after = *age;
  }
}

void read_max_runtime(const Json& value, const JsonPointer& where, Job& job, Diagnostics& sink) {
  if (auto limit = read_duration(value, where, std::chrono::seconds(1), max_runtime_expected, sink)) {
    job.max_runtime = *limit;
  }
}

}  // namespace gleaner::config
