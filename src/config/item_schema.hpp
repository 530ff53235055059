// Reads the job's "items" array: which pages yield records (url_pattern,
// when), what each record's root is (scope), its metadata, and its fields
// (read by field_schema).
#pragma once

#include <vector>

#include "config/diagnostics.hpp"
#include "config/job.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"

namespace gleaner::config {

// Problems go to `sink`; the rules are only meaningful when none were reported.
std::vector<ItemRule> read_items(const Json& value, const JsonPointer& where, Diagnostics& sink);

}  // namespace gleaner::config
