#include "config/value_readers.hpp"

#include <climits>
#include <cstdint>

#include "core/duration.hpp"

namespace gleaner::config {
namespace {

// Ranges with no useful upper bound read ">= min", unless the value broke it.
std::string describe_range(IntegerRange range, bool above_max) {
  if (range.max >= INT_MAX && !above_max) return "an integer >= " + std::to_string(range.min);
  return "an integer from " + std::to_string(range.min) + " to " + std::to_string(range.max);
}

}  // namespace

std::optional<std::string> read_string(const Json& value, const JsonPointer& where,
                                       std::string_view expected, Diagnostics& sink) {
  if (!value.is_string()) {
    sink.expected(where, expected, value);
    return std::nullopt;
  }
  return value.get<std::string>();
}

std::optional<std::string> read_non_empty_string(const Json& value, const JsonPointer& where,
                                                 std::string_view expected, Diagnostics& sink) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
    sink.expected(where, expected, value);
    return std::nullopt;
  }
  return value.get<std::string>();
}

std::optional<bool> read_bool(const Json& value, const JsonPointer& where, Diagnostics& sink) {
  if (!value.is_boolean()) {
    sink.expected(where, "true or false", value);
    return std::nullopt;
  }
  return value.get<bool>();
}

std::optional<long long> read_integer(const Json& value, const JsonPointer& where,
                                      IntegerRange range, Diagnostics& sink) {
  // nlohmann keeps integers above INT64_MAX as unsigned; they are above any max here.
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > LLONG_MAX) {
    sink.expected(where, describe_range(range, true), value);
    return std::nullopt;
  }
  if (!value.is_number_integer()) {
    sink.expected(where, describe_range(range, false), value);
    return std::nullopt;
  }
  const auto number = value.get<long long>();
  if (number < range.min || number > range.max) {
    sink.expected(where, describe_range(range, number > range.max), value);
    return std::nullopt;
  }
  return number;
}

std::optional<double> read_number(const Json& value, const JsonPointer& where, const NumberRange& range,
                                  Diagnostics& sink) {
  if (!value.is_number() || value.get<double>() < range.min || value.get<double>() > range.max) {
    sink.expected(where, range.description, value);
    return std::nullopt;
  }
  return value.get<double>();
}

std::optional<std::chrono::seconds> read_duration(const Json& value, const JsonPointer& where,
                                                  std::chrono::seconds min, std::string_view expected,
                                                  Diagnostics& sink) {
  // The longest a duration string can say, so that both spellings reach as far.
  constexpr std::chrono::seconds max = std::chrono::weeks(999999);
  std::optional<std::chrono::seconds> duration;
  if (value.is_string()) {
    duration = parse_duration(value.get_ref<const std::string&>());
  } else if (value.is_number_unsigned()) {
    // nlohmann keeps integers >= 0 unsigned: compare before converting, so that none wraps.
    const auto count = value.get<std::uint64_t>();
    if (count <= static_cast<std::uint64_t>(max.count())) {
      duration = std::chrono::seconds(static_cast<long long>(count));
    }
  } else if (value.is_number_integer()) {
    duration = std::chrono::seconds(value.get<long long>());  // negative: below any `min`
  }
  if (!duration || *duration < min || *duration > max) {
    sink.expected(where, expected, value);
    return std::nullopt;
  }
  return duration;
}

bool for_each_element(const Json& value, const JsonPointer& where, std::string_view expected,
                      const std::function<void(const Json&, const JsonPointer&)>& read,
                      Diagnostics& sink) {
  if (!value.is_array()) {
    sink.expected(where, expected, value);
    return false;
  }
  for (std::size_t i = 0; i < value.size(); ++i) read(value[i], where.child(i));
  return true;
}

}  // namespace gleaner::config
