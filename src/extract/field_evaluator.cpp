#include "extract/field_evaluator.hpp"

#include <utility>

#include "extract/field_matches.hpp"
#include "extract/utf8_text.hpp"
#include "extract/value_conversion.hpp"
#include "extract/value_transforms.hpp"

namespace gleaner::extract {
namespace {

using Json = nlohmann::ordered_json;

// "Missing": null, or a list or key/value object left empty.
bool is_missing(const Json& value) { return value.is_null() || ((value.is_array() || value.is_object()) && value.empty()); }

// Type "boolean" is never missing: false when nothing matched (or the regex
// did not), else the first match's word.
bool boolean_value(const std::vector<std::string>& matched, const config::ValueTransforms& transforms) {
  if (matched.empty()) return false;
  const std::optional<std::string> text = clean_text(matched.front(), transforms);
  return text && boolean_of(*text);
}

}  // namespace

std::optional<std::string> FieldEvaluator::fill(const std::vector<config::FieldRule>& fields, const GumboNode* root,
                                                const std::string& path_prefix, Json& record) {
  for (const config::FieldRule& field : fields) {
    Outcome outcome = evaluate(field, root, path_prefix + field.name);
    if (outcome.missing_required) return outcome.missing_required;
    record[field.name] = std::move(outcome.value);
  }
  return std::nullopt;
}

FieldEvaluator::Outcome FieldEvaluator::evaluate(const config::FieldRule& field, const GumboNode* root,
                                                 const std::string& path) {
  Outcome outcome;
  switch (field.shape) {
    case config::FieldShape::value: outcome.value = value_of(field, root, path); break;
    case config::FieldShape::object: outcome = object_of(field, root, path); break;
    case config::FieldShape::key_value: outcome = key_values_of(field, root, path); break;
  }
  if (outcome.missing_required || !is_missing(outcome.value)) return outcome;
  if (field.default_value) {
    outcome.value = *field.default_value;
  } else {
    outcome.value = nullptr;
    if (field.required) outcome.missing_required = path;
  }
  return outcome;
}

Json FieldEvaluator::value_of(const config::FieldRule& field, const GumboNode* root, const std::string& path) {
  std::vector<std::string> matched = field_values(root, field, index_);
  if (!field.all && matched.size() > 1) matched.resize(1);
  if (field.type == config::FieldType::boolean) return boolean_value(matched, field.transforms);

  TransformedTexts transformed = transform_texts(std::move(matched), field.all, field.transforms);
  Json values = Json::array();
  for (const std::string& text : transformed.texts) {
    Conversion converted = convert_text(text, field, base_);
    if (!converted.problem.empty()) warnings_.push_back(FieldWarning{rule_, path, converted.problem, text});
    // In a list a value that is not of the type is left out, as empty ones are.
    if (!converted.value.is_null()) values.push_back(std::move(converted.value));
  }
  if (transformed.is_list) return values;
  return values.empty() ? Json() : std::move(values.front());
}

FieldEvaluator::Outcome FieldEvaluator::object_of(const config::FieldRule& field, const GumboNode* root,
                                                  const std::string& path) {
  std::vector<const GumboNode*> elements = field_elements(root, field, index_);
  if (!field.all && elements.size() > 1) elements.resize(1);
  Outcome outcome;
  Json objects = Json::array();
  for (const GumboNode* element : elements) {
    Json object = Json::object();
    outcome.missing_required = fill(field.fields, element, path + "/", object);
    if (outcome.missing_required) return outcome;
    objects.push_back(std::move(object));
  }
  if (field.all) {
    outcome.value = std::move(objects);
  } else if (!objects.empty()) {
    outcome.value = std::move(objects.front());
  }
  return outcome;
}

FieldEvaluator::Outcome FieldEvaluator::key_values_of(const config::FieldRule& field, const GumboNode* root,
                                                      const std::string& path) {
  Outcome outcome;
  outcome.value = Json::object();
  for (const GumboNode* row : field_elements(root, field, index_)) {
    const std::vector<std::string> keys = selector_values(row, field.key, false, index_);
    if (keys.empty()) continue;
    const std::string key = collapse_whitespace(keys.front());
    // Rows without a key are headings or padding; the first of a repeated key wins.
    if (key.empty() || outcome.value.contains(key)) continue;
    // "specs/*", not the key: page text in the stats' keys would make them
    // grow with every new key a site uses.
    Outcome value = evaluate(*field.value, row, path + "/*");
    if (value.missing_required) return value;
    outcome.value[key] = std::move(value.value);
  }
  return outcome;
}

}  // namespace gleaner::extract
