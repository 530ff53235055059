// Finds the first number written in a text ("£1,299.00", "Price: 12.99 (was
// 15.99)", "−3", "1.299,00 €" with a decimal comma), for field types
// "number" and "integer". Never fails on any input: no number is nullopt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/item_rule.hpp"

namespace gleaner::extract {

// A number as written, separators removed.
struct NumberText {
  bool negative = false;
  std::string integer_digits;   // ASCII digits, never empty ("0" for ".5")
  std::string fraction_digits;  // ASCII digits after the decimal separator, maybe empty
};

// The first number in `text`: a run of digits that may hold thousands
// separators (the format's, and spaces, NBSP, narrow NBSP or thin spaces)
// before groups of three digits, then a decimal separator and more digits.
// A '-' or U+2212 right before it (or before a currency sign right before
// it) makes it negative, unless a letter or digit precedes the sign
// ("SKU-12" is 12).
std::optional<NumberText> find_number(std::string_view text, const config::NumberFormat& format);

// nullopt when the number is beyond a double's range.
std::optional<double> to_double(const NumberText& number);

enum class IntegerProblem { none, fractional, out_of_range };

struct IntegerValue {
  std::int64_t value = 0;
  IntegerProblem problem = IntegerProblem::none;
};

// The number as an int64; a fraction of zeros ("12.00") is fine.
IntegerValue to_integer(const NumberText& number);

}  // namespace gleaner::extract
