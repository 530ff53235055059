// RobotsPattern: one Allow/Disallow path pattern of a robots.txt file, compiled
// for matching; and the percent-normalisation both patterns and paths go through.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gleaner::crawl {

// A request's path and query in the form patterns are compared with
// (RFC 9309 §2.2.2): %XX of unreserved characters decoded, other %XX
// upper-cased, octets a URI cannot carry as they are (non-ASCII, controls,
// space, "<>{}|\^`, a stray '%') encoded, and '*' and '$' encoded as %2A and
// %24 so only a pattern's wildcards are special (RFC 9309 §2.2.3). An empty
// input, or one starting with '?', gets a leading '/'.
std::string normalise_robots_path(std::string_view path_and_query);

class RobotsPattern {
 public:
  // `written` is the value of an Allow/Disallow line, trimmed, not empty.
  explicit RobotsPattern(std::string_view written);

  // Normalised as paths are, except '*' (any sequence) and a final '$' (end of
  // the path) stay as they are; a '$' elsewhere is literal and becomes %24.
  const std::string& text() const { return text_; }

  // `path` must come from normalise_robots_path. Without a final '$' the
  // pattern matches a prefix of the path (RFC 9309 §2.2.2). Time is linear in
  // the lengths of the path and the pattern, whatever the wildcards.
  bool matches(std::string_view path) const;

 private:
  // A run of literal octets between wildcards, with its KMP failure table when
  // it has to be searched for rather than compared in place.
  struct Segment {
    std::size_t begin = 0;
    std::size_t size = 0;
    std::vector<std::uint32_t> failure;
  };

  std::string_view literal(const Segment& segment) const {
    return std::string_view(text_).substr(segment.begin, segment.size);
  }
  std::size_t find(const Segment& segment, std::string_view path, std::size_t from) const;

  std::string text_;
  bool anchored_ = false;         // ends with '$'
  Segment head_;                  // before the first '*'; must start the path
  std::vector<Segment> floating_; // after a '*' each; empty runs dropped
  bool has_wildcard_ = false;
  bool last_pinned_ = false;      // the last floating run must end the path
};

}  // namespace gleaner::crawl
