#include "config/field_readers.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <utility>

#include "config/job_values.hpp"

namespace gleaner::config {
namespace {

struct TypeName {
  std::string_view name;
  FieldType type;
};

constexpr std::array<TypeName, 6> type_names{{
    {"string", FieldType::string},
    {"number", FieldType::number},
    {"integer", FieldType::integer},
    {"boolean", FieldType::boolean},
    {"url", FieldType::url},
    {"html", FieldType::html},
}};

constexpr std::string_view thousands_choices = R"(",", ".", " ", "'" or "")";

}  // namespace

std::optional<std::vector<html::SelectorList>> read_selector_fallbacks(const Json& value,
                                                                       const JsonPointer& where,
                                                                       Diagnostics& sink) {
  std::vector<html::SelectorList> lists;
  if (value.is_string()) {
    auto selector = read_selector(value, where, sink);
    if (!selector) return std::nullopt;
    lists.push_back(std::move(selector->selector));
    return lists;
  }
  constexpr std::string_view expected = "a CSS selector string or a non-empty array of them";
  if (!value.is_array() || value.empty()) {
    sink.expected(where, expected, value);
    return std::nullopt;
  }
  bool all_read = true;
  for_each_element(value, where, expected, [&](const Json& element, const JsonPointer& at) {
    if (auto selector = read_selector(element, at, sink)) {
      lists.push_back(std::move(selector->selector));
    } else {
      all_read = false;
    }
  }, sink);
  if (!all_read) return std::nullopt;
  return lists;
}

bool has_pseudo_element(const html::SelectorList& list) {
  return std::any_of(list.selectors.begin(), list.selectors.end(), [](const html::ComplexSelector& s) {
    return s.pseudo_element.kind != html::PseudoElementKind::none;
  });
}

std::optional<html::SelectorList> read_element_selector(const Json& value, const JsonPointer& where,
                                                        Diagnostics& sink) {
  auto selector = read_selector(value, where, sink);
  if (!selector) return std::nullopt;
  if (has_pseudo_element(selector->selector)) {
    sink.expected(where, "a selector of elements, without ::text, ::all-text or ::attr()", value);
    return std::nullopt;
  }
  return std::move(selector->selector);
}

std::optional<FieldType> read_field_type(const Json& value, const JsonPointer& where, Diagnostics& sink) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    for (const TypeName& entry : type_names) {
      if (entry.name == text) return entry.type;
    }
  }
  sink.expected(where, R"(a field type: "string", "number", "integer", "boolean", "url" or "html")", value);
  return std::nullopt;
}

std::string_view field_type_name(FieldType type) {
  for (const TypeName& entry : type_names) {
    if (entry.type == type) return entry.name;
  }
  return "string";
}

std::optional<LetterCase> read_letter_case(const Json& value, const JsonPointer& where, Diagnostics& sink) {
  if (value == "lower") return LetterCase::lower;
  if (value == "upper") return LetterCase::upper;
  sink.expected(where, R"("lower" or "upper")", value);
  return std::nullopt;
}

std::optional<char> read_decimal_separator(const Json& value, const JsonPointer& where, Diagnostics& sink) {
  if (value == ".") return '.';
  if (value == ",") return ',';
  sink.expected(where, R"(a decimal separator, "." or ",")", value);
  return std::nullopt;
}

std::optional<std::optional<char>> read_thousands_separator(const Json& value, const JsonPointer& where,
                                                            Diagnostics& sink) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.empty()) return std::optional<std::optional<char>>(std::in_place, std::nullopt);
    if (text.size() == 1 && std::string_view(",. '").find(text[0]) != std::string_view::npos) {
      return std::optional<char>(text[0]);
    }
  }
  sink.expected(where, "a thousands separator, " + std::string(thousands_choices), value);
  return std::nullopt;
}

std::optional<std::vector<Replacement>> read_replacements(const Json& value, const JsonPointer& where,
                                                          Diagnostics& sink) {
  constexpr std::string_view expected_pair = "a [pattern, replacement] pair of strings";
  std::vector<Replacement> replacements;
  bool all_read = true;
  const bool is_array = for_each_element(value, where, "an array of [pattern, replacement] pairs",
      [&](const Json& pair, const JsonPointer& at) {
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
          sink.expected(at, expected_pair, pair);
          all_read = false;
          return;
        }
        auto pattern = read_url_pattern(pair[0], at.child(std::size_t{0}), sink);
        if (!pattern) {
          all_read = false;
          return;
        }
        std::string rewrite = pair[1].get<std::string>();
        if (std::string error; !pattern->CheckRewriteString(rewrite, &error)) {
          if (!error.empty() && error.back() == '.') error.pop_back();  // RE2's sentence, inside ours
          sink.report(at.child(std::size_t{1}), "invalid replacement \"" + rewrite + "\": " + error);
          all_read = false;
          return;
        }
        replacements.push_back(Replacement{std::move(pattern), std::move(rewrite)});
      },
      sink);
  if (!is_array || !all_read) return std::nullopt;
  return replacements;
}

}  // namespace gleaner::config
