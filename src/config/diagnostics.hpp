// Diagnostics: the error sink the job schema walker reports into. It keeps
// every problem in document order; load_job() currently shows the first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/json_pointer.hpp"
#include "config/json_value.hpp"

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
  const std::vector<Diagnostic>& all() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// "config/books.json: /concurrency: expected an integer from 1 to 1024, found "8""
std::string format_diagnostic(std::string_view source_name, const Diagnostic& diagnostic);

}  // namespace gleaner::config
