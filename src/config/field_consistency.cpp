#include "config/field_consistency.hpp"

#include <array>
#include <string>
#include <string_view>

namespace gleaner::config {
namespace {

// The keys that make or convert a single value: they belong to shape value.
constexpr std::array<std::string_view, 9> value_keys{
    "type", "decimal", "thousands", "normalize_whitespace", "regex", "replace", "split", "join", "case"};

std::string quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

void check_object_shape(const Json& object, const JsonPointer& where, Diagnostics& sink) {
  for (const std::string_view key : {"key", "value"}) {
    if (object.contains(key)) {
      sink.report(where.child(key), quoted(key) + " cannot be combined with \"fields\": a field has nested "
                                                   "fields or key/value rows, not both");
    }
  }
  for (const std::string_view key : value_keys) {
    if (object.contains(key)) {
      sink.report(where.child(key), quoted(key) + " does not apply to nested \"fields\" (put it on a nested field)");
    }
  }
  if (object.contains("all") && !object.contains("selector")) {
    sink.report(where.child("all"), "\"all\" needs a \"selector\" (without one, the nested fields read the "
                                    "current element)");
  }
}

void check_key_value_shape(const Json& object, const JsonPointer& where, Diagnostics& sink) {
  if (!object.contains("value")) sink.report(where, "\"key\" needs \"value\": the field read from each row");
  if (!object.contains("key")) sink.report(where, "\"value\" needs \"key\": the selector of each row's key");
  if (object.contains("all")) {
    sink.report(where.child("all"), "\"all\" does not apply to a key/value field: it reads every row");
  }
  for (const std::string_view key : value_keys) {
    if (object.contains(key)) {
      sink.report(where.child(key), quoted(key) + " does not apply to a key/value field (put it in \"value\")");
    }
  }
}

bool is_numeric(FieldType type) { return type == FieldType::number || type == FieldType::integer; }

void check_value_shape(const Json& object, const JsonPointer& where, const FieldRule& field,
                       Diagnostics& sink) {
  for (const std::string_view key : {"decimal", "thousands"}) {
    if (object.contains(key) && !is_numeric(field.type)) {
      sink.report(where.child(key), quoted(key) + " applies only to type \"number\" or \"integer\"");
    }
  }
  const NumberFormat& format = field.number_format;
  if (is_numeric(field.type) && format.thousands == format.decimal) {
    sink.report(where.child(object.contains("thousands") ? "thousands" : "decimal"),
                "\"decimal\" and \"thousands\" must differ, both are \"" + std::string(1, format.decimal) + "\"");
  }
  if (field.type == FieldType::boolean) {
    for (const std::string_view key : {"all", "split", "join", "default", "required"}) {
      if (object.contains(key)) {
        sink.report(where.child(key), quoted(key) + " does not apply to type \"boolean\": its value is true or "
                                                    "false, never a list, never missing");
      }
    }
  } else if (object.contains("join") && !field.all && !object.contains("split")) {
    sink.report(where.child("join"), "\"join\" needs a list: set \"all\" or \"split\"");
  }
}

}  // namespace

FieldShape shape_of(const Json& object) {
  if (object.contains("fields")) return FieldShape::object;
  if (object.contains("key") || object.contains("value")) return FieldShape::key_value;
  return FieldShape::value;
}

void check_field_consistency(const Json& object, const JsonPointer& where, const FieldRule& field,
                             Diagnostics& sink) {
  if (field.shape != FieldShape::object && !object.contains("selector")) {
    sink.report(where, "missing required key \"selector\"");
  }
  switch (field.shape) {
    case FieldShape::object: check_object_shape(object, where, sink); break;
    case FieldShape::key_value: check_key_value_shape(object, where, sink); break;
    case FieldShape::value: check_value_shape(object, where, field, sink); break;
  }
  if (field.required && object.contains("default") && field.type != FieldType::boolean) {
    sink.report(where.child("required"),
                "\"required\" and \"default\" exclude each other: a field with a default is never missing");
  }
}

}  // namespace gleaner::config
