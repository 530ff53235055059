#include "crawl/trap_guard.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "crawl/fingerprint.hpp"

namespace gleaner::crawl {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "/a/b/" -> {"a", "b"}: the empty segment after a trailing slash is no segment.
std::vector<std::string_view> segments_of(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.starts_with('/')) path.remove_prefix(1);
  if (path.ends_with('/')) path.remove_suffix(1);
  if (path.empty()) return segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    segments.push_back(path.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

bool repeats_segments(const std::vector<std::string_view>& segments) {
  for (const std::string_view segment : segments) {
    if (std::count(segments.begin(), segments.end(), segment) > TrapGuard::max_segment_repeats) return true;
  }
  // A run of k >= 2 segments three times back to back: "a/b/a/b/a/b".
  const std::size_t n = segments.size();
  for (std::size_t k = 2; 3 * k <= n; ++k) {
    for (std::size_t i = 0; i + 3 * k <= n; ++i) {
      const auto run = segments.begin() + static_cast<std::ptrdiff_t>(i);
      const auto width = static_cast<std::ptrdiff_t>(k);
      if (std::equal(run, run + width, run + width) && std::equal(run, run + width, run + 2 * width)) return true;
    }
  }
  return false;
}

// "scheme://host:port" and the rest, for a canonical URL's text.
std::pair<std::string_view, std::string_view> split_origin(std::string_view url) {
  const std::size_t authority = url.find("://");
  const std::size_t rest = url.find_first_of("/?", authority == std::string_view::npos ? 0 : authority + 3);
  if (rest == std::string_view::npos) return {url, {}};
  return {url.substr(0, rest), url.substr(rest)};
}

// Two texts are the same but for their numbers: equal once every run of
// digits is read as one placeholder.
bool same_but_numbers(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      while (i < a.size() && is_digit(a[i])) ++i;
      while (j < b.size() && is_digit(b[j])) ++j;
    } else if (a[i] == b[j]) {
      ++i;
      ++j;
    } else {
      return false;
    }
  }
  return i == a.size() && j == b.size();
}

bool year_like(std::string_view digits) {
  const int year = std::stoi(std::string(digits.substr(0, 4)));
  if (year < 1900 || year > 2199) return false;
  if (digits.size() == 4) return true;
  const int month = std::stoi(std::string(digits.substr(4, 2)));
  return month >= 1 && month <= 12;
}

// A year, or a yyyymm / yyyymmdd run: what calendar links carry.
bool has_date_number(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_digit(text[end])) ++end;
    const std::size_t length = end - i;
    if ((length == 4 || length == 6 || length == 8) && year_like(text.substr(i, length))) return true;
    i = end;
  }
  return false;
}

}  // namespace

std::string_view describe(TrapKind kind) {
  switch (kind) {
    case TrapKind::none: return "none";
    case TrapKind::too_many_segments: return "too many path segments";
    case TrapKind::repeated_segments: return "repeated path segments";
    case TrapKind::calendar: return "endless calendar";
  }
  return "unknown";
}

TrapCheck TrapGuard::check(const Url& url, std::string_view referer) const {
  const std::vector<std::string_view> segments = segments_of(url.path());
  if (segments.size() > max_segments) return {TrapKind::too_many_segments, 0};
  if (repeats_segments(segments)) return {TrapKind::repeated_segments, 0};

  const auto [origin, rest] = split_origin(referer);
  const std::string_view here = url.path_and_query();
  if (referer.empty() || origin != url.origin() || rest == here || !same_but_numbers(rest, here) ||
      !has_date_number(here)) {
    return {TrapKind::none, 0};
  }
  const auto known = calendar_steps_.find(fingerprint(referer));
  const int steps = (known == calendar_steps_.end() ? 0 : known->second) + 1;
  if (steps > max_calendar_steps) return {TrapKind::calendar, steps};
  return {TrapKind::none, steps};
}

void TrapGuard::admitted(std::uint64_t fingerprint, const TrapCheck& check) {
  if (check.calendar_steps > 0) calendar_steps_[fingerprint] = static_cast<std::uint16_t>(check.calendar_steps);
}

}  // namespace gleaner::crawl
