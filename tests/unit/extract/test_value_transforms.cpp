#include <doctest/doctest.h>
#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "extract/letter_case.hpp"
#include "extract/utf8_text.hpp"
#include "extract/value_transforms.hpp"
#include "support/random.hpp"

using namespace gleaner;
using extract::clean_text;
using extract::transform_texts;
using Texts = std::vector<std::string>;

namespace {

std::shared_ptr<const re2::RE2> pattern(const std::string& text) {
  auto compiled = std::make_shared<const re2::RE2>(text);
  REQUIRE(compiled->ok());
  return compiled;
}

}  // namespace

TEST_CASE("whitespace: Unicode spaces collapse to one ASCII space and the ends are trimmed") {
  CHECK(extract::collapse_whitespace("  a\u00A0\u00A0b\u202Fc\u3000d\t\r\ne\u2003 ") == "a b c d e");
  CHECK(extract::collapse_whitespace("\u00A0") == "");
  CHECK(extract::collapse_whitespace("caf\xC3\xA9  \xFF x") == "caf\xC3\xA9 \xFF x");  // stray byte kept
  CHECK(extract::trim_whitespace("\u2009 x y \u00A0") == "x y");
  CHECK(extract::trim_whitespace("\xA0x\xA0") == "\xA0x\xA0");  // a lone 0xA0 byte is not NBSP
}

TEST_CASE("letter case maps ASCII and the common scripts, and leaves the rest") {
  CHECK(extract::to_lower_case("\u00C9COLE Stra\u00DFe \u0178") == "\u00E9cole stra\u00DFe \u00FF");
  CHECK(extract::to_upper_case("\u00E9cole stra\u00DFe \u00FF") == "\u00C9COLE STRA\u00DFE \u0178");
  CHECK(extract::to_lower_case("\u0391\u0398\u0397\u039D\u0386") == "\u03B1\u03B8\u03B7\u03BD\u03AC");  // Greek
  CHECK(extract::to_upper_case("\u03C3\u03BF\u03C2") == "\u03A3\u039F\u03A3");                        // final sigma
  CHECK(extract::to_lower_case("\u041C\u041E\u0421\u041A\u0412\u0410 \u0401") == "\u043C\u043E\u0441\u043A\u0432\u0430 \u0451");
  CHECK(extract::to_upper_case("\u0142\u00F3d\u017A") == "\u0141\u00D3D\u0179");                       // Polish
  CHECK(extract::to_upper_case("vi\u1EC7t") == "VI\u1EC6T");                                          // Vietnamese
  CHECK(extract::to_lower_case("\xFFX\xC3") == "\xFFx\xC3");                                          // invalid bytes kept
  CHECK(extract::to_upper_case("\u00D7\u00F7 1") == "\u00D7\u00F7 1");                                // not letters
}

TEST_CASE("regex: the first capture group, else the whole match; no match is missing") {
  config::ValueTransforms transforms;
  transforms.regex = pattern(R"(SKU:\s*(\w+))");
  CHECK(clean_text("Ref SKU: ab12 (new)", transforms) == "ab12");
  CHECK(clean_text("no code here", transforms) == std::nullopt);
  transforms.regex = pattern(R"(\d+ reviews)");
  CHECK(clean_text("4.5 stars, 120 reviews", transforms) == "120 reviews");
  transforms.regex = pattern(R"(x(\d+)?)");
  CHECK(clean_text("x", transforms) == std::nullopt);  // the group took no part
  transforms.regex = pattern(R"((a)(b))");
  CHECK(clean_text("ab", transforms) == "a");
}

TEST_CASE("the transforms run in their documented order") {
  config::ValueTransforms transforms;
  // 1 whitespace first, so the regex sees single spaces; 2 regex; 3 replace pairs in order.
  transforms.regex = pattern(R"(Size: (\w+ \w+))");
  transforms.replace = {{pattern(R"((\w+) (\w+))"), R"(\2-\1)"}, {pattern("-"), "_"}};
  CHECK(clean_text("Size:\u00A0 large \n red", transforms) == "red_large");

  transforms = {};
  transforms.split = ",";
  transforms.join = " | ";
  transforms.letter_case = config::LetterCase::upper;
  // 4 split each, 5 join the parts, 6 upper case the result.
  CHECK(transform_texts({"a, b", " ,c,"}, true, transforms).texts == Texts{"A | B | C"});
}

TEST_CASE("normalize_whitespace can be turned off") {
  config::ValueTransforms transforms;
  transforms.normalize_whitespace = false;
  CHECK(clean_text("  a \n b ", transforms) == "  a \n b ");
}

TEST_CASE("split gives trimmed non-empty parts, lists from all are concatenated") {
  CHECK(extract::split_text(" a, b,,c ,", ",") == Texts{"a", "b", "c"});
  CHECK(extract::split_text("one -- two", "--") == Texts{"one", "two"});
  CHECK(extract::split_text(" , ", ",").empty());
  config::ValueTransforms transforms;
  transforms.split = "/";
  const auto result = transform_texts({"a/b", "c"}, true, transforms);
  CHECK(result.is_list);
  CHECK(result.texts == Texts{"a", "b", "c"});
  const auto first_only = transform_texts({"x / y"}, false, transforms);
  CHECK(first_only.is_list);  // split makes a list even without all
  CHECK(first_only.texts == Texts{"x", "y"});
}

TEST_CASE("empty strings and strings the regex rejects are left out of lists") {
  config::ValueTransforms transforms;
  transforms.regex = pattern(R"(\d+)");
  const auto result = transform_texts({"a1", "", "b", " 22 "}, true, transforms);
  CHECK(result.is_list);
  CHECK(result.texts == Texts{"1", "22"});
  CHECK(transform_texts({"   "}, false, {}).texts.empty());
  transforms.join = ",";
  CHECK(transform_texts({"x", "y"}, true, transforms).texts.empty());  // nothing to join: missing
}

TEST_CASE("text helpers never fail on random bytes") {
  testing::Random random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t length = random.below(24);
    for (std::size_t i = 0; i < length; ++i) text += static_cast<char>(random.below(256));
    const std::string collapsed = extract::collapse_whitespace(text);
    CHECK(collapsed.size() <= text.size());
    CHECK(extract::trim_whitespace(text).size() <= text.size());
    CHECK(extract::to_lower_case(text).size() <= text.size() + text.size());
    CHECK(extract::to_upper_case(text).size() <= text.size() + text.size());
    CHECK(extract::split_text(text, "\xC2").size() <= text.size());
  }
}
