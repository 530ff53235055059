#include "extract/letter_case.hpp"

#include <array>

#include "extract/utf8_text.hpp"

namespace gleaner::extract {
namespace {

// Upper-case letters first..last whose lower case is `offset` above; with
// step 2 only every other one (first, first + 2, ...), as in the Latin
// Extended blocks where each capital is followed by its small letter.
struct CaseRange {
  char32_t first;
  char32_t last;
  char32_t offset;
  char32_t step;
};

// From Unicode's UnicodeData.txt simple case mappings.
constexpr std::array<CaseRange, 22> case_ranges{{
    {0x0041, 0x005A, 32, 1},   // A-Z
    {0x00C0, 0x00D6, 32, 1},   // À-Ö
    {0x00D8, 0x00DE, 32, 1},   // Ø-Þ (not ×)
    {0x0100, 0x012E, 1, 2},    // Ā-Į
    {0x0132, 0x0136, 1, 2},    // Ĳ-Ķ
    {0x0139, 0x0147, 1, 2},    // Ĺ-Ň
    {0x014A, 0x0176, 1, 2},    // Ŋ-Ŷ
    // Ÿ -> ÿ, a negative offset: char32_t arithmetic wraps, so c + offset and
    // c - offset still land on the right letters.
    {0x0178, 0x0178, static_cast<char32_t>(0x00FF - 0x0178), 1},
    {0x0179, 0x017D, 1, 2},    // Ź-Ž
    {0x0386, 0x0386, 38, 1},   // Ά
    {0x0388, 0x038A, 37, 1},   // Έ-Ί
    {0x038C, 0x038C, 64, 1},   // Ό
    {0x038E, 0x038F, 63, 1},   // Ύ-Ώ
    {0x0391, 0x03A1, 32, 1},   // Α-Ρ
    {0x03A3, 0x03AB, 32, 1},   // Σ-Ϋ
    {0x0400, 0x040F, 80, 1},   // Ѐ-Џ
    {0x0410, 0x042F, 32, 1},   // А-Я
    {0x0460, 0x0480, 1, 2},    // Ѡ-Ҁ
    {0x048A, 0x04BE, 1, 2},    // Ҋ-Ҿ
    {0x0531, 0x0556, 48, 1},   // Armenian Ա-Ֆ
    {0x1E00, 0x1E94, 1, 2},    // Latin Extended Additional Ḁ-Ẕ
    {0x1EA0, 0x1EFE, 1, 2},    // Ạ-Ỿ (Vietnamese)
}};

constexpr char32_t fullwidth_capital_a = 0xFF21;
constexpr char32_t fullwidth_capital_z = 0xFF3A;

bool in_range(const CaseRange& range, char32_t upper) {
  return upper >= range.first && upper <= range.last && (upper - range.first) % range.step == 0;
}

char32_t lower_of(char32_t c) {
  if (c >= fullwidth_capital_a && c <= fullwidth_capital_z) return c + 32;
  for (const CaseRange& range : case_ranges) {
    if (in_range(range, c)) return c + range.offset;
  }
  return c;
}

char32_t upper_of(char32_t c) {
  if (c >= fullwidth_capital_a + 32 && c <= fullwidth_capital_z + 32) return c - 32;
  if (c == 0x03C2) return 0x03A3;  // final sigma ς -> Σ
  for (const CaseRange& range : case_ranges) {
    if (in_range(range, c - range.offset)) return c - range.offset;
  }
  return c;
}

template <class Map>
std::string map_code_points(std::string_view text, Map map) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint point = decode_utf8(text, at);
    if (point.valid) {
      append_utf8(out, map(point.value));
    } else {
      out += text[at];
    }
    at += point.length;
  }
  return out;
}

}  // namespace

std::string to_lower_case(std::string_view text) { return map_code_points(text, lower_of); }

std::string to_upper_case(std::string_view text) { return map_code_points(text, upper_of); }

}  // namespace gleaner::extract
