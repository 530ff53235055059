#include "extract/value_conversion.hpp"

#include <array>

#include "extract/letter_case.hpp"
#include "extract/number_text.hpp"
#include "extract/utf8_text.hpp"

namespace gleaner::extract {
namespace {

constexpr std::array<std::string_view, 5> false_words{"false", "no", "0", "off", "n"};

Conversion not_a(std::string problem) { return {nullptr, std::move(problem)}; }

Conversion to_number(const std::string& text, const config::FieldRule& field) {
  const std::optional<NumberText> number = find_number(text, field.number_format);
  if (!number) return not_a("not a number");
  if (field.type == config::FieldType::number) {
    if (const std::optional<double> value = to_double(*number)) return {*value, {}};
    return not_a("number out of range");
  }
  const IntegerValue integer = to_integer(*number);
  switch (integer.problem) {
    case IntegerProblem::none: return {integer.value, {}};
    case IntegerProblem::fractional: return not_a("not an integer");
    case IntegerProblem::out_of_range: break;
  }
  return not_a("integer out of range");
}

}  // namespace

Conversion convert_text(const std::string& text, const config::FieldRule& field, const Url& base) {
  switch (field.type) {
    case config::FieldType::string:
    case config::FieldType::html:
      return {text, {}};
    case config::FieldType::number:
    case config::FieldType::integer:
      return to_number(text, field);
    case config::FieldType::boolean:
      return {boolean_of(text), {}};
    case config::FieldType::url:
      if (Result<Url> url = base.resolve(text)) return {url->str(), {}};
      return not_a("not a URL");
  }
  return {text, {}};
}

bool boolean_of(std::string_view text) {
  const std::string word = to_lower_case(trim_whitespace(text));
  for (const std::string_view false_word : false_words) {
    if (word == false_word) return false;
  }
  return true;
}

}  // namespace gleaner::extract
