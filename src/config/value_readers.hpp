// Leaf readers for the job schema walker: each checks one JSON value's type
// (and range), reports a mismatch to the sink, and then returns nullopt.
#pragma once

#include <chrono>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "config/diagnostics.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"

namespace gleaner::config {

struct IntegerRange {
  long long min;
  long long max;
};

// `expected` describes the wanted value for the message: "a non-empty string".
std::optional<std::string> read_string(const Json& value, const JsonPointer& where,
                                       std::string_view expected, Diagnostics& sink);

// As read_string, and "" is reported too.
std::optional<std::string> read_non_empty_string(const Json& value, const JsonPointer& where,
                                                 std::string_view expected, Diagnostics& sink);

std::optional<bool> read_bool(const Json& value, const JsonPointer& where, Diagnostics& sink);

// One of a fixed set of strings, as the value it stands for. Anything else is
// reported as "expected "a", "b" or "c", found ...".
template <class Value>
struct Choice {
  std::string_view text;
  Value value;
};

template <class Value>
std::optional<Value> read_choice(const Json& value, const JsonPointer& where,
                                 std::initializer_list<Choice<Value>> choices, Diagnostics& sink) {
  std::string expected;
  std::size_t index = 0;
  for (const Choice<Value>& choice : choices) {
    if (value == choice.text) return choice.value;
    expected += (index == 0 ? "\"" : index + 1 == choices.size() ? " or \"" : ", \"") + std::string(choice.text) + "\"";
    ++index;
  }
  sink.expected(where, expected, value);
  return std::nullopt;
}

// Only JSON integers: 8.0 and "8" are reported, not converted.
std::optional<long long> read_integer(const Json& value, const JsonPointer& where,
                                      IntegerRange range, Diagnostics& sink);

struct NumberRange {
  double min;
  double max;
  std::string_view description;  // "a number of seconds from 0 to 3600"
};

// Any JSON number (integer or not) within the range.
std::optional<double> read_number(const Json& value, const JsonPointer& where, const NumberRange& range,
                                  Diagnostics& sink);

// A duration string ("90s", "45m", "2h", "7d", "2w"; core/duration) or a
// JSON integer of seconds, either at least `min`. Anything else, fractions
// of a second included, is reported as "expected <expected>, found ...".
std::optional<std::chrono::seconds> read_duration(const Json& value, const JsonPointer& where,
                                                  std::chrono::seconds min, std::string_view expected,
                                                  Diagnostics& sink);

// Calls `read` for each element with its pointer. Returns false, after
// reporting "expected <expected>, found ...", when `value` is not an array.
bool for_each_element(const Json& value, const JsonPointer& where, std::string_view expected,
                      const std::function<void(const Json&, const JsonPointer&)>& read,
                      Diagnostics& sink);

}  // namespace gleaner::config
