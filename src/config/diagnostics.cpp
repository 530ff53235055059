#include "config/diagnostics.hpp"

#include "config/json_preview.hpp"

namespace gleaner::config {

void Diagnostics::report(const JsonPointer& where, std::string message) {
  diagnostics_.push_back(Diagnostic{where, std::move(message)});
}

void Diagnostics::expected(const JsonPointer& where, std::string_view what, const Json& found,
                           std::string_view note) {
  std::string message = "expected " + std::string(what) + ", found " + preview(found);
  if (!note.empty()) message += " (" + std::string(note) + ")";
  report(where, std::move(message));
}

std::string format_diagnostic(std::string_view source_name, const Diagnostic& diagnostic) {
  return format_diagnostic(source_name, diagnostic, std::nullopt, Severity::error);
}

std::string format_diagnostic(std::string_view source_name, const Diagnostic& diagnostic,
                              std::optional<TextPosition> position, Severity severity) {
  std::string line(source_name);
  if (position) line += ':' + std::to_string(position->line) + ':' + std::to_string(position->column);
  line += ": ";
  if (severity == Severity::warning) line += "warning: ";
  return line + diagnostic.where.display() + ": " + diagnostic.message;
}

}  // namespace gleaner::config
