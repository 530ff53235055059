// A short, one-line rendering of a JSON value for the "found ..." part of
// config error messages.
#pragma once

#include <string>

#include "config/json_value.hpp"

namespace gleaner::config {

constexpr std::size_t max_preview_chars = 40;

// Compact JSON, cut to about max_preview_chars characters with "..." appended.
std::string preview(const Json& value);

}  // namespace gleaner::config
