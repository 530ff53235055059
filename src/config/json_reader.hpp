// Parses job-file text into a JSON document: comments (// and /* */) allowed,
// syntax errors located by line and column. First stage of load_job().
#pragma once

#include <string_view>

#include "config/json_value.hpp"
#include "core/result.hpp"

namespace gleaner::config {

// Errors read "config/books.json:3:17: invalid JSON: expected ',' or '}' after
// an object member, found '\"'". A repeated key keeps its last value.
Result<Json> read_json(std::string_view text, std::string_view source_name);

}  // namespace gleaner::config
