// Diagnostics: the sink the job schema walker reports problems into, each
// with the JSON pointer of the value it is about, and the one-line formats
// load_job() and `gleaner check` print them in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/json_pointer.hpp"
#include "config/json_value.hpp"
#include "config/text_position.hpp"

namespace gleaner::config {

struct Diagnostic {
  JsonPointer where;
  std::string message;  // "expected ..., found ...", "unknown key", ...
};

class Diagnostics {
 public:
  void report(const JsonPointer& where, std::string message);

  // Reports "expected <what>, found <found as short JSON>", plus " (<note>)" if given.
  void expected(const JsonPointer& where, std::string_view what, const Json& found,
                std::string_view note = {});

  bool empty() const { return diagnostics_.empty(); }
  // In the order reported: document order, an object's missing keys after its members.
  const std::vector<Diagnostic>& all() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

enum class Severity { error, warning };

// "config/books.json: /concurrency: expected an integer from 1 to 1024, found "8""
std::string format_diagnostic(std::string_view source_name, const Diagnostic& diagnostic);

// As format_diagnostic, with the value's line and column when known and
// "warning: " before the pointer for a warning, as compilers print them:
//   config/books.json:12:18: /concurrency: expected an integer from 1 to 1024, found "8"
//   config/books.json:9:22: warning: /follow: no link is followed (max_depth is 0), ...
std::string format_diagnostic(std::string_view source_name, const Diagnostic& diagnostic,
                              std::optional<TextPosition> position, Severity severity);

}  // namespace gleaner::config
