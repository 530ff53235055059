#include "crawl/robots_pattern.hpp"

#include <algorithm>
#include <cstring>

#include "core/percent_encoding.hpp"

namespace gleaner::crawl {
namespace {

using percent::append_encoded;
using percent::hex_value;
using percent::is_unreserved;

// Octets a URI can only carry percent-encoded (RFC 3986 §2): controls, space,
// non-ASCII, and the printable characters that are neither reserved nor
// unreserved. Encoding them makes "/a{b" and "/a%7Bb" compare equal.
bool needs_encoding(unsigned char c) {
  if (c <= 0x20 || c >= 0x7F) return true;
  return std::string_view("\"<>\\^`{|}").find(static_cast<char>(c)) != std::string_view::npos;
}

// Appends the normalised form of `text[i]` (and of the escape it starts) and
// returns the index after what was consumed. '*' and '$' are left to callers.
std::size_t append_normalised(std::string& out, std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c == '%') {
    const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = high >= 0 ? hex_value(text[i + 2]) : -1;
    if (low < 0) {  // a '%' that starts no escape stands for itself
      append_encoded(out, c);
      return i + 1;
    }
    const auto octet = static_cast<unsigned char>(high * 16 + low);
    if (is_unreserved(octet)) {
      out += static_cast<char>(octet);
    } else {
      append_encoded(out, octet);
    }
    return i + 3;
  }
  if (needs_encoding(c)) {
    append_encoded(out, c);
  } else {
    out += static_cast<char>(c);
  }
  return i + 1;
}

}  // namespace

std::string normalise_robots_path(std::string_view path_and_query) {
  std::string out;
  out.reserve(path_and_query.size() + 1);
  if (path_and_query.empty() || path_and_query.front() == '?') out += '/';
  for (std::size_t i = 0; i < path_and_query.size();) {
    const char c = path_and_query[i];
    if (c == '*' || c == '$') {
      append_encoded(out, static_cast<unsigned char>(c));
      ++i;
    } else {
      i = append_normalised(out, path_and_query, i);
    }
  }
  return out;
}

RobotsPattern::RobotsPattern(std::string_view written) {
  text_.reserve(written.size());
  for (std::size_t i = 0; i < written.size();) {
    const char c = written[i];
    if (c == '*') {
      text_ += c;
      ++i;
    } else if (c == '$') {
      // RFC 9309 §2.2.3: '$' anchors only as the last character.
      if (i + 1 == written.size()) {
        text_ += c;
      } else {
        append_encoded(text_, '$');
      }
      ++i;
    } else {
      i = append_normalised(text_, written, i);
    }
  }

  std::string_view body = text_;
  if (body.ends_with('$')) {
    body.remove_suffix(1);
    anchored_ = true;
  }
  std::size_t star = body.find('*');
  head_.size = std::min(star, body.size());
  while (star != std::string_view::npos) {
    has_wildcard_ = true;
    const std::size_t begin = star + 1;
    star = body.find('*', begin);
    const std::size_t end = std::min(star, body.size());
    if (end > begin) floating_.push_back(Segment{begin, end - begin, {}});
  }

  // "/a*b$" pins its last run to the end of the path; after "/a*$" or
  // "/a*b*$" the anchor demands nothing.
  last_pinned_ = anchored_ && !floating_.empty() && !body.ends_with('*');
  const std::size_t searched = floating_.size() - (last_pinned_ ? 1 : 0);
  for (std::size_t s = 0; s < searched; ++s) {
    Segment& segment = floating_[s];
    const std::string_view needle = literal(segment);
    segment.failure.assign(needle.size(), 0);
    std::uint32_t k = 0;
    for (std::size_t i = 1; i < needle.size(); ++i) {
      while (k > 0 && needle[i] != needle[k]) k = segment.failure[k - 1];
      if (needle[i] == needle[k]) ++k;
      segment.failure[i] = k;
    }
  }
}

// Knuth–Morris–Pratt, so that no pattern costs more than one pass over the path.
std::size_t RobotsPattern::find(const Segment& segment, std::string_view path,
                                std::size_t from) const {
  const std::string_view needle = literal(segment);
  std::uint32_t k = 0;
  for (std::size_t i = from; i < path.size(); ++i) {
    if (k == 0) {  // skip ahead to a possible start at memchr's speed
      const void* start = std::memchr(path.data() + i, needle[0], path.size() - i);
      if (start == nullptr) return std::string_view::npos;
      i = static_cast<std::size_t>(static_cast<const char*>(start) - path.data());
    }
    while (k > 0 && path[i] != needle[k]) k = segment.failure[k - 1];
    if (path[i] == needle[k]) ++k;
    if (k == needle.size()) return i + 1 - needle.size();
  }
  return std::string_view::npos;
}

bool RobotsPattern::matches(std::string_view path) const {
  const std::string_view head = literal(head_);
  if (!has_wildcard_) return anchored_ ? path == head : path.starts_with(head);
  if (!path.starts_with(head)) return false;

  // Placing each run at its leftmost occurrence leaves the most room for the
  // rest, so the first placement found is as good as any.
  std::size_t pos = head.size();
  const std::size_t searched = floating_.size() - (last_pinned_ ? 1 : 0);
  for (std::size_t s = 0; s < searched; ++s) {
    const std::size_t found = find(floating_[s], path, pos);
    if (found == std::string_view::npos) return false;
    pos = found + floating_[s].size;
  }
  if (!last_pinned_) return true;
  const std::string_view last = literal(floating_.back());
  return path.size() - pos >= last.size() && path.ends_with(last);
}

}  // namespace gleaner::crawl
