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
  return std::string(source_name) + ": " + diagnostic.where.display() + ": " + diagnostic.message;
}

}  // namespace gleaner::config
