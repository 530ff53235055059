#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "extract/number_text.hpp"
#include "support/random.hpp"

using gleaner::config::NumberFormat;
using gleaner::extract::find_number;
using gleaner::extract::IntegerProblem;
using gleaner::extract::to_double;
using gleaner::extract::to_integer;

namespace {

const NumberFormat dot_decimal{};                   // "1,299.00"
const NumberFormat comma_decimal{',', '.'};          // "1.299,00"
const NumberFormat comma_decimal_space{',', ' '};    // "1 299,00"
const NumberFormat swiss{'.', '\''};                 // "1'299.00"
const NumberFormat no_grouping{'.', std::nullopt};   // "1299.00"

std::optional<double> number_in(const std::string& text, const NumberFormat& format = dot_decimal) {
  const auto number = find_number(text, format);
  if (!number) return std::nullopt;
  return to_double(*number);
}

struct Row {
  std::string text;
  NumberFormat format;
  std::optional<double> expected;
};

}  // namespace

TEST_CASE("the first number in a text is found, with its sign and separators") {
  const std::vector<Row> rows{
      {"£1,299.00", dot_decimal, 1299.0},
      {"Price: 12.99 (was 15.99)", dot_decimal, 12.99},
      {"-3", dot_decimal, -3.0},
      {"\u22123", dot_decimal, -3.0},                  // U+2212 MINUS SIGN
      {"-$5.50 refund", dot_decimal, -5.5},            // sign before the currency
      {"\u2212\u20AC7", dot_decimal, -7.0},            // −€7
      {"SKU-12", dot_decimal, 12.0},                   // a hyphen inside a word is no sign
      {"10-20 items", dot_decimal, 10.0},
      {"1.299,00 \u20AC", comma_decimal, 1299.0},      // European
      {"1.299,00 \u20AC", dot_decimal, 1.299},         // ... read with the wrong format
      {"1 299,50 \u20AC", comma_decimal_space, 1299.5},
      {"1\u00A0299,50", comma_decimal, 1299.5},        // NBSP between groups
      {"1\u202F299\u202F000", dot_decimal, 1299000.0},  // narrow NBSP (French)
      {"1\u2009299", dot_decimal, 1299.0},             // thin space
      {"CHF 1'299.95", swiss, 1299.95},
      {"CHF 1\u2019299.95", swiss, 1299.95},           // typographic apostrophe
      {"\u20B91,00,000", dot_decimal, 100000.0},       // Indian grouping
      {"1,299", no_grouping, 1.0},
      {"1,5", dot_decimal, 1.0},                       // not a group of three
      {"12,5 kg", comma_decimal, 12.5},
      {"3, 4 and 5", dot_decimal, 3.0},
      {"1,2999", dot_decimal, 1.0},
      {".5 litres", dot_decimal, 0.5},
      {"v.2", dot_decimal, 2.0},                       // a dot after a letter starts nothing
      {"1e5", dot_decimal, 1.0},                       // no exponents
      {"12.", dot_decimal, 12.0},
      {"007", dot_decimal, 7.0},
      {"Rated 4.5 out of 5", dot_decimal, 4.5},
      {"call us", dot_decimal, std::nullopt},
      {"", dot_decimal, std::nullopt},
      {"- . , \u2212", dot_decimal, std::nullopt},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(number_in(row.text, row.format) == row.expected);
  }
}

TEST_CASE("a number beyond a double's range is out of range, a long one is fine") {
  CHECK(number_in(std::string(400, '9')) == std::nullopt);
  CHECK(number_in("0." + std::string(400, '0') + "1") == std::nullopt);  // underflow
  const auto long_number = number_in("1" + std::string(300, '0'));
  REQUIRE(long_number);
  CHECK(*long_number == doctest::Approx(1e300));
}

TEST_CASE("integers: a zero fraction is fine, any other is not; int64's range is checked") {
  auto integer = [](const std::string& text) { return to_integer(*find_number(text, dot_decimal)); };
  CHECK(integer("12.00").value == 12);
  CHECK(integer("12.00").problem == IntegerProblem::none);
  CHECK(integer("-1,234").value == -1234);
  CHECK(integer("0000000000000000000000042").value == 42);
  CHECK(integer("-0").value == 0);
  CHECK(integer("12.5").problem == IntegerProblem::fractional);
  CHECK(integer("9223372036854775807").value == 9223372036854775807LL);
  CHECK(integer("-9223372036854775808").value == (-9223372036854775807LL - 1));
  CHECK(integer("9223372036854775808").problem == IntegerProblem::out_of_range);
  CHECK(integer(std::string(40, '7')).problem == IntegerProblem::out_of_range);
}

TEST_CASE("number parsing never fails on random bytes") {
  gleaner::testing::Random random(20260101);
  const std::string alphabet = "0123456789.,'- \xC2\xA0\xE2\x88\x92\xE2\x80\xAF\xE2\x82\xAC$\xFF\x80" "abc";
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t length = random.below(40);
    for (std::size_t i = 0; i < length; ++i) {
      // Half raw bytes, half characters that number parsing cares about.
      text += random.below(2) == 0 ? static_cast<char>(random.below(256)) : alphabet[random.below(alphabet.size())];
    }
    for (const NumberFormat& format : {dot_decimal, comma_decimal, swiss, no_grouping, comma_decimal_space}) {
      const auto number = find_number(text, format);
      if (!number) continue;
      CAPTURE(text);
      REQUIRE_FALSE(number->integer_digits.empty());
      CHECK(number->integer_digits.find_first_not_of("0123456789") == std::string::npos);
      CHECK(number->fraction_digits.find_first_not_of("0123456789") == std::string::npos);
      (void)to_double(*number);
      (void)to_integer(*number);
    }
  }
}
