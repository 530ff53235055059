// RobotsRules: what one host's robots.txt allows our crawler (RFC 9309), parsed
// once per host and asked for every URL before it is fetched. Pure: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawl/robots_pattern.hpp"

namespace gleaner::crawl {

// RFC 9309 §2.5: only this much of a robots.txt body is parsed, so a fetcher
// need not keep more (one byte more tells whether the last line is whole).
constexpr std::size_t robots_parse_limit = 500 * 1024;

struct RobotsRule {
  bool allow = false;
  std::string pattern;  // as written, percent-normalised (RobotsPattern::text)
  int line = 0;         // 1-based line of the robots.txt body
};

struct RobotsDecision {
  bool allowed = true;
  std::optional<RobotsRule> rule;  // none: no rule matched, or allow_all / disallow_all
};

class RobotsRules {
 public:
  static RobotsRules allow_all();     // robots.txt answered 4xx, or there is none
  static RobotsRules disallow_all();  // 5xx or unreachable (RFC 9309 §2.3.1.4)

  // `path_and_query` as in the request ("/a/b?x=1"); "" is "/". The most
  // specific matching rule decides, Allow on a tie (RFC 9309 §2.2.2);
  // /robots.txt itself is always allowed.
  RobotsDecision decide(std::string_view path_and_query) const;
  bool allowed(std::string_view path_and_query) const { return decide(path_and_query).allowed; }

  // Seconds, the largest Crawl-delay of the selected group(s); none if unset.
  std::optional<double> crawl_delay() const { return crawl_delay_; }
  // Every Sitemap: line of the file, in order, whatever group it is in.
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  friend RobotsRules parse_robots(std::string_view body, std::string_view agent);

  struct Entry {
    RobotsRule rule;
    RobotsPattern pattern;
  };

  std::vector<Entry> entries_;  // most specific first, Allow before Disallow on a tie
  bool disallow_everything_ = false;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
};

// Never fails: lines that are not understood are ignored. `agent` is our
// product token ("gleaner"); only its leading letters, '_' and '-' count, and
// groups are chosen by comparing them case-insensitively (RFC 9309 §2.2.1).
RobotsRules parse_robots(std::string_view body, std::string_view agent);

}  // namespace gleaner::crawl
