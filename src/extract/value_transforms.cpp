#include "extract/value_transforms.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <utility>

#include "extract/letter_case.hpp"
#include "extract/utf8_text.hpp"

namespace gleaner::extract {
namespace {

// The first capture group's text, or the whole match when the pattern has
// none; nullopt when nothing matched or the group took no part in the match.
std::optional<std::string> regex_capture(const std::string& text, const re2::RE2& pattern) {
  const int wanted = pattern.NumberOfCapturingGroups() > 0 ? 1 : 0;
  re2::StringPiece submatches[2];
  if (!pattern.Match(text, 0, text.size(), re2::RE2::UNANCHORED, submatches, wanted + 1)) return std::nullopt;
  const re2::StringPiece& picked = submatches[wanted];
  if (picked.data() == nullptr) return std::nullopt;
  return std::string(picked.data(), picked.size());
}

std::string join_texts(const std::vector<std::string>& texts, std::string_view separator) {
  std::string joined;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) joined.append(separator);
    joined.append(texts[i]);
  }
  return joined;
}

}  // namespace

std::optional<std::string> clean_text(std::string text, const config::ValueTransforms& transforms) {
  if (transforms.normalize_whitespace) text = collapse_whitespace(text);
  if (transforms.regex) {
    std::optional<std::string> captured = regex_capture(text, *transforms.regex);
    if (!captured) return std::nullopt;
    text = std::move(*captured);
  }
  for (const config::Replacement& replacement : transforms.replace) {
    re2::RE2::GlobalReplace(&text, *replacement.pattern, replacement.rewrite);
  }
  return text;
}

std::vector<std::string> split_text(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(separator, begin), text.size());
    const std::string_view part = trim_whitespace(text.substr(begin, end - begin));
    if (!part.empty()) parts.emplace_back(part);
    begin = end + separator.size();
  }
  return parts;
}

TransformedTexts transform_texts(std::vector<std::string> matched, bool all,
                                 const config::ValueTransforms& transforms) {
  TransformedTexts result;
  result.is_list = all;
  for (std::string& text : matched) {
    std::optional<std::string> cleaned = clean_text(std::move(text), transforms);
    if (cleaned && !cleaned->empty()) result.texts.push_back(std::move(*cleaned));
  }
  if (transforms.split) {
    std::vector<std::string> parts;
    for (const std::string& text : result.texts) {
      for (std::string& part : split_text(text, *transforms.split)) parts.push_back(std::move(part));
    }
    result.texts = std::move(parts);
    result.is_list = true;
  }
  if (transforms.join) {
    if (!result.texts.empty()) result.texts = {join_texts(result.texts, *transforms.join)};
    result.is_list = false;
  }
  if (transforms.letter_case != config::LetterCase::unchanged) {
    const bool lower = transforms.letter_case == config::LetterCase::lower;
    for (std::string& text : result.texts) text = lower ? to_lower_case(text) : to_upper_case(text);
  }
  return result;
}

}  // namespace gleaner::extract
