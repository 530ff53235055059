// Reads an item's "fields" object into FieldRules: each field's selectors,
// shape (value, nested fields, key/value rows), transforms, type, default and
// required, nested fields recursively.
#pragma once

#include <vector>

#include "config/diagnostics.hpp"
#include "config/item_rule.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"

namespace gleaner::config {

// How deep fields may sit inside one another (through nested "fields" or a
// key/value "value"); an item's own fields are at depth 1.
constexpr int max_field_depth = 8;

// Problems go to `sink`; the rules are only meaningful when none were reported.
// `depth` is 1 for an item's own "fields".
std::vector<FieldRule> read_fields(const Json& value, const JsonPointer& where, int depth, Diagnostics& sink);

}  // namespace gleaner::config
