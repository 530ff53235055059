#include "config/output_schema.hpp"

#include "config/object_walker.hpp"
#include "config/value_readers.hpp"
#include "core/path_template.hpp"

namespace gleaner::config {
namespace {

void read_path(const Json& value, const JsonPointer& where, OutputSettings& output, Diagnostics& sink) {
  auto text = read_non_empty_string(value, where, "a non-empty file path", sink);
  if (!text) return;
  if (auto unknown = unknown_placeholder(*text)) {
    sink.report(where, unknown_placeholder_message(*unknown));
    return;
  }
  output.path = std::move(*text);
}

void read_format(const Json& value, const JsonPointer& where, OutputSettings& output, Diagnostics& sink) {
  if (auto format = read_choice<DatasetFormat>(
          value, where, {{"jsonl", DatasetFormat::jsonl}, {"json", DatasetFormat::json}, {"csv", DatasetFormat::csv}},
          sink)) {
    output.format = *format;
  }
}

void read_mode(const Json& value, const JsonPointer& where, OutputSettings& output, Diagnostics& sink) {
  if (auto mode = read_choice<WriteMode>(
          value, where, {{"overwrite", WriteMode::overwrite}, {"append", WriteMode::append}}, sink)) {
    output.mode = *mode;
  }
}

}  // namespace

void read_output(const Json& value, const JsonPointer& where, OutputSettings& output, Diagnostics& sink) {
  walk_object(value, where, "an object", {
      {"path", Presence::optional, [&](const Json& path, const JsonPointer& at) { read_path(path, at, output, sink); }},
      {"format", Presence::optional,
       [&](const Json& format, const JsonPointer& at) { read_format(format, at, output, sink); }},
      {"mode", Presence::optional, [&](const Json& mode, const JsonPointer& at) { read_mode(mode, at, output, sink); }},
  }, sink);
}

}  // namespace gleaner::config
