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
  if (value == "jsonl") {
    output.format = DatasetFormat::jsonl;
  } else if (value == "json") {
    output.format = DatasetFormat::json;
  } else if (value == "csv") {
    output.format = DatasetFormat::csv;
  } else {
    sink.expected(where, "\"jsonl\", \"json\" or \"csv\"", value);
  }
}

void read_mode(const Json& value, const JsonPointer& where, OutputSettings& output, Diagnostics& sink) {
  if (value == "overwrite") {
    output.mode = WriteMode::overwrite;
  } else if (value == "append") {
    output.mode = WriteMode::append;
  } else {
    sink.expected(where, "\"overwrite\" or \"append\"", value);
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
