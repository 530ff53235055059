// The checks on a field object that no single key can make: which keys
// contradict each other or do not apply to the field's shape or type. Run by
// read_fields() after every key has been read.
#pragma once

#include "config/diagnostics.hpp"
#include "config/item_rule.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"

namespace gleaner::config {

// The shape the keys present in `object` ask for: "fields" -> object,
// "key" or "value" -> key_value, otherwise value.
FieldShape shape_of(const Json& object);

// Reports each contradiction in `object` (a field object whose keys were read
// into `field`) at the pointer of the key at fault.
void check_field_consistency(const Json& object, const JsonPointer& where, const FieldRule& field,
                             Diagnostics& sink);

}  // namespace gleaner::config
