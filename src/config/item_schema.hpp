// Reads the job's "items" array: which pages yield records, and the named
// fields (CSS selectors) each record is made of.
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
