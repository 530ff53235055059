// Turns nlohmann::json's syntax errors into short messages (what was expected,
// what was found) located at the offending token. Used by read_json().
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gleaner::config {

struct SyntaxError {
  std::size_t offset = 0;  // byte offset in the text where the problem starts
  std::string message;     // "expected ',' or '}' after an object member, found '\"'"
};

// `byte` and `what` are nlohmann::json::parse_error's byte() and what() for `text`.
SyntaxError explain_syntax_error(std::string_view text, std::size_t byte, std::string_view what);

// For nlohmann's "number overflow parsing '1e999'" (out_of_range.406), which has no position.
SyntaxError explain_number_overflow(std::string_view text, std::string_view what);

}  // namespace gleaner::config
